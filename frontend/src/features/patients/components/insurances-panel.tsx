import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/field";
import { EmptyState, QueryState } from "@/components/ui/states";
import type { Schemas } from "@/lib/api-client";
import { formatCalendarDate } from "@/lib/format";
import { fieldErrors, problemMessage } from "@/utils/problem";
import { useAddInsurance, useInsurances, useUpdateInsurance } from "../api/patients";

type Relationship = Schemas["HolderRelationshipDto"];
const RELATIONSHIPS: Relationship[] = ["self", "spouse", "parent", "child", "other"];

export function InsurancesPanel({ patientId, manage = false }: { patientId: number; manage?: boolean }) {
  const insurances = useInsurances(patientId);
  const update = useUpdateInsurance();
  const [adding, setAdding] = useState(false);
  return (
    <div className="space-y-3">
      {update.error != null && <Alert tone="error">{problemMessage(update.error)}</Alert>}
      <QueryState query={insurances} empty={<EmptyState title="No insurance on file." />}>
        {(data) => (
          <ul className="divide-y divide-slate-200" aria-label="Insurances">
            {data.items.map((i) => (
              <li key={i.id} className="flex flex-wrap items-start justify-between gap-2 py-2">
                <div>
                  <p className="font-medium">
                    {i.provider_name} <Badge tone={i.is_active ? "green" : "gray"}>{i.is_active ? "Active" : "Inactive"}</Badge>
                  </p>
                  <p className="text-sm text-slate-700">
                    Policy {i.policy_number}
                    {i.group_number && ` · group ${i.group_number}`} · holder {i.holder_name} ({i.holder_relationship})
                  </p>
                  <p className="text-sm text-slate-600">
                    Valid from {formatCalendarDate(i.valid_from)}
                    {i.valid_to && ` to ${formatCalendarDate(i.valid_to)}`}
                  </p>
                </div>
                {manage && (
                  <Button size="sm" variant="secondary" busy={update.isPending} onClick={() => update.mutate({ params: { path: { id: i.id } }, body: { is_active: !i.is_active } })}>
                    {i.is_active ? "Mark inactive" : "Mark active"}
                  </Button>
                )}
              </li>
            ))}
          </ul>
        )}
      </QueryState>
      {manage &&
        (adding ? (
          <InsuranceForm patientId={patientId} onDone={() => setAdding(false)} />
        ) : (
          <Button variant="secondary" onClick={() => setAdding(true)}>
            Add insurance
          </Button>
        ))}
    </div>
  );
}

function InsuranceForm({ patientId, onDone }: { patientId: number; onDone: () => void }) {
  const add = useAddInsurance();
  const [f, setF] = useState({ provider_name: "", policy_number: "", group_number: "", holder_name: "", holder_relationship: "self" as Relationship, valid_from: "", valid_to: "" });
  const errors = fieldErrors(add.error);
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) => setF({ ...f, [k]: e.target.value });
  function submit(event: FormEvent) {
    event.preventDefault();
    add.mutate(
      {
        params: { path: { id: patientId } },
        body: { ...f, provider_name: f.provider_name.trim(), policy_number: f.policy_number.trim(), holder_name: f.holder_name.trim(), group_number: f.group_number.trim() || null, valid_to: f.valid_to || null, is_active: true },
      },
      { onSuccess: onDone },
    );
  }
  return (
    <form onSubmit={submit} noValidate className="space-y-3 rounded-md border border-slate-200 bg-slate-50 p-3" aria-label="Add insurance">
      {add.error != null && <Alert tone="error">{problemMessage(add.error, Object.keys(f))}</Alert>}
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField label="Provider" required value={f.provider_name} error={errors.provider_name} onChange={set("provider_name")} />
        <TextField label="Policy number" required value={f.policy_number} error={errors.policy_number} onChange={set("policy_number")} />
        <TextField label="Group number" value={f.group_number} error={errors.group_number} onChange={set("group_number")} />
        <TextField label="Holder's name" required value={f.holder_name} error={errors.holder_name} onChange={set("holder_name")} />
        <SelectField label="Holder is the patient's" value={f.holder_relationship} error={errors.holder_relationship} onChange={set("holder_relationship")}>
          {RELATIONSHIPS.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </SelectField>
        <TextField label="Valid from" type="date" required value={f.valid_from} error={errors.valid_from} onChange={set("valid_from")} />
        <TextField label="Valid to" type="date" value={f.valid_to} error={errors.valid_to} onChange={set("valid_to")} />
      </div>
      <div className="flex gap-2">
        <Button type="submit" busy={add.isPending}>
          Save insurance
        </Button>
        <Button variant="ghost" onClick={onDone}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
