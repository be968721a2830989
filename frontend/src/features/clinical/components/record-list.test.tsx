import { screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { json, mockApi, renderWithProviders } from "@/test/render";
import { RecordList } from "./record-list";

afterEach(() => vi.unstubAllGlobals());

const record = {
  id: 7,
  patient_id: 12,
  patient_name: "Alice Smith",
  doctor_id: 3,
  doctor_name: "Gregory House",
  appointment_id: 40,
  diagnosis: "Acute bronchitis",
  notes: null,
  test_results: [],
  vitals: [],
  version: 1,
  addenda: [],
  created_at: "2026-03-10T15:00:00Z",
  updated_at: "2026-03-10T15:00:00Z",
};

function routes(items: unknown[]) {
  return mockApi({
    "GET /api/v1/medical-records": () => json({ items, page: 1, per_page: 50, total: items.length }),
    "GET /api/v1/prescriptions": () => json({ items: [], page: 1, per_page: 100, total: 0 }),
  });
}

describe("RecordList", () => {
  it("asks for one visit's records when given the visit", async () => {
    const api = routes([record]);
    renderWithProviders(<RecordList patientId={12} appointmentId={40} />);
    expect(await screen.findByText("Acute bronchitis")).toBeInTheDocument();
    const list = api.mock.calls.map((c) => new URL((c[0] as Request).url)).find((u) => u.pathname === "/api/v1/medical-records")!;
    expect(list.searchParams.get("patient_id")).toBe("12");
    expect(list.searchParams.get("appointment_id")).toBe("40");
  });

  it("says so when the visit has nothing written yet", async () => {
    routes([]);
    renderWithProviders(<RecordList patientId={12} appointmentId={40} emptyTitle="Nothing written for this visit yet." />);
    expect(await screen.findByText("Nothing written for this visit yet.")).toBeInTheDocument();
  });
});
