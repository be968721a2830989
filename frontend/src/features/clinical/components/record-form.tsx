import { useRef, useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextAreaField, TextField } from "@/components/ui/field";
import { problemMessage } from "@/utils/problem";
import { useCreateRecord, type CreatedRecord } from "../api/clinical";
import {
  ALLERGY_WARNING,
  VITAL_FIELDS,
  mapRecordErrors,
  newResult,
  newRx,
  recordBody,
  type RecordFormErrors,
  type RecordFormState,
  type ResultRow,
  type RxRow,
} from "../record-form-model";

const empty = (): RecordFormState => ({ diagnosis: "", notes: "", vitals: {}, results: [], prescriptions: [] });

/**
 * Writes the record of a visit with its vitals, test results and prescriptions in ONE request:
 * the API saves all of it or nothing, and every field error comes back at once, each shown on
 * its field (a prescription's on that prescription). A prescription matching an active allergy
 * asks for an override reason. The submit is disabled while the request is in flight.
 */
export function RecordForm({ appointmentId, onSaved }: { appointmentId: number; onSaved?: (record: CreatedRecord) => void }) {
  const createRecord = useCreateRecord();
  const [state, setState] = useState<RecordFormState>(empty);
  const [errors, setErrors] = useState<RecordFormErrors | null>(null);
  const [saved, setSaved] = useState<CreatedRecord | null>(null);
  const inFlight = useRef(false);
  const set = (patch: Partial<RecordFormState>) => setState((s) => ({ ...s, ...patch }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (inFlight.current) return;
    inFlight.current = true;
    setErrors(null);
    try {
      const record = await createRecord.mutateAsync({ body: recordBody(appointmentId, state) });
      setSaved(record);
      setState(empty());
      onSaved?.(record);
    } catch (error) {
      setErrors(mapRecordErrors(error, { results: state.results.length, prescriptions: state.prescriptions.length }));
    } finally {
      inFlight.current = false;
    }
  }

  const shownFields = ["diagnosis", "notes"];
  const unplaced = errors ? Object.keys(errors.record).filter((f) => !shownFields.includes(f)) : [];
  const hasFieldErrors =
    errors !== null &&
    (Object.keys(errors.record).length > 0 || Object.keys(errors.vitals).length > 0 || errors.results.some((r) => Object.keys(r).length > 0) || errors.prescriptions.some((r) => Object.keys(r).length > 0));

  return (
    <form onSubmit={submit} noValidate className="space-y-5" aria-label="Medical record">
      {saved && (
        <Alert tone="success">
          The record is saved{saved.prescriptions.length > 0 ? ` with ${saved.prescriptions.length} prescription${saved.prescriptions.length === 1 ? "" : "s"}` : ""}.
        </Alert>
      )}
      {createRecord.error != null && (
        <Alert tone="error">
          Nothing was saved. {hasFieldErrors ? "Please correct the highlighted fields." : problemMessage(createRecord.error)}
          {unplaced.length > 0 && (
            <ul className="mt-1 list-disc pl-5">
              {unplaced.map((f) => (
                <li key={f}>{errors!.record[f]}</li>
              ))}
            </ul>
          )}
        </Alert>
      )}
      <TextField label="Diagnosis" value={state.diagnosis} error={errors?.record.diagnosis} onChange={(e) => set({ diagnosis: e.target.value })} />
      <TextAreaField label="Notes" rows={4} value={state.notes} error={errors?.record.notes} onChange={(e) => set({ notes: e.target.value })} />

      <fieldset className="space-y-2">
        <legend className="font-semibold">Vitals</legend>
        <div className="grid grid-cols-2 gap-2 sm:grid-cols-4">
          {VITAL_FIELDS.map((v) => (
            <TextField
              key={v.key}
              label={`${v.label} (${v.unit})`}
              inputMode="decimal"
              value={state.vitals[v.key] ?? ""}
              error={errors?.vitals[v.key]}
              onChange={(e) => set({ vitals: { ...state.vitals, [v.key]: e.target.value } })}
            />
          ))}
        </div>
      </fieldset>

      <fieldset className="space-y-3">
        <legend className="font-semibold">Test results</legend>
        <p className="text-sm text-slate-600">Give a reference range such as 4.0-5.6, &lt;200 or &gt;=60: the flag is computed from it.</p>
        {state.results.map((r, i) => {
          const err = errors?.results[i] ?? {};
          const change = (k: keyof ResultRow, v: string) => set({ results: state.results.map((x, j) => (j === i ? { ...x, [k]: v } : x)) });
          return (
            <div key={i} className="grid grid-cols-2 items-end gap-2 rounded-md border border-slate-200 p-3 sm:grid-cols-[2fr_1fr_1fr_1fr_auto]">
              <TextField label={`Test ${i + 1}`} required value={r.name} error={err.name} onChange={(e) => change("name", e.target.value)} />
              <TextField label="Value" required value={r.value} error={err.value} onChange={(e) => change("value", e.target.value)} />
              <TextField label="Unit" value={r.unit} error={err.unit} onChange={(e) => change("unit", e.target.value)} />
              <TextField label="Reference range" value={r.reference_range} error={err.reference_range} onChange={(e) => change("reference_range", e.target.value)} />
              <Button variant="ghost" aria-label={`Remove test ${i + 1}`} onClick={() => set({ results: state.results.filter((_, j) => j !== i) })}>
                Remove
              </Button>
            </div>
          );
        })}
        <Button variant="secondary" size="sm" onClick={() => set({ results: [...state.results, newResult()] })}>
          Add a test result
        </Button>
      </fieldset>

      <fieldset className="space-y-3">
        <legend className="font-semibold">Prescriptions</legend>
        {state.prescriptions.map((rx, i) => {
          const err = errors?.prescriptions[i] ?? {};
          const refused = errors?.allergyRefused.includes(i) ?? false;
          const change = (k: keyof RxRow, v: string) => set({ prescriptions: state.prescriptions.map((x, j) => (j === i ? { ...x, [k]: v } : x)) });
          return (
            <fieldset key={i} className="grid grid-cols-2 gap-2 rounded-md border border-slate-200 p-3 sm:grid-cols-4">
              <legend className="px-1 text-sm font-medium">Prescription {i + 1}</legend>
              {refused && (
                <Alert tone="error" className="col-span-2 sm:col-span-4">
                  Allergy warning: {ALLERGY_WARNING}
                </Alert>
              )}
              <TextField label="Medication" required value={rx.medication_name} error={err.medication_name} onChange={(e) => change("medication_name", e.target.value)} />
              <TextField label="Dose" required value={rx.dose} error={err.dose} onChange={(e) => change("dose", e.target.value)} />
              <TextField label="Route" required value={rx.route} error={err.route} onChange={(e) => change("route", e.target.value)} />
              <TextField label="Frequency" required value={rx.frequency} error={err.frequency} onChange={(e) => change("frequency", e.target.value)} />
              <TextField label="Quantity" type="number" min={1} required value={rx.quantity} error={err.quantity} onChange={(e) => change("quantity", e.target.value)} />
              <TextField label="Refills" type="number" min={0} max={12} required value={rx.refills} error={err.refills} onChange={(e) => change("refills", e.target.value)} />
              <TextField label="Days" hint="Leave empty for an ongoing medication" type="number" min={1} value={rx.duration_days} error={err.duration_days} onChange={(e) => change("duration_days", e.target.value)} />
              <TextAreaField label="Instructions" className="col-span-2 sm:col-span-4" value={rx.instructions} error={err.instructions} onChange={(e) => change("instructions", e.target.value)} />
              {(refused || rx.allergy_override_reason !== "") && (
                <TextField
                  label="Reason to prescribe despite the allergy"
                  className="col-span-2 sm:col-span-4"
                  value={rx.allergy_override_reason}
                  error={refused && rx.allergy_override_reason === "" ? "Give a reason, or remove this prescription." : undefined}
                  onChange={(e) => change("allergy_override_reason", e.target.value)}
                />
              )}
              <Button variant="ghost" className="justify-self-start" aria-label={`Remove prescription ${i + 1}`} onClick={() => set({ prescriptions: state.prescriptions.filter((_, j) => j !== i) })}>
                Remove
              </Button>
            </fieldset>
          );
        })}
        <Button variant="secondary" size="sm" onClick={() => set({ prescriptions: [...state.prescriptions, newRx()] })}>
          Add a prescription
        </Button>
      </fieldset>

      <Button type="submit" busy={createRecord.isPending} disabled={createRecord.isPending}>
        Save record
      </Button>
    </form>
  );
}
