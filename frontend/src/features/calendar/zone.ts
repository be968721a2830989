/**
 * Time in the OFFICE's zone, not the browser's: the grid draws a clinic's day as its clock
 * reads it. All zone maths go through `@date-fns/tz` (TZDate) and date-fns; nothing here adds
 * hours by hand, so 23- and 25-hour days come out right.
 *
 * Dates are calendar days "YYYY-MM-DD" (zone-free); instants are RFC 3339 strings from the API.
 * Showing times and days (formatClock, formatDay, zoneLabel, …) is `@/lib/format`'s job.
 */
import { TZDate } from "@date-fns/tz";
import { addDays, format, isValid, parse, startOfWeek } from "date-fns";

const DATE_KEY = /^\d{4}-\d{2}-\d{2}$/;

/** Is `value` a real calendar day "YYYY-MM-DD"? */
export function isDateKey(value: string | null | undefined): value is string {
  return !!value && DATE_KEY.test(value) && isValid(parse(value, "yyyy-MM-dd", new Date()));
}

function plain(key: string): Date {
  return parse(key, "yyyy-MM-dd", new Date());
}

/** `key` moved by `days` calendar days. */
export function shiftDate(key: string, days: number): string {
  return format(addDays(plain(key), days), "yyyy-MM-dd");
}

/** The Monday of the week holding `key`. */
export function mondayOf(key: string): string {
  return format(startOfWeek(plain(key), { weekStartsOn: 1 }), "yyyy-MM-dd");
}

/** The `count` days from `from` on. */
export function datesFrom(from: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => shiftDate(from, i));
}

/** Today's date on the office's clock. */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  return format(new TZDate(now.getTime(), timeZone), "yyyy-MM-dd");
}

/** Where an instant falls on the office's clock: its local date and minutes since local midnight by the wall clock. */
export function wallClock(instant: string | Date, timeZone: string): { date: string; minutes: number } {
  const z = new TZDate(typeof instant === "string" ? Date.parse(instant) : instant.getTime(), timeZone);
  return { date: format(z, "yyyy-MM-dd"), minutes: z.getHours() * 60 + z.getMinutes() };
}

/**
 * The instant (UTC, RFC 3339) at which the office's wall clock on `date` reads `minutes` past
 * midnight. A time that does not exist (inside a spring-forward gap) comes out as TZDate
 * resolves it: moved forward by the gap.
 */
export function instantAt(date: string, minutes: number, timeZone: string): string {
  const [y = 1970, m = 1, d = 1] = date.split("-").map(Number);
  const z = new TZDate(y, m - 1, d, Math.floor(minutes / 60), minutes % 60, timeZone);
  return new Date(z.getTime()).toISOString();
}

/** "HH:MM" for a `time` input. */
export function minutesToInput(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}

/** Minutes past midnight from a `time` input's "HH:MM", or null. */
export function inputToMinutes(value: string): number | null {
  const match = /^(\d{2}):(\d{2})$/.exec(value);
  if (!match) return null;
  const h = Number(match[1]);
  const m = Number(match[2]);
  return h < 24 && m < 60 ? h * 60 + m : null;
}

/** An instant as a `datetime-local` input's value ("YYYY-MM-DDTHH:MM") on the office's clock. */
export function toZonedInput(instant: string | Date, timeZone: string): string {
  const { date, minutes } = wallClock(instant, timeZone);
  return `${date}T${minutesToInput(minutes)}`;
}

/** A `datetime-local` value read on the office's clock, as a UTC instant; null if incomplete. */
export function fromZonedInput(value: string, timeZone: string): string | null {
  const [day = "", time = ""] = value.split("T");
  const minutes = inputToMinutes(time);
  return isDateKey(day) && minutes !== null ? instantAt(day, minutes, timeZone) : null;
}
