import type { operations } from "@/api/schema";

export type AuditQuery = NonNullable<operations["list_audit_log"]["parameters"]["query"]>;

/** The audit log's filter form as typed: every field a string. */
export interface AuditFilterForm {
  table_name: string;
  changed_by: string;
  patient_id: string;
  patient_name: string;
  action: string;
  from: string;
  to: string;
}

export const EMPTY_AUDIT_FILTERS: AuditFilterForm = { table_name: "", changed_by: "", patient_id: "", patient_name: "", action: "", from: "", to: "" };

/**
 * The API query for a filter form. "Changed by" goes as typed (the server takes a username or an
 * id, never failing on a name); the day range is the clinic's days, turned into instants by
 * `dayStart` (local midnight in the clinic's zone → ISO instant), the end day included.
 */
export function auditQuery(form: AuditFilterForm, dayStart: (day: string) => string, nextDay: (day: string) => string): Omit<AuditQuery, "page" | "per_page"> {
  const query: Omit<AuditQuery, "page" | "per_page"> = {};
  if (form.table_name) query.table_name = form.table_name;
  const by = form.changed_by.trim();
  if (by) query.changed_by = by;
  if (/^\d{1,9}$/.test(form.patient_id)) query.patient_id = Number(form.patient_id);
  if (form.action) query.action = form.action;
  const from = form.from || form.to;
  const to = form.to || form.from;
  if (from && to) {
    const [first, last] = from <= to ? [from, to] : [to, from];
    query.from = dayStart(first);
    query.to = dayStart(nextDay(last));
  }
  return query;
}
