//! What medical records and prescriptions share: the parties lookup behind every access check,
//! and audited reads — the rows a user is shown are returned only once the `read` audit rows
//! that say so have committed (through [`ReadAuditWriter`]'s group commit), so nobody sees
//! clinical content without the audit log knowing.

use clinic_domain::audit::AuditAction;
use clinic_domain::clinical::ClinicalParties;
use clinic_domain::{Page, PageRequest, StoreError, StoreResult};
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, FromQueryResult, Statement, Value};

use super::support::{draft, find_one, page_rows};
use crate::read_audit::ReadAuditWriter;

#[derive(FromQueryResult)]
struct PartiesRow {
    patient_id: i32,
    doctor_id: i32,
}

/// The patient and doctor `sql` (with the id as `$1`) selects, or `NotFound { entity }`.
pub(crate) async fn parties<C: ConnectionTrait>(
    conn: &C,
    sql: &str,
    id: i32,
    entity: &'static str,
) -> StoreResult<ClinicalParties> {
    let stmt = Statement::from_sql_and_values(DbBackend::Postgres, sql, [id.into()]);
    let row: PartiesRow = find_one(conn, stmt, entity).await?;
    Ok(ClinicalParties {
        patient_id: row.patient_id,
        doctor_id: row.doctor_id,
    })
}

/// A row of clinical content and the domain value it becomes.
pub(crate) trait AuditedRow: FromQueryResult {
    /// The domain value.
    type Item;
    /// The primary key recorded in the audit row.
    fn id(&self) -> i64;
    /// Converts the row.
    ///
    /// # Errors
    /// `Unexpected` when a stored value does not decode.
    fn into_item(self) -> StoreResult<Self::Item>;
}

/// Loads the row `select` finds, with a `read` audit row of `table` by `user_id`.
pub(crate) async fn read_one<R: AuditedRow>(
    (db, reads): (&DatabaseConnection, &ReadAuditWriter),
    user_id: i32,
    table: &str,
    entity: &'static str,
    select: Statement,
) -> StoreResult<R::Item> {
    let row: R = find_one(db, select, entity).await?;
    let audit = draft(
        table,
        row.id(),
        AuditAction::Read,
        Some(user_id),
        None,
        None,
    );
    let item = row.into_item()?;
    reads.record(vec![audit]).await?;
    Ok(item)
}

/// Loads one page and the total (see [`page_rows`] for `select`, `total` and `params`), with a
/// `read` audit row of `table` by `user_id` for every row on the page.
pub(crate) async fn read_page<R: AuditedRow>(
    (db, reads): (&DatabaseConnection, &ReadAuditWriter),
    user_id: i32,
    table: &str,
    (select, total): (&str, &str),
    params: Vec<Value>,
    page: PageRequest,
) -> StoreResult<Page<R::Item>> {
    let (rows, total) = page_rows::<R, _>(db, select, total, params, page).await?;
    let audits = rows
        .iter()
        .map(|r| draft(table, r.id(), AuditAction::Read, Some(user_id), None, None))
        .collect();
    let items = rows
        .into_iter()
        .map(AuditedRow::into_item)
        .collect::<StoreResult<_>>()?;
    reads.record(audits).await?;
    Ok(Page::new(items, page, total))
}

/// Decodes a stored JSON document, reporting a corrupt one as unexpected.
pub(crate) fn decode<T: serde::de::DeserializeOwned>(
    what: &str,
    value: serde_json::Value,
) -> StoreResult<T> {
    serde_json::from_value(value)
        .map_err(|e| StoreError::Unexpected(format!("stored {what} do not decode: {e}")))
}
