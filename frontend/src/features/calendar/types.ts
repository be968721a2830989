/**
 * The calendar read model of `GET /api/v1/calendar` (contract #2 of issue 12): an office's days
 * for its doctors, with their open hours, what blocks them, and every appointment of those days.
 * The types are the generated client's.
 */
import type { Schemas } from "@/lib/api-client";

export type CalendarResponse = Schemas["CalendarResponse"];
export type CalendarDoctor = Schemas["CalendarDoctor"];
export type CalendarDay = Schemas["CalendarDay"];
export type TimeSpan = Schemas["TimeSpan"];
export type BlockedSpan = Schemas["BlockedSpan"];
export type BlockKind = Schemas["BlockKindDto"];
export type CalendarAppointment = CalendarResponse["appointments"][number];
