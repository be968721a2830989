import { Link } from "react-router";
import { Table, Td } from "@/components/ui/table";
import { formatMoney } from "@/lib/format";
import type { Bill } from "../api/bills";
import { formatDate as officeDate } from "@/lib/format";
import { BillStatusBadge } from "./bill-status-badge";

/**
 * Bills as a table people scan: invoice, patient, visit, issued, amounts, status, and a link to
 * the bill where people act. On a phone it scrolls sideways with the invoice column kept in view.
 */
export function BillsTable({ bills, billHref, showPatient = true }: { bills: Bill[]; billHref: (b: Bill) => string; showPatient?: boolean }) {
  const head = ["Invoice", ...(showPatient ? ["Patient"] : []), "Visit", "Issued", "Amount", "Paid", "Balance", "Status", "Actions"];
  return (
    <Table caption="Bills" head={head}>
      {bills.map((b) => (
        <tr key={b.id}>
          <th scope="row" className="sticky left-0 bg-white px-3 py-2 text-left font-medium whitespace-nowrap">
            <Link className="text-brand-700 underline" to={billHref(b)}>
              {b.invoice_number}
            </Link>
          </th>
          {showPatient && <Td className="whitespace-nowrap">{b.patient_name}</Td>}
          <Td className="whitespace-nowrap">{officeDate(b.visit_at, b.office_time_zone)}</Td>
          <Td className="whitespace-nowrap">{officeDate(b.created_at, b.office_time_zone)}</Td>
          <Td className="text-right tabular-nums">{formatMoney(b.amount_due)}</Td>
          <Td className="text-right tabular-nums">{formatMoney(b.amount_paid)}</Td>
          <Td className="text-right font-semibold tabular-nums">{formatMoney(b.balance)}</Td>
          <Td>
            <BillStatusBadge status={b.status} />
          </Td>
          <Td>
            <Link className="text-brand-700 underline" to={billHref(b)} aria-label={`Open ${b.invoice_number}`}>
              Open
            </Link>
          </Td>
        </tr>
      ))}
    </Table>
  );
}

/** The sums of the filtered bills, from the server. */
export function BillTotalsBar({ totals }: { totals: { count: number; billed: string; paid: string; refunded: string; outstanding: string } }) {
  const items: [string, string][] = [
    ["Billed", totals.billed],
    ["Paid", totals.paid],
    ["Refunded", totals.refunded],
    ["Outstanding", totals.outstanding],
  ];
  return (
    <dl aria-label="Totals of the bills shown" className="mb-4 grid grid-cols-2 gap-3 sm:grid-cols-5">
      <div className="rounded-md bg-slate-50 p-2">
        <dt className="text-sm text-slate-600">Bills</dt>
        <dd className="text-lg font-semibold tabular-nums">{totals.count}</dd>
      </div>
      {items.map(([label, value]) => (
        <div key={label} className="rounded-md bg-slate-50 p-2">
          <dt className="text-sm text-slate-600">{label}</dt>
          <dd className="text-lg font-semibold tabular-nums">{formatMoney(value)}</dd>
        </div>
      ))}
    </dl>
  );
}
