import { fireEvent, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { json, mockApi, problem, renderWithProviders } from "@/test/render";
import { RecordForm } from "./record-form";
import { TestResultsTable } from "./test-results-table";

afterEach(() => vi.unstubAllGlobals());

const record = {
  id: 7,
  patient_id: 1,
  patient_name: "Alice",
  doctor_id: 2,
  doctor_name: "Gregory House",
  appointment_id: 5,
  diagnosis: "Flu",
  notes: null,
  test_results: [],
  created_at: "2030-01-01T10:00:00Z",
  updated_at: "2030-01-01T10:00:00Z",
};

function fillPrescription() {
  fireEvent.click(screen.getByRole("button", { name: "Add a prescription" }));
  fireEvent.change(screen.getByLabelText(/Medication/), { target: { value: "Oseltamivir" } });
  fireEvent.change(screen.getByLabelText(/^Dose/), { target: { value: "75 mg" } });
  fireEvent.change(screen.getByLabelText(/Frequency/), { target: { value: "twice a day" } });
  fireEvent.change(screen.getByLabelText(/Quantity/), { target: { value: "10" } });
}

describe("RecordForm", () => {
  it("shows a test result's error on the field the problem names", async () => {
    mockApi({
      "POST /api/v1/medical-records": () => json(problem(422, [{ field: "test_results[0].name", message: "must not be empty" }]), 422),
    });
    renderWithProviders(<RecordForm appointmentId={5} />);
    fireEvent.click(screen.getByRole("button", { name: "Add a test result" }));
    fireEvent.change(screen.getByLabelText(/^Value/), { target: { value: "6.1" } });
    fireEvent.click(screen.getByRole("button", { name: "Save record" }));
    const name = screen.getByLabelText(/^Test 1/);
    await waitFor(() => expect(name).toHaveAttribute("aria-invalid", "true"));
    expect(screen.getByText("must not be empty")).toBeInTheDocument();
  });

  it("sends numbers as numbers and keeps the record when a prescription fails, retrying only the rest", async () => {
    let prescriptionCalls = 0;
    const api = mockApi({
      "POST /api/v1/medical-records": () => json(record, 201),
      "POST /api/v1/medical-records/7/prescriptions": () => {
        prescriptionCalls += 1;
        return prescriptionCalls === 1
          ? json(problem(422, [{ field: "route", message: "must not be empty" }]), 422)
          : json({ id: 1, record_id: 7, patient_id: 1, doctor_id: 2, doctor_name: "Gregory House", medication_name: "Oseltamivir", dose: "75 mg", route: "oral", frequency: "twice a day", quantity: 10, refills: 0, date_issued: "2030-01-01T10:00:00Z" }, 201);
      },
    });
    const onSaved = vi.fn();
    renderWithProviders(<RecordForm appointmentId={5} onSaved={onSaved} />);
    fireEvent.change(screen.getByLabelText("Diagnosis"), { target: { value: "Flu" } });
    fireEvent.click(screen.getByRole("button", { name: "Add a test result" }));
    fireEvent.change(screen.getByLabelText(/^Test 1/), { target: { value: "Temperature" } });
    fireEvent.change(screen.getByLabelText(/^Value/), { target: { value: "39.2" } });
    fireEvent.change(screen.getByLabelText("Flag"), { target: { value: "high" } });
    fillPrescription();
    fireEvent.click(screen.getByRole("button", { name: "Save record" }));

    expect(await screen.findByText("must not be empty")).toBeInTheDocument();
    const recordBody = await (api.mock.calls[0]![0] as Request).clone().json();
    expect(recordBody.test_results[0]).toEqual({ name: "Temperature", value: 39.2, unit: null, reference_range: null, flag: "high" });

    fireEvent.click(screen.getByRole("button", { name: "Issue the remaining prescriptions" }));
    expect(await screen.findByText(/record is saved with 1 prescription/)).toBeInTheDocument();
    const posts = api.mock.calls.map((c) => new URL((c[0] as Request).url).pathname);
    expect(posts.filter((p) => p === "/api/v1/medical-records")).toHaveLength(1);
    expect(onSaved).toHaveBeenCalledWith(record);
  });
});

describe("TestResultsTable", () => {
  it("highlights flagged results with a word, not only a colour", () => {
    renderWithProviders(
      <TestResultsTable
        results={[
          { name: "HbA1c", value: 6.1, unit: "%", reference_range: "4.0-5.6", flag: "high" },
          { name: "Sodium", value: 140, unit: "mmol/L", flag: "normal" },
        ]}
      />,
    );
    const high = screen.getByRole("row", { name: /HbA1c/ });
    expect(high).toHaveAttribute("data-flagged", "true");
    expect(high).toHaveTextContent("High");
    expect(screen.getByRole("row", { name: /Sodium/ })).not.toHaveAttribute("data-flagged");
  });
});
