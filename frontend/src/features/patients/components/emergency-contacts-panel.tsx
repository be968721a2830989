import { useState } from "react";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { FormActions } from "@/components/ui/form-actions";
import { FormErrors } from "@/components/ui/form-errors";
import { EmptyState, QueryState } from "@/components/ui/states";
import { countRows, maxLength, phone, required, rowKey, rowsToValues, valuesToRows, type Schema } from "@/lib/forms";
import { useForm, useFormRows } from "@/lib/use-form";
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

const PARTS = ["name", "relationship", "phone"] as const;
const MAX_CONTACTS = 10;

/** The API's limits (`EmergencyContactBody`) for each row of the list (the body is an array: errors name `[0].name`). */
export function contactsSchema(values: Record<string, unknown>): Schema {
  const schema: Schema = {};
  for (let i = 0; i < countRows(values, "", "name"); i++) {
    schema[rowKey("", i, "name")] = { label: "Name", rules: [required(), maxLength(200)] };
    schema[rowKey("", i, "relationship")] = { label: "Relationship", rules: [required(), maxLength(50)] };
    schema[rowKey("", i, "phone")] = { label: "Phone", rules: [required("Enter a phone number."), phone()] };
  }
  return schema;
}

function ContactsEditor({ patientId, initial, onDone }: { patientId: number; initial: EmergencyContact[]; onDone: () => void }) {
  const save = useSaveEmergencyContacts();
  const [start] = useState(() =>
    rowsToValues(
      "",
      [...initial].sort((a, b) => a.priority - b.priority).map((c) => ({ name: c.name, relationship: c.relationship, phone: c.phone.number })),
      PARTS,
    ),
  );
  const form = useForm<Record<string, string>>({
    initial: start,
    schema: contactsSchema,
    submit: (values) =>
      save.mutateAsync({
        params: { path: { id: patientId } },
        body: valuesToRows("", values, countRows(values, "", "name"), PARTS).map((r, i) => ({
          name: r.name.trim(),
          relationship: r.relationship.trim(),
          phone: { number: r.phone.trim() },
          priority: i + 1,
        })),
      }),
    onSuccess: onDone,
  });
  const rows = useFormRows(form, "", PARTS);

  return (
    <form {...form.formProps} className="space-y-3" aria-label="Emergency contacts">
      <FormErrors form={form} />
      {rows.rows.map((_, i) => (
        <fieldset key={i} className="grid gap-3 rounded-md border border-slate-200 p-3 sm:grid-cols-[1fr_1fr_1fr_auto]">
          <legend className="px-1 text-sm font-medium">Contact {i + 1}</legend>
          <TextField {...form.field(rows.key(i, "name"))} required />
          <TextField {...form.field(rows.key(i, "relationship"))} required />
          <TextField {...form.field(rows.key(i, "phone"))} type="tel" required />
          <Button variant="ghost" className="self-end" aria-label={`Remove contact ${i + 1}`} onClick={() => rows.remove(i)}>
            Remove
          </Button>
        </fieldset>
      ))}
      <FormActions save="Save contacts" busy={form.submitting} onCancel={onDone}>
        {rows.count < MAX_CONTACTS && (
          <Button variant="secondary" onClick={() => rows.add({ name: "", relationship: "", phone: "" })}>
            Add a contact
          </Button>
        )}
      </FormActions>
    </form>
  );
}
