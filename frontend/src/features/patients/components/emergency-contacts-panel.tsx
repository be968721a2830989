import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { EmptyState, QueryState } from "@/components/ui/states";
import { fieldErrors, problemMessage } from "@/utils/problem";
import { formatPhone, useEmergencyContacts, useSaveEmergencyContacts, type EmergencyContact } from "../api/patients";

export function EmergencyContactsPanel({ patientId, manage = false }: { patientId: number; manage?: boolean }) {
  const contacts = useEmergencyContacts(patientId);
  const [editing, setEditing] = useState(false);
  return (
    <QueryState query={contacts}>
      {(list) =>
        editing ? (
          <ContactsEditor patientId={patientId} initial={list} onDone={() => setEditing(false)} />
        ) : (
          <div className="space-y-3">
            {list.length === 0 ? (
              <EmptyState title="No emergency contacts." />
            ) : (
              <ol className="divide-y divide-slate-200" aria-label="Emergency contacts">
                {[...list].sort((a, b) => a.priority - b.priority).map((c) => (
                  <li key={c.priority} className="py-2">
                    <p className="font-medium">
                      {c.priority}. {c.name} <span className="font-normal text-slate-600">({c.relationship})</span>
                    </p>
                    <p className="text-sm text-slate-700">{formatPhone(c.phone)}</p>
                  </li>
                ))}
              </ol>
            )}
            {manage && (
              <Button variant="secondary" onClick={() => setEditing(true)}>
                Edit emergency contacts
              </Button>
            )}
          </div>
        )
      }
    </QueryState>
  );
}

type Row = { name: string; relationship: string; phone: string };

function ContactsEditor({ patientId, initial, onDone }: { patientId: number; initial: EmergencyContact[]; onDone: () => void }) {
  const save = useSaveEmergencyContacts();
  const [rows, setRows] = useState<Row[]>(() =>
    [...initial].sort((a, b) => a.priority - b.priority).map((c) => ({ name: c.name, relationship: c.relationship, phone: c.phone.number })),
  );
  const errors = fieldErrors(save.error);
  // The body is an array: errors name fields like "[0].name" or "0.name".
  const err = (i: number, k: string) => {
    const names = [`[${i}].${k}`, `${i}.${k}`, ...(k === "phone" ? [`[${i}].phone.number`, `${i}.phone.number`] : [])];
    return names.map((n) => errors[n]).find(Boolean);
  };
  const update = (i: number, k: keyof Row, v: string) => setRows(rows.map((r, j) => (j === i ? { ...r, [k]: v } : r)));

  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate(
      {
        params: { path: { id: patientId } },
        body: rows.map((r, i) => ({ name: r.name.trim(), relationship: r.relationship.trim(), phone: { number: r.phone.trim() }, priority: i + 1 })),
      },
      { onSuccess: onDone },
    );
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-3" aria-label="Emergency contacts">
      {save.error != null && <Alert tone="error">{problemMessage(save.error)}</Alert>}
      {rows.map((r, i) => (
        <fieldset key={i} className="grid gap-3 rounded-md border border-slate-200 p-3 sm:grid-cols-[1fr_1fr_1fr_auto]">
          <legend className="px-1 text-sm font-medium">Contact {i + 1}</legend>
          <TextField label="Name" required value={r.name} error={err(i, "name")} onChange={(e) => update(i, "name", e.target.value)} />
          <TextField label="Relationship" required value={r.relationship} error={err(i, "relationship")} onChange={(e) => update(i, "relationship", e.target.value)} />
          <TextField label="Phone" type="tel" required value={r.phone} error={err(i, "phone")} onChange={(e) => update(i, "phone", e.target.value)} />
          <Button variant="ghost" className="self-end" aria-label={`Remove contact ${i + 1}`} onClick={() => setRows(rows.filter((_, j) => j !== i))}>
            Remove
          </Button>
        </fieldset>
      ))}
      <div className="flex flex-wrap gap-2">
        {rows.length < 10 && (
          <Button variant="secondary" onClick={() => setRows([...rows, { name: "", relationship: "", phone: "" }])}>
            Add a contact
          </Button>
        )}
        <Button type="submit" busy={save.isPending}>
          Save contacts
        </Button>
        <Button variant="ghost" onClick={onDone}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
