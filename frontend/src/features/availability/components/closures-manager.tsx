import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { SectionTitle } from "@/components/ui/card";
import { SelectField, TextField } from "@/components/ui/field";
import { EmptyState, QueryState } from "@/components/ui/states";
import { useOffices } from "@/features/directory/api/directory";
import { $api } from "@/lib/api-client";
import { FormErrors } from "@/components/ui/form-errors";
import { date, maxLength, onOrAfter, required } from "@/lib/forms";
import { useForm } from "@/lib/use-form";
import { problemMessage } from "@/utils/problem";
import { useClosures, useInvalidateAvailability } from "../api/availability";

/** An office's closures (public holidays): choose the office, list, add a span of days, remove. */
export function ClosuresManager() {
  const offices = useOffices();
  const [chosen, setChosen] = useState<number | null>(null);
  const officeId = chosen ?? offices.data?.items[0]?.id ?? null;
  const list = useClosures(officeId);
  const invalidate = useInvalidateAvailability();
  const add = $api.useMutation("post", "/api/v1/offices/{id}/closures", { onSuccess: invalidate });
  const remove = $api.useMutation("delete", "/api/v1/offices/{id}/closures/{closure_id}", { onSuccess: invalidate });
  const form = useForm({
    initial: { first_day: "", last_day: "", label: "" },
    schema: {
      first_day: { label: "First day", rules: [required("Choose the first closed day."), date()] },
      last_day: { label: "Last day", rules: [date(), onOrAfter("first_day", "first day")] },
      label: { label: "Label (shown to patients)", rules: [required("Enter a label, such as Thanksgiving."), maxLength(200)] },
    },
    submit: (v) => {
      if (officeId === null) throw new Error("Choose an office first.");
      return add.mutateAsync({ params: { path: { id: officeId } }, body: { first_day: v.first_day, last_day: v.last_day === "" ? v.first_day : v.last_day, label: v.label.trim() } });
    },
    onSuccess: () => form.reset(),
  });

  return (
    <div className="space-y-4">
      <SelectField label="Office" value={officeId ?? ""} onChange={(e) => setChosen(Number(e.target.value))}>
        {(offices.data?.items ?? []).map((o) => (
          <option key={o.id} value={o.id}>
            {o.name}
          </option>
        ))}
      </SelectField>
      <section aria-labelledby="closures-title" className="space-y-4">
        <SectionTitle id="closures-title">Closed days</SectionTitle>
        <FormErrors form={form} />
        <form {...form.formProps} className="grid gap-3 sm:grid-cols-[1fr_1fr_2fr_auto] sm:items-end" aria-label="Close the office">
          <TextField {...form.field("first_day")} type="date" required />
          <TextField {...form.field("last_day")} type="date" hint="Leave empty for one day." />
          <TextField {...form.field("label")} required maxLength={200} />
          <Button type="submit" busy={form.submitting} disabled={officeId === null}>
            Close the office
          </Button>
        </form>
        {add.isSuccess && <Alert tone="success">Closure saved. Nobody can book those days online.</Alert>}
        {remove.error != null && <Alert tone="error">{problemMessage(remove.error)}</Alert>}
        <QueryState query={list}>
          {(items) =>
            items.length === 0 ? (
              <EmptyState title="No closures for this office" />
            ) : (
              <ul className="divide-y divide-slate-200 rounded-md border border-slate-200">
                {items.map((c) => (
                  <li key={c.id} className="flex flex-wrap items-center justify-between gap-2 p-3">
                    <span>
                      <strong>{c.first_day === c.last_day ? c.first_day : `${c.first_day} to ${c.last_day}`}</strong> — {c.label}
                    </span>
                    <Button
                      size="sm"
                      variant="ghost"
                      aria-label={`Reopen: remove the closure ${c.label}`}
                      onClick={() => officeId !== null && remove.mutate({ params: { path: { id: officeId, closure_id: c.id } } })}
                    >
                      Remove
                    </Button>
                  </li>
                ))}
              </ul>
            )
          }
        </QueryState>
      </section>
    </div>
  );
}
