import { useRef, useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { SelectField, TextAreaField } from "@/components/ui/field";
import { Loading } from "@/components/ui/states";
import { doctorName, useDoctorOffices, useDoctors, useSpecialties } from "@/features/directory/api/directory";
import { fromZonedInput, toZonedInput } from "@/features/calendar/zone";
import { formatDateTime, formatDay } from "@/lib/format";
import { fieldErrors, problemMessage, problemStatus } from "@/utils/problem";
import { useBookAppointment, useVisitTypes, type Appointment } from "../api/appointments";
import { noOverbook, OverbookFields, type Overbook } from "./overbook-fields";
import { officeDay, officeTime, SlotPicker, slotKey, zoneLabel, type SlotChoice } from "./slot-picker";

type Slot = SlotChoice;
/** How the patient looks for a time. */
export type BookingMode = "doctor" | "specialty" | "first";

/** Plain words for the refusals a booking can meet. */
export function refusalMessage(code: string | undefined, detail: string, staff: boolean): string {
  switch (code) {
    case "patient_visit_clash":
    case "identical_visit":
    case "referral_required":
      return `${detail.charAt(0).toUpperCase()}${detail.slice(1)}.`;
    default:
      return `That time is no longer free (${detail}). Please choose another${staff ? ", or overbook it on purpose" : ""}.`;
  }
}

function minutesBetween(start: string, end: string): number {
  return Math.round((Date.parse(end) - Date.parse(start)) / 60_000);
}

/** Doctor → office → free slot → reason. Staff pass the patient and may overbook on purpose;
 * patients book for themselves. */
export function BookingForm({ patientId, onBooked }: { patientId?: number; onBooked?: (appointment: Appointment) => void }) {
  const doctors = useDoctors();
  const specialties = useSpecialties();
  const visitTypes = useVisitTypes();
  const [mode, setMode] = useState<BookingMode>("first");
  const [specialtyId, setSpecialtyId] = useState<number | null>(null);
  const [visitTypeId, setVisitTypeId] = useState<number | null>(null);
  const inFlight = useRef(false);
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
    setOverbook(slot ? { start: toZonedInput(slot.starts_at, slot.time_zone), minutes: String(minutesBetween(slot.starts_at, slot.ends_at)), reason: "" } : noOverbook);
    book.reset();
  }

  // The overbooking's start is typed on the office's clock (the chosen office, else the slot's).
  const overbookZone = (offices.data?.offices ?? []).find((o) => o.id === officeId)?.time_zone ?? slot?.time_zone;
  const overbookStart = overbook && overbookZone ? fromZonedInput(overbook.start, overbookZone) : null;
  const ready = overbook
    ? doctorId !== null && officeId !== null && overbookStart !== null && overbook.reason.trim() !== ""
    : slot !== null;

  function submit(event: FormEvent) {
    event.preventDefault();
    // One request however often Book is pressed: the ref is set before React re-renders.
    if (!ready || inFlight.current || book.isPending) return;
    const when = overbook
      ? { doctor_id: doctorId!, office_id: officeId!, starts_at: overbookStart!, duration_minutes: Number(overbook.minutes), overbook_reason: overbook.reason.trim() }
      : visitTypeId !== null
        ? { doctor_id: slot!.doctor_id, office_id: slot!.office_id, starts_at: slot!.starts_at, visit_type_id: visitTypeId }
        : { doctor_id: slot!.doctor_id, office_id: slot!.office_id, starts_at: slot!.starts_at, duration_minutes: minutesBetween(slot!.starts_at, slot!.ends_at) };
    inFlight.current = true;
    book.mutate(
      { body: { patient_id: patientId ?? null, reason: reason.trim() || null, ...when } },
      {
        onSuccess: (appointment) => {
          setSlot(null);
          setOverbook(null);
          setReason("");
          onBooked?.(appointment);
        },
        onSettled: () => {
          inFlight.current = false;
        },
      },
    );
  }

  const code = (book.error as { code?: string } | null)?.code;
  // Only a time someone else holds can be overbooked; the patient's own visits and identical
  // visits cannot, and a referral is not a matter of time.
  const taken = problemStatus(book.error) === 409 && !["patient_visit_clash", "identical_visit", "referral_required"].includes(code ?? "");

  if (doctors.isPending) return <Loading label="Loading doctors…" />;
  const activeOffices = (offices.data?.offices ?? []).filter((o) => o.is_active);
  if (officeId === null && activeOffices.length === 1) setOfficeId(activeOffices[0]!.id);

  return (
    <form onSubmit={submit} className="space-y-5" noValidate aria-label="Book an appointment">
      {book.isSuccess && (
        <Alert tone="success">
          Booked: {formatDateTime(book.data.starts_at, book.data.office_time_zone)} with {book.data.doctor_name} at {book.data.office_name}
          {book.data.is_overbooked && " (overbooked)"}.
        </Alert>
      )}
      {book.error != null && (
        <Alert tone="error">
          {problemStatus(book.error) === 409
            ? refusalMessage(code, problemMessage(book.error), staff && !overbook)
            : problemMessage(book.error, ["doctor_id", "office_id", "starts_at", "reason", "duration_minutes", "overbook_reason", "visit_type_id"])}
          {taken && staff && !overbook && (
            <Button type="button" variant="secondary" className="ml-3" onClick={startOverbooking}>
              Overbook this time
            </Button>
          )}
        </Alert>
      )}
      {doctors.error != null && <Alert tone="error">{problemMessage(doctors.error)}</Alert>}
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField
          label="Visit type"
          value={visitTypeId ?? ""}
          error={errors.visit_type_id}
          hint={visitTypeId === null ? "A standard 30-minute visit." : undefined}
          onChange={(e) => {
            setVisitTypeId(e.target.value ? Number(e.target.value) : null);
            setSlot(null);
          }}
        >
          <option value="">Standard visit (30 minutes)</option>
          {(visitTypes.data ?? []).map((t) => (
            <option key={t.id} value={t.id}>
              {t.name} — {t.duration_minutes} min{t.specialty_name ? ` (${t.specialty_name})` : ""}
            </option>
          ))}
        </SelectField>
        <SelectField
          label="Find a time"
          value={mode}
          onChange={(e) => {
            setMode(e.target.value as BookingMode);
            setSlot(null);
            setOverbook(null);
            book.reset();
          }}
        >
          <option value="first">First available (any doctor)</option>
          <option value="specialty">By specialty</option>
          <option value="doctor">With a chosen doctor</option>
        </SelectField>
      </div>
      {mode === "specialty" && (
        <SelectField
          label="Specialty"
          required
          value={specialtyId ?? ""}
          onChange={(e) => {
            setSpecialtyId(e.target.value ? Number(e.target.value) : null);
            setSlot(null);
          }}
        >
          <option value="">Choose a specialty</option>
          {(specialties.data ?? []).map((sp) => (
            <option key={sp.id} value={sp.id}>
              {sp.name}
            </option>
          ))}
        </SelectField>
      )}
      {mode === "doctor" && (
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
      )}
      {staff && mode === "doctor" && doctorId !== null && officeId !== null && (
        <label className="inline-flex items-center gap-2 text-sm">
          <input type="checkbox" className="size-4" checked={overbook !== null} onChange={(e) => (e.target.checked ? startOverbooking() : setOverbook(null))} />
          Book a time that is not free (overbook)
        </label>
      )}
      {overbook ? (
        <OverbookFields value={overbook} onChange={setOverbook} errors={errors} timeZone={overbookZone} />
      ) : (
        (mode === "first" || (mode === "specialty" && specialtyId !== null) || (mode === "doctor" && doctorId !== null && officeId !== null)) && (
          <SlotPicker
            key={`${mode}-${doctorId}-${officeId}-${specialtyId}`}
            search={{
              doctorId: mode === "doctor" ? doctorId! : undefined,
              officeId: mode === "doctor" ? officeId! : undefined,
              specialtyId: mode === "specialty" ? specialtyId! : undefined,
              visitTypeId: visitTypeId ?? undefined,
              patientId,
            }}
            value={slot ? slotKey(slot) : null}
            onChange={setSlot}
          />
        )
      )}
      {errors.starts_at && !overbook && <p className="text-sm font-medium text-red-700">{errors.starts_at}</p>}
      <TextAreaField label="Reason for the visit" value={reason} error={errors.reason} maxLength={1000} onChange={(e) => setReason(e.target.value)} />
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" busy={book.isPending} disabled={!ready || book.isPending}>
          {overbook ? "Overbook appointment" : "Book appointment"}
        </Button>
        {slot && !overbook && (
          <span className="text-sm text-slate-700">
            Selected: {formatDay(officeDay(slot.starts_at, slot.time_zone))} {officeTime(slot.starts_at, slot.time_zone)} {zoneLabel(slot.starts_at, slot.time_zone)} with {slot.doctor_name} at {slot.office_name}
          </span>
        )}
      </div>
    </form>
  );
}
