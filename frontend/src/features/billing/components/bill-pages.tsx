import { useState } from "react";
import { Link, useParams } from "react-router";
import { Card, PageHeader } from "@/components/ui/card";
import { TextField } from "@/components/ui/field";
import { Table, Td } from "@/components/ui/table";
import { EmptyState, QueryState } from "@/components/ui/states";
import { useDocumentTitle } from "@/lib/document-title";
import { formatMoney } from "@/lib/format";
import { useBill, useBills, usePatientPayments, type Bill, type PaymentHistoryLine } from "../api/bills";
import { buildStatement } from "../lib/ledger";
import { formatDate as officeDate, formatDateTime as officeDateTime, paymentMethodLabel } from "@/lib/format";
import { BillCard } from "./bill-card";
import { PrintButton, Receipt } from "./receipt";

/** Where a role's money pages live: "/staff/billing" or "/patient/bills". */
export type BillsBase = "/staff/billing" | "/patient/bills";

/** One bill where people act on it, with its payment history and a receipt per payment. */
export function BillPage({ base }: { base: BillsBase }) {
  const id = Number(useParams().billId);
  const bill = useBill(Number.isFinite(id) ? id : null);
  useDocumentTitle(bill.data ? bill.data.invoice_number : "Bill");
  return (
    <>
      <PageHeader title={bill.data?.invoice_number ?? "Bill"} description={bill.data ? `${bill.data.patient_name} · ${bill.data.office_name}` : undefined} actions={<Link className="text-brand-700 underline" to={base}>All bills</Link>} />
      <QueryState query={bill}>
        {(b) => (
          <div className="space-y-4">
            <ul>
              <BillCard bill={b} staff={base === "/staff/billing"} />
            </ul>
            <Card>
              <h2 className="mb-3 text-lg font-semibold">Payment history</h2>
              <BillHistory bill={b} base={base} />
            </Card>
          </div>
        )}
      </QueryState>
    </>
  );
}

function BillHistory({ bill, base }: { bill: Bill; base: BillsBase }) {
  const tz = bill.office_time_zone;
  const rows = [
    ...(bill.payments ?? []).map((p) => ({ key: `p${p.id}`, at: p.paid_at, what: "Payment", amount: p.amount, method: p.method, by: p.recorded_by_name, reference: p.reference ?? p.provider_reference, receipt: p.id })),
    ...(bill.refunds ?? []).map((r) => ({ key: `r${r.id}`, at: r.refunded_at, what: `Refund: ${r.reason}`, amount: `-${r.amount}`, method: (bill.payments ?? []).find((p) => p.id === r.payment_id)?.method ?? "", by: r.recorded_by_name, reference: r.provider_reference, receipt: null })),
  ].sort((a, b) => (a.at < b.at ? -1 : 1));
  if (rows.length === 0) return <EmptyState title="No payments yet." />;
  return (
    <Table caption={`Payments and refunds of ${bill.invoice_number}`} head={["When", "What", "Amount", "Method", "Taken by", "Reference", "Receipt"]}>
      {rows.map((r) => (
        <tr key={r.key}>
          <Td className="whitespace-nowrap">{officeDateTime(r.at, tz)}</Td>
          <Td>{r.what}</Td>
          <Td className="text-right tabular-nums">{formatMoney(r.amount)}</Td>
          <Td>{paymentMethodLabel(r.method)}</Td>
          <Td>{r.by ?? "—"}</Td>
          <Td>{r.reference ?? "—"}</Td>
          <Td>
            {r.receipt !== null && (
              <Link className="text-brand-700 underline" to={`${base}/${bill.id}/receipts/${r.receipt}`}>
                Receipt
              </Link>
            )}
          </Td>
        </tr>
      ))}
    </Table>
  );
}

/** The printable receipt of one payment. */
export function ReceiptPage({ base }: { base: BillsBase }) {
  const params = useParams();
  const bill = useBill(Number(params.billId));
  const paymentId = Number(params.paymentId);
  useDocumentTitle(bill.data ? `Receipt · ${bill.data.invoice_number}` : "Receipt");
  return (
    <>
      <div className="mb-4 flex flex-wrap items-center justify-between gap-2 print:hidden">
        <Link className="text-brand-700 underline" to={`${base}/${params.billId}`}>
          Back to the bill
        </Link>
        <PrintButton label="Print receipt" />
      </div>
      <h1 className="sr-only">Receipt</h1>
      <QueryState query={bill}>{(b) => <Receipt bill={b} paymentId={paymentId} />}</QueryState>
    </>
  );
}

function monthStart(): string {
  const now = new Date();
  return `${now.getUTCFullYear()}-${String(now.getUTCMonth() + 1).padStart(2, "0")}-01`;
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** A patient's statement: every bill, payment and refund in a date range with the running balance. */
export function StatementPage({ patientId, base }: { patientId: number | null; base: BillsBase }) {
  useDocumentTitle("Statement");
  const [from, setFrom] = useState(() => {
    const d = new Date();
    d.setUTCMonth(d.getUTCMonth() - 3);
    return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}-01`;
  });
  const [to, setTo] = useState(today());
  const bills = useBills(patientId !== null ? { patient_id: patientId, per_page: 100 } : { per_page: 100 });
  const history = usePatientPayments(patientId);
  const rangeError = to < from ? "The end date is before the start date" : undefined;
  return (
    <>
      <PageHeader title="Statement" actions={<PrintButton label="Print statement" />} />
      <Card>
        <div className="mb-4 flex flex-wrap items-end gap-3 print:hidden">
          <TextField label="From" type="date" className="w-44" value={from} onChange={(e) => setFrom(e.target.value || monthStart())} />
          <TextField label="To" type="date" className="w-44" value={to} error={rangeError} onChange={(e) => setTo(e.target.value || today())} />
        </div>
        <QueryState query={bills}>
          {(list) => (
            <QueryState query={history}>
              {(h) => <StatementBody bills={list.items} history={h.items} from={from} to={to} base={base} />}
            </QueryState>
          )}
        </QueryState>
      </Card>
    </>
  );
}

function StatementBody({ bills, history, from, to, base }: { bills: Bill[]; history: PaymentHistoryLine[]; from: string; to: string; base: BillsBase }) {
  const first = bills[0];
  if (!first) return <EmptyState title="No bills yet." />;
  const tz = first.office_time_zone;
  const s = buildStatement(bills, history, from, to, tz);
  const byInvoice = new Map(bills.map((b) => [b.invoice_number, b.id]));
  return (
    <div className="space-y-3">
      <header>
        <p className="text-lg font-semibold">{first.office_name}</p>
        <p className="text-sm text-slate-700">{first.office_address}</p>
        <p className="mt-2">
          Statement for <strong>{first.patient_name}</strong>, {from} to {to} (dates in {tz})
        </p>
      </header>
      <p>
        Opening balance <strong className="tabular-nums">{formatMoney(s.opening)}</strong>
      </p>
      {s.lines.length === 0 ? (
        <EmptyState title="Nothing happened in these dates." />
      ) : (
        <Table caption="Statement lines" head={["Date", "Invoice", "What", "Amount", "Balance"]}>
          {s.lines.map((l, i) => (
            <tr key={i}>
              <Td className="whitespace-nowrap">{officeDate(l.at, tz)}</Td>
              <Td className="whitespace-nowrap">
                <Link className="text-brand-700 underline" to={`${base}/${byInvoice.get(l.invoice_number) ?? ""}`}>
                  {l.invoice_number}
                </Link>
              </Td>
              <Td>{l.description.replace(/\(([a-z_]+)\)/, (_, m: string) => `(${paymentMethodLabel(m)})`)}</Td>
              <Td className="text-right tabular-nums">{formatMoney(l.amount)}</Td>
              <Td className="text-right font-medium tabular-nums">{formatMoney(l.balance)}</Td>
            </tr>
          ))}
        </Table>
      )}
      <dl aria-label="Statement totals" className="grid grid-cols-2 gap-2 sm:grid-cols-4">
        <div>
          <dt className="text-sm text-slate-600">Billed</dt>
          <dd className="font-semibold tabular-nums">{formatMoney(s.billed)}</dd>
        </div>
        <div>
          <dt className="text-sm text-slate-600">Paid</dt>
          <dd className="font-semibold tabular-nums">{formatMoney(s.paid)}</dd>
        </div>
        <div>
          <dt className="text-sm text-slate-600">Refunded</dt>
          <dd className="font-semibold tabular-nums">{formatMoney(s.refunded)}</dd>
        </div>
        <div>
          <dt className="text-sm text-slate-600">Closing balance</dt>
          <dd className="font-semibold tabular-nums">{formatMoney(s.closing)}</dd>
        </div>
      </dl>
    </div>
  );
}
