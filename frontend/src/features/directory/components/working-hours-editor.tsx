import type { ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/field";
import { FormErrors } from "@/components/ui/form-errors";
import { QueryState } from "@/components/ui/states";
import { $api, type Schemas } from "@/lib/api-client";
import { countRows, pattern, required, rowKey, rowsToValues, valuesToRows, type FieldSpec, type Schema } from "@/lib/forms";
import { useForm, useFormRows, type FormState } from "@/lib/use-form";
import { useInvalidateDoctors } from "../api/directory";

type Block = Schemas["WorkingHoursBlock"];
type Values = Record<string, string | boolean>;
const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

/** The body's list (`working_hours[0].start` in the API's errors) and a block's parts. */
export const HOURS = "working_hours";
export const HOURS_PARTS = ["weekday", "office_id", "start", "end"] as const;
const MAX_BLOCKS = 100; // WorkingHoursBody.working_hours maxItems

/** An error about a whole block (an overlap: `working_hours[2]`) shows on its From field. */
export const HOURS_ALIASES = Object.fromEntries(Array.from({ length: MAX_BLOCKS }, (_, i) => [`${HOURS}.${i}`, rowKey(HOURS, i, "start")]));

export function hoursValues(blocks: readonly Block[]): Record<string, string> {
  const rows = blocks.map((b) => ({ weekday: String(b.weekday), office_id: String(b.office_id), start: b.start.slice(0, 5), end: b.end.slice(0, 5) }));
  return rowsToValues(HOURS, rows, HOURS_PARTS);
}

export function hoursBody(values: Values): Block[] {
  return valuesToRows(HOURS, values, countRows(values, HOURS, "weekday"), HOURS_PARTS).map((r) => ({
    weekday: Number(r.weekday),
    office_id: Number(r.office_id),
    start: r.start,
    end: r.end,
  }));
}

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/**
 * The API's rules for each block (`WorkingHoursBlock`): an office, `HH:MM` times, the end after
 * the start. `officeIds`, when given, are the offices a block may be at (the doctor's, as
 * chosen in the same form).
 */
export function hoursSchema(values: Values, officeIds?: readonly string[]): Schema {
  const schema: Record<string, FieldSpec> = {};
  for (let i = 0; i < countRows(values, HOURS, "weekday"); i++) {
    const start = rowKey(HOURS, i, "start");
    schema[rowKey(HOURS, i, "weekday")] = { label: "Day", rules: [required("Choose a day.")] };
    schema[rowKey(HOURS, i, "office_id")] = {
      label: "Office",
      rules: [
        required("Choose an office."),
        (v) => (officeIds && v !== "" && !officeIds.includes(v) ? "Choose one of the doctor's offices (ticked above), or remove this block." : undefined),
      ],
    };
    schema[start] = { label: "From", rules: [required("Enter a start time."), pattern(TIME, "Enter a time such as 09:00.")] };
    schema[rowKey(HOURS, i, "end")] = {
      label: "To",
      rules: [
        required("Enter an end time."),
        pattern(TIME, "Enter a time such as 17:00."),
        (v, all) => (TIME.test(String(all[start])) && v <= String(all[start]) ? "Choose an end after the start." : undefined),
      ],
    };
  }
  return schema;
}

/** The blocks of a week as rows of a form (the doctor's own page and the admin's doctor panel). */
export function HoursFields<V extends Values>({
  form,
  offices,
  actions,
}: {
  form: FormState<V>;
  offices: readonly { id: number; name: string }[];
  actions?: ReactNode;
}) {
  const rows = useFormRows(form, HOURS, HOURS_PARTS);
  const firstOffice = offices[0];
  return (
    <fieldset className="space-y-3">
      <legend className="font-semibold">Working hours (in each office's time zone)</legend>
      {rows.count === 0 && <p className="text-sm text-slate-600">No working hours: the doctor cannot be booked.</p>}
      {rows.rows.map((b, i) => (
        <div key={i} className="grid grid-cols-2 items-end gap-2 sm:grid-cols-[1fr_1fr_8rem_8rem_auto]">
          <SelectField {...form.field(rows.key(i, "weekday") as Extract<keyof V, string>)}>
            {WEEKDAYS.map((d, n) => (
              <option key={d} value={n + 1}>
                {d}
              </option>
            ))}
          </SelectField>
          <SelectField {...form.field(rows.key(i, "office_id") as Extract<keyof V, string>)}>
            {!offices.some((o) => String(o.id) === b.office_id) && <option value={b.office_id}>{b.office_id ? "An office the doctor no longer works at" : "Choose an office"}</option>}
            {offices.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </SelectField>
          <TextField {...form.field(rows.key(i, "start") as Extract<keyof V, string>)} type="time" />
          <TextField {...form.field(rows.key(i, "end") as Extract<keyof V, string>)} type="time" />
          <Button variant="ghost" aria-label={`Remove ${WEEKDAYS[Number(b.weekday) - 1]} block`} onClick={() => rows.remove(i)}>
            Remove
          </Button>
        </div>
      ))}
      <div className="flex flex-wrap gap-2">
        <Button
          size="sm"
          variant="secondary"
          disabled={firstOffice === undefined || rows.count >= MAX_BLOCKS}
          onClick={() => firstOffice !== undefined && rows.add({ weekday: "1", office_id: String(firstOffice.id), start: "09:00", end: "17:00" })}
        >
          Add a block
        </Button>
        {actions}
      </div>
    </fieldset>
  );
}

/** A doctor's weekly hours per office, edited as a list of blocks and saved whole (the doctor's own page). */
export function WorkingHoursEditor({ doctorId }: { doctorId: number }) {
  const hours = $api.useQuery("get", "/api/v1/doctors/{id}/working-hours", { params: { path: { id: doctorId } } });
  return <QueryState query={hours}>{(data) => <HoursForm doctorId={doctorId} initial={data.working_hours} />}</QueryState>;
}

function HoursForm({ doctorId, initial }: { doctorId: number; initial: Block[] }) {
  const offices = $api.useQuery("get", "/api/v1/doctors/{id}/offices", { params: { path: { id: doctorId } } });
  const save = $api.useMutation("put", "/api/v1/doctors/{id}/working-hours", { onSuccess: useInvalidateDoctors() });
  const form = useForm<Values>({
    initial: hoursValues(initial),
    schema: (v) => hoursSchema(v),
    aliases: HOURS_ALIASES,
    submit: (v) => save.mutateAsync({ params: { path: { id: doctorId } }, body: { working_hours: hoursBody(v) } }),
  });
  return (
    <form {...form.formProps} className="space-y-3" aria-label="Working hours">
      <FormErrors form={form} />
      {save.isSuccess && <Alert tone="success">Working hours saved.</Alert>}
      <HoursFields
        form={form}
        offices={offices.data?.offices ?? []}
        actions={
          <Button size="sm" type="submit" busy={form.submitting}>
            Save working hours
          </Button>
        }
      />
    </form>
  );
}
