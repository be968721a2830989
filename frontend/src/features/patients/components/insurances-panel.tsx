import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/field";
import { FormActions } from "@/components/ui/form-actions";
import { FormErrors } from "@/components/ui/form-errors";
import { EmptyState, QueryState } from "@/components/ui/states";
import type { Schemas } from "@/lib/api-client";
import { formatCalendarDate } from "@/lib/format";
import { date, maxLength, onOrAfter, required } from "@/lib/forms";
import { useForm } from "@/lib/use-form";
import { problemMessage } from "@/utils/problem";
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

/** The API's limits (`CreateInsuranceRequest`). */
export const INSURANCE_SCHEMA = {
  provider_name: { label: "Provider", rules: [required(), maxLength(200)] },
  policy_number: { label: "Policy number", rules: [required(), maxLength(100)] },
  group_number: { label: "Group number", rules: [maxLength(100)] },
  holder_name: { label: "Holder's name", rules: [required(), maxLength(200)] },
  holder_relationship: { label: "Holder is the patient's", rules: [required()] },
  valid_from: { label: "Valid from", rules: [required("Enter the first day of cover."), date()] },
  valid_to: { label: "Valid to", rules: [date(), onOrAfter("valid_from", "first day of cover")] },
};

function InsuranceForm({ patientId, onDone }: { patientId: number; onDone: () => void }) {
  const add = useAddInsurance();
  const form = useForm({
    initial: { provider_name: "", policy_number: "", group_number: "", holder_name: "", holder_relationship: "self", valid_from: "", valid_to: "" },
    schema: INSURANCE_SCHEMA,
    submit: (f) =>
      add.mutateAsync({
        params: { path: { id: patientId } },
        body: {
          provider_name: f.provider_name.trim(),
          policy_number: f.policy_number.trim(),
          group_number: f.group_number.trim() || null,
          holder_name: f.holder_name.trim(),
          holder_relationship: f.holder_relationship as Relationship,
          valid_from: f.valid_from,
          valid_to: f.valid_to || null,
          is_active: true,
        },
      }),
    onSuccess: onDone,
  });
  return (
    <form {...form.formProps} className="space-y-3 rounded-md border border-slate-200 bg-slate-50 p-3" aria-label="Add insurance">
      <FormErrors form={form} />
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField {...form.field("provider_name")} required />
        <TextField {...form.field("policy_number")} required />
        <TextField {...form.field("group_number")} />
        <TextField {...form.field("holder_name")} required />
        <SelectField {...form.field("holder_relationship")}>
          {RELATIONSHIPS.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </SelectField>
        <TextField {...form.field("valid_from")} type="date" required />
        <TextField {...form.field("valid_to")} type="date" />
      </div>
      <FormActions save="Save insurance" busy={form.submitting} onCancel={onDone} />
    </form>
  );
}
