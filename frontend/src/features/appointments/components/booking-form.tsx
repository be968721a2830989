import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { SelectField, TextAreaField } from "@/components/ui/field";
import { Loading } from "@/components/ui/states";
import { doctorName, useDoctorOffices, useDoctors } from "@/features/directory/api/directory";
import type { Schemas } from "@/lib/api-client";
import { formatDateTime, fromLocalInput, toLocalInput } from "@/utils/dates";
import { fieldErrors, problemMessage, problemStatus } from "@/utils/problem";
import { useBookAppointment, type Appointment } from "../api/appointments";
import { noOverbook, OverbookFields, type Overbook } from "./overbook-fields";
import { SlotPicker } from "./slot-picker";

type Slot = Schemas["Slot"];

function minutesBetween(start: string, end: string): number {
  return Math.round((Date.parse(end) - Date.parse(start)) / 60_000);
}

/** Doctor → office → free slot → reason. Staff pass the patient and may overbook on purpose;
 * patients book for themselves. */
export function BookingForm({ patientId, onBooked }: { patientId?: number; onBooked?: (appointment: Appointment) => void }) {
  const doctors = useDoctors();
  const [doctorId, setDoctorId] = useState<number | null>(null);
  const [officeId, setOfficeId] = useState<number | null>(null);
  const [slot, setSlot] = useState<Slot | null>(null);
  const [reason, setReason] = useState("");
  const [overbook, setOverbook] = useState<Overbook | null>(null);
  const staff = patientId !== undefined;
  const offices = useDoctorOffices(doctorId);
  const book = useBookAppointment();
  const errors = fieldErrors(book.error);

  function chooseDoctor(value: string) {
    setDoctorId(value ? Number(value) : null);
    setOfficeId(null);
    setSlot(null);
    setOverbook(null);
    book.reset();
  }

  /** Switches to overbooking, starting from the slot that turned out to be taken, if any. */
  function startOverbooking() {
    setOverbook(slot ? { start: toLocalInput(slot.starts_at), minutes: String(minutesBetween(slot.starts_at, slot.ends_at)), reason: "" } : noOverbook);
    book.reset();
  }

  const overbookStart = overbook ? fromLocalInput(overbook.start) : null;
  const ready = doctorId !== null && officeId !== null && (overbook ? overbookStart !== null && overbook.reason.trim() !== "" : slot !== null);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (doctorId === null || officeId === null || !ready) return;
    const when = overbook
      ? { starts_at: overbookStart!, duration_minutes: Number(overbook.minutes), overbook_reason: overbook.reason.trim() }
      : { starts_at: slot!.starts_at, duration_minutes: minutesBetween(slot!.starts_at, slot!.ends_at) };
    book.mutate(
      { body: { patient_id: patientId ?? null, doctor_id: doctorId, office_id: officeId, reason: reason.trim() || null, ...when } },
      {
        onSuccess: (appointment) => {
          setSlot(null);
          setOverbook(null);
          setReason("");
          onBooked?.(appointment);
        },
      },
    );
  }

  const taken = problemStatus(book.error) === 409;

  if (doctors.isPending) return <Loading label="Loading doctors…" />;
  const activeOffices = (offices.data?.offices ?? []).filter((o) => o.is_active);
  if (officeId === null && activeOffices.length === 1) setOfficeId(activeOffices[0]!.id);

  return (
    <form onSubmit={submit} className="space-y-5" noValidate aria-label="Book an appointment">
      {book.isSuccess && (
        <Alert tone="success">
          Booked: {formatDateTime(book.data.starts_at)} with {book.data.doctor_name} at {book.data.office_name}
          {book.data.is_overbooked && " (overbooked)"}.
        </Alert>
      )}
      {book.error != null && (
        <Alert tone="error">
          {taken
            ? `That time is no longer free (${problemMessage(book.error)}). Please choose another${staff && !overbook ? ", or overbook it on purpose" : ""}.`
            : problemMessage(book.error, ["doctor_id", "office_id", "starts_at", "reason", "duration_minutes", "overbook_reason"])}
          {taken && staff && !overbook && (
            <Button type="button" variant="secondary" className="ml-3" onClick={startOverbooking}>
              Overbook this time
            </Button>
          )}
        </Alert>
      )}
      {doctors.error != null && <Alert tone="error">{problemMessage(doctors.error)}</Alert>}
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField label="Doctor" required value={doctorId ?? ""} error={errors.doctor_id} onChange={(e) => chooseDoctor(e.target.value)}>
          <option value="">Choose a doctor</option>
          {(doctors.data?.items ?? []).map((d) => (
            <option key={d.id} value={d.id}>
              {doctorName(d)} — {d.specialty_name}
            </option>
          ))}
        </SelectField>
        <SelectField
          label="Office"
          required
          disabled={doctorId === null || offices.isPending}
          value={officeId ?? ""}
          error={errors.office_id}
          hint={doctorId !== null && !offices.isPending && activeOffices.length === 0 ? "This doctor has no open office." : undefined}
          onChange={(e) => {
            setOfficeId(e.target.value ? Number(e.target.value) : null);
            setSlot(null);
          }}
        >
          <option value="">{doctorId === null ? "Choose a doctor first" : "Choose an office"}</option>
          {activeOffices.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}, {o.city}
            </option>
          ))}
        </SelectField>
      </div>
      {staff && doctorId !== null && officeId !== null && (
        <label className="inline-flex items-center gap-2 text-sm">
          <input type="checkbox" className="size-4" checked={overbook !== null} onChange={(e) => (e.target.checked ? startOverbooking() : setOverbook(null))} />
          Book a time that is not free (overbook)
        </label>
      )}
      {overbook ? (
        <OverbookFields value={overbook} onChange={setOverbook} errors={errors} />
      ) : (
        doctorId !== null &&
        officeId !== null && <SlotPicker key={`${doctorId}-${officeId}`} doctorId={doctorId} officeId={officeId} value={slot?.starts_at ?? null} onChange={setSlot} />
      )}
      {errors.starts_at && !overbook && <p className="text-sm font-medium text-red-700">{errors.starts_at}</p>}
      <TextAreaField label="Reason for the visit" value={reason} error={errors.reason} maxLength={1000} onChange={(e) => setReason(e.target.value)} />
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" busy={book.isPending} disabled={!ready}>
          {overbook ? "Overbook appointment" : "Book appointment"}
        </Button>
        {slot && !overbook && <span className="text-sm text-slate-700">Selected: {formatDateTime(slot.starts_at)}</span>}
      </div>
    </form>
  );
}
