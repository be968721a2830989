import { describe, expect, it } from "vitest";
import { blockedSpan, calendar, day, visit } from "@/test/calendar-fixtures";
import { buildColumns } from "./columns";
import { bandOnDay, freeCells, movedStart, nowOnDay, placeBlocks, visibleHours } from "./layout";
import { instantAt, mondayOf, shiftDate, todayIn, wallClock } from "./zone";
import { zoneLabel } from "@/lib/format";

// The tests run in America/Chicago (vite.config.ts); the offices below are elsewhere, so a
// helper that used the browser's zone would put everything in the wrong place.
const BERLIN = "Europe/Berlin";
const NEW_YORK = "America/New_York";

describe("zone maths on the office's clock", () => {
  it("reads and writes wall-clock times in the office's zone, not the browser's", () => {
    expect(instantAt("2026-03-10", 9 * 60, BERLIN)).toBe("2026-03-10T08:00:00.000Z");
    expect(wallClock("2026-03-10T08:00:00Z", BERLIN)).toEqual({ date: "2026-03-10", minutes: 540 });
    // 23:30 UTC is already the next day in Berlin.
    expect(wallClock("2026-03-10T23:30:00Z", BERLIN)).toEqual({ date: "2026-03-11", minutes: 30 });
    expect(todayIn(BERLIN, new Date("2026-03-10T23:30:00Z"))).toBe("2026-03-11");
  });

  it("keeps 9:00 at 9:00 across the spring-forward day (New York, 8 March 2026)", () => {
    expect(instantAt("2026-03-07", 540, NEW_YORK)).toBe("2026-03-07T14:00:00.000Z"); // EST
    expect(instantAt("2026-03-08", 540, NEW_YORK)).toBe("2026-03-08T13:00:00.000Z"); // EDT
    expect(zoneLabel(NEW_YORK, "2026-03-07")).toBe("America/New_York (UTC−05:00)");
    expect(zoneLabel(NEW_YORK, "2026-03-08")).toBe("America/New_York (UTC−04:00)");
  });

  it("steps calendar days and weeks without a zone", () => {
    expect(shiftDate("2026-03-07", 1)).toBe("2026-03-08");
    expect(shiftDate("2026-03-08", 1)).toBe("2026-03-09");
    expect(shiftDate("2026-11-01", -1)).toBe("2026-10-31");
    expect(mondayOf("2026-03-08")).toBe("2026-03-02"); // a Sunday
    expect(mondayOf("2026-03-09")).toBe("2026-03-09");
  });
});

describe("block placement and height", () => {
  it("places a block at its start on the office's clock, sized by its duration", () => {
    const a = visit(BERLIN, "2026-03-10", "09:30", 45);
    const [block] = placeBlocks([a], "2026-03-10", BERLIN);
    expect(block).toMatchObject({ start: 570, end: 615, lane: 0, lanes: 1 });
  });

  it("puts a 9:00 visit on the 9:00 line on the spring-forward day, a 23-hour day", () => {
    const a = visit(NEW_YORK, "2026-03-08", "09:00", 30);
    expect(a.starts_at).toBe("2026-03-08T13:00:00.000Z");
    // Elapsed time since midnight would say 8:00 (the 2 a.m. hour is missing); the wall clock says 9:00.
    expect(placeBlocks([a], "2026-03-08", NEW_YORK)[0]).toMatchObject({ start: 540, end: 570 });
  });

  it("keeps the real length of a visit in the repeated hour of the fall-back day", () => {
    // 1:30 EDT to 1:30 EST on 1 November 2026: one hour, though both ends read 1:30.
    const a = { ...visit(NEW_YORK, "2026-11-01", "01:30", 60), starts_at: "2026-11-01T05:30:00.000Z", ends_at: "2026-11-01T06:30:00.000Z" };
    expect(bandOnDay(a, "2026-11-01", NEW_YORK)).toEqual({ start: 90, end: 150 });
    const b = visit(NEW_YORK, "2026-11-01", "09:00", 20);
    expect(b.starts_at).toBe("2026-11-01T14:00:00.000Z");
    expect(bandOnDay(b, "2026-11-01", NEW_YORK)).toEqual({ start: 540, end: 560 });
  });

  it("clips a span to the day it is shown on", () => {
    const span = { starts_at: instantAt("2026-03-10", 22 * 60, BERLIN), ends_at: instantAt("2026-03-11", 2 * 60, BERLIN) };
    expect(bandOnDay(span, "2026-03-10", BERLIN)).toEqual({ start: 1320, end: 1440 });
    expect(bandOnDay(span, "2026-03-11", BERLIN)).toEqual({ start: 0, end: 120 });
    expect(bandOnDay(span, "2026-03-12", BERLIN)).toBeNull();
    const toMidnight = { starts_at: instantAt("2026-03-10", 20 * 60, BERLIN), ends_at: instantAt("2026-03-11", 0, BERLIN) };
    expect(bandOnDay(toMidnight, "2026-03-11", BERLIN)).toBeNull();
  });
});

describe("overlapping blocks", () => {
  it("sets overlapping visits side by side and gives the next free visit the whole width", () => {
    const a = visit(BERLIN, "2026-03-10", "09:00", 60, { id: 1 });
    const b = visit(BERLIN, "2026-03-10", "09:30", 30, { id: 2, is_overbooked: true });
    const c = visit(BERLIN, "2026-03-10", "10:00", 30, { id: 3 });
    const blocks = placeBlocks([c, b, a], "2026-03-10", BERLIN);
    const by = (id: number) => blocks.find((x) => x.appointment.id === id);
    expect(by(1)).toMatchObject({ lane: 0, lanes: 2 });
    expect(by(2)).toMatchObject({ lane: 1, lanes: 2 });
    expect(by(3)).toMatchObject({ lane: 0, lanes: 1 });
  });

  it("reuses a lane once it is free inside the same cluster", () => {
    const long = visit(BERLIN, "2026-03-10", "09:00", 120, { id: 1 });
    const first = visit(BERLIN, "2026-03-10", "09:00", 30, { id: 2 });
    const second = visit(BERLIN, "2026-03-10", "09:30", 30, { id: 3 });
    const third = visit(BERLIN, "2026-03-10", "09:30", 30, { id: 4 });
    const blocks = placeBlocks([long, first, second, third], "2026-03-10", BERLIN);
    const by = (id: number) => blocks.find((x) => x.appointment.id === id);
    expect(by(1)).toMatchObject({ lane: 0, lanes: 3 });
    expect(by(2)).toMatchObject({ lane: 1 });
    expect(by(3)).toMatchObject({ lane: 1 });
    expect(by(4)).toMatchObject({ lane: 2 });
  });
});

describe("free cells, the now line and moves", () => {
  it("offers the open quarter hours that no visit or time off takes", () => {
    const d = day(BERLIN, "2026-03-10", [["09:00", "12:00"]], [blockedSpan(BERLIN, "2026-03-10", "11:00", "12:00", "time_off", "Dentist")]);
    const taken = visit(BERLIN, "2026-03-10", "09:30", 30);
    const cancelled = visit(BERLIN, "2026-03-10", "10:30", 30, { status: "cancelled" });
    expect(freeCells(d, [taken, cancelled], BERLIN)).toEqual([540, 555, 600, 615, 630, 645]);
  });

  it("draws the now line only on the office's today, at the office's time", () => {
    const now = new Date("2026-03-10T15:42:00Z");
    expect(nowOnDay(now, "2026-03-10", BERLIN)).toBe(16 * 60 + 42);
    expect(nowOnDay(now, "2026-03-11", BERLIN)).toBeNull();
    // Late evening in New York is already tomorrow in Berlin.
    const late = new Date("2026-03-11T03:15:00Z");
    expect(nowOnDay(late, "2026-03-10", NEW_YORK)).toBe(23 * 60 + 15);
    expect(nowOnDay(late, "2026-03-11", BERLIN)).toBe(4 * 60 + 15);
  });

  it("moves by whole steps on the wall clock, to another day too", () => {
    const a = visit(NEW_YORK, "2026-03-07", "09:10", 30);
    expect(movedStart(a, 55, NEW_YORK)).toEqual({ date: "2026-03-07", minutes: 610, startsAt: "2026-03-07T15:10:00.000Z" });
    // Onto the spring-forward day: still 9:10 on the clock.
    expect(movedStart(a, 0, NEW_YORK, "2026-03-08")).toEqual({ date: "2026-03-08", minutes: 550, startsAt: "2026-03-08T13:10:00.000Z" });
  });

  it("shows whole hours around every open span and visit", () => {
    const d = day(BERLIN, "2026-03-10", [["08:30", "16:15"]]);
    const early = visit(BERLIN, "2026-03-10", "07:45", 30);
    expect(visibleHours([{ day: d, appointments: [early] }], BERLIN)).toEqual({ start: 420, end: 1020 });
    expect(visibleHours([{ day: { date: "2026-03-10", open: [], blocked: [] }, appointments: [] }], BERLIN)).toEqual({ start: 480, end: 1020 });
  });
});

describe("columns", () => {
  const a = visit(BERLIN, "2026-03-10", "09:00", 30, { id: 1, doctor_id: 1 });
  const b = visit(BERLIN, "2026-03-10", "09:00", 30, { id: 2, doctor_id: 2, doctor_name: "Lisa Cuddy" });
  const gone = visit(BERLIN, "2026-03-10", "11:00", 30, { id: 3, doctor_id: 9, doctor_name: "Left Office" });
  const cancelled = visit(BERLIN, "2026-03-10", "10:00", 30, { id: 4, doctor_id: 1, status: "cancelled" });
  const data = calendar(BERLIN, "2026-03-10", ["2026-03-10"], [a, b, gone, cancelled]);

  it("gives every doctor a column and loses no visit of the day", () => {
    const columns = buildColumns(data, "day", "2026-03-10", null, false);
    expect(columns.map((c) => c.title)).toEqual(["Dr. Greg House", "Dr. Lisa Cuddy", "Dr. Left Office"]);
    expect(columns.flatMap((c) => c.appointments.map((x) => x.id)).sort()).toEqual([1, 2, 3]);
    expect(buildColumns(data, "day", "2026-03-10", null, true)[0]!.appointments.map((x) => x.id)).toEqual([1, 4]);
    expect(buildColumns(data, "day", "2026-03-10", 2, false).map((c) => c.doctorId)).toEqual([2]);
  });

  it("lays a week out as one column a day for one doctor", () => {
    const dates = ["2026-03-09", "2026-03-10", "2026-03-11", "2026-03-12", "2026-03-13", "2026-03-14", "2026-03-15"];
    const week = calendar(BERLIN, "2026-03-09", dates, [a, b]);
    const columns = buildColumns(week, "week", "2026-03-10", 1, false);
    expect(columns.map((c) => c.date)).toEqual(dates);
    expect(columns[1]!.appointments.map((x) => x.id)).toEqual([1]);
    expect(columns[0]!.title).toBe("Mon, Mar 9");
  });
});
