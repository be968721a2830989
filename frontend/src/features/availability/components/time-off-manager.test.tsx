import { fireEvent, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { json, mockApi, problem, renderWithProviders } from "@/test/render";
import { TimeOffManager } from "./time-off-manager";

afterEach(() => vi.unstubAllGlobals());

const leave = {
  id: 9,
  doctor_id: 3,
  starts_at: "2030-07-01T14:00:00.000000Z",
  ends_at: "2030-07-02T14:00:00.000000Z",
  reason: "Conference",
  created_at: "2030-06-01T10:00:00.000000Z",
};

describe("TimeOffManager", () => {
  it("lists time off with its reason and removes it", async () => {
    const api = mockApi({
      "GET /api/v1/doctors/3/time-off": () => json([leave]),
      "DELETE /api/v1/doctors/3/time-off/9": () => new Response(null, { status: 204 }),
    });
    renderWithProviders(<TimeOffManager doctorId={3} />);
    expect(await screen.findByText(/Conference/)).toBeInTheDocument();
    fireEvent.click(screen.getByRole("button", { name: /Remove time off/ }));
    await waitFor(() => expect(api.mock.calls.some((c) => (c[0] as Request).method === "DELETE")).toBe(true));
  });

  it("checks the range first, then sends it as instants read on the clinic's clock", async () => {
    const api = mockApi({
      "GET /api/v1/offices": () => json({ items: [{ id: 1, name: "Main", time_zone: "America/Chicago", is_active: true }], page: 1, per_page: 100, total: 1 }),
      "GET /api/v1/doctors/3/time-off": () => json([]),
      "POST /api/v1/doctors/3/time-off": () => json(problem(422, [{ field: "starts_at", message: "overlaps time off already recorded" }]), 422),
    });
    renderWithProviders(<TimeOffManager doctorId={3} />);
    await screen.findByText("No time off recorded");
    await screen.findByText("Times in America/Chicago.");
    fireEvent.change(screen.getByLabelText(/From/), { target: { value: "2030-07-02T09:00" } });
    fireEvent.change(screen.getByLabelText(/Until/), { target: { value: "2030-07-01T09:00" } });
    fireEvent.click(screen.getByRole("button", { name: "Add time off" }));
    expect(await screen.findByText("Choose an end after the start.")).toBeInTheDocument();
    expect(api.mock.calls.some((c) => (c[0] as Request).method === "POST")).toBe(false);
    fireEvent.change(screen.getByLabelText(/Until/), { target: { value: "2030-07-03T09:00" } });
    fireEvent.click(screen.getByRole("button", { name: "Add time off" }));
    expect(await screen.findByText("From overlaps time off already recorded.")).toBeInTheDocument();
    const post = api.mock.calls.map((c) => c[0] as Request).find((r) => r.method === "POST")!;
    const body = await post.clone().json();
    expect(body.starts_at).toBe("2030-07-02T14:00:00.000Z"); // 9:00 AM CDT
    expect(body.reason).toBeNull();
  });
});
