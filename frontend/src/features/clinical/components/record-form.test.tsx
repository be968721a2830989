import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { json, mockApi, problem, renderWithProviders } from "@/test/render";
import { mapRecordErrors, newRx, recordBody } from "../record-form-model";
import { FlagBadge } from "./flag-badge";
import { RecordForm } from "./record-form";
import { TestResultsTable } from "./test-results-table";

afterEach(() => vi.unstubAllGlobals());

describe("record form model", () => {
  it("sends the record, its vitals and every prescription in one body", () => {
    const body = recordBody(5, {
      diagnosis: " Flu ",
      notes: "",
      vitals: { pulse_bpm: "72", spo2_percent: "" },
      results: [{ name: "K", value: "4.2", unit: "mmol/L", reference_range: "3.5-5.1" }],
      prescriptions: [{ ...newRx(), medication_name: "Ibuprofen", dose: "200 mg", frequency: "daily", quantity: "10", duration_days: "7" }],
    });
    expect(body.diagnosis).toBe("Flu");
    expect(body.vitals).toEqual({ pulse_bpm: 72 });
    expect(body.test_results[0]!.value).toBe(4.2);
    expect(body.prescriptions[0]!.duration_days).toBe(7);
    expect(body.prescriptions[0]!.allergy_override_reason).toBeNull();
  });

  it("puts every error of a problem on its row and field", () => {
    const error = problem(422, [
      { field: "diagnosis", message: "too long" },
      { field: "vitals.pulse_bpm", message: "must be between 20 and 300 bpm" },
      { field: "test_results[0].name", message: "is required" },
      { field: "prescriptions[1].dose", message: "is required" },
      { field: "prescriptions[0].allergy_override_reason", message: "matches an allergy" },
    ]);
    const mapped = mapRecordErrors(error, { results: 1, prescriptions: 2 });
    expect(mapped.record.diagnosis).toBe("too long");
    expect(mapped.vitals.pulse_bpm).toMatch(/between/);
    expect(mapped.results[0]!.name).toBe("is required");
    expect(mapped.prescriptions[1]!.dose).toBe("is required");
    expect(mapped.allergyRefused).toEqual([0]);
  });
});

describe("RecordForm", () => {
  it("shows an allergy warning with an override reason field and sends ONE request", async () => {
    let calls = 0;
    mockApi({
      "POST /api/v1/medical-records": () => {
        calls += 1;
        return json(problem(422, [{ field: "prescriptions[0].allergy_override_reason", message: "matches an active allergy" }]), 422);
      },
    });
    renderWithProviders(<RecordForm appointmentId={5} />);
    fireEvent.click(screen.getByRole("button", { name: "Add a prescription" }));
    fireEvent.change(screen.getByLabelText(/Medication/), { target: { value: "Penicillin" } });
    const save = screen.getByRole("button", { name: "Save record" });
    fireEvent.click(save);
    fireEvent.click(save);
    expect(await screen.findByText(/Allergy warning/)).toBeTruthy();
    expect(screen.getByLabelText(/Reason to prescribe despite the allergy/)).toBeTruthy();
    expect(screen.getByText(/Nothing was saved/)).toBeTruthy();
    await waitFor(() => expect(calls).toBe(1));
  });
});

describe("flag display", () => {
  it("names the flag in words, not colour alone", () => {
    render(<FlagBadge flag="high" />);
    expect(screen.getByText("High")).toBeTruthy();
  });

  it("marks out-of-range rows of the results table", () => {
    mockApi({ "GET /api/v1/offices": () => json({ items: [], total: 0, page: 1, per_page: 100 }) });
    const { container } = renderWithProviders(
      <TestResultsTable results={[{ name: "HbA1c", value: 7.2, unit: "%", reference_range: "4.0-5.6", flag: "high" }, { name: "K", value: 4.2, reference_low: 3.5, reference_high: 5.1, flag: "normal" }]} />,
    );
    expect(container.querySelectorAll("[data-flagged]").length).toBe(1);
    expect(screen.getByText("3.5–5.1")).toBeTruthy();
    expect(screen.getByText("Normal")).toBeTruthy();
  });
});
