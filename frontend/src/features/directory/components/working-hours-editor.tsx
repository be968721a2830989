import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/field";
import { QueryState } from "@/components/ui/states";
import { $api, type Schemas } from "@/lib/api-client";
import { fieldErrors, problemMessage } from "@/utils/problem";
import { useInvalidateDoctors } from "../api/directory";

type Block = Schemas["WorkingHoursBlock"];
const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

/** A doctor's weekly hours per office, edited as a list of blocks and saved whole. */
export function WorkingHoursEditor({ doctorId }: { doctorId: number }) {
  const hours = $api.useQuery("get", "/api/v1/doctors/{id}/working-hours", { params: { path: { id: doctorId } } });
  return <QueryState query={hours}>{(data) => <HoursForm doctorId={doctorId} initial={data.working_hours} />}</QueryState>;
}

function HoursForm({ doctorId, initial }: { doctorId: number; initial: Block[] }) {
  const offices = $api.useQuery("get", "/api/v1/doctors/{id}/offices", { params: { path: { id: doctorId } } });
  const save = $api.useMutation("put", "/api/v1/doctors/{id}/working-hours", { onSuccess: useInvalidateDoctors() });
  const [blocks, setBlocks] = useState<Block[]>(initial);
  const errors = fieldErrors(save.error);
  const err = (i: number, k: string) => errors[`working_hours[${i}].${k}`] ?? errors[`working_hours.${i}.${k}`];
  const change = (i: number, patch: Partial<Block>) => setBlocks(blocks.map((b, j) => (j === i ? { ...b, ...patch } : b)));
  const firstOffice = offices.data?.office_ids[0];
  return (
    <fieldset className="space-y-3">
      <legend className="font-semibold">Working hours (in each office's time zone)</legend>
      {save.error != null && <Alert tone="error">{problemMessage(save.error, blocks.flatMap((_, i) => ["weekday", "office_id", "start", "end"].flatMap((k) => [`working_hours[${i}].${k}`, `working_hours.${i}.${k}`])))}</Alert>}
      {save.isSuccess && <Alert tone="success">Working hours saved.</Alert>}
      {blocks.length === 0 && <p className="text-sm text-slate-600">No working hours: the doctor cannot be booked.</p>}
      {blocks.map((b, i) => (
        <div key={i} className="grid grid-cols-2 items-end gap-2 sm:grid-cols-[1fr_1fr_8rem_8rem_auto]">
          <SelectField label="Day" value={b.weekday} error={err(i, "weekday")} onChange={(e) => change(i, { weekday: Number(e.target.value) })}>
            {WEEKDAYS.map((d, n) => (
              <option key={d} value={n + 1}>
                {d}
              </option>
            ))}
          </SelectField>
          <SelectField label="Office" value={b.office_id} error={err(i, "office_id")} onChange={(e) => change(i, { office_id: Number(e.target.value) })}>
            {(offices.data?.offices ?? []).map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </SelectField>
          <TextField label="From" type="time" value={b.start.slice(0, 5)} error={err(i, "start")} onChange={(e) => change(i, { start: e.target.value })} />
          <TextField label="To" type="time" value={b.end.slice(0, 5)} error={err(i, "end")} onChange={(e) => change(i, { end: e.target.value })} />
          <Button variant="ghost" aria-label={`Remove ${WEEKDAYS[b.weekday - 1]} block`} onClick={() => setBlocks(blocks.filter((_, j) => j !== i))}>
            Remove
          </Button>
        </div>
      ))}
      <div className="flex flex-wrap gap-2">
        <Button size="sm" variant="secondary" disabled={firstOffice === undefined} onClick={() => firstOffice !== undefined && setBlocks([...blocks, { weekday: 1, office_id: firstOffice, start: "09:00", end: "17:00" }])}>
          Add a block
        </Button>
        <Button size="sm" busy={save.isPending} onClick={() => save.mutate({ params: { path: { id: doctorId } }, body: { working_hours: blocks } })}>
          Save working hours
        </Button>
      </div>
    </fieldset>
  );
}
