import { describe, expect, it } from "vitest";
import { timeLeft, waitlistMessage, weekdaysLabel, windowLabel } from "./waitlist";

describe("waitlist helpers", () => {
  it("counts down in hours and minutes, then minutes and seconds, then stops", () => {
    const now = Date.parse("2030-01-07T09:00:00Z");
    expect(timeLeft("2030-01-07T10:05:00Z", now)).toBe("1 h 05 min");
    expect(timeLeft("2030-01-07T09:04:09Z", now)).toBe("4 min 09 s");
    expect(timeLeft("2030-01-07T09:00:00Z", now)).toBeNull();
  });

  it("says the waitlist's refusals in plain words", () => {
    const problem = { title: "Conflict", status: 409, code: "waitlist_offer_taken" };
    expect(waitlistMessage(problem)).toMatch(/someone else accepted/i);
    expect(waitlistMessage({ title: "Conflict", status: 409, code: "other" })).toBeNull();
  });

  it("labels preferences", () => {
    expect(weekdaysLabel([])).toBe("Any day");
    expect(weekdaysLabel([3, 1])).toBe("Mon, Wed");
    expect(windowLabel({ window_start: "08:00", window_end: "12:00" })).toBe("08:00–12:00");
    expect(windowLabel({ window_start: null, window_end: null })).toBe("Any time");
  });
});
