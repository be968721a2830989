//! Reading the audit log.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use clinic_domain::audit::{AuditEntry, AuditFilter, AuditLog};
use clinic_domain::{Page, PageRequest, StoreError, StoreResult};
use sea_orm::{DatabaseConnection, FromQueryResult, Value};

use super::ListSql;
use super::support::page_rows;

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
    changed_at: DateTime<Utc>,
    old_values: Option<serde_json::Value>,
    new_values: Option<serde_json::Value>,
}

const CONDITION: &str = "WHERE ($1::text IS NULL OR table_name = $1)
    AND ($2::bigint IS NULL OR record_id = $2)
    AND ($3::integer IS NULL OR changed_by = $3)
    AND ($4::timestamptz IS NULL OR changed_at >= $4)
    AND ($5::timestamptz IS NULL OR changed_at < $5)
    AND ($6::text IS NULL OR action = $6)";

/// The SQL of `GET /audit-log`; parameters: table, record, user, from, to, action (each may be
/// NULL).
#[must_use]
pub fn list_sql() -> ListSql {
    ListSql {
        page: format!(
            "SELECT log_id, table_name, record_id, action, changed_by, changed_at,
                old_values, new_values
             FROM audit_log {CONDITION} ORDER BY log_id DESC"
        ),
        total: format!("SELECT count(*) AS total FROM audit_log {CONDITION}"),
    }
}

#[async_trait]
impl AuditLog for PgAuditLog {
    async fn list(&self, filter: &AuditFilter, page: PageRequest) -> StoreResult<Page<AuditEntry>> {
        let params: [Value; 6] = [
            filter.table_name.clone().into(),
            filter.record_id.into(),
            filter.changed_by.into(),
            filter.from.into(),
            filter.to.into(),
            filter.action.map(|a| a.as_str().to_owned()).into(),
        ];
        let sql = list_sql();
        let (rows, total) =
            page_rows::<Row, _>(&self.db, &sql.page, &sql.total, params.to_vec(), page).await?;
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
                    changed_at: r.changed_at,
                    old_values: r.old_values,
                    new_values: r.new_values,
                })
            })
            .collect::<StoreResult<_>>()?;
        Ok(Page::new(items, page, total))
    }
}
