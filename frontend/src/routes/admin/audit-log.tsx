import { Fragment, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Card, PageHeader } from "@/components/ui/card";
import { SelectField, TextField } from "@/components/ui/field";
import { Pager } from "@/components/ui/pager";
import { EmptyState, QueryState } from "@/components/ui/states";
import { Table, Td } from "@/components/ui/table";
import { AuditDiff } from "@/features/admin/components/audit-diff";
import { $api } from "@/lib/api-client";
import { formatDateTime, localDayRange } from "@/utils/dates";

// The audited tables, offered as suggestions; the field takes any name.
const TABLES = [
  "users", "demographics", "patients", "patient_emergency_contacts", "patient_doctors", "insurances",
  "doctors", "doctor_offices", "doctor_working_hours", "offices", "office_services", "specialties",
  "appointments", "medical_records", "prescriptions", "specialist_approvals", "bills", "payments",
];
const empty = { table_name: "", record_id: "", changed_by: "", action: "", from: "", to: "" };

export function AuditLogPage() {
  const [draft, setDraft] = useState(empty);
  const [filters, setFilters] = useState(empty);
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<number | null>(null);
  const range = filters.from || filters.to ? localDayRange(filters.from || filters.to, filters.to || filters.from) : null;
  const query = {
    page,
    per_page: 25,
    ...(filters.table_name && { table_name: filters.table_name }),
    ...(filters.record_id && { record_id: Number(filters.record_id) }),
    ...(filters.changed_by && { changed_by: Number(filters.changed_by) }),
    ...(filters.action && { action: filters.action }),
    ...(range && filters.from && { from: range.from }),
    ...(range && filters.to && { to: range.to }),
  };
  const log = $api.useQuery("get", "/api/v1/audit-log", { params: { query } });
  const set = (k: keyof typeof empty) => (e: { target: { value: string } }) => setDraft({ ...draft, [k]: e.target.value });

  function apply(event: FormEvent) {
    event.preventDefault();
    setFilters(draft);
    setPage(1);
  }

  return (
    <>
      <PageHeader title="Audit log" description="Every change: who, when, and the values before and after." />
      <Card className="mb-4">
        <form onSubmit={apply} className="grid gap-3 sm:grid-cols-3 lg:grid-cols-6" aria-label="Filters">
          <div>
            <TextField label="Table" list="audit-tables" value={draft.table_name} onChange={set("table_name")} />
            <datalist id="audit-tables">
              {TABLES.map((t) => (
                <option key={t} value={t} />
              ))}
            </datalist>
          </div>
          <TextField label="Record id" inputMode="numeric" value={draft.record_id} onChange={set("record_id")} />
          <TextField label="Changed by (user id)" inputMode="numeric" value={draft.changed_by} onChange={set("changed_by")} />
          <SelectField label="Action" value={draft.action} onChange={set("action")}>
            <option value="">Any</option>
            {["insert", "update", "delete", "read", "login", "login_failed"].map((a) => (
              <option key={a} value={a}>
                {a.replace("_", " ")}
              </option>
            ))}
          </SelectField>
          <TextField label="From day" type="date" value={draft.from} onChange={set("from")} />
          <TextField label="To day" type="date" value={draft.to} onChange={set("to")} />
          <div className="flex gap-2 sm:col-span-3 lg:col-span-6">
            <Button type="submit">Apply filters</Button>
            <Button variant="ghost" onClick={() => { setDraft(empty); setFilters(empty); setPage(1); }}>
              Clear
            </Button>
          </div>
        </form>
      </Card>
      <Card>
        <QueryState query={log} empty={<EmptyState title="No entries match these filters." />}>
          {(data) => (
            <>
              <Table caption="Audit log entries" head={["When", "Table", "Record", "Action", "By", "Values"]}>
                {data.items.map((e) => (
                  <Fragment key={e.id}>
                    <tr>
                      <Td className="whitespace-nowrap">{formatDateTime(e.changed_at)}</Td>
                      <Td className="font-mono">{e.table_name}</Td>
                      <Td>{e.record_id ?? "—"}</Td>
                      <Td>{e.action}</Td>
                      <Td>
                        {e.changed_by == null ? (
                          "system"
                        ) : (
                          <>
                            {e.changed_by_username ?? "unknown user"} <span className="text-slate-600">#{e.changed_by}</span>
                          </>
                        )}
                      </Td>
                      <Td>
                        <Button size="sm" variant="ghost" aria-label={`${open === e.id ? "Hide" : "Show"} values of entry ${e.id}`} aria-expanded={open === e.id} aria-controls={`audit-${e.id}`} onClick={() => setOpen(open === e.id ? null : e.id)}>
                          {open === e.id ? "Hide" : "Show"}
                        </Button>
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
