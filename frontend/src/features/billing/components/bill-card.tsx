import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useClinicTimeZone } from "@/lib/clinic-time-zone";
import { formatCalendarDate, formatDateTime, formatMoney, paymentMethodLabel } from "@/lib/format";
import { allows, useBill, type Bill } from "../api/bills";
import { BillStatusBadge } from "./bill-status-badge";
import { PayForm } from "./pay-form";
import { RefundForm } from "./refund-form";
import { VoidForm } from "./void-form";

type Mode = "none" | "pay" | "refund" | "void";

/**
 * A bill with its amounts and history. The actions offered are the ones the server lists in
 * `allowed_actions`; `staff` adds the patient's name.
 */
export function BillCard({ bill, staff = false }: { bill: Bill; staff?: boolean }) {
  const zone = useClinicTimeZone();
  const [mode, setMode] = useState<Mode>("none");
  const recordPayment = allows(bill, "record_payment");
  const payOnline = allows(bill, "pay_online");
  const refund = allows(bill, "refund");
  const voidable = allows(bill, "void");
  // The list leaves the history out; a refund needs the payments, so read the bill then.
  const details = useBill(mode === "refund" ? bill.id : null);
  const payments = bill.payments ?? details.data?.payments ?? [];
  const owesOnline = !staff && !payOnline && !recordPayment && bill.balance !== "0.00" && bill.status !== "void";
  return (
    <li className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" aria-label={`Bill ${bill.id}`}>
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div>
          <p className="font-semibold">
            Visit {formatDateTime(bill.visit_at, zone)} · {bill.doctor_name}
          </p>
          {staff && <p className="text-sm text-slate-700">{bill.patient_name}</p>}
          <p className="text-sm text-slate-600">Due {formatCalendarDate(bill.billing_due)}</p>
        </div>
        <BillStatusBadge status={bill.status} />
      </div>
      <dl className="mt-3 grid grid-cols-3 gap-2 text-sm">
        <div>
          <dt className="text-slate-600">Amount</dt>
          <dd className="font-medium tabular-nums">{formatMoney(bill.amount_due)}</dd>
        </div>
        <div>
          <dt className="text-slate-600">Paid</dt>
          <dd className="font-medium tabular-nums">{formatMoney(bill.amount_paid)}</dd>
        </div>
        <div>
          <dt className="text-slate-600">Balance</dt>
          <dd className="font-semibold tabular-nums">{formatMoney(bill.balance)}</dd>
        </div>
      </dl>
      {bill.void_reason && <p className="mt-2 text-sm text-slate-600">Voided: {bill.void_reason}</p>}
      {owesOnline && (
        <p className="mt-2 text-sm text-slate-600">Online payment is not available at this clinic; please pay at the front desk.</p>
      )}
      {bill.payments && bill.payments.length > 0 && (
        <details className="mt-2 text-sm">
          <summary className="cursor-pointer text-brand-700">Payments ({bill.payments.length})</summary>
          <ul className="mt-1 space-y-1">
            {bill.payments.map((p) => (
              <li key={p.id} className="tabular-nums">
                {formatDateTime(p.paid_at, zone)} · {formatMoney(p.amount)} · {paymentMethodLabel(p.method)}
                {p.amount_refunded !== "0.00" && ` · refunded ${formatMoney(p.amount_refunded)}`}
              </li>
            ))}
          </ul>
        </details>
      )}
      {bill.refunds && bill.refunds.length > 0 && (
        <details className="mt-2 text-sm">
          <summary className="cursor-pointer text-brand-700">Refunds ({bill.refunds.length})</summary>
          <ul className="mt-1 space-y-1">
            {bill.refunds.map((r) => (
              <li key={r.id} className="tabular-nums">
                {formatDateTime(r.refunded_at, zone)} · {formatMoney(r.amount)} · {r.reason}
              </li>
            ))}
          </ul>
        </details>
      )}
      {bill.adjustments && bill.adjustments.length > 0 && (
        <details className="mt-2 text-sm">
          <summary className="cursor-pointer text-brand-700">Changes of amount ({bill.adjustments.length})</summary>
          <ul className="mt-1 space-y-1">
            {bill.adjustments.map((a) => (
              <li key={a.id} className="tabular-nums">
                {formatDateTime(a.adjusted_at, zone)} · {formatMoney(a.amount_due_before)} → {formatMoney(a.amount_due_after)} · {a.reason}
              </li>
            ))}
          </ul>
        </details>
      )}
      {(recordPayment || payOnline || refund || voidable) && (
        <div className="mt-3 flex flex-wrap gap-2">
          {(recordPayment || payOnline) && mode !== "pay" && (
            <Button size="sm" onClick={() => setMode("pay")}>
              {recordPayment ? "Record payment" : "Pay bill"}
            </Button>
          )}
          {refund && mode !== "refund" && (
            <Button size="sm" variant="secondary" onClick={() => setMode("refund")}>
              Refund…
            </Button>
          )}
          {voidable && mode !== "void" && (
            <Button size="sm" variant="secondary" onClick={() => setMode("void")}>
              Void…
            </Button>
          )}
          {mode !== "none" && (
            <Button size="sm" variant="ghost" onClick={() => setMode("none")}>
              Close
            </Button>
          )}
        </div>
      )}
      {mode === "pay" && (recordPayment || payOnline) && (
        <div className="mt-3">
          <PayForm bill={bill} chooseMethod={recordPayment} onPaid={() => setMode("none")} />
        </div>
      )}
      {mode === "refund" &&
        refund &&
        (payments.length > 0 ? (
          <div className="mt-3">
            <RefundForm bill={bill} payments={payments} onDone={() => setMode("none")} />
          </div>
        ) : details.isError ? (
          <Alert tone="error" className="mt-3">
            The payments could not be loaded.
          </Alert>
        ) : null)}
      {mode === "void" && voidable && (
        <div className="mt-3">
          <VoidForm bill={bill} onDone={() => setMode("none")} />
        </div>
      )}
    </li>
  );
}
