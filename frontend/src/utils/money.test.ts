import { describe, expect, it } from "vitest";
import {
  addMoney,
  compareMoney,
  formatMoney,
  fromCents,
  parsePaymentAmount,
  subtractMoney,
  toCents,
} from "./money";

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
