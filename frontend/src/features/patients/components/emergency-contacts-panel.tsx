import { useState } from "react";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { FormErrors } from "@/components/ui/form-errors";
import { EmptyState, QueryState } from "@/components/ui/states";
import { maxLength, phone, required, type Schema } from "@/lib/forms";
import { useForm } from "@/lib/use-form";
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
const PARTS = ["name", "relationship", "phone"] as const;
const MAX_CONTACTS = 10;

/** Rows as the form's flat values: `0.name`, `0.relationship`, `0.phone`, `1.name`, … (the API names `[0].name`). */
function toValues(rows: Row[]): Record<string, string> {
  return Object.fromEntries(rows.flatMap((r, i) => PARTS.map((k) => [`${i}.${k}`, r[k]])));
}

function toRows(values: Record<string, string | boolean>, count: number): Row[] {
  return Array.from({ length: count }, (_, i) => ({
    name: String(values[`${i}.name`] ?? ""),
    relationship: String(values[`${i}.relationship`] ?? ""),
    phone: String(values[`${i}.phone`] ?? ""),
  }));
}

/** The API's limits (`EmergencyContactBody`) for `count` rows. */
export function contactsSchema(count: number): Schema {
  const schema: Schema = {};
  for (let i = 0; i < count; i++) {
    schema[`${i}.name`] = { label: "Name", rules: [required(), maxLength(200)] };
    schema[`${i}.relationship`] = { label: "Relationship", rules: [required(), maxLength(50)] };
    schema[`${i}.phone`] = { label: "Phone", rules: [required("Enter a phone number."), phone()] };
  }
  return schema;
}

function ContactsEditor({ patientId, initial, onDone }: { patientId: number; initial: EmergencyContact[]; onDone: () => void }) {
  const save = useSaveEmergencyContacts();
  const [start] = useState<Row[]>(() =>
    [...initial].sort((a, b) => a.priority - b.priority).map((c) => ({ name: c.name, relationship: c.relationship, phone: c.phone.number })),
  );
  const [count, setCount] = useState(start.length);
  const names = Array.from({ length: count }, (_, i) => PARTS.map((k) => `${i}.${k}`)).flat();
  const form = useForm<Record<string, string>>({
    initial: toValues(start),
    schema: contactsSchema(count),
    extraFields: names,
    submit: (values) =>
      save.mutateAsync({
        params: { path: { id: patientId } },
        body: toRows(values, count).map((r, i) => ({ name: r.name.trim(), relationship: r.relationship.trim(), phone: { number: r.phone.trim() }, priority: i + 1 })),
      }),
    onSuccess: onDone,
  });
  const rows = toRows(form.values, count);
  const field = (i: number, k: (typeof PARTS)[number]) => form.field(`${i}.${k}`);

  function remove(i: number) {
    const next = rows.filter((_, j) => j !== i);
    setCount(next.length);
    form.reset(toValues(next));
  }
  function add() {
    for (const k of PARTS) form.set(`${count}.${k}`, "");
    setCount(count + 1);
  }

  return (
    <form {...form.formProps} className="space-y-3" aria-label="Emergency contacts">
      <FormErrors form={form} />
      {rows.map((_, i) => (
        <fieldset key={i} className="grid gap-3 rounded-md border border-slate-200 p-3 sm:grid-cols-[1fr_1fr_1fr_auto]">
          <legend className="px-1 text-sm font-medium">Contact {i + 1}</legend>
          <TextField {...field(i, "name")} required />
          <TextField {...field(i, "relationship")} required />
          <TextField {...field(i, "phone")} type="tel" required />
          <Button variant="ghost" className="self-end" aria-label={`Remove contact ${i + 1}`} onClick={() => remove(i)}>
            Remove
          </Button>
        </fieldset>
      ))}
      <div className="flex flex-wrap gap-2">
        {count < MAX_CONTACTS && (
          <Button variant="secondary" onClick={add}>
            Add a contact
          </Button>
        )}
        <Button type="submit" busy={form.submitting}>
          Save contacts
        </Button>
        <Button variant="ghost" onClick={onDone}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
