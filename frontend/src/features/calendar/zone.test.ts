import { describe, expect, it } from "vitest";
import { fromZonedInput, toZonedInput } from "./zone";

describe("datetime-local inputs on the office's clock", () => {
  it("reads what is typed as Chicago time, whatever the browser's zone", () => {
    expect(fromZonedInput("2026-12-09T09:00", "America/Chicago")).toBe("2026-12-09T15:00:00.000Z");
    expect(fromZonedInput("2026-07-09T09:00", "America/Chicago")).toBe("2026-07-09T14:00:00.000Z");
  });

  it("shows an instant as the office's wall clock and back", () => {
    expect(toZonedInput("2026-12-09T15:00:00Z", "America/Chicago")).toBe("2026-12-09T09:00");
    expect(fromZonedInput(toZonedInput("2030-03-11T14:30:00Z", "America/Chicago"), "America/Chicago")).toBe("2030-03-11T14:30:00.000Z");
  });

  it("gives nothing for an incomplete value", () => {
    expect(fromZonedInput("2026-12-09T", "America/Chicago")).toBeNull();
    expect(fromZonedInput("", "America/Chicago")).toBeNull();
  });
});
