import { useState } from "react";
import { useSearchParams } from "react-router";
import { Button } from "@/components/ui/button";
import { Card, PageHeader } from "@/components/ui/card";
import { SelectField } from "@/components/ui/field";
import { Pager } from "@/components/ui/pager";
import { EmptyState, QueryState } from "@/components/ui/states";
import { useBills, type BillStatus } from "@/features/billing/api/bills";
import { BillCard } from "@/features/billing/components/bill-card";
import { patientName, usePatient } from "@/features/patients/api/patients";

export function StaffBillingPage() {
  const [params, setParams] = useSearchParams();
  const patientId = params.get("patient") ? Number(params.get("patient")) : null;
  const patient = usePatient(patientId);
  const [status, setStatus] = useState<BillStatus | "">("");
  const [page, setPage] = useState(1);
  const bills = useBills({ page, ...(status ? { status } : {}), ...(patientId !== null ? { patient_id: patientId } : {}) });
  return (
    <>
      <PageHeader title="Billing" description={patient.data ? `Bills of ${patientName(patient.data)}` : "All bills"} />
      <Card>
        <div className="mb-4 flex flex-wrap items-end gap-3">
          <SelectField label="Status" className="w-52" value={status} onChange={(e) => { setStatus(e.target.value as BillStatus | ""); setPage(1); }}>
            <option value="">All</option>
            <option value="unpaid">Unpaid</option>
            <option value="partially_paid">Partially paid</option>
            <option value="overdue">Overdue</option>
            <option value="paid">Paid</option>
            <option value="void">Void</option>
          </SelectField>
          {patientId !== null && (
            <Button variant="secondary" onClick={() => setParams({})}>
              Show all patients
            </Button>
          )}
        </div>
        <QueryState query={bills} empty={<EmptyState title="No bills match." />}>
          {(data) => (
            <>
              <ul className="space-y-3">
                {data.items.map((b) => (
                  <BillCard key={b.id} bill={b} staff />
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
