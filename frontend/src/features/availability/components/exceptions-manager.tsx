import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { SectionTitle } from "@/components/ui/card";
import { SelectField, TextField } from "@/components/ui/field";
import { EmptyState, QueryState } from "@/components/ui/states";
import { useDoctorOffices } from "@/features/directory/api/directory";
import { $api, type Schemas } from "@/lib/api-client";
import { fieldErrors, problemMessage } from "@/utils/problem";
import { useInvalidateAvailability, useScheduleExceptions } from "../api/availability";

type Kind = Schemas["ExceptionKindDto"];
const KINDS: { value: Kind; label: string }[] = [
  { value: "day_off", label: "Day off" },
  { value: "extra_hours", label: "Extra hours" },
  { value: "replaced_hours", label: "Different hours (replace the day's)" },
];
const kindLabel = (kind: Kind) => KINDS.find((k) => k.value === kind)?.label ?? kind;

/** Dated exceptions to a doctor's weekly hours at an office: a day off, extra hours, or a changed day. */
export function ExceptionsManager({ doctorId }: { doctorId: number }) {
  const list = useScheduleExceptions(doctorId);
  const offices = useDoctorOffices(doctorId);
  const invalidate = useInvalidateAvailability();
  const add = $api.useMutation("post", "/api/v1/doctors/{id}/schedule-exceptions", { onSuccess: invalidate });
  const remove = $api.useMutation("delete", "/api/v1/doctors/{id}/schedule-exceptions/{exception_id}", { onSuccess: invalidate });
  const [officeId, setOfficeId] = useState<number | null>(null);
  const [date, setDate] = useState("");
  const [kind, setKind] = useState<Kind>("day_off");
  const [start, setStart] = useState("09:00");
  const [end, setEnd] = useState("13:00");
  const [note, setNote] = useState("");
  const errors = fieldErrors(add.error);
  const office = officeId ?? offices.data?.office_ids[0] ?? null;
  const officeName = (id: number) => offices.data?.offices.find((o) => o.id === id)?.name ?? `Office ${id}`;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (office === null || date === "") return;
    const hours = kind === "day_off" ? { start_time: null, end_time: null } : { start_time: start, end_time: end };
    add.mutate({
      params: { path: { id: doctorId } },
      body: { office_id: office, date, kind, ...hours, note: note.trim() === "" ? null : note.trim() },
    });
  };

  return (
    <section aria-labelledby="exceptions-title" className="space-y-4">
      <SectionTitle id="exceptions-title">Changes to your usual hours</SectionTitle>
      <form onSubmit={submit} className="grid gap-3 sm:grid-cols-3 sm:items-end" aria-label="Add a change to your hours">
        <SelectField label="Office" value={office ?? ""} error={errors.office_id} onChange={(e) => setOfficeId(Number(e.target.value))}>
          {(offices.data?.offices ?? []).map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
        </SelectField>
        <TextField label="Date" type="date" value={date} required error={errors.date} onChange={(e) => setDate(e.target.value)} />
        <SelectField label="Change" value={kind} error={errors.kind} onChange={(e) => setKind(e.target.value as Kind)}>
          {KINDS.map((k) => (
            <option key={k.value} value={k.value}>
              {k.label}
            </option>
          ))}
        </SelectField>
        {kind !== "day_off" && (
          <>
            <TextField label="From (office time)" type="time" value={start} error={errors.start_time} onChange={(e) => setStart(e.target.value)} />
            <TextField label="To (office time)" type="time" value={end} error={errors.end_time} onChange={(e) => setEnd(e.target.value)} />
          </>
        )}
        <TextField label="Note" value={note} maxLength={500} error={errors.note} onChange={(e) => setNote(e.target.value)} />
        <Button type="submit" busy={add.isPending} disabled={office === null}>
          Add change
        </Button>
      </form>
      {add.error != null && <Alert tone="error">{problemMessage(add.error, ["office_id", "date", "kind", "start_time", "end_time", "note"])}</Alert>}
      {add.isSuccess && <Alert tone="success">Change saved.</Alert>}
      {remove.error != null && <Alert tone="error">{problemMessage(remove.error)}</Alert>}
      <QueryState query={list}>
        {(items) =>
          items.length === 0 ? (
            <EmptyState title="No changes to your usual hours" />
          ) : (
            <ul className="divide-y divide-slate-200 rounded-md border border-slate-200">
              {items.map((x) => (
                <li key={x.id} className="flex flex-wrap items-center justify-between gap-2 p-3">
                  <span>
                    <strong>{x.date}</strong> at {officeName(x.office_id)}: {kindLabel(x.kind)}
                    {x.start_time && x.end_time && ` ${x.start_time}–${x.end_time}`}
                    {x.note && <span className="text-slate-600"> — {x.note}</span>}
                  </span>
                  <Button
                    size="sm"
                    variant="ghost"
                    aria-label={`Remove the change on ${x.date}`}
                    onClick={() => remove.mutate({ params: { path: { id: doctorId, exception_id: x.id } } })}
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
  );
}
