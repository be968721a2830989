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

  it("sends the range as instants and shows the server's plain-language error", async () => {
    const api = mockApi({
      "GET /api/v1/doctors/3/time-off": () => json([]),
      "POST /api/v1/doctors/3/time-off": () => json(problem(422, [{ field: "ends_at", message: "must be after starts_at" }]), 422),
    });
    renderWithProviders(<TimeOffManager doctorId={3} />);
    await screen.findByText("No time off recorded");
    fireEvent.change(screen.getByLabelText(/From/), { target: { value: "2030-07-02T09:00" } });
    fireEvent.change(screen.getByLabelText(/Until/), { target: { value: "2030-07-01T09:00" } });
    fireEvent.click(screen.getByRole("button", { name: "Add time off" }));
    expect(await screen.findByText("must be after starts_at")).toBeInTheDocument();
    const post = api.mock.calls.map((c) => c[0] as Request).find((r) => r.method === "POST")!;
    const body = await post.clone().json();
    expect(body.starts_at).toBe(new Date("2030-07-02T09:00").toISOString());
    expect(body.reason).toBeNull();
  });
});
