import { useState, type FormEvent } from "react";
import { useSearchParams } from "react-router";
import { Button } from "@/components/ui/button";
import { Card, PageHeader } from "@/components/ui/card";
import { SelectField, TextField } from "@/components/ui/field";
import { Pager } from "@/components/ui/pager";
import { EmptyState, QueryState } from "@/components/ui/states";
import { useBills, type BillStatus } from "@/features/billing/api/bills";
import { BillTotalsBar, BillsTable } from "@/features/billing/components/bills-table";
import { patientName, usePatient } from "@/features/patients/api/patients";
import { useDocumentTitle } from "@/lib/document-title";

/** The desk's billing list: search by patient or invoice, issued dates and status, with totals. */
export function StaffBillingPage() {
  useDocumentTitle("Billing");
  const [params, setParams] = useSearchParams();
  const patientId = params.get("patient") ? Number(params.get("patient")) : null;
  const patient = usePatient(patientId);
  const [draft, setDraft] = useState({ q: params.get("q") ?? "", from: params.get("from") ?? "", to: params.get("to") ?? "" });
  const status = (params.get("status") ?? "") as BillStatus | "";
  const page = Number(params.get("page") ?? 1);
  const q = params.get("q") ?? "";
  const from = params.get("from") ?? "";
  const to = params.get("to") ?? "";
  const rangeError = from && to && to < from ? "The end date is before the start date" : undefined;
  const bills = useBills(
    {
      page,
      ...(status ? { status } : {}),
      ...(patientId !== null ? { patient_id: patientId } : {}),
      ...(q ? { q } : {}),
      ...(from ? { issued_from: from } : {}),
      ...(to ? { issued_to: to } : {}),
    },
    { enabled: !rangeError },
  );
  function set(patch: Record<string, string>) {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    if (!("page" in patch)) next.delete("page");
    setParams(next);
  }
  function search(event: FormEvent) {
    event.preventDefault();
    set({ q: draft.q.trim(), from: draft.from, to: draft.to });
  }
  return (
    <>
      <PageHeader title="Billing" description={patient.data ? `Bills of ${patientName(patient.data)}` : "All bills"} />
      <Card>
        <form role="search" aria-label="Search bills" onSubmit={search} className="mb-4 flex flex-wrap items-end gap-3">
          <TextField label="Patient or invoice" className="w-64" value={draft.q} placeholder="Name or INV-…" onChange={(e) => setDraft({ ...draft, q: e.target.value })} />
          <TextField label="Issued from" type="date" className="w-44" value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.target.value })} />
          <TextField label="Issued to" type="date" className="w-44" value={draft.to} error={draft.from && draft.to && draft.to < draft.from ? "The end date is before the start date" : undefined} onChange={(e) => setDraft({ ...draft, to: e.target.value })} />
          <SelectField label="Status" className="w-44" value={status} onChange={(e) => set({ status: e.target.value })}>
            <option value="">All</option>
            <option value="unpaid">Unpaid</option>
            <option value="partially_paid">Partially paid</option>
            <option value="overdue">Overdue</option>
            <option value="paid">Paid</option>
            <option value="void">Void</option>
          </SelectField>
          <Button type="submit" className="mb-0.5">
            Search
          </Button>
          {(patientId !== null || q || from || to || status) && (
            <Button
              variant="secondary"
              className="mb-0.5"
              onClick={() => {
                setDraft({ q: "", from: "", to: "" });
                setParams({});
              }}
            >
              Clear
            </Button>
          )}
        </form>
        <QueryState query={bills} empty={<EmptyState title="No bills match." />}>
          {(data) => (
            <>
              <BillTotalsBar totals={data.totals} />
              {data.items.length === 0 ? (
                <EmptyState title="No bills match." />
              ) : (
                <BillsTable bills={data.items} billHref={(b) => `/staff/billing/${b.id}`} />
              )}
              <Pager page={data.page} perPage={data.per_page} total={data.total} onPage={(p) => set({ page: String(p) })} />
            </>
          )}
        </QueryState>
      </Card>
    </>
  );
}
