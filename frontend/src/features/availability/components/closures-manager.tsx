import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { SectionTitle } from "@/components/ui/card";
import { SelectField, TextField } from "@/components/ui/field";
import { EmptyState, QueryState } from "@/components/ui/states";
import { useOffices } from "@/features/directory/api/directory";
import { $api } from "@/lib/api-client";
import { fieldErrors, problemMessage } from "@/utils/problem";
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
  const [first, setFirst] = useState("");
  const [last, setLast] = useState("");
  const [label, setLabel] = useState("");
  const errors = fieldErrors(add.error);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (officeId === null || first === "") return;
    add.mutate(
      { params: { path: { id: officeId } }, body: { first_day: first, last_day: last === "" ? first : last, label } },
      {
        onSuccess: () => {
          setFirst("");
          setLast("");
          setLabel("");
        },
      },
    );
  };

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
        <form onSubmit={submit} className="grid gap-3 sm:grid-cols-[1fr_1fr_2fr_auto] sm:items-end" aria-label="Close the office">
          <TextField label="First day" type="date" value={first} required error={errors.first_day} onChange={(e) => setFirst(e.target.value)} />
          <TextField label="Last day" type="date" value={last} hint="Leave empty for one day." error={errors.last_day} onChange={(e) => setLast(e.target.value)} />
          <TextField label="Label (shown to patients)" value={label} required maxLength={200} error={errors.label} onChange={(e) => setLabel(e.target.value)} />
          <Button type="submit" busy={add.isPending} disabled={officeId === null}>
            Close the office
          </Button>
        </form>
        {add.error != null && <Alert tone="error">{problemMessage(add.error, ["first_day", "last_day", "label"])}</Alert>}
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
