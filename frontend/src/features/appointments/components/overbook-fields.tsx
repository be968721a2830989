import { TextAreaField, TextField } from "@/components/ui/field";

/** What staff type to book over a conflict on purpose: any start, a length and why. */
export interface Overbook {
  start: string; // datetime-local value, on the office's clock
  minutes: string;
  reason: string;
}

export const noOverbook: Overbook = { start: "", minutes: "30", reason: "" };

type Errors = Partial<Record<"starts_at" | "duration_minutes" | "overbook_reason", string>>;

/** The fields of a deliberate overbooking; the slot picker offers only free times. */
export function OverbookFields({
  value,
  onChange,
  errors,
  timeZone,
}: {
  value: Overbook;
  onChange: (next: Overbook) => void;
  errors: Errors;
  /** The office's zone: the start is read on its clock. */
  timeZone: string | undefined;
}) {
  return (
    <fieldset className="space-y-4 rounded-md border border-amber-300 bg-amber-50 p-4">
      <legend className="px-1 text-sm font-semibold text-amber-900">Overbook: book over a conflict on purpose</legend>
      <p className="text-sm text-amber-900">
        The appointment is marked overbooked and the audit trail records who booked it and why. It must still fall inside
        the doctor&apos;s working hours.
      </p>
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          label="Start"
          type="datetime-local"
          required
          value={value.start}
          error={errors.starts_at}
          hint={timeZone ? `On the office's clock (${timeZone}).` : "On the office's clock: choose the office first."}
          onChange={(e) => onChange({ ...value, start: e.target.value })}
        />
        <TextField
          label="Length (minutes)"
          type="number"
          min={5}
          max={480}
          step={5}
          required
          value={value.minutes}
          error={errors.duration_minutes}
          onChange={(e) => onChange({ ...value, minutes: e.target.value })}
        />
      </div>
      <TextAreaField
        label="Why overbook"
        required
        maxLength={1000}
        value={value.reason}
        error={errors.overbook_reason}
        onChange={(e) => onChange({ ...value, reason: e.target.value })}
      />
    </fieldset>
  );
}
