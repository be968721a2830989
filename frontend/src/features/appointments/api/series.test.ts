import { describe, expect, it } from "vitest";
import { ruleText } from "./series";

describe("ruleText", () => {
  it("writes a weekly rule with weekdays and a count", () => {
    expect(ruleText({ frequency: "WEEKLY", interval: 1, days: ["MO", "TH"], end: "count", count: 10, until: "" })).toBe("FREQ=WEEKLY;BYDAY=MO,TH;COUNT=10");
  });
  it("writes an interval and an end date, and leaves weekdays out of a daily rule", () => {
    expect(ruleText({ frequency: "DAILY", interval: 2, days: ["MO"], end: "until", count: 1, until: "2030-06-30" })).toBe("FREQ=DAILY;INTERVAL=2;UNTIL=20300630");
  });
});
