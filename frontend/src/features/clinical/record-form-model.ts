/**
 * The record form's model, kept apart from React so its rules are tested alone: what the form
 * holds, the one request it sends (the record, its vitals and every prescription together — the
 * API saves all or nothing), and how a problem's field paths land on the form's rows.
 */
import { fieldErrors } from "@/utils/problem";

export type ResultRow = { name: string; value: string; unit: string; reference_range: string };
export type RxRow = {
  medication_name: string;
  dose: string;
  route: string;
  frequency: string;
  quantity: string;
  refills: string;
  duration_days: string;
  instructions: string;
  allergy_override_reason: string;
};

/** The vitals the form asks for, with their units (the API's keys). */
export const VITAL_FIELDS = [
  { key: "systolic_mmhg", label: "Blood pressure, systolic", unit: "mmHg" },
  { key: "diastolic_mmhg", label: "Blood pressure, diastolic", unit: "mmHg" },
  { key: "pulse_bpm", label: "Pulse", unit: "bpm" },
  { key: "temperature_c", label: "Temperature", unit: "°C" },
  { key: "weight_kg", label: "Weight", unit: "kg" },
  { key: "height_cm", label: "Height", unit: "cm" },
  { key: "spo2_percent", label: "SpO2", unit: "%" },
] as const;
export type VitalKey = (typeof VITAL_FIELDS)[number]["key"];

export interface RecordFormState {
  diagnosis: string;
  notes: string;
  vitals: Partial<Record<VitalKey, string>>;
  results: ResultRow[];
  prescriptions: RxRow[];
}

export const newResult = (): ResultRow => ({ name: "", value: "", unit: "", reference_range: "" });
export const newRx = (): RxRow => ({
  medication_name: "",
  dose: "",
  route: "oral",
  frequency: "",
  quantity: "",
  refills: "0",
  duration_days: "",
  instructions: "",
  allergy_override_reason: "",
});

/** What a person typed as a result value: a plain number is sent as a number, the rest as text. */
export function parseResultValue(text: string): number | string {
  const trimmed = text.trim();
  return /^-?\d+(\.\d+)?$/.test(trimmed) && trimmed.length <= 16 ? Number(trimmed) : trimmed;
}

const orNull = (text: string) => text.trim() || null;
const numberOrNull = (text: string) => (text.trim() === "" ? null : Number(text));

/** The body of `POST /medical-records`: one request for the record and its prescriptions. */
export function recordBody(appointmentId: number, state: RecordFormState) {
  const vitals = Object.fromEntries(
    VITAL_FIELDS.flatMap(({ key }) => {
      const value = state.vitals[key]?.trim();
      return value ? [[key, Number(value)]] : [];
    }),
  );
  return {
    appointment_id: appointmentId,
    diagnosis: orNull(state.diagnosis),
    notes: orNull(state.notes),
    test_results: state.results.map((r) => ({
      name: r.name.trim(),
      value: parseResultValue(r.value),
      unit: orNull(r.unit),
      reference_range: orNull(r.reference_range),
    })),
    vitals: Object.keys(vitals).length > 0 ? vitals : null,
    prescriptions: state.prescriptions.map((rx) => ({
      medication_name: rx.medication_name.trim(),
      dose: rx.dose.trim(),
      route: rx.route.trim(),
      frequency: rx.frequency.trim(),
      quantity: Number(rx.quantity),
      refills: Number(rx.refills),
      duration_days: numberOrNull(rx.duration_days),
      instructions: orNull(rx.instructions),
      allergy_override_reason: orNull(rx.allergy_override_reason),
    })),
  };
}

export interface RecordFormErrors {
  /** `diagnosis`, `notes`, `body`, … */
  record: Record<string, string>;
  vitals: Record<string, string>;
  results: Record<string, string>[];
  prescriptions: Record<string, string>[];
  /** Prescriptions refused for a matching allergy: they need an override reason. */
  allergyRefused: number[];
}

/** Every field error of a problem, placed on the form: `prescriptions[1].dose` on row 2's dose,
 * `vitals.pulse_bpm` on the pulse, `test_results[0].name` on the first result's name. */
export function mapRecordErrors(error: unknown, rows: { results: number; prescriptions: number }): RecordFormErrors {
  const out: RecordFormErrors = {
    record: {},
    vitals: {},
    results: Array.from({ length: rows.results }, () => ({})),
    prescriptions: Array.from({ length: rows.prescriptions }, () => ({})),
    allergyRefused: [],
  };
  for (const [field, message] of Object.entries(fieldErrors(error))) {
    const row = /^(test_results|prescriptions)\[(\d+)\]\.(.+)$/.exec(field);
    if (row) {
      const [, list, index, key] = row;
      const target = list === "test_results" ? out.results : out.prescriptions;
      const i = Number(index);
      if (target[i]) target[i]![key!] = message;
      else out.record[field] = message;
      if (list === "prescriptions" && key === "allergy_override_reason") out.allergyRefused.push(i);
      continue;
    }
    const vital = /^vitals\.(.+)$/.exec(field);
    if (vital) out.vitals[vital[1]!] = message;
    else out.record[field] = message;
  }
  return out;
}

/** Plain words for the allergy refusal, shown on the prescription. */
export const ALLERGY_WARNING = "This medication matches one of the patient's active allergies. To prescribe it anyway, say why.";
