import { useState } from "react";
import { Button } from "@/components/ui/button";
import { formatCalendarDate, formatDateTime } from "@/utils/dates";
import { formatMoney } from "@/utils/money";
import { isPayable, type Bill } from "../api/bills";
import { BillStatusBadge } from "./bill-status-badge";
import { PayForm } from "./pay-form";
import { VoidForm } from "./void-form";

/** A bill with its amounts and payments; `staff` adds the method choice and voiding. */
export function BillCard({ bill, staff = false }: { bill: Bill; staff?: boolean }) {
  const [mode, setMode] = useState<"none" | "pay" | "void">("none");
  const payable = isPayable(bill.status);
  return (
    <li className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" aria-label={`Bill ${bill.id}`}>
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div>
          <p className="font-semibold">
            Visit {formatDateTime(bill.visit_at)} · {bill.doctor_name}
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
      {bill.payments && bill.payments.length > 0 && (
        <details className="mt-2 text-sm">
          <summary className="cursor-pointer text-brand-700">Payments ({bill.payments.length})</summary>
          <ul className="mt-1 space-y-1">
            {bill.payments.map((p) => (
              <li key={p.id} className="tabular-nums">
                {formatDateTime(p.paid_at)} · {formatMoney(p.amount)} · {p.method}
              </li>
            ))}
          </ul>
        </details>
      )}
      {(payable || (staff && bill.status !== "void")) && (
        <div className="mt-3 flex flex-wrap gap-2">
          {payable && mode !== "pay" && (
            <Button size="sm" onClick={() => setMode("pay")}>
              {staff ? "Record payment" : "Pay bill"}
            </Button>
          )}
          {staff && bill.status !== "void" && mode !== "void" && (
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
      {mode === "pay" && payable && (
        <div className="mt-3">
          <PayForm bill={bill} chooseMethod={staff} onPaid={() => setMode("none")} />
        </div>
      )}
      {mode === "void" && (
        <div className="mt-3">
          <VoidForm bill={bill} onDone={() => setMode("none")} />
        </div>
      )}
    </li>
  );
}
