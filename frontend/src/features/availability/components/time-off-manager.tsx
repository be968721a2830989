import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { SectionTitle } from "@/components/ui/card";
import { TextField } from "@/components/ui/field";
import { EmptyState, QueryState } from "@/components/ui/states";
import { $api } from "@/lib/api-client";
import { FormErrors } from "@/components/ui/form-errors";
import { fromZonedInput } from "@/features/calendar/zone";
import { useClinicTimeZone } from "@/lib/clinic-time-zone";
import { formatDateTime } from "@/lib/format";
import { maxLength, required } from "@/lib/forms";
import { useForm } from "@/lib/use-form";
import { problemMessage } from "@/utils/problem";
import { useInvalidateAvailability, useTimeOff } from "../api/availability";

/** A doctor's time off: the list (with the private reasons), a form to add a range, and removal. */
export function TimeOffManager({ doctorId }: { doctorId: number }) {
  const list = useTimeOff(doctorId);
  const invalidate = useInvalidateAvailability();
  const add = $api.useMutation("post", "/api/v1/doctors/{id}/time-off", { onSuccess: invalidate });
  const remove = $api.useMutation("delete", "/api/v1/doctors/{id}/time-off/{time_off_id}", { onSuccess: invalidate });
  // The range is typed and shown on the clinic's clock (the offices' zone), labelled.
  const zone = useClinicTimeZone();
  const form = useForm({
    initial: { starts_at: "", ends_at: "", reason: "" },
    schema: {
      starts_at: { label: "From", rules: [required("Choose when the time off starts.")] },
      ends_at: {
        label: "Until",
        rules: [
          required("Choose when the time off ends."),
          (v: string, all: Record<string, unknown>) => (String(all.starts_at) !== "" && v <= String(all.starts_at) ? "Choose an end after the start." : undefined),
        ],
      },
      reason: { label: "Reason (private)", rules: [maxLength(500)] },
    },
    submit: (v) => {
      const starts_at = fromZonedInput(v.starts_at, zone);
      const ends_at = fromZonedInput(v.ends_at, zone);
      if (starts_at === null || ends_at === null) throw new Error("Choose when the time off starts and when it ends.");
      return add.mutateAsync({ params: { path: { id: doctorId } }, body: { starts_at, ends_at, reason: v.reason.trim() === "" ? null : v.reason.trim() } });
    },
    onSuccess: () => form.reset(),
  });

  return (
    <section aria-labelledby="time-off-title" className="space-y-4">
      <SectionTitle id="time-off-title">Time off</SectionTitle>
      <p className="text-sm text-slate-600">Times in {zone}.</p>
      <FormErrors form={form} />
      <form {...form.formProps} className="grid gap-3 sm:grid-cols-[1fr_1fr_2fr_auto] sm:items-end" aria-label="Add time off">
        <TextField {...form.field("starts_at")} type="datetime-local" required />
        <TextField {...form.field("ends_at")} type="datetime-local" required />
        <TextField {...form.field("reason")} hint="Patients never see it." maxLength={500} />
        <Button type="submit" busy={form.submitting}>
          Add time off
        </Button>
      </form>
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
                    <strong>{formatDateTime(t.starts_at, zone)}</strong> to <strong>{formatDateTime(t.ends_at, zone)}</strong>
                    {t.reason && <span className="text-slate-600"> — {t.reason}</span>}
                  </span>
                  <Button
                    size="sm"
                    variant="ghost"
                    aria-label={`Remove time off from ${formatDateTime(t.starts_at, zone)}`}
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
