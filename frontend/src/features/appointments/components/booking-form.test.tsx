import { fireEvent, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { json, mockApi, problem, renderWithProviders } from "@/test/render";
import { BookingForm } from "./booking-form";

afterEach(() => vi.unstubAllGlobals());

const doctor = {
  id: 3,
  user_id: 9,
  first_name: "Gregory",
  last_name: "House",
  license_number: "L1",
  specialty_id: 1,
  specialty_name: "Diagnostics",
  years_of_experience: 20,
  office_ids: [4],
  created_at: "2030-01-01T00:00:00Z",
  updated_at: "2030-01-01T00:00:00Z",
};
const slot = {
  starts_at: "2099-03-11T14:00:00Z",
  ends_at: "2099-03-11T14:45:00Z",
  doctor_id: 3,
  doctor_name: "Gregory House",
  specialty_name: "Diagnostics",
  office_id: 4,
  office_name: "Downtown",
  time_zone: "America/Chicago",
};
const visitType = { id: 7, name: "Annual physical 45", duration_minutes: 45, specialty_id: null, specialty_name: null, colour: "#9333ea", is_active: true, created_at: "2030-01-01T00:00:00Z", updated_at: "2030-01-01T00:00:00Z" };

function routes(book: () => Response) {
  return mockApi({
    "GET /api/v1/doctors": () => json({ items: [doctor], page: 1, per_page: 100, total: 1 }),
    "GET /api/v1/doctors/3/offices": () => json({ office_ids: [4], offices: [{ id: 4, name: "Downtown", city: "Chicago", time_zone: "America/Chicago", is_active: true }] }),
    "GET /api/v1/slots": () => json({ duration_minutes: 45, slots: [slot], referrals_needed: [] }),
    "GET /api/v1/visit-types": () => json([visitType]),
    "GET /api/v1/specialties": () => json([]),
    "POST /api/v1/appointments": book,
  });
}

async function chooseSlot() {
  fireEvent.change(await screen.findByLabelText(/Find a time/), { target: { value: "doctor" } });
  const doctorSelect = await screen.findByLabelText(/Doctor/);
  await screen.findByRole("option", { name: /Gregory House/ });
  fireEvent.change(doctorSelect, { target: { value: "3" } });
  // The only open office is chosen by itself.
  await waitFor(() => expect(screen.getByLabelText(/Office/)).toHaveValue("4"));
  fireEvent.click(await screen.findByRole("radio"));
}

describe("BookingForm", () => {
  it("books the chosen slot for the patient with its length", async () => {
    const api = routes(() => json({ id: 1, starts_at: slot.starts_at, doctor_name: "Gregory House", office_name: "Downtown" }, 201));
    const onBooked = vi.fn();
    renderWithProviders(<BookingForm patientId={12} onBooked={onBooked} />);
    await chooseSlot();
    fireEvent.change(screen.getByLabelText("Reason for the visit"), { target: { value: "Check-up" } });
    fireEvent.click(screen.getByRole("button", { name: "Book appointment" }));
    await waitFor(() => expect(onBooked).toHaveBeenCalled());
    const post = api.mock.calls.map((c) => c[0] as Request).find((r) => r.method === "POST")!;
    expect(await post.clone().json()).toEqual({ patient_id: 12, doctor_id: 3, office_id: 4, starts_at: slot.starts_at, duration_minutes: 45, reason: "Check-up" });
    expect(await screen.findByText(/^Booked:/)).toBeInTheDocument();
  });

  it("explains a taken slot (409)", async () => {
    routes(() => json({ ...problem(409, [], "the doctor already has an appointment then"), conflicts: [8] }, 409));
    renderWithProviders(<BookingForm />);
    await chooseSlot();
    fireEvent.click(screen.getByRole("button", { name: "Book appointment" }));
    expect(await screen.findByRole("alert")).toHaveTextContent(/no longer free/);
  });

  it("lets staff overbook a taken slot on purpose, with a reason", async () => {
    let calls = 0;
    const api = routes(() =>
      ++calls === 1
        ? json({ ...problem(409, [], "the doctor already has an appointment then"), conflicts: [8] }, 409)
        : json({ id: 2, starts_at: slot.starts_at, doctor_name: "Gregory House", office_name: "Downtown", is_overbooked: true }, 201),
    );
    renderWithProviders(<BookingForm patientId={12} />);
    await chooseSlot();
    fireEvent.click(screen.getByRole("button", { name: "Book appointment" }));
    fireEvent.click(await screen.findByRole("button", { name: "Overbook this time" }));
    // The taken slot is carried over, in the browser's zone (the tests run in America/Chicago).
    expect(screen.getByLabelText(/^Start/)).toHaveValue("2099-03-11T09:00");
    expect(screen.getByLabelText(/^Length/)).toHaveValue(45);
    const submit = screen.getByRole("button", { name: "Overbook appointment" });
    expect(submit).toBeDisabled();
    fireEvent.change(screen.getByLabelText(/^Why overbook/), { target: { value: "Urgent, doctor agreed" } });
    fireEvent.click(submit);
    expect(await screen.findByText(/^Booked:/)).toHaveTextContent("(overbooked)");
    const posts = api.mock.calls.map((c) => c[0] as Request).filter((r) => r.method === "POST");
    expect(await posts[1]!.clone().json()).toEqual({
      patient_id: 12,
      doctor_id: 3,
      office_id: 4,
      reason: null,
      starts_at: "2099-03-11T14:00:00.000Z",
      duration_minutes: 45,
      overbook_reason: "Urgent, doctor agreed",
    });
  });

  it("does not offer patients to overbook", async () => {
    routes(() => json({ ...problem(409, [], "the doctor already has an appointment then"), conflicts: [8] }, 409));
    renderWithProviders(<BookingForm />);
    await chooseSlot();
    expect(screen.queryByLabelText(/overbook/)).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: "Book appointment" }));
    expect(await screen.findByRole("alert")).toHaveTextContent(/no longer free/);
    expect(screen.queryByRole("button", { name: "Overbook this time" })).toBeNull();
  });

  it("puts validation errors on the reason field", async () => {
    routes(() => json(problem(422, [{ field: "reason", message: "must not contain control characters" }]), 422));
    renderWithProviders(<BookingForm />);
    await chooseSlot();
    fireEvent.click(screen.getByRole("button", { name: "Book appointment" }));
    expect(await screen.findByText("must not contain control characters")).toBeInTheDocument();
    expect(screen.getByLabelText("Reason for the visit")).toHaveAttribute("aria-invalid", "true");
  });
});

describe("BookingForm modes", () => {
  it("books the first available time with a visit type, sending the slot's doctor and office", async () => {
    const api = routes(() => json({ id: 1, starts_at: slot.starts_at, doctor_name: "Gregory House", office_name: "Downtown" }, 201));
    renderWithProviders(<BookingForm />);
    await screen.findByRole("option", { name: /Annual physical 45/ });
    fireEvent.change(screen.getByLabelText(/Visit type/), { target: { value: "7" } });
    fireEvent.click(await screen.findByRole("radio", { name: /with Gregory House at Downtown/ }));
    const submit = screen.getByRole("button", { name: "Book appointment" });
    fireEvent.click(submit);
    fireEvent.click(submit);
    expect(await screen.findByText(/^Booked:/)).toBeInTheDocument();
    const posts = api.mock.calls.map((c) => c[0] as Request).filter((r) => r.method === "POST");
    expect(posts).toHaveLength(1);
    expect(await posts[0]!.clone().json()).toEqual({ patient_id: null, doctor_id: 3, office_id: 4, starts_at: slot.starts_at, visit_type_id: 7, reason: null });
    const search = api.mock.calls.map((c) => new URL((c[0] as Request).url)).find((u) => u.pathname.endsWith("/slots") && u.searchParams.get("visit_type_id") === "7");
    expect(search?.searchParams.get("doctor_id")).toBeNull();
  });

  it("asks for a specialty before offering times by specialty", async () => {
    routes(() => json({}, 201));
    renderWithProviders(<BookingForm />);
    fireEvent.change(await screen.findByLabelText(/Find a time/), { target: { value: "specialty" } });
    expect(screen.getByLabelText(/^Specialty/)).toBeInTheDocument();
    expect(screen.queryByRole("radio")).toBeNull();
  });

  it("tells a clash with the patient's own visit in plain words, not 'no longer free'", async () => {
    routes(() => json({ ...problem(409, [], "This time clashes with your own visit at 9:00 AM CDT"), code: "patient_visit_clash", conflicts: [8] }, 409));
    renderWithProviders(<BookingForm />);
    fireEvent.click(await screen.findByRole("radio", { name: /Gregory House/ }));
    fireEvent.click(screen.getByRole("button", { name: "Book appointment" }));
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("This time clashes with your own visit at 9:00 AM CDT.");
    expect(alert).not.toHaveTextContent(/no longer free/);
  });
});
