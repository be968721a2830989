//! Reading the audit log.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use clinic_domain::audit::{AuditEntry, AuditFilter, AuditLog};
use clinic_domain::{Page, PageRequest, StoreError, StoreResult};
use sea_orm::{DatabaseConnection, FromQueryResult, Value};

use super::ListSql;
use super::support::{Conditions, page_rows};

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
}

/// The SQL of `GET /audit-log` for `filter`, and its parameters.
#[must_use]
pub fn list_sql(filter: &AuditFilter) -> (ListSql, Vec<Value>) {
    let conditions = Conditions::default()
        .when(filter.table_name.clone(), "table_name = $")
        .when(filter.record_id, "record_id = $")
        .when(filter.changed_by, "changed_by = $")
        .when(filter.from, "changed_at >= $")
        .when(filter.to, "changed_at < $")
        .when(filter.action.map(|a| a.as_str().to_owned()), "action = $");
    let condition = conditions.sql();
    let sql = ListSql {
        page: format!(
            "SELECT log_id, table_name, record_id, action, changed_by, changed_at,
                old_values, new_values,
                (SELECT u.username FROM users u WHERE u.user_id = audit_log.changed_by)
                    AS changed_by_username
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
                })
            })
            .collect::<StoreResult<_>>()?;
        Ok(Page::new(items, page, total))
    }
}
