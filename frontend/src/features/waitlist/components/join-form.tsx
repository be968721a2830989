import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { SelectField, TextAreaField, TextField } from "@/components/ui/field";
import { doctorName, useDoctorOffices, useDoctors } from "@/features/directory/api/directory";
import { fieldErrors, problemMessage } from "@/utils/problem";
import { URGENCIES, WEEKDAYS, useJoinWaitlist, waitlistMessage, type Urgency, type WaitlistEntry } from "../api/waitlist";

/** Joins the waitlist: a doctor (and optionally one office), the days and hours that suit, how
 * soon, until when. Staff pass the patient. */
export function JoinWaitlistForm({ patientId, onJoined }: { patientId?: number; onJoined?: (entry: WaitlistEntry) => void }) {
  const doctors = useDoctors({ per_page: 100 });
  const [doctorId, setDoctorId] = useState<number | null>(null);
  const [officeId, setOfficeId] = useState<number | null>(null);
  const [weekdays, setWeekdays] = useState<number[]>([]);
  const [windowStart, setWindowStart] = useState("");
  const [windowEnd, setWindowEnd] = useState("");
  const [latestDate, setLatestDate] = useState("");
  const [urgency, setUrgency] = useState<Urgency>("routine");
  const [note, setNote] = useState("");
  const offices = useDoctorOffices(doctorId);
  const join = useJoinWaitlist();
  const errors = fieldErrors(join.error);
  const shown = ["doctor_id", "office_id", "window_start", "window_end", "latest_date", "note", "weekdays"];

  function toggle(day: number) {
    setWeekdays((days) => (days.includes(day) ? days.filter((d) => d !== day) : [...days, day].sort()));
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (doctorId === null) return;
    join.mutate(
      {
        body: {
          patient_id: patientId ?? null,
          doctor_id: doctorId,
          office_id: officeId,
          weekdays,
          window_start: windowStart || null,
          window_end: windowEnd || null,
          latest_date: latestDate || null,
          urgency,
          note: note.trim() || null,
        },
      },
      {
        onSuccess: (entry) => {
          setNote("");
          onJoined?.(entry);
        },
      },
    );
  }

  const activeOffices = (offices.data?.offices ?? []).filter((o) => o.is_active);
  const weekdayError = Object.entries(errors).find(([field]) => field.startsWith("weekdays"))?.[1];

  return (
    <form onSubmit={submit} className="space-y-5" noValidate aria-label="Join the waitlist">
      {join.isSuccess && (
        <Alert tone="success">
          On the waitlist for {join.data.doctor_name}. We will notify you when a visit that suits you becomes free.
        </Alert>
      )}
      {join.error != null && <Alert tone="error">{waitlistMessage(join.error) ?? problemMessage(join.error, shown)}</Alert>}
      {doctors.error != null && <Alert tone="error">{problemMessage(doctors.error)}</Alert>}
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField
          label="Doctor"
          required
          value={doctorId ?? ""}
          error={errors.doctor_id}
          onChange={(e) => {
            setDoctorId(e.target.value ? Number(e.target.value) : null);
            setOfficeId(null);
            join.reset();
          }}
        >
          <option value="">Choose a doctor</option>
          {(doctors.data?.items ?? []).map((d) => (
            <option key={d.id} value={d.id}>
              {doctorName(d)} — {d.specialty_name}
            </option>
          ))}
        </SelectField>
        <SelectField
          label="Office"
          disabled={doctorId === null}
          value={officeId ?? ""}
          error={errors.office_id}
          onChange={(e) => setOfficeId(e.target.value ? Number(e.target.value) : null)}
        >
          <option value="">Any of the doctor's offices</option>
          {activeOffices.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}, {o.city}
            </option>
          ))}
        </SelectField>
      </div>
      <fieldset>
        <legend className="mb-2 text-sm font-medium text-slate-800">Days that suit (none ticked: any day)</legend>
        <div className="flex flex-wrap gap-3">
          {WEEKDAYS.map((d) => (
            <label key={d.value} className="inline-flex items-center gap-2 text-sm">
              <input type="checkbox" className="size-4" checked={weekdays.includes(d.value)} onChange={() => toggle(d.value)} />
              {d.label}
            </label>
          ))}
        </div>
        {weekdayError && <p className="mt-1 text-sm font-medium text-red-700">{weekdayError}</p>}
      </fieldset>
      <div className="grid gap-4 sm:grid-cols-3">
        <TextField label="Not before (office time)" type="time" value={windowStart} error={errors.window_start} hint="Leave both times empty for any time." onChange={(e) => setWindowStart(e.target.value)} />
        <TextField label="Finished by (office time)" type="time" value={windowEnd} error={errors.window_end} onChange={(e) => setWindowEnd(e.target.value)} />
        <TextField label="Latest date" type="date" value={latestDate} error={errors.latest_date} hint="Optional: after this day the entry expires." onChange={(e) => setLatestDate(e.target.value)} />
      </div>
      <SelectField label="How soon is the visit needed?" value={urgency} onChange={(e) => setUrgency(e.target.value as Urgency)}>
        {URGENCIES.map((u) => (
          <option key={u.value} value={u.value}>
            {u.label}
          </option>
        ))}
      </SelectField>
      <TextAreaField label="Note for the front desk" value={note} error={errors.note} maxLength={500} onChange={(e) => setNote(e.target.value)} />
      <Button type="submit" busy={join.isPending} disabled={doctorId === null}>
        Join the waitlist
      </Button>
    </form>
  );
}
