//! Reading and locking rows: one row by its statement, a row locked for a change, an existence
//! check, and an insert that returns the new row's id.

use clinic_domain::{StoreError, StoreResult};
use sea_orm::{ConnectionTrait, DbBackend, FromQueryResult, Statement, Value};

use super::audit::row_json;
use super::store_error;

/// The row `stmt` finds (e.g. one by primary key, perhaps locking it), as `R`.
///
/// # Errors
/// `NotFound { entity }` when there is none.
pub(crate) async fn find_one<R: FromQueryResult, C: ConnectionTrait>(
    conn: &C,
    stmt: Statement,
    entity: &'static str,
) -> StoreResult<R> {
    R::find_by_statement(stmt)
        .one(conn)
        .await
        .map_err(store_error)?
        .ok_or_else(|| StoreError::not_found(entity))
}

/// Locks `table`'s row `id` until the transaction ends and returns its snapshot (the audit's
/// old values).
///
/// # Errors
/// `NotFound { entity }` when there is no such row.
pub(crate) async fn lock_row<C: ConnectionTrait>(
    conn: &C,
    (table, key_column): (&str, &str),
    id: i32,
    entity: &'static str,
) -> StoreResult<serde_json::Value> {
    row_json(conn, (table, key_column), id.into(), "FOR NO KEY UPDATE")
        .await
        .map_err(store_error)?
        .ok_or_else(|| StoreError::not_found(entity))
}

/// Locks a patient's row until the transaction ends, so that changes to one patient (their
/// care team, contacts, registration) run one at a time, and returns the patient's `user_id`.
///
/// # Errors
/// `NotFound { entity: "patient" }` when there is no such patient.
pub(crate) async fn lock_patient<C: ConnectionTrait>(
    conn: &C,
    patient_id: i32,
) -> Result<i32, StoreError> {
    let row = conn
        .query_one_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "SELECT user_id FROM patients WHERE patient_id = $1 FOR NO KEY UPDATE",
            [patient_id.into()],
        ))
        .await
        .map_err(store_error)?
        .ok_or_else(|| StoreError::not_found("patient"))?;
    row.try_get("", "user_id").map_err(store_error)
}

/// Fails unless `table` has a row `id`.
///
/// # Errors
/// `NotFound { entity }` when there is no such row.
pub(crate) async fn ensure_exists<C: ConnectionTrait>(
    conn: &C,
    (table, key_column): (&str, &str),
    id: i32,
    entity: &'static str,
) -> StoreResult<()> {
    let sql = format!("SELECT 1 AS found FROM {table} WHERE {key_column} = $1");
    conn.query_one_raw(Statement::from_sql_and_values(
        DbBackend::Postgres,
        &sql,
        [id.into()],
    ))
    .await
    .map_err(store_error)?
    .map(|_| ())
    .ok_or_else(|| StoreError::not_found(entity))
}

/// Runs an `INSERT … RETURNING {column}` and returns the new row's id.
pub(crate) async fn insert_returning_id<C: ConnectionTrait>(
    conn: &C,
    sql: &str,
    values: Vec<Value>,
    column: &str,
) -> StoreResult<i32> {
    conn.query_one_raw(Statement::from_sql_and_values(
        DbBackend::Postgres,
        sql,
        values,
    ))
    .await
    .map_err(store_error)?
    .ok_or_else(|| StoreError::Unexpected(format!("INSERT returned no {column}")))?
    .try_get("", column)
    .map_err(store_error)
}
