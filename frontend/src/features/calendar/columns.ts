import type { GridColumn } from "./components/time-grid";
import type { CalendarAppointment, CalendarResponse } from "./types";
import { datesFrom, wallClock } from "./zone";
import { formatDay } from "@/lib/format";

export type CalendarView = "day" | "week";

/** "Dr. Greg House" for the API's "Greg House" (a name already titled stays as it is). */
export function titled(name: string): string {
  return /^Dr\.? /.test(name) ? name : `Dr. ${name}`;
}

/**
 * The grid's columns from the calendar read model. Day view: one column per doctor on `date`
 * (only `doctorId` when given). Week view: one column per day for `doctorId` (the first doctor
 * when none). Every appointment of the shown days lands in a column: a visit of a doctor the
 * office no longer lists gets a column of its own (no open hours) rather than vanishing.
 * Cancelled visits are left out unless `showCancelled`.
 */
export function buildColumns(data: CalendarResponse, view: CalendarView, date: string, doctorId: number | null, showCancelled: boolean): GridColumn[] {
  const tz = data.time_zone;
  const visible = data.appointments.filter((a) => showCancelled || a.status !== "cancelled");
  const localDate = new Map<number, string>(visible.map((a) => [a.id, wallClock(a.starts_at, tz).date]));
  const of = (doctor: number, day: string): CalendarAppointment[] => visible.filter((a) => a.doctor_id === doctor && localDate.get(a.id) === day);

  if (view === "week") {
    const doctor = data.doctors.find((d) => d.doctor_id === doctorId) ?? (doctorId === null ? data.doctors[0] : undefined);
    const id = doctor?.doctor_id ?? doctorId;
    if (id === null || id === undefined) return [];
    const name = titled(doctor?.name ?? visible.find((a) => a.doctor_id === id)?.doctor_name ?? `Doctor ${id}`);
    const days = doctor?.days ?? [];
    return datesFrom(data.from, data.days).map((day) => ({
      key: `${id}:${day}`,
      doctorId: id,
      doctorName: name,
      date: day,
      title: formatDay(day),
      day: days.find((d) => d.date === day) ?? { date: day, open: [], blocked: [] },
      appointments: of(id, day),
    }));
  }

  const doctors = data.doctors.filter((d) => doctorId === null || d.doctor_id === doctorId);
  const columns: GridColumn[] = doctors.map((d) => ({
    key: `${d.doctor_id}:${date}`,
    doctorId: d.doctor_id,
    doctorName: titled(d.name),
    date,
    title: titled(d.name),
    subtitle: d.specialty_name,
    day: d.days.find((x) => x.date === date) ?? { date, open: [], blocked: [] },
    appointments: of(d.doctor_id, date),
  }));
  const listed = new Set(columns.map((c) => c.doctorId));
  for (const a of visible) {
    if (listed.has(a.doctor_id) || localDate.get(a.id) !== date || (doctorId !== null && a.doctor_id !== doctorId)) continue;
    listed.add(a.doctor_id);
    columns.push({ key: `${a.doctor_id}:${date}`, doctorId: a.doctor_id, doctorName: titled(a.doctor_name), date, title: titled(a.doctor_name), subtitle: "not listed at this office", day: { date, open: [], blocked: [] }, appointments: of(a.doctor_id, date) });
  }
  return columns;
}
