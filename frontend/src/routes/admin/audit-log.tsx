import { Fragment, useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, PageHeader } from "@/components/ui/card";
import { SelectField, TextField } from "@/components/ui/field";
import { Pager } from "@/components/ui/pager";
import { EmptyState, QueryState } from "@/components/ui/states";
import { Table, Td } from "@/components/ui/table";
import { AuditDiff } from "@/features/admin/components/audit-diff";
import { auditQuery, EMPTY_AUDIT_FILTERS, type AuditFilterForm } from "@/features/admin/audit-filters";
import { instantAt, shiftDate } from "@/features/calendar/zone";
import { useClinicTimeZone } from "@/lib/clinic-time-zone";
import { AUDIT_ACTION_LABELS, AUDIT_TABLE_LABELS, auditActionLabel, auditTableLabel, formatDateTime, zoneLabel } from "@/lib/format";

const AUDIT_TABLES = Object.keys(AUDIT_TABLE_LABELS).filter((t) => t !== "audit_log");
const AUDIT_ACTIONS = Object.keys(AUDIT_ACTION_LABELS);
import { $api, api } from "@/lib/api-client";
import { useDocumentTitle } from "@/lib/document-title";

function patientLabel(p: { first_name: string; last_name: string; dob?: string | null }): string {
  return `${p.first_name} ${p.last_name}${p.dob ? ` (born ${p.dob})` : ""}`;
}

export function AuditLogPage() {
  useDocumentTitle("Audit log");
  // The clinic's days: the zone of its offices (the same one every clinic-wide time uses).
  const zone = useClinicTimeZone();
  const [draft, setDraft] = useState<AuditFilterForm>(EMPTY_AUDIT_FILTERS);
  const [filters, setFilters] = useState<AuditFilterForm>(EMPTY_AUDIT_FILTERS);
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<number | null>(null);
  const [finding, setFinding] = useState(false);
  const [patientError, setPatientError] = useState<string | null>(null);
  const query = { page, per_page: 50, ...auditQuery(filters, (day) => instantAt(day, 0, zone), (day) => shiftDate(day, 1)) };
  const log = $api.useQuery("get", "/api/v1/audit-log", { params: { query } });
  const set = (k: keyof AuditFilterForm) => (e: { target: { value: string } }) => setDraft({ ...draft, [k]: e.target.value });

  async function apply(event: FormEvent) {
    event.preventDefault();
    setPatientError(null);
    let next = { ...draft, patient_id: "" };
    const who = draft.patient_name.trim();
    if (who) {
      // The patient is found the way the front desk finds them (name, phone, email or date of
      // birth); the closest match is used and named above the table.
      setFinding(true);
      const found = await api.GET("/api/v1/patients", { params: { query: { q: who, per_page: 1 } } });
      setFinding(false);
      const first = found.data?.items[0];
      if (!first) {
        setPatientError(`No patient matches “${who}”.`);
        return;
      }
      next = { ...next, patient_id: String(first.id), patient_name: patientLabel(first) };
      setDraft(next);
    }
    setFilters(next);
    setPage(1);
  }

  return (
    <>
      <PageHeader title="Audit log" description={`Every change and every read of patient data: who, when, whose record. Times in ${zoneLabel(zone, new Date().toISOString().slice(0, 10))}.`} />
      <Card className="mb-4">
        <form onSubmit={apply} className="grid gap-3 sm:grid-cols-3 lg:grid-cols-6" aria-label="Filters" noValidate>
          <TextField label="Changed by" hint="Username, or part of one" autoComplete="off" value={draft.changed_by} onChange={set("changed_by")} />
          <TextField label="Patient" hint="Name, phone, email or date of birth" autoComplete="off" value={draft.patient_name} error={patientError ?? undefined} onChange={set("patient_name")} />
          <SelectField label="Record type" value={draft.table_name} onChange={set("table_name")}>
            <option value="">Any</option>
            {AUDIT_TABLES.map((t) => (
              <option key={t} value={t}>
                {auditTableLabel(t)}
              </option>
            ))}
          </SelectField>
          <SelectField label="Action" value={draft.action} onChange={set("action")}>
            <option value="">Any</option>
            {AUDIT_ACTIONS.map((a) => (
              <option key={a} value={a}>
                {auditActionLabel(a)}
              </option>
            ))}
          </SelectField>
          <TextField label="From day" type="date" value={draft.from} onChange={set("from")} />
          <TextField label="To day" type="date" value={draft.to} onChange={set("to")} />
          <div className="flex gap-2 sm:col-span-3 lg:col-span-6">
            <Button type="submit" busy={finding}>
              Search
            </Button>
            <Button variant="ghost" type="button" onClick={() => { setDraft(EMPTY_AUDIT_FILTERS); setFilters(EMPTY_AUDIT_FILTERS); setPatientError(null); setPage(1); }}>
              Clear
            </Button>
          </div>
        </form>
      </Card>
      {filters.patient_id && (
        <Alert tone="info" className="mb-3">
          Showing the records of {filters.patient_name}.
        </Alert>
      )}
      <Card>
        <QueryState query={log} empty={<EmptyState title="No entries match these filters." />}>
          {(data) => (
            <>
              <Table caption="Audit log entries" head={["When", "Record", "Patient", "Action", "By", "Values"]}>
                {data.items.map((e) => (
                  <Fragment key={e.id}>
                    <tr className="text-sm">
                      <Td className="whitespace-nowrap">
                        {formatDateTime(e.changed_at, zone)}
                      </Td>
                      <Td>
                        {auditTableLabel(e.table_name)}
                        {e.record_id ? <span className="text-slate-600"> #{e.record_id}</span> : null}
                      </Td>
                      <Td>{e.subject_patient_name ?? <span className="text-slate-600">—</span>}</Td>
                      <Td>{auditActionLabel(e.action)}</Td>
                      <Td>{e.changed_by == null ? "System" : (e.changed_by_username ?? `User #${e.changed_by}`)}</Td>
                      <Td>
                        {(e.old_values != null || e.new_values != null) && (
                          <Button size="sm" variant="ghost" aria-label={`${open === e.id ? "Hide" : "Show"} values of entry ${e.id}`} aria-expanded={open === e.id} aria-controls={`audit-${e.id}`} onClick={() => setOpen(open === e.id ? null : e.id)}>
                            {open === e.id ? "Hide" : "Show"}
                          </Button>
                        )}
                      </Td>
                    </tr>
                    {open === e.id && (
                      <tr id={`audit-${e.id}`}>
                        <td colSpan={6} className="bg-slate-50 px-3 py-2">
                          <AuditDiff oldValues={e.old_values} newValues={e.new_values} />
                        </td>
                      </tr>
                    )}
                  </Fragment>
                ))}
              </Table>
              <Pager page={data.page} perPage={data.per_page} total={data.total} onPage={setPage} />
            </>
          )}
        </QueryState>
      </Card>
    </>
  );
}
