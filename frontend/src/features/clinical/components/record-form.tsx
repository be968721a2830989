import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { SelectField, TextAreaField, TextField } from "@/components/ui/field";
import { fieldErrors, problemMessage } from "@/utils/problem";
import { parseResultValue, useAddPrescription, useCreateRecord, type MedicalRecord, type ResultFlag } from "../api/clinical";

type ResultRow = { name: string; value: string; unit: string; reference_range: string; flag: ResultFlag | "" };
type RxRow = { medication_name: string; dose: string; route: string; frequency: string; quantity: string; refills: string; instructions: string };

const FLAGS: ResultFlag[] = ["normal", "low", "high", "abnormal", "critical"];
const newResult = (): ResultRow => ({ name: "", value: "", unit: "", reference_range: "", flag: "" });
const newRx = (): RxRow => ({ medication_name: "", dose: "", route: "oral", frequency: "", quantity: "", refills: "0", instructions: "" });

/**
 * Writes the record of a visit, then its prescriptions one by one. When a prescription fails,
 * the record is kept and only the prescriptions not yet issued are sent again.
 */
export function RecordForm({ appointmentId, onSaved }: { appointmentId: number; onSaved?: (record: MedicalRecord) => void }) {
  const createRecord = useCreateRecord();
  const addPrescription = useAddPrescription();
  const [diagnosis, setDiagnosis] = useState("");
  const [notes, setNotes] = useState("");
  const [results, setResults] = useState<ResultRow[]>([]);
  const [rxs, setRxs] = useState<RxRow[]>([]);
  const [record, setRecord] = useState<MedicalRecord | null>(null);
  const [issued, setIssued] = useState(0);
  const [rxError, setRxError] = useState<{ index: number; error: unknown } | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const errors = fieldErrors(createRecord.error);
  const rxErrors = rxError ? fieldErrors(rxError.error) : {};
  const resultErr = (i: number, k: string) => errors[`test_results[${i}].${k}`] ?? errors[`test_results.${i}.${k}`];

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setRxError(null);
    try {
      let saved = record;
      if (!saved) {
        saved = await createRecord.mutateAsync({
          body: {
            appointment_id: appointmentId,
            diagnosis: diagnosis.trim() || null,
            notes: notes.trim() || null,
            test_results: results.map((r) => ({
              name: r.name.trim(),
              value: parseResultValue(r.value),
              unit: r.unit.trim() || null,
              reference_range: r.reference_range.trim() || null,
              flag: r.flag || null,
            })),
          },
        });
        setRecord(saved);
      }
      for (let i = issued; i < rxs.length; i += 1) {
        const rx = rxs[i]!;
        try {
          await addPrescription.mutateAsync({
            params: { path: { id: saved.id } },
            body: {
              medication_name: rx.medication_name.trim(),
              dose: rx.dose.trim(),
              route: rx.route.trim(),
              frequency: rx.frequency.trim(),
              quantity: Number(rx.quantity),
              refills: Number(rx.refills),
              instructions: rx.instructions.trim() || null,
            },
          });
          setIssued(i + 1);
        } catch (error) {
          setRxError({ index: i, error });
          return;
        }
      }
      setDone(true);
      onSaved?.(saved);
    } catch {
      // createRecord.error holds the problem; the fields show it.
    } finally {
      setBusy(false);
    }
  }

  if (done && record) {
    return (
      <Alert tone="success">
        The record is saved{rxs.length > 0 ? ` with ${rxs.length} prescription${rxs.length === 1 ? "" : "s"}` : ""}.
      </Alert>
    );
  }

  const locked = record !== null;
  return (
    <form onSubmit={submit} noValidate className="space-y-5" aria-label="Medical record">
      {createRecord.error != null && (
        <Alert tone="error">
          {problemMessage(createRecord.error, ["diagnosis", "notes", ...results.flatMap((_, i) => ["name", "value", "unit", "reference_range", "flag"].flatMap((k) => [`test_results[${i}].${k}`, `test_results.${i}.${k}`]))])}
        </Alert>
      )}
      {locked && <Alert tone="info">The record is saved. {issued} of {rxs.length} prescriptions issued.</Alert>}
      <TextField label="Diagnosis" disabled={locked} value={diagnosis} error={errors.diagnosis} onChange={(e) => setDiagnosis(e.target.value)} />
      <TextAreaField label="Notes" disabled={locked} rows={5} value={notes} error={errors.notes} onChange={(e) => setNotes(e.target.value)} />

      <fieldset className="space-y-3" disabled={locked}>
        <legend className="font-semibold">Test results</legend>
        {results.map((r, i) => {
          const set = (k: keyof ResultRow, v: string) => setResults(results.map((x, j) => (j === i ? { ...x, [k]: v } : x)));
          return (
            <div key={i} className="grid grid-cols-2 items-end gap-2 rounded-md border border-slate-200 p-3 sm:grid-cols-[2fr_1fr_1fr_1fr_1fr_auto]">
              <TextField label={`Test ${i + 1}`} required value={r.name} error={resultErr(i, "name")} onChange={(e) => set("name", e.target.value)} />
              <TextField label="Value" required value={r.value} error={resultErr(i, "value")} onChange={(e) => set("value", e.target.value)} />
              <TextField label="Unit" value={r.unit} error={resultErr(i, "unit")} onChange={(e) => set("unit", e.target.value)} />
              <TextField label="Reference range" value={r.reference_range} error={resultErr(i, "reference_range")} onChange={(e) => set("reference_range", e.target.value)} />
              <SelectField label="Flag" value={r.flag} error={resultErr(i, "flag")} onChange={(e) => set("flag", e.target.value)}>
                <option value="">None</option>
                {FLAGS.map((f) => (
                  <option key={f} value={f}>
                    {f}
                  </option>
                ))}
              </SelectField>
              <Button variant="ghost" aria-label={`Remove test ${i + 1}`} onClick={() => setResults(results.filter((_, j) => j !== i))}>
                Remove
              </Button>
            </div>
          );
        })}
        <Button variant="secondary" size="sm" onClick={() => setResults([...results, newResult()])}>
          Add a test result
        </Button>
      </fieldset>

      <fieldset className="space-y-3">
        <legend className="font-semibold">Prescriptions</legend>
        {rxError && <Alert tone="error">Prescription {rxError.index + 1}: {problemMessage(rxError.error, Object.keys(newRx()))}</Alert>}
        {rxs.map((rx, i) => {
          const isIssued = i < issued;
          const err = (k: string) => (rxError?.index === i ? rxErrors[k] : undefined);
          const set = (k: keyof RxRow, v: string) => setRxs(rxs.map((x, j) => (j === i ? { ...x, [k]: v } : x)));
          return (
            <fieldset key={i} disabled={isIssued} className="grid grid-cols-2 gap-2 rounded-md border border-slate-200 p-3 sm:grid-cols-3">
              <legend className="px-1 text-sm font-medium">
                Prescription {i + 1}
                {isIssued && " (issued)"}
              </legend>
              <TextField label="Medication" required value={rx.medication_name} error={err("medication_name")} onChange={(e) => set("medication_name", e.target.value)} />
              <TextField label="Dose" required value={rx.dose} error={err("dose")} onChange={(e) => set("dose", e.target.value)} />
              <TextField label="Route" required value={rx.route} error={err("route")} onChange={(e) => set("route", e.target.value)} />
              <TextField label="Frequency" required value={rx.frequency} error={err("frequency")} onChange={(e) => set("frequency", e.target.value)} />
              <TextField label="Quantity" type="number" min={1} required value={rx.quantity} error={err("quantity")} onChange={(e) => set("quantity", e.target.value)} />
              <TextField label="Refills" type="number" min={0} max={12} required value={rx.refills} error={err("refills")} onChange={(e) => set("refills", e.target.value)} />
              <TextAreaField label="Instructions" className="col-span-2 sm:col-span-3" value={rx.instructions} error={err("instructions")} onChange={(e) => set("instructions", e.target.value)} />
              {!isIssued && (
                <Button variant="ghost" className="justify-self-start" aria-label={`Remove prescription ${i + 1}`} onClick={() => setRxs(rxs.filter((_, j) => j !== i))}>
                  Remove
                </Button>
              )}
            </fieldset>
          );
        })}
        <Button variant="secondary" size="sm" onClick={() => setRxs([...rxs, newRx()])}>
          Add a prescription
        </Button>
      </fieldset>

      <Button type="submit" busy={busy}>
        {locked ? "Issue the remaining prescriptions" : "Save record"}
      </Button>
    </form>
  );
}
