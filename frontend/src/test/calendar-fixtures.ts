/**
 * Calendar read models shaped exactly like contract #2 (`GET /api/v1/calendar`), for tests.
 * Times are given on the office's clock and converted with the same zone helper the app uses.
 */
import type { AppointmentStatus } from "@/features/appointments/api/appointments";
import type { CalendarAppointment, CalendarDay, CalendarResponse } from "@/features/calendar/types";
import { instantAt } from "@/features/calendar/zone";

const hm = (t: string) => {
  const [h = 0, m = 0] = t.split(":").map(Number);
  return h * 60 + m;
};

let nextId = 100;

export function visit(
  timeZone: string,
  date: string,
  start: string,
  minutes: number,
  more: Partial<CalendarAppointment> & { doctor_id?: number; status?: AppointmentStatus } = {},
): CalendarAppointment {
  const starts_at = instantAt(date, hm(start), timeZone);
  const ends_at = new Date(Date.parse(starts_at) + minutes * 60_000).toISOString();
  const id = more.id ?? nextId++;
  return {
    id,
    patient_id: 500 + id,
    patient_name: `Patient ${id}`,
    doctor_id: 1,
    doctor_name: "Greg House",
    office_id: 1,
    office_name: "Main Street Clinic",
    office_time_zone: timeZone,
    starts_at,
    ends_at,
    duration_minutes: minutes,
    reason: null,
    status: "scheduled",
    is_overbooked: false,
    overbook_reason: null,
    cancellation_reason: null,
    outside_availability: false,
    outside_availability_reason: null,
    series_id: null,
    created_at: "2026-01-01T00:00:00Z",
    updated_at: "2026-01-01T00:00:00Z",
    ...more,
  };
}

export function day(timeZone: string, date: string, open: [string, string][] = [["09:00", "17:00"]], blocked: CalendarDay["blocked"] = []): CalendarDay {
  return {
    date,
    open: open.map(([from, to]) => ({ starts_at: instantAt(date, hm(from), timeZone), ends_at: instantAt(date, hm(to), timeZone) })),
    blocked,
  };
}

export function blockedSpan(timeZone: string, date: string, from: string, to: string, kind: CalendarDay["blocked"][number]["kind"], label: string | null = null) {
  return { starts_at: instantAt(date, hm(from), timeZone), ends_at: instantAt(date, hm(to), timeZone), kind, label };
}

export function calendar(timeZone: string, from: string, dates: string[], appointments: CalendarAppointment[], doctors = [{ doctor_id: 1, name: "Greg House", specialty_name: "Diagnostics" }, { doctor_id: 2, name: "Lisa Cuddy", specialty_name: "Endocrinology" }]): CalendarResponse {
  return {
    office_id: 1,
    office_name: "Main Street Clinic",
    time_zone: timeZone,
    from,
    days: dates.length,
    doctors: doctors.map((d) => ({ ...d, days: dates.map((x) => day(timeZone, x)) })),
    appointments,
  };
}
