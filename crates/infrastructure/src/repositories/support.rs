//! Small helpers every repository uses.

use clinic_domain::access::Actor;
use clinic_domain::audit::{AuditAction, AuditEntryDraft};
use clinic_domain::values::{Address, Money, PhoneNumber};
use clinic_domain::{Page, PageRequest, StoreError, StoreResult};
use rust_decimal::Decimal;
use sea_orm::{
    ConnectionTrait, DatabaseConnection, DatabaseTransaction, DbBackend, DbErr, FromQueryResult,
    Statement, TransactionTrait, Value,
};

pub(crate) use crate::errors::store_error;

/// The whole row as JSON, straight from PostgreSQL (`to_jsonb`), for the audit log's old and
/// new values. Every column is included; secrets are removed when the draft is made.
pub(crate) async fn snapshot<C: ConnectionTrait>(
    conn: &C,
    table: &str,
    key_column: &str,
    id: i64,
) -> Result<Option<serde_json::Value>, DbErr> {
    let sql = format!("SELECT to_jsonb(t) AS row FROM {table} t WHERE {key_column} = $1");
    let row = conn
        .query_one_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            &sql,
            [id.into()],
        ))
        .await?;
    row.map(|r| r.try_get::<serde_json::Value>("", "row"))
        .transpose()
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

/// Begins a transaction, mapping failure to a store error.
pub(crate) async fn begin(db: &DatabaseConnection) -> Result<DatabaseTransaction, StoreError> {
    db.begin().await.map_err(store_error)
}

/// Appends the audit rows and commits: the change and its audit trail land together or not at
/// all.
pub(crate) async fn commit_audited(
    txn: DatabaseTransaction,
    drafts: Vec<AuditEntryDraft>,
) -> Result<(), StoreError> {
    crate::audit::append(&txn, drafts)
        .await
        .map_err(store_error)?;
    txn.commit().await.map_err(store_error)
}

/// `LIMIT` and `OFFSET` values of a page request.
pub(crate) fn limit_offset(page: PageRequest) -> (Value, Value) {
    let limit = i64::try_from(page.limit()).unwrap_or(i64::MAX);
    let offset = i64::try_from(page.offset()).unwrap_or(i64::MAX);
    (limit.into(), offset.into())
}

/// A `LIKE` pattern matching `text` anywhere, lower-cased, with wildcards in it escaped.
pub(crate) fn contains_pattern(text: &str) -> String {
    let escaped = text
        .to_lowercase()
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    format!("%{escaped}%")
}

/// Runs a `SELECT count(*) AS total ...` statement.
pub(crate) async fn count<C: ConnectionTrait>(conn: &C, stmt: Statement) -> Result<u64, DbErr> {
    let row = conn.query_one_raw(stmt).await?;
    let total: i64 = match row {
        Some(row) => row.try_get("", "total")?,
        None => 0,
    };
    Ok(u64::try_from(total).unwrap_or(0))
}

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
    let sql =
        format!("SELECT to_jsonb(t) AS row FROM {table} t WHERE {key_column} = $1 FOR UPDATE");
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

/// An amount read from a money column; the schema keeps it `numeric(12,2)` and non-negative.
pub(crate) fn stored_money(amount: Decimal, column: &str) -> StoreResult<Money> {
    Money::new(amount).map_err(|e| StoreError::Unexpected(format!("{column} holds {amount}: {e}")))
}

/// The three phone columns of an optional phone number, in the order country code, number,
/// extension.
pub(crate) fn phone_values(phone: Option<&PhoneNumber>) -> [Value; 3] {
    [
        phone
            .and_then(|p| p.country_code().map(str::to_owned))
            .into(),
        phone.map(|p| p.number().to_owned()).into(),
        phone.and_then(|p| p.extension().map(str::to_owned)).into(),
    ]
}

/// The six address columns of an optional address, in the order line 1, line 2, city, state,
/// postal code, country.
pub(crate) fn address_values(address: Option<&Address>) -> [Value; 6] {
    let text = |part: fn(&Address) -> Option<&str>| address.and_then(part).map(str::to_owned);
    [
        text(|a| Some(a.line1())).into(),
        text(Address::line2).into(),
        text(|a| Some(a.city())).into(),
        text(Address::state).into(),
        text(Address::postal_code).into(),
        text(|a| Some(a.country().as_str())).into(),
    ]
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
