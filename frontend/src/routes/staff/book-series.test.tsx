import { fireEvent, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { json, mockApi, renderWithProviders } from "@/test/render";
import { BookSeriesPage } from "./book-series";

afterEach(() => vi.unstubAllGlobals());

const house = { id: 3, first_name: "Gregory", middle_name: null, last_name: "House", specialty_name: "Family medicine" };
const main = { id: 4, name: "Main", city: "Chicago", time_zone: "America/Chicago", is_active: true };
const occurrence = (n: number, starts_at: string) => ({ number: n, starts_at, ends_at: starts_at, free: true, problem: null });

function routes() {
  return mockApi({
    "GET /api/v1/patients/9": () => json({ id: 9, first_name: "Ada", last_name: "Lovelace" }),
    "GET /api/v1/doctors": () => json({ items: [house], page: 1, per_page: 100, total: 1 }),
    "GET /api/v1/doctors/3/offices": () => json({ office_ids: [4], offices: [main] }),
    "POST /api/v1/appointment-series/preview": () =>
      json({ rrule: "FREQ=WEEKLY;COUNT=2", description: "weekly, 2 visits", time_zone: "America/Chicago", occurrences: [occurrence(1, "2026-12-07T15:00:00Z"), occurrence(2, "2026-12-14T15:00:00Z")] }),
  });
}

const previews = (api: ReturnType<typeof mockApi>) => api.mock.calls.map((c) => c[0] as Request).filter((r) => r.url.endsWith("/preview"));

describe("Book a series", () => {
  it("shows every missing choice at once and sends nothing", async () => {
    const api = routes();
    renderWithProviders(<BookSeriesPage />, { route: "/staff/book-series?patient=9" });
    fireEvent.change(await screen.findByLabelText(/^Length \(minutes\)/), { target: { value: "3" } });
    fireEvent.click(screen.getByRole("button", { name: "Preview visits" }));
    expect(await screen.findByText("Choose a doctor.")).toBeInTheDocument();
    expect(screen.getByText("Choose an office.")).toBeInTheDocument();
    expect(screen.getByText("Enter the day and time of the first visit.")).toBeInTheDocument();
    expect(screen.getByText("Enter a whole number from 5 to 480.")).toBeInTheDocument();
    expect(previews(api)).toHaveLength(0);
  });

  it("reads the first visit on the office's clock and lists the visits in its zone, labelled", async () => {
    const api = routes();
    renderWithProviders(<BookSeriesPage />, { route: "/staff/book-series?patient=9" });
    fireEvent.change(await screen.findByLabelText(/^Doctor( \*)?$/), { target: { value: "3" } });
    expect(await screen.findByRole("option", { name: "Main, Chicago" })).toBeInTheDocument();
    fireEvent.change(screen.getByLabelText(/^Office( \*)?$/), { target: { value: "4" } });
    fireEvent.change(screen.getByLabelText(/^First visit/), { target: { value: "2026-12-07T09:00" } });
    fireEvent.change(screen.getByLabelText(/^Number of visits/), { target: { value: "2" } });
    const preview = screen.getByRole("button", { name: "Preview visits" });
    fireEvent.click(preview);
    fireEvent.click(preview);
    expect(await screen.findByText("Mon, Dec 7, 9:00 AM CST")).toBeInTheDocument();
    expect(previews(api)).toHaveLength(1);
    const body = await previews(api)[0]!.clone().json();
    expect(body).toMatchObject({ patient_id: 9, doctor_id: 3, office_id: 4, starts_at: "2026-12-07T15:00:00.000Z", rrule: "FREQ=WEEKLY;COUNT=2" });
    expect(screen.getByRole("button", { name: "Book 2 free visits" })).toBeEnabled();
  });
});
