/**
 * The API speaks UTC instants (RFC 3339) and calendar dates (YYYY-MM-DD); people read times in
 * the browser's own zone. Day and week ranges are computed in local time, so a day is whatever
 * the local calendar says (23 or 25 hours across a DST change).
 */

import { browserTimeZone, formatCalendarDate as formatZoneFreeDate, formatDate as formatDateIn, formatDateTime as formatDateTimeIn, formatClock, formatDay } from "@/lib/format";

// DEPRECATED: the formatting below reads the BROWSER's zone. Show times with `@/lib/format`
// and the office's zone (`appointment.office_time_zone`) or `useClinicTimeZone()` instead.
// These wrappers only keep files that have not switched yet working (with a zone label).

/** @deprecated use `formatDateTime(iso, timeZone)` from `@/lib/format`. */
export function formatDateTime(iso: string): string {
  return formatDateTimeIn(iso, browserTimeZone());
}

/** @deprecated use `formatDate(iso, timeZone)` from `@/lib/format`. */
export function formatDate(iso: string): string {
  return formatDateIn(iso, browserTimeZone());
}

/** @deprecated use `formatTime(iso, timeZone)` (labelled) from `@/lib/format`. Unlabelled, as before. */
export function formatTime(iso: string): string {
  return formatClock(iso, browserTimeZone());
}

/** @deprecated use `formatDay(key)` from `@/lib/format`. */
export function formatDayHeading(key: string): string {
  return formatDay(key);
}

/** @deprecated use `formatCalendarDate(key)` from `@/lib/format`. */
export function formatCalendarDate(key: string): string {
  return formatZoneFreeDate(key);
}

/** The local calendar day of a moment as "YYYY-MM-DD". */
export function toDateKey(date: Date): string {
  const y = date.getFullYear();
  const m = String(date.getMonth() + 1).padStart(2, "0");
  const d = String(date.getDate()).padStart(2, "0");
  return `${y}-${m}-${d}`;
}

/** Local midnight of "YYYY-MM-DD". */
export function parseDateKey(key: string): Date {
  const [y = 1970, m = 1, d = 1] = key.split("-").map(Number);
  return new Date(y, m - 1, d);
}

export function addDays(key: string, days: number): string {
  const date = parseDateKey(key);
  date.setDate(date.getDate() + days);
  return toDateKey(date);
}

/** The Monday of the week holding `key`. */
export function startOfWeek(key: string): string {
  const weekday = (parseDateKey(key).getDay() + 6) % 7; // Monday = 0
  return addDays(key, -weekday);
}

/** The UTC instants bounding local days `from` to `to` inclusive: [from 00:00, to+1 00:00). */
export function localDayRange(from: string, to: string = from): { from: string; to: string } {
  return {
    from: parseDateKey(from).toISOString(),
    to: parseDateKey(addDays(to, 1)).toISOString(),
  };
}

/** Groups items by the local day of a moment they carry, in the order given. */
export function groupByLocalDay<T>(items: T[], moment: (item: T) => string): Map<string, T[]> {
  const days = new Map<string, T[]>();
  for (const item of items) {
    const key = toDateKey(new Date(moment(item)));
    const list = days.get(key);
    if (list) list.push(item);
    else days.set(key, [item]);
  }
  return days;
}

/** A moment as a `datetime-local` input's value ("YYYY-MM-DDTHH:MM") in the browser's zone. */
export function toLocalInput(iso: string): string {
  const date = new Date(iso);
  const h = String(date.getHours()).padStart(2, "0");
  const min = String(date.getMinutes()).padStart(2, "0");
  return `${toDateKey(date)}T${h}:${min}`;
}

/** A `datetime-local` value read in the browser's zone, as a UTC instant; null if incomplete. */
export function fromLocalInput(value: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!match) return null;
  const [y, m, d, h, min] = match.slice(1).map(Number) as [number, number, number, number, number];
  return new Date(y, m - 1, d, h, min).toISOString();
}

export function today(): string {
  return toDateKey(new Date());
}

export { browserTimeZone };
