import { fireEvent, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { json, mockApi, renderWithProviders } from "@/test/render";
import { CalendarFeedPanel } from "./calendar-feed-panel";

afterEach(() => vi.unstubAllGlobals());

const feed = {
  id: 7,
  doctor_id: 3,
  include_patient_names: false,
  created_at: "2030-01-01T10:00:00Z",
  revoked_at: null,
  last_used_at: null,
};
const token = "ab".repeat(32);

describe("CalendarFeedPanel", () => {
  it("creates a feed with the opt-in and shows its URL once, with the warning", async () => {
    const api = mockApi({
      "GET /api/v1/calendar-feeds": () => json([]),
      "POST /api/v1/calendar-feeds": () =>
        json({ feed: { ...feed, include_patient_names: true }, token, path: `/api/v1/calendar-feeds/${token}.ics` }, 201),
    });
    renderWithProviders(<CalendarFeedPanel />);
    expect(await screen.findByText("No feeds yet.")).toBeInTheDocument();
    fireEvent.click(screen.getByLabelText(/Show patients' names/));
    fireEvent.click(screen.getByRole("button", { name: "Create feed URL" }));
    const url = await screen.findByLabelText("Feed URL");
    expect((url as HTMLInputElement).value).toMatch(new RegExp(`/api/v1/calendar-feeds/${token}\\.ics$`));
    expect(screen.getByText(/It will not be shown again/)).toBeInTheDocument();
    const post = api.mock.calls.map((c) => c[0] as Request).find((r) => r.method === "POST")!;
    expect(await post.clone().json()).toEqual({ include_patient_names: true });
    fireEvent.click(screen.getByRole("button", { name: "I have copied it" }));
    await waitFor(() => expect(screen.queryByLabelText("Feed URL")).not.toBeInTheDocument());
  });

  it("lists feeds without tokens and revokes an active one", async () => {
    const api = mockApi({
      "GET /api/v1/calendar-feeds": () =>
        json([feed, { ...feed, id: 6, revoked_at: "2030-01-02T10:00:00Z", last_used_at: "2030-01-01T12:00:00Z" }]),
      "DELETE /api/v1/calendar-feeds/7": () => new Response(null, { status: 204 }),
    });
    renderWithProviders(<CalendarFeedPanel />);
    const revoke = await screen.findAllByRole("button", { name: /Revoke the feed/ });
    expect(revoke).toHaveLength(1);
    expect(screen.getByText(/revoked/)).toBeInTheDocument();
    fireEvent.click(revoke[0]!);
    await waitFor(() =>
      expect(api.mock.calls.map((c) => c[0] as Request).some((r) => r.method === "DELETE" && r.url.endsWith("/calendar-feeds/7"))).toBe(true),
    );
  });
});
