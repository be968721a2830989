import { describe, expect, it } from "vitest";
import { notYet, type Appointment } from "./appointments";

const visit = (starts_at: string) => ({ starts_at }) as Appointment;
const now = new Date("2030-05-06T12:00:00Z");

describe("notYet", () => {
  it("keeps completion and no-shows for once the visit has started", () => {
    expect(notYet(visit("2030-05-06T12:30:00Z"), "complete", now)).toMatch(/start time/);
    expect(notYet(visit("2030-05-06T12:30:00Z"), "no-show", now)).toMatch(/start time/);
    expect(notYet(visit("2030-05-06T12:00:00Z"), "complete", now)).toBeNull();
    expect(notYet(visit("2030-05-06T11:00:00Z"), "no-show", now)).toBeNull();
  });

  it("disables check-in only when the visit is certainly on another day", () => {
    expect(notYet(visit("2030-05-08T10:00:00Z"), "check-in", now)).toMatch(/day of the visit/);
    expect(notYet(visit("2030-05-04T10:00:00Z"), "check-in", now)).toMatch(/day of the visit/);
    // Within a day either way the office's calendar decides: the server judges it.
    expect(notYet(visit("2030-05-07T02:00:00Z"), "check-in", now)).toBeNull();
  });

  it("leaves confirming and cancelling to the server", () => {
    expect(notYet(visit("2030-05-08T10:00:00Z"), "confirm", now)).toBeNull();
    expect(notYet(visit("2030-05-06T11:00:00Z"), "cancel", now)).toBeNull();
  });
});
