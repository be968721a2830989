import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { useLocation } from "react-router";
import { afterEach, describe, expect, it, vi } from "vitest";
import { calendar, visit } from "@/test/calendar-fixtures";
import { json, mockApi, problem, renderWithProviders } from "@/test/render";
import { todayIn } from "../zone";
import { ScheduleView } from "./schedule-view";

const TZ = "Europe/Berlin";

function Location() {
  const location = useLocation();
  return <output data-testid="location">{location.search}</output>;
}

const offices = { items: [{ id: 1, name: "Main Street Clinic", city: "Springfield", time_zone: TZ, is_active: true }], page: 1, per_page: 100, total: 1 };
const doctors = {
  items: [
    { id: 1, first_name: "Greg", last_name: "House", specialty_name: "Diagnostics" },
    { id: 2, first_name: "Lisa", last_name: "Cuddy", specialty_name: "Endocrinology" },
  ],
  page: 1,
  per_page: 100,
  total: 2,
};

function setup(route: string, more: Record<string, (r: Request) => Response | Promise<Response>> = {}) {
  const alice = visit(TZ, "2026-03-10", "09:00", 30, { id: 1, patient_name: "Alice Smith" });
  const requests: URL[] = [];
  const api = mockApi({
    "GET /api/v1/offices": () => json(offices),
    "GET /api/v1/doctors": () => json(doctors),
    "GET /api/v1/calendar": (r) => {
      const url = new URL(r.url);
      requests.push(url);
      const from = url.searchParams.get("from")!;
      const days = Number(url.searchParams.get("days"));
      const dates = Array.from({ length: days }, (_, i) => new Date(Date.parse(`${from}T12:00:00Z`) + i * 86_400_000).toISOString().slice(0, 10));
      return json(calendar(TZ, from, dates, [alice]));
    },
    ...more,
  });
  renderWithProviders(
    <>
      <ScheduleView mode="staff" title="Schedule" actions={["confirm", "check-in", "no-show", "cancel"]} />
      <Location />
    </>,
    { route },
  );
  return { api, requests, alice };
}

afterEach(() => vi.unstubAllGlobals());

describe("ScheduleView", () => {
  it("shows the day the URL names and asks for exactly that day", async () => {
    const { requests } = setup("/staff/board?date=2026-03-10&view=day&office=1");
    await screen.findByRole("button", { name: "9:00 AM to 9:30 AM, Alice Smith, Scheduled" });
    expect(screen.getByText("Tuesday, March 10, 2026")).toBeInTheDocument();
    expect(screen.getAllByText(/times in Europe\/Berlin \(UTC\+01:00\)/).length).toBeGreaterThan(0);
    expect(requests.at(-1)!.searchParams.toString()).toBe("office_id=1&from=2026-03-10&days=1");
    expect(screen.getAllByRole("region", { name: /^Dr\./ })).toHaveLength(2);
  });

  it("fills a missing date and office into the URL with the office's today", async () => {
    setup("/staff/board");
    await waitFor(() => expect(screen.getByTestId("location").textContent).toContain(`date=${todayIn(TZ)}`));
    expect(screen.getByTestId("location").textContent).toContain("office=1");
  });

  it("steps through days and switches to one doctor's week in the URL", async () => {
    const { requests } = setup("/staff/board?date=2026-03-10&view=day&office=1");
    await screen.findByRole("button", { name: /Alice Smith/ });
    fireEvent.click(screen.getByRole("button", { name: "Next day" }));
    await waitFor(() => expect(screen.getByTestId("location").textContent).toContain("date=2026-03-11"));
    await waitFor(() => expect(requests.at(-1)!.searchParams.get("from")).toBe("2026-03-11"));
    fireEvent.click(screen.getByRole("button", { name: "week" }));
    await waitFor(() => expect(screen.getByTestId("location").textContent).toMatch(/view=week.*doctor=1|doctor=1.*view=week/));
    await waitFor(() => expect(requests.at(-1)!.searchParams.toString()).toBe("office_id=1&from=2026-03-09&days=7&doctor_id=1"));
    expect(await screen.findAllByRole("region", { name: /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun),/ })).toHaveLength(7);
    fireEvent.click(screen.getByRole("button", { name: "Previous week" }));
    await waitFor(() => expect(screen.getByTestId("location").textContent).toContain("date=2026-03-04"));
  });

  it("moves a visit with the keyboard and confirms it in the Move dialog", async () => {
    const patches: unknown[] = [];
    setup("/staff/board?date=2026-03-10&view=day&office=1", {
      "PATCH /api/v1/appointments/1": async (r) => {
        const body = (await r.json()) as { starts_at: string };
        patches.push(body);
        return json({ ...visit(TZ, "2026-03-10", "09:30", 30, { id: 1, patient_name: "Alice Smith" }), starts_at: body.starts_at });
      },
    });
    const alice = await screen.findByRole("button", { name: /Alice Smith/ });
    alice.focus();
    fireEvent.keyDown(alice, { key: "m" });
    fireEvent.keyDown(alice, { key: "ArrowDown" });
    fireEvent.keyDown(alice, { key: "ArrowDown" });
    fireEvent.keyDown(alice, { key: "Enter" });
    const dialog = await screen.findByRole("dialog", { name: "Move Alice Smith's visit" });
    expect(within(dialog).getByLabelText(/New start/)).toHaveValue("09:30");
    expect(within(dialog).getByText(/Office time: Europe\/Berlin/)).toBeInTheDocument();
    fireEvent.click(within(dialog).getByRole("button", { name: "Move to Tue, Mar 10 9:30 AM" }));
    await waitFor(() => expect(patches).toEqual([{ starts_at: "2026-03-10T08:30:00.000Z" }]));
    expect(await screen.findByText("Moved Alice Smith's visit to Tue, Mar 10 9:30 AM.")).toBeInTheDocument();
  });

  it("offers staff to overbook when the new time is taken", async () => {
    const bodies: unknown[] = [];
    setup("/staff/board?date=2026-03-10&view=day&office=1", {
      "PATCH /api/v1/appointments/1": async (r) => {
        bodies.push(await r.json());
        return bodies.length === 1 ? json(problem(409, [], "The doctor has another appointment then."), 409) : json(visit(TZ, "2026-03-10", "10:00", 30, { id: 1, patient_name: "Alice Smith", is_overbooked: true }));
      },
    });
    fireEvent.click(await screen.findByRole("button", { name: /Alice Smith/ }));
    const details = screen.getByRole("region", { name: "Selected visit" });
    fireEvent.click(within(details).getByRole("button", { name: "Move…" }));
    const dialog = await screen.findByRole("dialog");
    fireEvent.change(within(dialog).getByLabelText(/New start/), { target: { value: "10:00" } });
    fireEvent.click(within(dialog).getByRole("button", { name: /^Move to/ }));
    await within(dialog).findByText(/That time is not free/);
    fireEvent.click(within(dialog).getByRole("button", { name: "Overbook this time" }));
    fireEvent.change(within(dialog).getByLabelText(/Why overbook/), { target: { value: "Urgent follow-up" } });
    fireEvent.click(within(dialog).getByRole("button", { name: /^Move to/ }));
    await waitFor(() => expect(bodies).toHaveLength(2));
    expect(bodies[1]).toEqual({ starts_at: "2026-03-10T09:00:00.000Z", overbook_reason: "Urgent follow-up" });
  });

  it("books from a free cell in the office's time", async () => {
    const bookings: unknown[] = [];
    setup("/staff/board?date=2026-03-10&view=day&office=1", {
      "GET /api/v1/patients": () => json({ items: [{ id: 42, first_name: "Erin", last_name: "Tester", dob: "1990-04-01", email: "erin@example.com" }], page: 1, per_page: 20, total: 1 }),
      "POST /api/v1/appointments": async (r) => {
        bookings.push(await r.json());
        return json(visit(TZ, "2026-03-10", "14:00", 30, { id: 9, patient_name: "Erin Tester", doctor_id: 2, doctor_name: "Lisa Cuddy" }), 201);
      },
    });
    fireEvent.click(await screen.findByRole("button", { name: "Book with Dr. Lisa Cuddy on Tue, Mar 10 at 2:00 PM" }));
    const dialog = await screen.findByRole("dialog", { name: "Book with Dr. Lisa Cuddy" });
    expect(within(dialog).getByLabelText(/^Start/)).toHaveValue("14:00");
    fireEvent.click(await within(dialog).findByRole("button", { name: "Choose Erin Tester" }));
    fireEvent.change(within(dialog).getByLabelText("Reason for the visit"), { target: { value: "Check-up" } });
    fireEvent.click(within(dialog).getByRole("button", { name: "Book appointment" }));
    await waitFor(() => expect(bookings).toHaveLength(1));
    expect(bookings[0]).toEqual({ patient_id: 42, doctor_id: 2, office_id: 1, starts_at: "2026-03-10T13:00:00.000Z", duration_minutes: 30, reason: "Check-up" });
    expect(await screen.findByText(/Booked Erin Tester with Dr. Lisa Cuddy at 2:00 PM/)).toBeInTheDocument();
  });

  it("prints a day sheet listing each doctor's visits", async () => {
    setup("/staff/board?date=2026-03-10&view=day&office=1");
    await screen.findByRole("button", { name: /Alice Smith/ });
    const sheet = screen.getByRole("region", { name: "Day sheet", hidden: true });
    expect(within(sheet).getByText("Day sheet · Tuesday, March 10, 2026")).toBeInTheDocument();
    expect(within(sheet).getByRole("cell", { name: "Alice Smith", hidden: true })).toBeInTheDocument();
    expect(within(sheet).getAllByText("No visits.")).toHaveLength(1);
  });
});
