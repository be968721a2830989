import { describe, expect, it } from "vitest";
import {
  addDays,
  fromLocalInput,
  groupByLocalDay,
  localDayRange,
  startOfWeek,
  toDateKey,
  toLocalInput,
} from "./dates";

// vite.config.ts runs the tests in America/Chicago.
describe("dates", () => {
  it("turns moments into datetime-local values and back in the local zone", () => {
    expect(toLocalInput("2026-03-10T15:05:00Z")).toBe("2026-03-10T10:05");
    expect(fromLocalInput("2026-03-10T10:05")).toBe("2026-03-10T15:05:00.000Z");
    expect(fromLocalInput("2026-07-01T09:00")).toBe("2026-07-01T14:00:00.000Z");
    expect(fromLocalInput("2026-03-10")).toBeNull();
    expect(fromLocalInput("")).toBeNull();
  });

  it("finds the local day of a moment", () => {
    expect(toDateKey(new Date("2026-03-10T04:59:00Z"))).toBe("2026-03-09");
    expect(toDateKey(new Date("2026-03-10T05:00:00Z"))).toBe("2026-03-10");
  });

  it("bounds a local day, also on the 23-hour DST day", () => {
    expect(localDayRange("2026-03-10")).toEqual({
      from: "2026-03-10T05:00:00.000Z",
      to: "2026-03-11T05:00:00.000Z",
    });
    expect(localDayRange("2026-03-08")).toEqual({
      from: "2026-03-08T06:00:00.000Z",
      to: "2026-03-09T05:00:00.000Z",
    });
  });

  it("walks days and weeks on the local calendar", () => {
    expect(addDays("2026-02-28", 1)).toBe("2026-03-01");
    expect(addDays("2026-03-07", 2)).toBe("2026-03-09");
    expect(startOfWeek("2026-03-12")).toBe("2026-03-09");
    expect(startOfWeek("2026-03-09")).toBe("2026-03-09");
    expect(startOfWeek("2026-03-15")).toBe("2026-03-09");
  });

  it("groups moments by local day", () => {
    const days = groupByLocalDay(
      ["2026-03-10T04:00:00Z", "2026-03-10T15:00:00Z", "2026-03-10T16:00:00Z"],
      (x) => x,
    );
    expect([...days.keys()]).toEqual(["2026-03-09", "2026-03-10"]);
    expect(days.get("2026-03-10")).toHaveLength(2);
  });
});
