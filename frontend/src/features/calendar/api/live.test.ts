import { describe, expect, it } from "vitest";
import { describeFreshness } from "./live";

describe("describeFreshness", () => {
  const now = 1_900_000_000_000;
  it("says how long ago the schedule was confirmed current", () => {
    expect(describeFreshness(null, now)).toBe("Connecting…");
    expect(describeFreshness(now - 2_000, now)).toBe("Updated just now");
    expect(describeFreshness(now - 10_000, now)).toBe("Updated 10 s ago");
    expect(describeFreshness(now - 125_000, now)).toBe("Updated 2 min ago");
    // A clock a little behind the server's answer is "just now", never negative.
    expect(describeFreshness(now + 3_000, now)).toBe("Updated just now");
  });
});
