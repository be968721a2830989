import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextAreaField, TextField } from "@/components/ui/field";
import { useClinicTimeZone } from "@/lib/clinic-time-zone";
import { formatDateTime } from "@/lib/format";
import { fieldErrors, problemMessage } from "@/utils/problem";
import { useAddAddendum, type Addendum, type MedicalRecord } from "../api/clinical";

const FIELD_LABEL: Record<string, string> = { diagnosis: "Diagnosis", notes: "Notes", test_results: "Test results" };

function shown(value: unknown): string {
  if (value == null) return "(none)";
  if (Array.isArray(value)) return `${value.length} result${value.length === 1 ? "" : "s"}`;
  return String(value);
}

/** The versions of a record: 1 as signed, then each addendum with its reason and changes. */
export function AddendumHistory({ record }: { record: MedicalRecord }) {
  const zone = useClinicTimeZone();
  if (record.addenda.length === 0) return null;
  return (
    <details className="mt-3 rounded-md border border-slate-200 p-2 text-sm">
      <summary className="cursor-pointer font-semibold">
        History: version {record.version} ({record.addenda.length} addend{record.addenda.length === 1 ? "um" : "a"})
      </summary>
      <ol className="mt-2 space-y-2" aria-label="Versions">
        <li>
          <span className="font-medium">Version 1</span> — signed {formatDateTime(record.created_at, zone)} by {record.doctor_name}
        </li>
        {record.addenda.map((a: Addendum) => (
          <li key={a.id}>
            <span className="font-medium">Version {a.version}</span> — {formatDateTime(a.created_at, zone)} by {a.author_name}
            {a.reason && <span className="block">Reason: {a.reason}</span>}
            {a.note && <span className="block whitespace-pre-line">Note: {a.note}</span>}
            {a.changes.map((c) => (
              <span key={c.field} className="block text-slate-700">
                {FIELD_LABEL[c.field] ?? c.field}: {shown(c.before)} → {shown(c.after)}
              </span>
            ))}
          </li>
        ))}
      </ol>
    </details>
  );
}

/** Appends an addendum: a reason (required), a note, and optionally a new diagnosis. */
export function AddendumForm({ record }: { record: MedicalRecord }) {
  const add = useAddAddendum();
  const [open, setOpen] = useState(false);
  const [form, setForm] = useState({ reason: "", note: "", diagnosis: record.diagnosis ?? "" });
  const [local, setLocal] = useState<Record<string, string>>({});
  const errors = { ...fieldErrors(add.error), ...local };
  async function submit(event: FormEvent) {
    event.preventDefault();
    if (add.isPending) return;
    const missing: Record<string, string> = form.reason.trim() === "" ? { reason: "Say why the record is amended." } : {};
    setLocal(missing);
    if (Object.keys(missing).length > 0) return;
    const diagnosis = form.diagnosis.trim();
    const body = {
      reason: form.reason.trim(),
      note: form.note.trim() || null,
      ...(diagnosis !== (record.diagnosis ?? "") && { diagnosis: diagnosis || null }),
    };
    await add
      .mutateAsync({ params: { path: { id: record.id } }, body })
      .then(() => {
        setOpen(false);
        setForm({ reason: "", note: "", diagnosis });
      })
      .catch(() => undefined);
  }
  if (!open) {
    return (
      <Button size="sm" variant="secondary" className="mt-3" onClick={() => setOpen(true)}>
        Add an addendum
      </Button>
    );
  }
  return (
    <form onSubmit={submit} noValidate aria-label="Addendum" className="mt-3 space-y-2 rounded-md border border-slate-200 p-3">
      {add.error != null && <Alert tone="error">{problemMessage(add.error, ["reason", "note", "diagnosis"])}</Alert>}
      <TextField label="Reason" required value={form.reason} error={errors.reason} onChange={(e) => setForm({ ...form, reason: e.target.value })} />
      <TextField label="Diagnosis" value={form.diagnosis} error={errors.diagnosis} onChange={(e) => setForm({ ...form, diagnosis: e.target.value })} />
      <TextAreaField label="Note" rows={3} value={form.note} error={errors.note ?? errors.body} onChange={(e) => setForm({ ...form, note: e.target.value })} />
      <div className="flex gap-2">
        <Button type="submit" size="sm" busy={add.isPending} disabled={add.isPending}>
          Save addendum
        </Button>
        <Button size="sm" variant="ghost" onClick={() => setOpen(false)}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
