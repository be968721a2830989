import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextAreaField, TextField } from "@/components/ui/field";
import { useReschedule } from "@/features/appointments/api/appointments";
import { fieldErrors, problemMessage, problemStatus } from "@/utils/problem";
import type { CalendarAppointment } from "../types";
import { inputToMinutes, instantAt, isDateKey, minutesToInput, wallClock } from "../zone";
import { formatClock, formatDay, formatMinutes, zoneLabel } from "@/lib/format";
import type { MoveTarget } from "./time-grid";
import { Dialog } from "@/components/ui/dialog";

/**
 * Confirms a move (from a drag, the keyboard or the "Move…" button): the new day and start on
 * the office's clock, editable; the length stays. When the time is taken, staff may move it
 * there on purpose with a reason (an overbooking).
 */
export function MoveDialog({
  appointment,
  target,
  timeZone,
  mayOverbook,
  onClose,
  onMoved,
}: {
  appointment: CalendarAppointment;
  target: MoveTarget | null;
  timeZone: string;
  mayOverbook: boolean;
  onClose: () => void;
  onMoved: (moved: CalendarAppointment) => void;
}) {
  const from = wallClock(appointment.starts_at, timeZone);
  const [date, setDate] = useState(target?.date ?? from.date);
  const [time, setTime] = useState(minutesToInput(target?.minutes ?? from.minutes));
  const [overbooking, setOverbooking] = useState(false);
  const [reason, setReason] = useState("");
  const reschedule = useReschedule();
  const minutes = inputToMinutes(time);
  const startsAt = isDateKey(date) && minutes !== null ? instantAt(date, minutes, timeZone) : null;
  const unchanged = startsAt === new Date(appointment.starts_at).toISOString();
  const taken = problemStatus(reschedule.error) === 409;
  const errors = fieldErrors(reschedule.error);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!startsAt || unchanged || (overbooking && reason.trim() === "")) return;
    reschedule.mutate(
      { params: { path: { id: appointment.id } }, body: { starts_at: startsAt, ...(overbooking ? { overbook_reason: reason.trim() } : {}) } },
      { onSuccess: (moved) => onMoved(moved) },
    );
  }

  return (
    <Dialog title={`Move ${appointment.patient_name}'s visit`} onClose={onClose}>
      <form onSubmit={submit} noValidate className="space-y-4" aria-label="Move the visit">
        <p className="text-sm text-slate-700">
          With {appointment.doctor_name} at {appointment.office_name}, now {formatDay(from.date)} {formatClock(appointment.starts_at, timeZone)}–{formatClock(appointment.ends_at, timeZone)} ({appointment.duration_minutes} minutes; the length stays).
        </p>
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField label="New date" type="date" required value={date} onChange={(e) => setDate(e.target.value)} />
          <TextField
            label="New start"
            type="time"
            step={300}
            required
            value={time}
            error={errors.starts_at}
            hint={`Office time: ${zoneLabel(timeZone, isDateKey(date) ? date : from.date)}`}
            onChange={(e) => setTime(e.target.value)}
          />
        </div>
        {reschedule.error != null && (
          <Alert tone="error">
            {taken
              ? `That time is not free (${problemMessage(reschedule.error)}).${mayOverbook && !overbooking ? " Choose another, or move it there on purpose as an overbooking." : " Please choose another."}`
              : problemMessage(reschedule.error, ["starts_at", "overbook_reason"])}
          </Alert>
        )}
        {taken && mayOverbook && !overbooking && (
          <Button
            variant="secondary"
            onClick={() => {
              setOverbooking(true);
              reschedule.reset();
            }}
          >
            Overbook this time
          </Button>
        )}
        {overbooking && (
          <TextAreaField label="Why overbook" required maxLength={1000} value={reason} error={errors.overbook_reason} onChange={(e) => setReason(e.target.value)} hint="The visit is marked overbooked and the audit trail records why." />
        )}
        <div className="flex flex-wrap gap-2">
          <Button type="submit" busy={reschedule.isPending} disabled={!startsAt || unchanged || (overbooking && reason.trim() === "")}>
            {startsAt && !unchanged && minutes !== null ? `Move to ${formatDay(date)} ${formatMinutes(minutes)}` : "Choose a new time"}
          </Button>
          <Button variant="secondary" onClick={onClose}>
            Keep the current time
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
