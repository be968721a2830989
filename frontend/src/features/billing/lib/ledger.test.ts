import { describe, expect, it } from "vitest";
import { balanceAfter, buildStatement, type LedgerBill, type LedgerEntry } from "./ledger";

const zone = "America/Chicago";
const bills: LedgerBill[] = [
  { id: 1, invoice_number: "INV-2026-000001", created_at: "2026-02-27T18:00:00Z", amount_due: "40.00", visit_at: "2026-02-27T15:00:00Z" },
  { id: 2, invoice_number: "INV-2026-000002", created_at: "2026-03-02T18:00:00Z", amount_due: "100.00", visit_at: "2026-03-02T15:00:00Z" },
  { id: 3, invoice_number: "INV-2026-000003", created_at: "2026-03-04T18:00:00Z", amount_due: "80.00", voided_at: "2026-03-05T18:00:00Z", visit_at: "2026-03-04T15:00:00Z" },
];
const entries: LedgerEntry[] = [
  { kind: "payment", id: 1, bill_id: 1, invoice_number: "INV-2026-000001", at: "2026-02-28T18:00:00Z", amount: "40.00", method: "cash" },
  { kind: "payment", id: 2, bill_id: 2, invoice_number: "INV-2026-000002", at: "2026-03-03T18:00:00Z", amount: "30.00", method: "card_present" },
  { kind: "refund", id: 1, bill_id: 2, invoice_number: "INV-2026-000002", at: "2026-03-03T19:00:00Z", amount: "10.00", method: "card_present" },
];

describe("buildStatement", () => {
  it("carries what came before the range as the opening balance and runs the balance line by line", () => {
    const s = buildStatement(bills, entries, "2026-03-01", "2026-03-31", zone);
    expect(s.opening).toBe("0.00");
    expect(s.lines.map((l) => [l.kind, l.amount, l.balance])).toEqual([
      ["bill", "100.00", "100.00"],
      ["payment", "-30.00", "70.00"],
      ["refund", "10.00", "80.00"],
      ["bill", "80.00", "160.00"],
      ["void", "-80.00", "80.00"],
    ]);
    expect(s.closing).toBe("80.00");
    expect([s.billed, s.paid, s.refunded]).toEqual(["100.00", "30.00", "10.00"]);
  });

  it("reads the range on the office's calendar, not the browser's", () => {
    // 2026-03-03T03:00Z is still March 2 in Chicago.
    const late = [{ ...entries[1]!, at: "2026-03-03T03:00:00Z" }];
    const s = buildStatement([bills[1]!], late, "2026-03-02", "2026-03-02", zone);
    expect(s.lines.map((l) => l.kind)).toEqual(["bill", "payment"]);
    expect(s.closing).toBe("70.00");
  });

  it("gives an opening balance from everything before the range", () => {
    const s = buildStatement(bills, entries, "2026-03-04", "2026-03-04", zone);
    expect(s.opening).toBe("80.00");
    expect(s.lines.map((l) => l.balance)).toEqual(["160.00"]);
  });
});

describe("balanceAfter", () => {
  const payments = [
    { id: 1, amount: "30.00", paid_at: "2026-03-03T18:00:00Z" },
    { id: 2, amount: "50.00", paid_at: "2026-03-04T18:00:00Z" },
  ];
  it("is the amount due less the payments up to this one, plus refunds made before it", () => {
    expect(balanceAfter("100.00", payments, [], 1)).toBe("70.00");
    expect(balanceAfter("100.00", payments, [{ amount: "10.00", refunded_at: "2026-03-03T19:00:00Z" }], 2)).toBe("30.00");
    expect(balanceAfter("100.00", payments, [{ amount: "10.00", refunded_at: "2026-03-05T00:00:00Z" }], 2)).toBe("20.00");
  });
  it("knows no balance for a payment not on the bill", () => {
    expect(balanceAfter("100.00", payments, [], 9)).toBeNull();
  });
});
