import { addMoney, compareMoney, subtractMoney } from "@/lib/format";

/** The parts of a bill and of a payment-history line a statement or receipt reads. */
export interface LedgerBill {
  id: number;
  invoice_number: string;
  created_at: string;
  amount_due: string;
  voided_at?: string | null;
  visit_at: string;
}

export interface LedgerEntry {
  kind: "payment" | "refund";
  id: number;
  bill_id: number;
  invoice_number: string;
  at: string;
  amount: string;
  method: string;
}

/** One line of a statement: a bill issued (owed more), a payment (owed less), a refund (owed more again). */
export interface StatementLine {
  at: string;
  kind: "bill" | "payment" | "refund" | "void";
  invoice_number: string;
  description: string;
  /** Signed: positive raises what is owed. */
  amount: string;
  balance: string;
}

export interface Statement {
  opening: string;
  lines: StatementLine[];
  closing: string;
  billed: string;
  paid: string;
  refunded: string;
}

/** The calendar day ("YYYY-MM-DD") of instant `at` in `timeZone`. */
export function officeDay(at: string, timeZone: string): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date(at));
}

/**
 * A patient's statement for the days `from`..`to` in `timeZone`: everything before `from` makes the
 * opening balance; each bill, payment and refund inside the range is a line with the running
 * balance after it; a void bill stops being owed when it was voided. Amounts are decimal strings.
 */
export function buildStatement(bills: LedgerBill[], entries: LedgerEntry[], from: string, to: string, timeZone: string): Statement {
  type Event = { at: string; order: number; line: Omit<StatementLine, "balance"> };
  const events: Event[] = [];
  for (const b of bills) {
    events.push({ at: b.created_at, order: 0, line: { at: b.created_at, kind: "bill", invoice_number: b.invoice_number, description: "Bill issued", amount: b.amount_due } });
    if (b.voided_at) {
      events.push({ at: b.voided_at, order: 3, line: { at: b.voided_at, kind: "void", invoice_number: b.invoice_number, description: "Bill voided", amount: `-${b.amount_due}` } });
    }
  }
  for (const e of entries) {
    const payment = e.kind === "payment";
    events.push({
      at: e.at,
      order: payment ? 1 : 2,
      line: { at: e.at, kind: e.kind, invoice_number: e.invoice_number, description: payment ? `Payment (${e.method})` : `Refund (${e.method})`, amount: payment ? `-${e.amount}` : e.amount },
    });
  }
  events.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.order - b.order));
  let balance = "0.00";
  let opening = "0.00";
  let billed = "0.00";
  let paid = "0.00";
  let refunded = "0.00";
  const lines: StatementLine[] = [];
  for (const { at, line } of events) {
    balance = addMoney(balance, line.amount);
    const day = officeDay(at, timeZone);
    if (day < from) {
      opening = balance;
    } else if (day <= to) {
      lines.push({ ...line, balance });
      if (line.kind === "bill") billed = addMoney(billed, line.amount);
      if (line.kind === "void") billed = addMoney(billed, line.amount);
      if (line.kind === "payment") paid = subtractMoney(paid, line.amount);
      if (line.kind === "refund") refunded = addMoney(refunded, line.amount);
    }
  }
  const closing = lines.at(-1)?.balance ?? opening;
  return { opening, lines, closing, billed, paid, refunded };
}

/**
 * What was still owed on a bill right after payment `paymentId`: the amount due less every
 * payment up to and including it, plus the refunds made before it. Refunds made later do not
 * change what the receipt said at the time.
 */
export function balanceAfter(
  amountDue: string,
  payments: { id: number; amount: string; paid_at: string }[],
  refunds: { amount: string; refunded_at: string }[],
  paymentId: number,
): string | null {
  const payment = payments.find((p) => p.id === paymentId);
  if (!payment) return null;
  const upTo = (at: string, id: number) => at < payment.paid_at || (at === payment.paid_at && id <= payment.id);
  let owed = amountDue;
  for (const p of payments) if (upTo(p.paid_at, p.id)) owed = subtractMoney(owed, p.amount);
  for (const r of refunds) if (r.refunded_at <= payment.paid_at) owed = addMoney(owed, r.amount);
  return compareMoney(owed, "0.00") < 0 ? "0.00" : owed;
}
