/**
 * Where things go on the time grid: pure functions from the calendar read model to minutes on
 * the office's wall clock. The vertical axis is the wall clock of the office (9:00 is on the
 * 9:00 line on every day, DST days included); a 15-minute row is `ROW_PX` pixels high.
 */
import type { BlockedSpan, CalendarAppointment, CalendarDay, TimeSpan } from "./types";
import { instantAt, wallClock } from "./zone";

/** The grid's step: cells, drag and keyboard moves snap to it. */
export const STEP_MINUTES = 15;
/** Height of one step on screen. */
export const ROW_PX = 22;
export const PX_PER_MINUTE = ROW_PX / STEP_MINUTES;
const DAY_MINUTES = 24 * 60;

/** A span of one local day in wall-clock minutes, [start, end). */
export interface Band {
  start: number;
  end: number;
}

/**
 * Where `span` lies on the wall clock of `date` (clipped to that day), or null when it misses
 * the day. A span running past midnight ends at 24:00; one begun the day before starts at 0:00.
 */
export function bandOnDay(span: TimeSpan, date: string, timeZone: string): Band | null {
  const from = wallClock(span.starts_at, timeZone);
  const to = wallClock(span.ends_at, timeZone);
  if (from.date > date || to.date < date || (to.date === date && to.minutes === 0 && from.date < date)) return null;
  const start = from.date < date ? 0 : from.minutes;
  const end = to.date > date ? DAY_MINUTES : to.minutes;
  if (end <= start) {
    // The hour the clocks go back repeats wall times: keep the span's real length.
    const length = Math.round((Date.parse(span.ends_at) - Date.parse(span.starts_at)) / 60_000);
    return length > 0 ? { start, end: Math.min(DAY_MINUTES, start + length) } : null;
  }
  return { start, end };
}

/** Does the status hold its time (everything but a cancelled visit)? */
export function holdsTime(a: CalendarAppointment): boolean {
  return a.status !== "cancelled";
}

export interface PlacedBlock {
  appointment: CalendarAppointment;
  /** Wall-clock minutes of the start and end on the column's day. */
  start: number;
  end: number;
  /** Side-by-side position among the visits it overlaps: lane `lane` of `lanes`. */
  lane: number;
  lanes: number;
}

/**
 * The appointments of one column (one doctor, one day) placed on the wall clock, sized by
 * duration; overlapping ones share the width side by side (each cluster of overlapping visits
 * gets as many lanes as it needs at most at once).
 */
export function placeBlocks(appointments: CalendarAppointment[], date: string, timeZone: string): PlacedBlock[] {
  const bands = appointments
    .map((appointment) => ({ appointment, band: bandOnDay(appointment, date, timeZone) }))
    .filter((x): x is { appointment: CalendarAppointment; band: Band } => x.band !== null)
    .sort((a, b) => a.band.start - b.band.start || b.band.end - a.band.end || a.appointment.id - b.appointment.id);

  const placed: PlacedBlock[] = [];
  let cluster: PlacedBlock[] = [];
  let laneEnds: number[] = [];
  let clusterEnd = -1;
  const close = () => {
    for (const block of cluster) block.lanes = laneEnds.length;
    cluster = [];
    laneEnds = [];
  };
  for (const { appointment, band } of bands) {
    if (band.start >= clusterEnd) close();
    let lane = laneEnds.findIndex((end) => end <= band.start);
    if (lane === -1) {
      lane = laneEnds.length;
      laneEnds.push(band.end);
    } else {
      laneEnds[lane] = band.end;
    }
    const block: PlacedBlock = { appointment, start: band.start, end: band.end, lane, lanes: 1 };
    cluster.push(block);
    placed.push(block);
    clusterEnd = Math.max(clusterEnd, band.end);
  }
  close();
  return placed;
}

/** The wall-clock hours the grid shows: whole hours covering every open span and visit, at least 8:00–17:00's length around them. */
export function visibleHours(days: { day: CalendarDay; appointments: CalendarAppointment[] }[], timeZone: string): Band {
  let start = Infinity;
  let end = -Infinity;
  for (const { day, appointments } of days) {
    for (const span of [...day.open, ...appointments]) {
      const band = bandOnDay(span, day.date, timeZone);
      if (!band) continue;
      start = Math.min(start, band.start);
      end = Math.max(end, band.end);
    }
  }
  if (start === Infinity) return { start: 8 * 60, end: 17 * 60 };
  return { start: Math.floor(start / 60) * 60, end: Math.min(DAY_MINUTES, Math.ceil(end / 60) * 60) };
}

/** The blocked spans of a day on its wall clock, with what blocks them. */
export function blockedBands(day: CalendarDay, timeZone: string): (Band & { span: BlockedSpan })[] {
  return day.blocked.flatMap((span) => {
    const band = bandOnDay(span, day.date, timeZone);
    return band ? [{ ...band, span }] : [];
  });
}

/**
 * The free cells of a column: the starts of the `STEP_MINUTES` steps inside open hours, outside
 * any blocked span and not overlapping a visit that holds its time.
 */
export function freeCells(day: CalendarDay, appointments: CalendarAppointment[], timeZone: string): number[] {
  const open = day.open.flatMap((s) => bandOnDay(s, day.date, timeZone) ?? []);
  const taken = [
    ...day.blocked.flatMap((s) => bandOnDay(s, day.date, timeZone) ?? []),
    ...appointments.filter(holdsTime).flatMap((a) => bandOnDay(a, day.date, timeZone) ?? []),
  ];
  const cells: number[] = [];
  for (const band of open) {
    const first = Math.ceil(band.start / STEP_MINUTES) * STEP_MINUTES;
    for (let m = first; m + STEP_MINUTES <= band.end; m += STEP_MINUTES) {
      if (!taken.some((t) => t.start < m + STEP_MINUTES && m < t.end)) cells.push(m);
    }
  }
  return [...new Set(cells)].sort((a, b) => a - b);
}

/** Minutes past the office's midnight of `now` when it falls on `date` there, else null. */
export function nowOnDay(now: Date, date: string, timeZone: string): number | null {
  const clock = wallClock(now, timeZone);
  return clock.date === date ? clock.minutes : null;
}

/** Rounds a number of minutes to the grid's step. */
export function snap(minutes: number): number {
  return Math.round(minutes / STEP_MINUTES) * STEP_MINUTES;
}

/**
 * Where a visit lands when moved by `deltaMinutes` on the wall clock, onto `date` (its own day by
 * default): the new start as an instant, plus the wall clock it reads. The move snaps to the grid's
 * step; the start keeps its minutes past the step (a 9:10 visit moved an hour starts at 10:10).
 * Clamped to the day.
 */
export function movedStart(appointment: CalendarAppointment, deltaMinutes: number, timeZone: string, date?: string): { date: string; minutes: number; startsAt: string } {
  const from = wallClock(appointment.starts_at, timeZone);
  const target = date ?? from.date;
  const minutes = Math.max(0, Math.min(DAY_MINUTES - STEP_MINUTES, from.minutes + snap(deltaMinutes)));
  return { date: target, minutes, startsAt: instantAt(target, minutes, timeZone) };
}
