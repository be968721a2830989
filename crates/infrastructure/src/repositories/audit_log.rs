//! Reading the audit log.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use clinic_domain::audit::{AuditEntry, AuditFilter, AuditLog};
use clinic_domain::{Page, PageRequest, StoreError, StoreResult};
use sea_orm::{DatabaseConnection, FromQueryResult, Value};

use super::ListSql;
use super::support::{Conditions, contains_pattern, page_rows};

/// The audit log in PostgreSQL.
#[derive(Clone)]
pub struct PgAuditLog {
    db: DatabaseConnection,
}

impl PgAuditLog {
    /// A reader over `db`.
    #[must_use]
    pub fn new(db: DatabaseConnection) -> Self {
        Self { db }
    }
}

#[derive(FromQueryResult)]
struct Row {
    log_id: i64,
    table_name: String,
    record_id: Option<i64>,
    action: String,
    changed_by: Option<i32>,
    changed_by_username: Option<String>,
    changed_at: DateTime<Utc>,
    old_values: Option<serde_json::Value>,
    new_values: Option<serde_json::Value>,
    subject_patient_id: Option<i32>,
    subject_patient_name: Option<String>,
}

/// How an audited table's `record_id` leads to the patient whose record the row is about:
/// `(audit table, FROM, id column, patient column)`. Rows whose values carry a `patient_id`
/// (a visit, a bill, an insurance, a deleted row's last state, tables added later) need no
/// entry: `audit_values_patient` (migration `m20261203_000050`) reads it from the values. The
/// entries cover the rows whose values do not say it: reads (no values), patients and their
/// lists (`record_id` is the patient), accounts and demographics (by user), and the children
/// of a record or a bill. One table serves both directions, the row's patient when shown and
/// the patient's rows when filtered, so the two cannot disagree.
const SUBJECT_PATIENT: &[(&str, &str, &str, &str)] = &[
    ("patients", "patients s", "s.patient_id", "s.patient_id"),
    (
        "patient_emergency_contacts",
        "patients s",
        "s.patient_id",
        "s.patient_id",
    ),
    (
        "patient_doctors",
        "patients s",
        "s.patient_id",
        "s.patient_id",
    ),
    ("users", "patients s", "s.user_id", "s.patient_id"),
    ("demographics", "patients s", "s.user_id", "s.patient_id"),
    (
        "appointments",
        "appointments s",
        "s.appointment_id",
        "s.patient_id",
    ),
    (
        "medical_records",
        "medical_records s",
        "s.record_id",
        "s.patient_id",
    ),
    (
        "prescriptions",
        "prescriptions s JOIN medical_records m ON m.record_id = s.record_id",
        "s.prescription_id",
        "m.patient_id",
    ),
    ("bills", "bills s", "s.bill_id", "s.patient_id"),
    (
        "payments",
        "payments s JOIN bills b ON b.bill_id = s.bill_id",
        "s.payment_id",
        "b.patient_id",
    ),
    (
        "insurances",
        "insurances s",
        "s.insurance_id",
        "s.patient_id",
    ),
    (
        "specialist_approvals",
        "specialist_approvals s",
        "s.approval_id",
        "s.patient_id",
    ),
];

/// The patient of the `audit_log` row in scope: from its values, else by its table.
fn subject_patient_sql() -> String {
    let arms: String = SUBJECT_PATIENT
        .iter()
        .map(|(table, from, id, patient)| {
            format!(
                " WHEN '{table}' THEN (SELECT {patient} FROM {from} WHERE {id} = audit_log.record_id)"
            )
        })
        .collect();
    format!(
        "COALESCE(audit_values_patient(audit_log.old_values, audit_log.new_values),
            CASE audit_log.table_name{arms} END)"
    )
}

/// `log_id IN (…)`: the rows about patient `$`, each arm an index probe (the values' patient
/// by `audit_log_values_patient_idx`, the rest by `audit_log_table_record_idx`).
fn patient_rows_sql() -> String {
    let by_table: Vec<String> = SUBJECT_PATIENT
        .iter()
        .map(|(table, from, id, patient)| {
            format!(
                "SELECT '{table}'::text AS t, {id}::bigint AS id FROM {from} WHERE {patient} = $"
            )
        })
        .collect();
    format!(
        "log_id IN (
            SELECT v.log_id FROM audit_log v WHERE audit_values_patient(v.old_values, v.new_values) = $
            UNION
            SELECT r.log_id FROM audit_log r
            JOIN ({}) k ON r.table_name = k.t AND r.record_id = k.id)",
        by_table.join(" UNION ALL ")
    )
}

/// The SQL of `GET /audit-log` for `filter`, and its parameters.
#[must_use]
pub fn list_sql(filter: &AuditFilter) -> (ListSql, Vec<Value>) {
    let conditions = Conditions::default()
        .when(filter.table_name.clone(), "table_name = $")
        .when(filter.record_id, "record_id = $")
        .when(filter.changed_by, "changed_by = $")
        .when(
            filter.changed_by_name.as_deref().map(contains_pattern),
            "changed_by IN (SELECT u.user_id FROM users u WHERE lower(u.username) LIKE $)",
        )
        .when(filter.patient_id, &patient_rows_sql())
        .when(filter.from, "changed_at >= $")
        .when(filter.to, "changed_at < $")
        .when(filter.action.map(|a| a.as_str().to_owned()), "action = $")
        .when(filter.log_id, "log_id = $");
    let condition = conditions.sql();
    let subject = subject_patient_sql();
    let sql = ListSql {
        page: format!(
            // The patient is derived per shown row only: PostgreSQL evaluates these
            // subqueries after the ORDER BY … LIMIT has picked the page.
            "SELECT log_id, table_name, record_id, action, changed_by, changed_at,
                old_values, new_values,
                (SELECT u.username FROM users u WHERE u.user_id = audit_log.changed_by)
                    AS changed_by_username,
                {subject} AS subject_patient_id,
                (SELECT p.first_name || ' ' || p.last_name FROM patients p
                 WHERE p.patient_id = {subject}) AS subject_patient_name
             FROM audit_log {condition} ORDER BY log_id DESC"
        ),
        total: format!("SELECT count(*) AS total FROM audit_log {condition}"),
    };
    (sql, conditions.into_params())
}

#[async_trait]
impl AuditLog for PgAuditLog {
    async fn list(&self, filter: &AuditFilter, page: PageRequest) -> StoreResult<Page<AuditEntry>> {
        let (sql, params) = list_sql(filter);
        let (rows, total) =
            page_rows::<Row, _>(&self.db, &sql.page, &sql.total, params, page).await?;
        let items = rows
            .into_iter()
            .map(|r| {
                Ok(AuditEntry {
                    action: r.action.parse().map_err(|_| {
                        StoreError::Unexpected(format!("unknown audit action {:?}", r.action))
                    })?,
                    log_id: r.log_id,
                    table_name: r.table_name,
                    record_id: r.record_id,
                    changed_by: r.changed_by,
                    changed_by_username: r.changed_by_username,
                    changed_at: r.changed_at,
                    old_values: r.old_values,
                    new_values: r.new_values,
                    subject_patient_id: r.subject_patient_id,
                    subject_patient_name: r.subject_patient_name,
                })
            })
            .collect::<StoreResult<_>>()?;
        Ok(Page::new(items, page, total))
    }
}
