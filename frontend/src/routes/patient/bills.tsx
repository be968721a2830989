import { useState } from "react";
import { Link } from "react-router";
import { Card, PageHeader } from "@/components/ui/card";
import { SelectField } from "@/components/ui/field";
import { Pager } from "@/components/ui/pager";
import { EmptyState, QueryState } from "@/components/ui/states";
import { useMe } from "@/features/auth/api/auth";
import { useBills, type BillStatus } from "@/features/billing/api/bills";
import { BillPage, ReceiptPage, StatementPage } from "@/features/billing/components/bill-pages";
import { BillTotalsBar, BillsTable } from "@/features/billing/components/bills-table";
import { useDocumentTitle } from "@/lib/document-title";

export function PatientBillsPage() {
  useDocumentTitle("Your bills");
  const [status, setStatus] = useState<BillStatus | "">("");
  const [page, setPage] = useState(1);
  const bills = useBills({ page, ...(status ? { status } : {}) });
  return (
    <>
      <PageHeader title="Your bills" description="Open a bill to see its payments, pay it or print a receipt." actions={<Link className="text-brand-700 underline" to="/patient/bills/statement">Statement</Link>} />
      <Card>
        <SelectField label="Status" className="mb-4 max-w-60" value={status} onChange={(e) => { setStatus(e.target.value as BillStatus | ""); setPage(1); }}>
          <option value="">All</option>
          <option value="unpaid">Unpaid</option>
          <option value="partially_paid">Partially paid</option>
          <option value="overdue">Overdue</option>
          <option value="paid">Paid</option>
          <option value="void">Void</option>
        </SelectField>
        <QueryState query={bills} empty={<EmptyState title="No bills." />}>
          {(data) => (
            <>
              <BillTotalsBar totals={data.totals} />
              <BillsTable bills={data.items} showPatient={false} billHref={(b) => `/patient/bills/${b.id}`} />
              <Pager page={data.page} perPage={data.per_page} total={data.total} onPage={setPage} />
            </>
          )}
        </QueryState>
      </Card>
    </>
  );
}

export function PatientBillPage() {
  return <BillPage base="/patient/bills" />;
}

export function PatientReceiptPage() {
  return <ReceiptPage base="/patient/bills" />;
}

export function PatientStatementPage() {
  const me = useMe();
  return <StatementPage patientId={me.data?.patient_id ?? null} base="/patient/bills" />;
}
