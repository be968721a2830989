import { useState } from "react";
import { Card, PageHeader } from "@/components/ui/card";
import { SelectField } from "@/components/ui/field";
import { Pager } from "@/components/ui/pager";
import { EmptyState, QueryState } from "@/components/ui/states";
import { useBills, type BillStatus } from "@/features/billing/api/bills";
import { BillCard } from "@/features/billing/components/bill-card";

export function PatientBillsPage() {
  const [status, setStatus] = useState<BillStatus | "">("");
  const [page, setPage] = useState(1);
  const bills = useBills({ page, ...(status ? { status } : {}) });
  return (
    <>
      <PageHeader title="Your bills" description="Bills are issued when a visit is completed." />
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
              <ul className="space-y-3">
                {data.items.map((b) => (
                  <BillCard key={b.id} bill={b} />
                ))}
              </ul>
              <Pager page={data.page} perPage={data.per_page} total={data.total} onPage={setPage} />
            </>
          )}
        </QueryState>
      </Card>
    </>
  );
}
