import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/field";
import { Table, Td } from "@/components/ui/table";
import { useClinicTimeZone } from "@/lib/clinic-time-zone";
import { formatCalendarDate, formatDate, formatDateTime } from "@/lib/format";
import { fieldErrors, problemMessage } from "@/utils/problem";
import { useChangeAllergy, useChangeProblem, useNoteAllergy, useNoteProblem, type Allergy, type ChartSummary, type Prescription, type Problem } from "../api/clinical";
import { FlagBadge } from "./flag-badge";

/** The patient's active allergies, at the top of the chart and wherever a doctor prescribes. */
export function AllergyBanner({ allergies }: { allergies: Allergy[] }) {
  const active = allergies.filter((a) => a.active);
  if (active.length === 0) {
    return (
      <section aria-label="Allergies" className="rounded-md border border-slate-300 bg-slate-50 px-4 py-2 text-sm text-slate-800">
        No known allergies.
      </section>
    );
  }
  return (
    <section aria-label="Allergies" className="rounded-md border-2 border-red-700 bg-red-50 px-4 py-2 text-sm text-red-900">
      <p className="font-bold">Allergies ({active.length})</p>
      <ul className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
        {active.map((a) => (
          <li key={a.id}>
            <strong>{a.substance}</strong> — {a.severity}
            {a.reaction && `, ${a.reaction}`}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Every allergy with its status, for a treating doctor to add or deactivate. */
export function AllergyPanel({ patientId, allergies, canWrite }: { patientId: number; allergies: Allergy[]; canWrite: boolean }) {
  const zone = useClinicTimeZone();
  const note = useNoteAllergy();
  const change = useChangeAllergy();
  const [form, setForm] = useState({ substance: "", reaction: "", severity: "moderate" });
  const errors = fieldErrors(note.error);
  async function submit(event: FormEvent) {
    event.preventDefault();
    if (note.isPending) return;
    await note
      .mutateAsync({ params: { path: { id: patientId } }, body: { substance: form.substance.trim(), reaction: form.reaction.trim() || null, severity: form.severity } })
      .then(() => setForm({ substance: "", reaction: "", severity: "moderate" }))
      .catch(() => undefined);
  }
  return (
    <div className="space-y-3">
      {allergies.length === 0 ? (
        <p className="text-sm text-slate-700">No allergies recorded.</p>
      ) : (
        <Table caption="Allergies" head={["Substance", "Reaction", "Severity", "Status", "Noted", ...(canWrite ? [""] : [])]}>
          {allergies.map((a) => (
            <tr key={a.id}>
              <Td className="font-medium">{a.substance}</Td>
              <Td>{a.reaction ?? "—"}</Td>
              <Td>{a.severity}</Td>
              <Td>{a.active ? "Active" : "Inactive"}</Td>
              <Td>
                {formatDate(a.noted_at, zone)} · {a.noted_by_name}
              </Td>
              {canWrite && (
                <Td>
                  <Button size="sm" variant="ghost" disabled={change.isPending} onClick={() => change.mutate({ params: { path: { id: a.id } }, body: { active: !a.active } })}>
                    {a.active ? `Mark ${a.substance} inactive` : `Mark ${a.substance} active`}
                  </Button>
                </Td>
              )}
            </tr>
          ))}
        </Table>
      )}
      {canWrite && (
        <form onSubmit={submit} noValidate aria-label="Add an allergy" className="grid grid-cols-1 items-end gap-2 sm:grid-cols-[2fr_2fr_1fr_auto]">
          <TextField label="Substance" required value={form.substance} error={errors.substance} onChange={(e) => setForm({ ...form, substance: e.target.value })} />
          <TextField label="Reaction" value={form.reaction} error={errors.reaction} onChange={(e) => setForm({ ...form, reaction: e.target.value })} />
          <SelectField label="Severity" value={form.severity} error={errors.severity} onChange={(e) => setForm({ ...form, severity: e.target.value })}>
            <option value="mild">Mild</option>
            <option value="moderate">Moderate</option>
            <option value="severe">Severe</option>
          </SelectField>
          <Button type="submit" busy={note.isPending} disabled={note.isPending}>
            Add allergy
          </Button>
          {note.error != null && Object.keys(errors).length === 0 && <Alert tone="error">{problemMessage(note.error)}</Alert>}
        </form>
      )}
    </div>
  );
}

/** The problem list: active first, then resolved. */
export function ProblemPanel({ patientId, problems, canWrite }: { patientId: number; problems: Problem[]; canWrite: boolean }) {
  const note = useNoteProblem();
  const change = useChangeProblem();
  const [form, setForm] = useState({ condition: "", onset_date: "" });
  const errors = fieldErrors(note.error);
  const sorted = [...problems].sort((a, b) => Number(a.status === "resolved") - Number(b.status === "resolved"));
  async function submit(event: FormEvent) {
    event.preventDefault();
    if (note.isPending) return;
    await note
      .mutateAsync({ params: { path: { id: patientId } }, body: { condition: form.condition.trim(), onset_date: form.onset_date || null } })
      .then(() => setForm({ condition: "", onset_date: "" }))
      .catch(() => undefined);
  }
  return (
    <div className="space-y-3">
      {sorted.length === 0 ? (
        <p className="text-sm text-slate-700">No problems recorded.</p>
      ) : (
        <Table caption="Problems" head={["Condition", "Status", "Onset", ...(canWrite ? [""] : [])]}>
          {sorted.map((p) => (
            <tr key={p.id}>
              <Td className="font-medium">{p.condition}</Td>
              <Td>{p.status === "active" ? "Active" : "Resolved"}</Td>
              <Td>{p.onset_date ? formatCalendarDate(p.onset_date) : "—"}</Td>
              {canWrite && (
                <Td>
                  <Button size="sm" variant="ghost" disabled={change.isPending} onClick={() => change.mutate({ params: { path: { id: p.id } }, body: { status: p.status === "active" ? "resolved" : "active" } })}>
                    {p.status === "active" ? `Resolve ${p.condition}` : `Reactivate ${p.condition}`}
                  </Button>
                </Td>
              )}
            </tr>
          ))}
        </Table>
      )}
      {canWrite && (
        <form onSubmit={submit} noValidate aria-label="Add a problem" className="grid grid-cols-1 items-end gap-2 sm:grid-cols-[3fr_1fr_auto]">
          <TextField label="Condition" required value={form.condition} error={errors.condition} onChange={(e) => setForm({ ...form, condition: e.target.value })} />
          <TextField label="Onset" type="date" value={form.onset_date} error={errors.onset_date} onChange={(e) => setForm({ ...form, onset_date: e.target.value })} />
          <Button type="submit" busy={note.isPending} disabled={note.isPending}>
            Add problem
          </Button>
        </form>
      )}
    </div>
  );
}

/** Medications active now (derived by the server from prescriptions). */
export function ActiveMedications({ items }: { items: Prescription[] }) {
  const zone = useClinicTimeZone();
  if (items.length === 0) return <p className="text-sm text-slate-700">No active medications.</p>;
  return (
    <Table caption="Active medications" head={["Medication", "Dose", "How", "Until", "Prescribed"]}>
      {items.map((p) => (
        <tr key={p.id}>
          <Td className="font-medium">{p.medication_name}</Td>
          <Td>{p.dose}</Td>
          <Td>
            {p.route}, {p.frequency}
          </Td>
          <Td>{p.runs_until ? formatDate(p.runs_until, zone) : "Ongoing"}</Td>
          <Td>
            {formatDate(p.date_issued, zone)} · {p.doctor_name}
            {p.allergy_override_reason && <span className="block text-xs text-red-800">Allergy override: {p.allergy_override_reason}</span>}
          </Td>
        </tr>
      ))}
    </Table>
  );
}

/** The latest vitals, each with its unit, normal range and flag (a word, not colour alone). */
export function LatestVitals({ vitals }: { vitals: ChartSummary["latest_vitals"] }) {
  const zone = useClinicTimeZone();
  if (!vitals) return <p className="text-sm text-slate-700">No vitals recorded.</p>;
  return (
    <div className="space-y-1">
      <p className="text-sm text-slate-600">Taken {formatDateTime(vitals.taken_at, zone)}</p>
      <Table caption="Latest vitals" head={["Measure", "Value", "Normal", "Flag"]}>
        {vitals.readings.map((v) => (
          <tr key={v.key} data-flagged={v.flag != null && v.flag !== "normal" ? true : undefined}>
            <Td className="font-medium">{v.label}</Td>
            <Td className="tabular-nums">
              {v.value} {v.unit}
            </Td>
            <Td>{v.normal_low != null && v.normal_high != null ? `${v.normal_low}–${v.normal_high}` : "—"}</Td>
            <Td>
              <FlagBadge flag={v.flag} />
            </Td>
          </tr>
        ))}
      </Table>
    </div>
  );
}
