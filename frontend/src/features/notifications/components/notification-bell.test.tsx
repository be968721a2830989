import { fireEvent, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { json, mockApi, renderWithProviders } from "@/test/render";
import { NotificationBell } from "./notification-bell";

afterEach(() => vi.unstubAllGlobals());

const notification = {
  id: 1,
  kind: "bill_issued",
  message: "A bill of $120.00 was issued",
  is_read: false,
  created_at: "2030-01-01T10:00:00Z",
};

describe("NotificationBell", () => {
  it("announces the unread count and lists the latest notifications", async () => {
    let unread = 2;
    const api = mockApi({
      "GET /api/v1/notifications/unread-count": () => json({ unread }),
      "GET /api/v1/notifications": () => json({ items: [notification], page: 1, per_page: 8, total: 1 }),
      "POST /api/v1/notifications/1/read": () => {
        unread = 1;
        return json({ ...notification, is_read: true });
      },
    });
    renderWithProviders(<NotificationBell />);
    const bell = await screen.findByRole("button", { name: "Notifications, 2 unread" });
    expect(bell).toHaveAttribute("aria-expanded", "false");

    fireEvent.click(bell);
    expect(bell).toHaveAttribute("aria-expanded", "true");
    expect(await screen.findByText(/A bill of \$120.00 was issued/)).toBeInTheDocument();

    fireEvent.click(screen.getByRole("button", { name: /^Mark read: / }));
    await screen.findByRole("button", { name: "Notifications, 1 unread" });
    expect(api.mock.calls.some((c) => (c[0] as Request).method === "POST")).toBe(true);

    fireEvent.keyDown(document, { key: "Escape" });
    await waitFor(() => expect(screen.queryByRole("region", { name: "Latest notifications" })).not.toBeInTheDocument());
  });

  it("shows no count when everything is read", async () => {
    mockApi({ "GET /api/v1/notifications/unread-count": () => json({ unread: 0 }) });
    renderWithProviders(<NotificationBell />);
    await waitFor(() => expect(screen.getByRole("button", { name: "Notifications" })).toBeInTheDocument());
    expect(screen.queryByTestId("unread-count")).not.toBeInTheDocument();
  });
});
