//! What the audit log stores: JSON snapshots of rows straight from PostgreSQL (`to_jsonb`), and
//! the drafts of a change (a row before and after, or a parent's child rows before and after).
//! Every column is included; secrets are removed when the draft is made.

use clinic_domain::access::Actor;
use clinic_domain::audit::{AuditAction, AuditEntryDraft};
use clinic_domain::{StoreError, StoreResult};
use sea_orm::{ConnectionTrait, DbBackend, DbErr, FromQueryResult, Statement, Value};

use super::store_error;

/// `table`'s row whose `key_column` is `id` as JSON, read with `lock` (a locking clause or
/// nothing) after the `WHERE`.
pub(super) async fn row_json<C: ConnectionTrait>(
    conn: &C,
    (table, key_column): (&str, &str),
    id: Value,
    lock: &str,
) -> Result<Option<serde_json::Value>, DbErr> {
    let lock = if lock.is_empty() {
        String::new()
    } else {
        format!(" {lock}")
    };
    let sql = format!("SELECT to_jsonb(t) AS row FROM {table} t WHERE {key_column} = $1{lock}");
    conn.query_one_raw(Statement::from_sql_and_values(
        DbBackend::Postgres,
        &sql,
        [id],
    ))
    .await?
    .map(|r| r.try_get::<serde_json::Value>("", "row"))
    .transpose()
}

/// The whole row as JSON, for the audit log's old and new values; `None` when there is none.
pub(crate) async fn snapshot<C: ConnectionTrait>(
    conn: &C,
    table: &str,
    key_column: &str,
    id: i64,
) -> Result<Option<serde_json::Value>, DbErr> {
    row_json(conn, (table, key_column), id.into(), "").await
}

/// Every row of `table` whose `key_column` is `id`, as one JSON array ordered by `order_by`:
/// the audit snapshot of a child list (an office's services, a doctor's hours).
pub(crate) async fn snapshot_rows<C: ConnectionTrait>(
    conn: &C,
    (table, key_column): (&str, &str),
    id: i32,
    order_by: &str,
) -> StoreResult<serde_json::Value> {
    let sql = format!(
        "SELECT coalesce(jsonb_agg(to_jsonb(t) ORDER BY {order_by}), '[]'::jsonb) AS rows
         FROM {table} t WHERE {key_column} = $1"
    );
    conn.query_one_raw(Statement::from_sql_and_values(
        DbBackend::Postgres,
        &sql,
        [id.into()],
    ))
    .await
    .map_err(store_error)?
    .ok_or_else(|| StoreError::Unexpected(format!("no snapshot of {table}")))?
    .try_get("", "rows")
    .map_err(store_error)
}

/// An audit draft for a change of `table`'s row `id`.
pub(crate) fn draft(
    table: &str,
    id: i64,
    action: AuditAction,
    actor: Option<i32>,
    old: Option<serde_json::Value>,
    new: Option<serde_json::Value>,
) -> AuditEntryDraft {
    AuditEntryDraft::new(table, id, action, actor, old, new)
}

/// The audit draft of a change to `table`'s row `id` by `actor`, reading the row as it is now
/// for the new values.
pub(crate) async fn audited<C: ConnectionTrait>(
    conn: &C,
    (table, key_column): (&str, &str),
    id: i32,
    action: AuditAction,
    actor: &Actor,
    before: Option<serde_json::Value>,
) -> StoreResult<AuditEntryDraft> {
    let after = snapshot(conn, table, key_column, id.into())
        .await
        .map_err(store_error)?;
    Ok(draft(
        table,
        id.into(),
        action,
        Some(actor.user_id),
        before,
        after,
    ))
}

/// Runs `statement`, an UPDATE of the row of `table` whose `key_column` is `id`, and returns
/// the audit row of the change with the row as it was before and after.
pub(crate) async fn update_audited<C: ConnectionTrait>(
    conn: &C,
    actor: Option<i32>,
    (table, key_column, id): (&str, &str, i64),
    statement: Statement,
) -> StoreResult<AuditEntryDraft> {
    let before = snapshot(conn, table, key_column, id)
        .await
        .map_err(store_error)?;
    conn.execute_raw(statement).await.map_err(store_error)?;
    let after = snapshot(conn, table, key_column, id)
        .await
        .map_err(store_error)?;
    Ok(draft(table, id, AuditAction::Update, actor, before, after))
}

/// A row's id and its JSON snapshot, as `RETURNING <key> AS id, to_jsonb(t) AS row` gives
/// them (after an `INSERT` or a `DELETE`).
#[derive(Debug, FromQueryResult)]
pub(crate) struct ReturnedRow {
    pub id: i32,
    pub row: serde_json::Value,
}

/// Runs `statement`, an `INSERT INTO <table> AS t ... RETURNING <key> AS id, to_jsonb(t) AS
/// row`, and returns the new row's id and the audit row of its creation.
pub(crate) async fn insert_audited<C: ConnectionTrait>(
    conn: &C,
    actor: Option<i32>,
    table: &str,
    statement: Statement,
) -> StoreResult<(i32, AuditEntryDraft)> {
    let inserted = ReturnedRow::find_by_statement(statement)
        .one(conn)
        .await
        .map_err(store_error)?
        .ok_or_else(|| StoreError::Unexpected(format!("INSERT INTO {table} returned no row")))?;
    let audit = draft(
        table,
        inserted.id.into(),
        AuditAction::Insert,
        actor,
        None,
        Some(inserted.row),
    );
    Ok((inserted.id, audit))
}

/// The audit draft of replacing the rows of child table `table` that belong to parent `id`,
/// given the parent's rows before and after as [`snapshot_rows`] reads them: `None` when
/// nothing changed, an insert when there were none, a delete when none are left, else an
/// update. The audit row's `record_id` is the parent's id.
pub(crate) fn list_change(
    table: &str,
    id: i32,
    actor: &Actor,
    before: serde_json::Value,
    after: serde_json::Value,
) -> Option<AuditEntryDraft> {
    let empty = |rows: &serde_json::Value| rows.as_array().is_none_or(Vec::is_empty);
    let action = match (empty(&before), empty(&after)) {
        _ if before == after => return None,
        (true, _) => AuditAction::Insert,
        (_, true) => AuditAction::Delete,
        _ => AuditAction::Update,
    };
    Some(draft(
        table,
        id.into(),
        action,
        Some(actor.user_id),
        Some(before),
        Some(after),
    ))
}
