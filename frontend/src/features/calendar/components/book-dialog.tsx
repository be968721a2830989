import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { SelectField, TextAreaField, TextField } from "@/components/ui/field";
import { useBookAppointment, type Appointment } from "@/features/appointments/api/appointments";
import { patientName, type Patient } from "@/features/patients/api/patients";
import { PatientSearch } from "@/features/patients/components/patient-search";
import { fieldErrors, problemMessage, problemStatus } from "@/utils/problem";
import { inputToMinutes, instantAt, minutesToInput } from "../zone";
import { formatDay, formatMinutes, zoneLabel } from "@/lib/format";
import { Dialog } from "@/components/ui/dialog";
import type { GridColumn } from "./time-grid";

const LENGTHS = [15, 20, 30, 45, 60, 90];

/**
 * Books a visit where the grid was clicked: the doctor and day of the column, the start of the
 * cell (editable, on the office's clock), a patient, a length and a reason. When the time turns
 * out to be taken, staff may book it on purpose with a reason (an overbooking).
 */
export function BookDialog({
  column,
  minutes,
  officeId,
  officeName,
  timeZone,
  mayOverbook,
  onClose,
  onBooked,
}: {
  column: GridColumn;
  minutes: number | null;
  officeId: number;
  officeName: string;
  timeZone: string;
  mayOverbook: boolean;
  onClose: () => void;
  onBooked: (appointment: Appointment) => void;
}) {
  const [patient, setPatient] = useState<Patient | null>(null);
  const [time, setTime] = useState(minutes === null ? "" : minutesToInput(minutes));
  const [length, setLength] = useState(30);
  const [reason, setReason] = useState("");
  const [overbooking, setOverbooking] = useState(false);
  const [overbookReason, setOverbookReason] = useState("");
  const book = useBookAppointment();
  const start = inputToMinutes(time);
  const taken = problemStatus(book.error) === 409;
  const errors = fieldErrors(book.error);
  const ready = patient !== null && start !== null && (!overbooking || overbookReason.trim() !== "");

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!ready || start === null || !patient) return;
    book.mutate(
      {
        body: {
          patient_id: patient.id,
          doctor_id: column.doctorId,
          office_id: officeId,
          starts_at: instantAt(column.date, start, timeZone),
          duration_minutes: length,
          reason: reason.trim() || null,
          ...(overbooking ? { overbook_reason: overbookReason.trim() } : {}),
        },
      },
      { onSuccess: onBooked },
    );
  }

  return (
    <Dialog title={`Book with ${column.doctorName}`} onClose={onClose}>
      <form onSubmit={submit} noValidate className="space-y-4" aria-label="Book a visit">
        <p className="text-sm text-slate-700">
          {formatDay(column.date)} at {officeName}
          {start !== null && `, ${formatMinutes(start)}`}.
        </p>
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField label="Start" type="time" step={300} required value={time} error={errors.starts_at} hint={`Office time: ${zoneLabel(timeZone, column.date)}`} onChange={(e) => setTime(e.target.value)} />
          <SelectField label="Length" value={length} error={errors.duration_minutes} onChange={(e) => setLength(Number(e.target.value))}>
            {LENGTHS.map((m) => (
              <option key={m} value={m}>
                {m} minutes
              </option>
            ))}
          </SelectField>
        </div>
        {patient ? (
          <div className="flex flex-wrap items-center gap-3 rounded-md border border-slate-200 bg-slate-50 px-3 py-2">
            <p className="font-medium">Patient: {patientName(patient)}</p>
            <Button size="sm" variant="secondary" onClick={() => setPatient(null)}>
              Choose another patient
            </Button>
          </div>
        ) : (
          <fieldset className="space-y-2">
            <legend className="text-sm font-medium text-slate-800">Patient</legend>
            <div className="max-h-72 overflow-y-auto rounded-md">
              <PatientSearch onSelect={setPatient} actionLabel="Choose" />
            </div>
          </fieldset>
        )}
        <TextAreaField label="Reason for the visit" maxLength={1000} value={reason} error={errors.reason} onChange={(e) => setReason(e.target.value)} />
        {book.error != null && (
          <Alert tone="error">
            {taken
              ? `That time is not free (${problemMessage(book.error)}).${mayOverbook && !overbooking ? " Choose another, or book it on purpose as an overbooking." : " Please choose another."}`
              : problemMessage(book.error, ["starts_at", "duration_minutes", "reason", "overbook_reason"])}
          </Alert>
        )}
        {taken && mayOverbook && !overbooking && (
          <Button
            variant="secondary"
            onClick={() => {
              setOverbooking(true);
              book.reset();
            }}
          >
            Overbook this time
          </Button>
        )}
        {overbooking && (
          <TextAreaField label="Why overbook" required maxLength={1000} value={overbookReason} error={errors.overbook_reason} onChange={(e) => setOverbookReason(e.target.value)} hint="The visit is marked overbooked and the audit trail records why." />
        )}
        <div className="flex flex-wrap gap-2">
          <Button type="submit" busy={book.isPending} disabled={!ready}>
            {overbooking ? "Overbook appointment" : "Book appointment"}
          </Button>
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
