import { describe, expect, it } from "vitest";
import {
  addMoney,
  appointmentStatusLabel,
  auditActionLabel,
  auditTableLabel,
  billStatusLabel,
  compareMoney,
  formatCalendarDate,
  formatClock,
  formatDate,
  formatDateTime,
  formatDateTimeRange,
  formatDay,
  formatLongDay,
  formatMinutes,
  formatMoney,
  formatTime,
  formatTimeRange,
  fromCents,
  humanizeCode,
  parsePaymentAmount,
  paymentMethodLabel,
  roleLabel,
  subtractMoney,
  sumMoney,
  toCents,
  zoneAbbreviation,
  zoneLabel,
} from "./format";

const CHICAGO = "America/Chicago";
// Fixed "now"s so the year rule is tested without depending on today.
const IN_2026 = new Date("2026-06-01T12:00:00Z");
const IN_2030 = new Date("2030-06-01T12:00:00Z");

// vite.config.ts runs tests in America/Chicago; these pass a zone, so the browser's never matters.
describe("times in a given zone", () => {
  it("reads a UTC instant on the office's clock, labelled", () => {
    expect(formatDateTime("2026-12-09T15:00:00Z", CHICAGO, IN_2026)).toBe("Wed, Dec 9, 9:00 AM CST");
    expect(formatTime("2026-12-09T15:00:00Z", CHICAGO)).toBe("9:00 AM CST");
    expect(formatClock("2026-12-09T15:00:00Z", CHICAGO)).toBe("9:00 AM");
    expect(formatTime("2026-12-09T15:00:00Z", "UTC")).toBe("3:00 PM UTC");
    expect(formatTime("2026-12-09T15:00:00Z", "Europe/Berlin")).toBe("4:00 PM GMT+1");
  });

  it("shows the year only outside the current one", () => {
    expect(formatDate("2026-12-09T15:00:00Z", CHICAGO, IN_2026)).toBe("Wed, Dec 9");
    expect(formatDate("2026-12-09T15:00:00Z", CHICAGO, IN_2030)).toBe("Wed, Dec 9, 2026");
    expect(formatDateTime("2026-12-09T15:00:00Z", CHICAGO, IN_2030)).toBe("Wed, Dec 9, 2026, 9:00 AM CST");
  });

  it("puts an instant on the zone's day, not the browser's or UTC's", () => {
    // 03:30 UTC on the 10th is 9:30 PM on the 9th in Chicago.
    expect(formatDateTime("2026-12-10T03:30:00Z", CHICAGO, IN_2026)).toBe("Wed, Dec 9, 9:30 PM CST");
  });

  it("follows daylight saving: CST before the spring change, CDT after it", () => {
    // 2026-03-08 is the spring-forward day in the US: 2 AM becomes 3 AM.
    expect(formatTime("2026-03-08T07:30:00Z", CHICAGO)).toBe("1:30 AM CST");
    expect(formatTime("2026-03-08T08:30:00Z", CHICAGO)).toBe("3:30 AM CDT");
    expect(zoneAbbreviation(CHICAGO, "2026-03-07T18:00:00Z")).toBe("CST");
    expect(zoneAbbreviation(CHICAGO, "2026-03-09T18:00:00Z")).toBe("CDT");
    expect(zoneLabel(CHICAGO, "2026-03-07")).toBe("America/Chicago (UTC−06:00)");
    expect(zoneLabel(CHICAGO, "2026-03-08")).toBe("America/Chicago (UTC−05:00)");
    expect(zoneLabel("UTC", "2026-03-08")).toBe("UTC (UTC+00:00)");
    expect(zoneLabel("Pacific/Kiritimati", "2026-03-08")).toBe("Pacific/Kiritimati (UTC+14:00)");
  });

  it("writes time ranges once labelled, or labels both ends across a change", () => {
    expect(formatTimeRange("2026-12-09T15:00:00Z", "2026-12-09T15:30:00Z", CHICAGO)).toBe("9:00 – 9:30 AM CST");
    expect(formatTimeRange("2026-12-09T17:30:00Z", "2026-12-09T19:00:00Z", CHICAGO)).toBe("11:30 AM – 1:00 PM CST");
    expect(formatTimeRange("2026-03-08T07:30:00Z", "2026-03-08T08:30:00Z", CHICAGO)).toBe("1:30 AM CST – 3:30 AM CDT");
    expect(formatDateTimeRange("2026-12-09T15:00:00Z", "2026-12-09T15:30:00Z", CHICAGO, IN_2026)).toBe("Wed, Dec 9, 9:00 – 9:30 AM CST");
  });

  it("shows calendar dates without shifting them a day", () => {
    expect(formatCalendarDate("1990-05-01")).toBe("May 1, 1990");
    expect(formatDay("2026-03-10")).toBe("Tue, Mar 10");
    expect(formatLongDay("2026-03-10")).toBe("Tuesday, March 10, 2026");
    expect(formatMinutes(9 * 60 + 30)).toBe("9:30 AM");
    expect(formatMinutes(0)).toBe("12:00 AM");
    expect(formatMinutes(12 * 60)).toBe("12:00 PM");
    expect(formatMinutes(17 * 60 + 5)).toBe("5:05 PM");
  });
});

describe("codes", () => {
  it("names statuses, roles and methods in the desk's words", () => {
    expect(appointmentStatusLabel("no_show")).toBe("No-show");
    expect(appointmentStatusLabel("checked_in")).toBe("Checked in");
    expect(billStatusLabel("partially_paid")).toBe("Partially paid");
    expect(roleLabel("staff")).toBe("Front desk");
    expect(paymentMethodLabel("card_present")).toBe("Card (in person)");
    expect(auditTableLabel("patient_emergency_contacts")).toBe("Emergency contact");
    expect(auditActionLabel("login_failed")).toBe("Failed sign-in");
  });

  it("falls back to readable words for a code it does not know", () => {
    expect(auditTableLabel("visit_types")).toBe("Visit types");
    expect(humanizeCode("LOGIN_FAILED")).toBe("Login failed");
    expect(billStatusLabel(null)).toBe("—");
  });
});


describe("money", () => {
  it("parses decimal strings into whole cents", () => {
    expect(toCents("120.00")).toBe(12000n);
    expect(toCents("0.1")).toBe(10n);
    expect(toCents("7")).toBe(700n);
    expect(toCents("-3.25")).toBe(-325n);
    expect(toCents("1.005")).toBeNull();
    expect(toCents("abc")).toBeNull();
    expect(toCents("")).toBeNull();
  });

  it("keeps amounts beyond float precision exact", () => {
    expect(fromCents(toCents("90071992547409.93")!)).toBe("90071992547409.93");
    expect(formatMoney("90071992547409.93")).toBe("$90,071,992,547,409.93");
  });

  it("formats with grouping, two places and a leading sign", () => {
    expect(formatMoney("1234.5")).toBe("$1,234.50");
    expect(formatMoney("0.00")).toBe("$0.00");
    expect(formatMoney("-3")).toBe("-$3.00");
    expect(formatMoney("999")).toBe("$999.00");
    expect(formatMoney("1000000")).toBe("$1,000,000.00");
    expect(formatMoney(null)).toBe("—");
    expect(formatMoney("n/a")).toBe("n/a");
  });

  it("adds, subtracts and compares without floating point", () => {
    expect(addMoney("0.10", "0.20")).toBe("0.30");
    expect(subtractMoney("120.00", "120.01")).toBe("-0.01");
    expect(compareMoney("10.00", "9.99")).toBe(1);
    expect(compareMoney("10", "10.00")).toBe(0);
    expect(compareMoney("-1", "0")).toBe(-1);
  });

  it("validates a payment amount against the balance", () => {
    expect(parsePaymentAmount("20")).toEqual({ amount: "20.00" });
    expect(parsePaymentAmount("$1,250.5")).toEqual({ amount: "1250.50" });
    expect(parsePaymentAmount("0")).toHaveProperty("error");
    expect(parsePaymentAmount("-5")).toHaveProperty("error");
    expect(parsePaymentAmount("12.345")).toHaveProperty("error");
    expect(parsePaymentAmount("150", "120.00")).toEqual({
      error: "The amount cannot exceed the balance of $120.00",
    });
    expect(parsePaymentAmount("120.00", "120.00")).toEqual({ amount: "120.00" });
  });
});

describe("sums", () => {
  it("adds a list of amounts exactly", () => {
    expect(sumMoney(["0.10", "0.20", "120.00"])).toBe("120.30");
    expect(sumMoney([])).toBe("0.00");
  });
});
