import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { SectionTitle } from "@/components/ui/card";
import { TextField } from "@/components/ui/field";
import { EmptyState, QueryState } from "@/components/ui/states";
import { $api } from "@/lib/api-client";
import { fieldErrors, problemMessage } from "@/utils/problem";
import { formatInstant, localInputToInstant, useInvalidateAvailability, useTimeOff } from "../api/availability";

/** A doctor's time off: the list (with the private reasons), a form to add a range, and removal. */
export function TimeOffManager({ doctorId }: { doctorId: number }) {
  const list = useTimeOff(doctorId);
  const invalidate = useInvalidateAvailability();
  const add = $api.useMutation("post", "/api/v1/doctors/{id}/time-off", { onSuccess: invalidate });
  const remove = $api.useMutation("delete", "/api/v1/doctors/{id}/time-off/{time_off_id}", { onSuccess: invalidate });
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const [reason, setReason] = useState("");
  const [missing, setMissing] = useState<string | null>(null);
  const errors = fieldErrors(add.error);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const starts_at = localInputToInstant(from);
    const ends_at = localInputToInstant(to);
    if (starts_at === null || ends_at === null) {
      setMissing("Choose when the time off starts and when it ends.");
      return;
    }
    setMissing(null);
    add.mutate(
      { params: { path: { id: doctorId } }, body: { starts_at, ends_at, reason: reason.trim() === "" ? null : reason.trim() } },
      {
        onSuccess: () => {
          setFrom("");
          setTo("");
          setReason("");
        },
      },
    );
  };

  return (
    <section aria-labelledby="time-off-title" className="space-y-4">
      <SectionTitle id="time-off-title">Time off</SectionTitle>
      <form onSubmit={submit} className="grid gap-3 sm:grid-cols-[1fr_1fr_2fr_auto] sm:items-end" aria-label="Add time off">
        <TextField label="From" type="datetime-local" value={from} error={errors.starts_at} onChange={(e) => setFrom(e.target.value)} required />
        <TextField label="Until" type="datetime-local" value={to} error={errors.ends_at} onChange={(e) => setTo(e.target.value)} required />
        <TextField label="Reason (private)" hint="Patients never see it." value={reason} maxLength={500} error={errors.reason} onChange={(e) => setReason(e.target.value)} />
        <Button type="submit" busy={add.isPending}>
          Add time off
        </Button>
      </form>
      {missing && <Alert tone="error">{missing}</Alert>}
      {add.error != null && <Alert tone="error">{problemMessage(add.error, ["starts_at", "ends_at", "reason"])}</Alert>}
      {add.isSuccess && <Alert tone="success">Time off added. Patients can no longer book you then.</Alert>}
      {remove.error != null && <Alert tone="error">{problemMessage(remove.error)}</Alert>}
      <QueryState query={list}>
        {(items) =>
          items.length === 0 ? (
            <EmptyState title="No time off recorded" />
          ) : (
            <ul className="divide-y divide-slate-200 rounded-md border border-slate-200">
              {items.map((t) => (
                <li key={t.id} className="flex flex-wrap items-center justify-between gap-2 p-3">
                  <span>
                    <strong>{formatInstant(t.starts_at)}</strong> to <strong>{formatInstant(t.ends_at)}</strong>
                    {t.reason && <span className="text-slate-600"> — {t.reason}</span>}
                  </span>
                  <Button
                    size="sm"
                    variant="ghost"
                    aria-label={`Remove time off from ${formatInstant(t.starts_at)}`}
                    busy={remove.isPending && remove.variables?.params.path.time_off_id === t.id}
                    onClick={() => remove.mutate({ params: { path: { id: doctorId, time_off_id: t.id } } })}
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
