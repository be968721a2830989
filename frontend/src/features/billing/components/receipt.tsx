import { formatMoney } from "@/lib/format";
import type { Bill } from "../api/bills";
import { balanceAfter } from "../lib/ledger";
import { formatDateTime as officeDateTime, paymentMethodLabel } from "@/lib/format";

/** A printable receipt of one payment: who was paid, for what, how, and what is left. */
export function Receipt({ bill, paymentId }: { bill: Bill; paymentId: number }) {
  const payment = bill.payments?.find((p) => p.id === paymentId);
  if (!payment) return <p role="alert">This payment is not on the bill.</p>;
  const after = balanceAfter(bill.amount_due, bill.payments ?? [], bill.refunds ?? [], paymentId);
  return (
    <article aria-label="Receipt" className="receipt space-y-4 rounded-lg border border-slate-200 bg-white p-5 print:border-0 print:p-0">
      <header>
        <p className="text-lg font-semibold">{bill.office_name}</p>
        <p className="text-sm text-slate-700">{bill.office_address}</p>
      </header>
      <h2 className="text-xl font-semibold">Receipt</h2>
      <dl className="grid grid-cols-[max-content_1fr] gap-x-6 gap-y-1 text-sm">
        <dt className="text-slate-600">Invoice</dt>
        <dd className="font-medium">{bill.invoice_number}</dd>
        <dt className="text-slate-600">Patient</dt>
        <dd>{bill.patient_name}</dd>
        <dt className="text-slate-600">Visit</dt>
        <dd>
          {officeDateTime(bill.visit_at, bill.office_time_zone)} · {bill.doctor_name}
        </dd>
        <dt className="text-slate-600">Paid on</dt>
        <dd>{officeDateTime(payment.paid_at, bill.office_time_zone)}</dd>
        <dt className="text-slate-600">Amount paid</dt>
        <dd className="text-lg font-semibold tabular-nums">{formatMoney(payment.amount)}</dd>
        <dt className="text-slate-600">Method</dt>
        <dd>{paymentMethodLabel(payment.method)}</dd>
        {(payment.reference ?? payment.provider_reference) && (
          <>
            <dt className="text-slate-600">Reference</dt>
            <dd>{payment.reference ?? payment.provider_reference}</dd>
          </>
        )}
        {payment.recorded_by_name && (
          <>
            <dt className="text-slate-600">Received by</dt>
            <dd>{payment.recorded_by_name}</dd>
          </>
        )}
        <dt className="text-slate-600">Balance after this payment</dt>
        <dd className="font-semibold tabular-nums">{after === null ? "—" : formatMoney(after)}</dd>
      </dl>
    </article>
  );
}

/** A Print button that is itself left off the page. */
export function PrintButton({ label = "Print" }: { label?: string }) {
  return (
    <button type="button" className="rounded-md bg-brand-600 px-3 py-2 text-white hover:bg-brand-700 print:hidden" onClick={() => window.print()}>
      {label}
    </button>
  );
}
