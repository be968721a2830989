import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { json, mockApi, problem, renderWithProviders } from "@/test/render";
import type { Doctor } from "../api/directory";
import { DoctorPanel, saveSummary } from "./doctor-panel";

afterEach(() => vi.unstubAllGlobals());

const doctor: Doctor = {
  id: 3,
  user_id: 30,
  first_name: "Meredith",
  middle_name: null,
  last_name: "Grey",
  license_number: "MD-1",
  specialty_id: 1,
  specialty_name: "Family medicine",
  years_of_experience: 12,
  office_ids: [4],
  created_at: "2026-01-01T00:00:00Z",
  updated_at: "2026-01-01T00:00:00Z",
};

const office = (id: number, name: string) => ({ id, name, city: "Chicago", time_zone: "America/Chicago", is_active: true });

function routes(overrides: Record<string, (r: Request) => Response | Promise<Response>> = {}) {
  return mockApi({
    "GET /api/v1/doctors/3/offices": () => json({ office_ids: [4], offices: [office(4, "Downtown")] }),
    "GET /api/v1/doctors/3/working-hours": () => json({ working_hours: [{ weekday: 1, office_id: 4, start: "08:00", end: "12:00" }] }),
    "GET /api/v1/offices": () => json({ items: [office(4, "Downtown"), office(5, "Lakeside")], page: 1, per_page: 100, total: 2 }),
    "GET /api/v1/specialties": () => json([{ id: 1, name: "Family medicine" }]),
    "PATCH /api/v1/doctors/3": async (r) => json({ ...doctor, ...(await r.clone().json()) }),
    "PUT /api/v1/doctors/3/offices": async (r) => json({ office_ids: (await r.clone().json()).office_ids, offices: [] }),
    "PUT /api/v1/doctors/3/working-hours": async (r) => json(await r.clone().json()),
    ...overrides,
  });
}

const sent = (api: ReturnType<typeof mockApi>) =>
  api.mock.calls.map((c) => c[0] as Request).filter((r) => r.method !== "GET").map((r) => `${r.method} ${new URL(r.url).pathname}`);

async function open() {
  renderWithProviders(<DoctorPanel doctor={doctor} onCancel={() => {}} />);
  await screen.findByDisplayValue("08:00");
  await screen.findByLabelText("Lakeside");
}

describe("DoctorPanel", () => {
  it("has one save for profile, offices and hours, and sends each changed part once, in order", async () => {
    const api = routes();
    await open();
    expect(screen.getAllByRole("button", { name: /^Save/ }).map((b) => b.textContent)).toEqual(["Save doctor"]);
    fireEvent.change(screen.getByLabelText(/^Years of experience/), { target: { value: "13" } });
    fireEvent.click(screen.getByLabelText("Lakeside"));
    fireEvent.click(screen.getByRole("button", { name: "Add a block" }));
    const save = screen.getByRole("button", { name: "Save doctor" });
    fireEvent.click(save);
    fireEvent.click(save);
    expect(await screen.findByText("Doctor saved (profile, offices and working hours).")).toBeInTheDocument();
    expect(sent(api)).toEqual(["PATCH /api/v1/doctors/3", "PUT /api/v1/doctors/3/offices", "PUT /api/v1/doctors/3/working-hours"]);
    const offices = api.mock.calls.map((c) => c[0] as Request).find((r) => r.method === "PUT" && r.url.endsWith("/offices"))!;
    expect(await offices.clone().json()).toEqual({ office_ids: [4, 5] });
  });

  it("sends only what changed, and nothing when nothing changed", async () => {
    const api = routes();
    await open();
    fireEvent.click(screen.getByRole("button", { name: "Save doctor" }));
    expect(await screen.findByText("Nothing to save: nothing was changed.")).toBeInTheDocument();
    fireEvent.change(screen.getByLabelText("From"), { target: { value: "08:30" } });
    fireEvent.click(screen.getByRole("button", { name: "Save doctor" }));
    expect(await screen.findByText("Doctor saved (working hours).")).toBeInTheDocument();
    expect(sent(api)).toEqual(["PUT /api/v1/doctors/3/working-hours"]);
  });

  it("checks every part before the first request", async () => {
    const api = routes();
    await open();
    fireEvent.change(screen.getByLabelText(/^Last name/), { target: { value: "" } });
    fireEvent.click(screen.getByLabelText("Downtown")); // the Monday block is at Downtown
    fireEvent.click(screen.getByRole("button", { name: "Save doctor" }));
    expect(await screen.findByText("Enter a last name.")).toBeInTheDocument();
    expect(screen.getByText("Choose one of the doctor's offices (ticked above), or remove this block.")).toBeInTheDocument();
    expect(sent(api)).toEqual([]);
  });

  it("says which part failed, keeps what was saved, and sends only the rest on the next save", async () => {
    let officesFail = true;
    const api = routes({
      "PUT /api/v1/doctors/3/offices": async (r) =>
        officesFail ? json(problem(422, [{ field: "office_ids[1]", message: "is not an active office" }]), 422) : json({ office_ids: (await r.clone().json()).office_ids, offices: [] }),
    });
    await open();
    fireEvent.change(screen.getByLabelText(/^Years of experience/), { target: { value: "13" } });
    fireEvent.click(screen.getByLabelText("Lakeside"));
    fireEvent.change(screen.getByLabelText("To"), { target: { value: "13:00" } });
    fireEvent.click(screen.getByRole("button", { name: "Save doctor" }));
    expect(
      await screen.findByText(
        "Saved: profile. Not saved: offices. Not sent because of that: working hours. Correct what is marked and save again; only what is not saved yet is sent.",
      ),
    ).toBeInTheDocument();
    expect(screen.getByText("Offices is not an active office.")).toBeInTheDocument();
    expect(within(screen.getByRole("list", { name: "Saving" })).getByText("Offices: failed")).toBeInTheDocument();
    expect(sent(api)).toEqual(["PATCH /api/v1/doctors/3", "PUT /api/v1/doctors/3/offices"]);

    officesFail = false;
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Save doctor" })));
    expect(await screen.findByText("Doctor saved (offices and working hours).")).toBeInTheDocument();
    await waitFor(() =>
      expect(sent(api)).toEqual(["PATCH /api/v1/doctors/3", "PUT /api/v1/doctors/3/offices", "PUT /api/v1/doctors/3/offices", "PUT /api/v1/doctors/3/working-hours"]),
    );
  });
});

describe("saveSummary", () => {
  it("names a failure with nothing saved before it", () => {
    expect(saveSummary({ profile: "failed", offices: "not sent", hours: "unchanged" }).text).toBe(
      "Nothing was saved. Not saved: profile. Not sent because of that: offices. Correct what is marked and save again; only what is not saved yet is sent.",
    );
  });
});
