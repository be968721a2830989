//! Reading and locking rows: one row by id, a page of a list with its total, a row locked for
//! a change, and the JSON snapshots the audit log stores.

use clinic_domain::{Page, PageRequest, StoreError, StoreResult};
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, FromQueryResult, Statement, Value};

use super::support::{count, limit_offset, store_error};

/// The JSON value in column `column` of the row `sql` returns for `$1 = id`, if any.
async fn json_value<C: ConnectionTrait>(
    conn: &C,
    sql: &str,
    id: i32,
    column: &str,
) -> StoreResult<Option<serde_json::Value>> {
    conn.query_one_raw(Statement::from_sql_and_values(
        DbBackend::Postgres,
        sql,
        [id.into()],
    ))
    .await
    .map_err(store_error)?
    .map(|row| row.try_get("", column).map_err(store_error))
    .transpose()
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
    let sql = format!(
        "SELECT to_jsonb(t) AS row FROM {table} t WHERE {key_column} = $1 FOR NO KEY UPDATE"
    );
    json_value(conn, &sql, id, "row")
        .await?
        .ok_or_else(|| StoreError::not_found(entity))
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
    json_value(conn, &sql, id, "rows")
        .await?
        .ok_or_else(|| StoreError::Unexpected(format!("no snapshot of {table}")))
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

/// The row `sql` (with `$1` standing for `id`) finds, as `R`.
///
/// # Errors
/// `NotFound { entity }` when there is none.
pub(crate) async fn find_one<R: FromQueryResult, C: ConnectionTrait>(
    conn: &C,
    sql: String,
    id: i32,
    entity: &'static str,
) -> StoreResult<R> {
    R::find_by_statement(Statement::from_sql_and_values(
        DbBackend::Postgres,
        sql,
        [id.into()],
    ))
    .one(conn)
    .await
    .map_err(store_error)?
    .ok_or_else(|| StoreError::not_found(entity))
}

/// A paged list: `view` selects the rows, `count_from` is the `FROM` clause the total is
/// counted over, `condition` a `WHERE` clause over the list's parameters, `order_by` a stable
/// order.
pub(crate) struct ListQuery<'a> {
    pub view: &'a str,
    pub count_from: &'a str,
    pub condition: &'a str,
    pub order_by: &'a str,
}

/// One page of `query` with `params` bound to `$1..$n`, each row converted by `convert`, and
/// the total count of matching rows.
pub(crate) async fn fetch_page<R: FromQueryResult, T>(
    db: &DatabaseConnection,
    query: ListQuery<'_>,
    params: Vec<Value>,
    page: PageRequest,
    convert: impl FnMut(R) -> StoreResult<T>,
) -> StoreResult<Page<T>> {
    let ListQuery {
        view,
        count_from,
        condition,
        order_by,
    } = query;
    let (limit, offset) = limit_offset(page);
    let n = params.len();
    let mut values = params.clone();
    values.extend([limit, offset]);
    let rows = R::find_by_statement(Statement::from_sql_and_values(
        DbBackend::Postgres,
        format!(
            "{view} {condition} ORDER BY {order_by} LIMIT ${} OFFSET ${}",
            n + 1,
            n + 2
        ),
        values,
    ))
    .all(db)
    .await
    .map_err(store_error)?;
    let total = count(
        db,
        Statement::from_sql_and_values(
            DbBackend::Postgres,
            format!("SELECT count(*) AS total FROM {count_from} {condition}"),
            params,
        ),
    )
    .await
    .map_err(store_error)?;
    let items = rows.into_iter().map(convert).collect::<StoreResult<_>>()?;
    Ok(Page::new(items, page, total))
}
