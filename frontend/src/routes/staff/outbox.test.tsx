import { fireEvent, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { json, mockApi, renderWithProviders } from "@/test/render";
import type { OutboxMessage } from "@/features/outbox/components/outbox-table";
import { OutboxPage } from "./outbox";

afterEach(() => vi.unstubAllGlobals());

const message: OutboxMessage = {
  id: 1,
  channel: "email",
  kind: "reminder",
  status: "unsent",
  appointment_id: 7,
  recipient_user_id: 3,
  recipient_name: "Alice Smith",
  subject: "Reminder: your appointment on Thu 2030-01-10 10:00 UTC",
  due_at: "2030-01-09T10:00:00Z",
  attempts: 1,
  next_attempt_at: null,
  sent_at: null,
  last_error: "no email sender is configured",
  created_at: "2030-01-07T08:00:00Z",
};

describe("OutboxPage", () => {
  it("shows who is told what and how delivery went, and filters by status", async () => {
    const api = mockApi({
      "GET /api/v1/outbox": () => json({ items: [message], page: 1, per_page: 25, total: 1 }),
    });
    renderWithProviders(<OutboxPage />);
    expect(await screen.findByText("Alice Smith")).toBeInTheDocument();
    expect(screen.getByText("Reminder", { selector: "td" })).toBeInTheDocument();
    expect(screen.getByText("Not sent (no mail server)", { selector: "span" })).toBeInTheDocument();
    expect(screen.getByText("no email sender is configured")).toBeInTheDocument();
    expect(document.title).toBe("Outbox · Clinic");
    fireEvent.change(screen.getByLabelText("Status"), { target: { value: "sent" } });
    await waitFor(() => {
      const last = api.mock.calls.at(-1)?.[0] as Request;
      expect(new URL(last.url).searchParams.get("status")).toBe("sent");
    });
  });

  it("says so plainly when nothing matches", async () => {
    mockApi({ "GET /api/v1/outbox": () => json({ items: [], page: 1, per_page: 25, total: 0 }) });
    renderWithProviders(<OutboxPage />);
    expect(await screen.findByText("No messages match this filter.")).toBeInTheDocument();
  });
});
