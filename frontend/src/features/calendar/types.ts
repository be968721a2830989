/**
 * The calendar read model of `GET /api/v1/calendar` (contract #2 of issue 12): an office's days
 * for its doctors, with their open hours, what blocks them, and every appointment of those days.
 */
import type { Appointment } from "@/features/appointments/api/appointments";

export interface TimeSpan {
  starts_at: string;
  ends_at: string;
}
export type BlockKind = "time_off" | "closure" | "day_off";
export interface BlockedSpan extends TimeSpan {
  kind: BlockKind;
  label?: string | null;
}
export interface CalendarDay {
  date: string;
  open: TimeSpan[];
  blocked: BlockedSpan[];
}
export interface CalendarDoctor {
  doctor_id: number;
  name: string;
  specialty_name: string;
  days: CalendarDay[];
}
export interface CalendarResponse {
  office_id: number;
  office_name: string;
  time_zone: string;
  from: string;
  days: number;
  doctors: CalendarDoctor[];
  appointments: Appointment[];
}
export type CalendarAppointment = CalendarResponse["appointments"][number];
