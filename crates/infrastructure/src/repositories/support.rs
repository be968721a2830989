//! Small helpers every repository uses.

use clinic_domain::audit::{AuditAction, AuditEntryDraft};
use clinic_domain::{Page, PageRequest, StoreError, StoreResult};
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

/// Writes the notifications and the audit rows, then commits: an event, its audit trail and
/// the notifications about it land together or not at all.
pub(crate) async fn commit_with_notifications(
    txn: DatabaseTransaction,
    drafts: Vec<AuditEntryDraft>,
    notifications: &[clinic_domain::notification::NotificationDraft],
) -> Result<(), StoreError> {
    super::notifications::insert(&txn, notifications)
        .await
        .map_err(store_error)?;
    commit_audited(txn, drafts).await
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

/// Locks a patient's row until the transaction ends, so that changes to one patient (their
/// care team, contacts, registration) run one at a time, and returns the patient's `user_id`.
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

/// Loads the one row `sql` selects, or `NotFound { entity }`.
pub(crate) async fn find_one<R: FromQueryResult, C: ConnectionTrait>(
    conn: &C,
    sql: &str,
    values: Vec<Value>,
    entity: &'static str,
) -> StoreResult<R> {
    one_or_not_found(
        conn,
        Statement::from_sql_and_values(DbBackend::Postgres, sql, values),
        entity,
    )
    .await
}

/// One page of the rows `select` returns (in its stable `ORDER BY`), and how many rows match
/// in all by `count_sql` (a `SELECT count(*) AS total ...`). Both take `params`; `LIMIT` and
/// `OFFSET` are appended to `select` as the next two parameters.
pub(crate) async fn find_page<R: FromQueryResult, C: ConnectionTrait>(
    conn: &C,
    select: &str,
    count_sql: &str,
    params: Vec<Value>,
    page: PageRequest,
) -> StoreResult<Page<R>> {
    let (rows, total) = page_rows(conn, select, count_sql, params, page).await?;
    Ok(Page::new(rows, page, total))
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
/// them.
#[derive(Debug, FromQueryResult)]
pub(crate) struct AuditedRow {
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
    let inserted = AuditedRow::find_by_statement(statement)
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

/// The row `stmt` finds (e.g. one by primary key, perhaps locking it), or
/// `NotFound { entity }`.
pub(crate) async fn one_or_not_found<R: FromQueryResult, C: ConnectionTrait>(
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

/// The rows of one page and the total of the whole list. `select` is the query up to its
/// `ORDER BY` (LIMIT and OFFSET are appended as the next parameters), `total` a
/// `SELECT count(*) AS total ...` with the same condition; both take `params`.
pub(crate) async fn page_rows<R: FromQueryResult, C: ConnectionTrait>(
    conn: &C,
    select: &str,
    total: &str,
    params: Vec<Value>,
    page: PageRequest,
) -> StoreResult<(Vec<R>, u64)> {
    let (limit, offset) = limit_offset(page);
    let n = params.len();
    let mut values = params.clone();
    values.extend([limit, offset]);
    let select = format!("{select} LIMIT ${} OFFSET ${}", n + 1, n + 2);
    let rows = R::find_by_statement(Statement::from_sql_and_values(
        DbBackend::Postgres,
        select,
        values,
    ))
    .all(conn)
    .await
    .map_err(store_error)?;
    let total = count(
        conn,
        Statement::from_sql_and_values(DbBackend::Postgres, total, params),
    )
    .await
    .map_err(store_error)?;
    Ok((rows, total))
}

/// `(keep, value)` for an optional column of a partial update, for SQL such as
/// `col = CASE WHEN $keep THEN col ELSE $value END`: `None` keeps it, `Some(v)` sets it to `v`
/// (`Some(None)` clears it).
pub(crate) fn keep_or_set(change: Option<Option<String>>) -> (bool, Option<String>) {
    match change {
        None => (true, None),
        Some(value) => (false, value),
    }
}

/// A `WHERE` clause made of only the filters that are set, numbering parameters as they come.
///
/// The alternative, one statement with `($n IS NULL OR col = $n)` for every filter, reads well
/// but plans badly: its generic plan cannot know which filters are set, so PostgreSQL re-plans it
/// on every execution (measured: planning took 40% of the database's CPU on a doctor's week).
/// Here each combination of filters is its own statement, whose cached generic plan uses the
/// right index.
#[derive(Default)]
pub(crate) struct Conditions {
    predicates: Vec<String>,
    params: Vec<Value>,
}

impl Conditions {
    /// Adds `predicate`, in which every `$` stands for `value`'s parameter, when `value` is set.
    pub(crate) fn when<V: Into<Value>>(mut self, value: Option<V>, predicate: &str) -> Self {
        if let Some(value) = value {
            self.params.push(value.into());
            let placeholder = format!("${}", self.params.len());
            self.predicates.push(predicate.replace('$', &placeholder));
        }
        self
    }

    /// Adds a parameter and returns its placeholder, for predicates with several parameters.
    pub(crate) fn param<V: Into<Value>>(&mut self, value: V) -> String {
        self.params.push(value.into());
        format!("${}", self.params.len())
    }

    /// Adds a predicate whose placeholders came from [`Conditions::param`].
    pub(crate) fn predicate(&mut self, sql: String) {
        self.predicates.push(sql);
    }

    /// `WHERE a AND b …`, or nothing when no filter is set.
    pub(crate) fn sql(&self) -> String {
        if self.predicates.is_empty() {
            String::new()
        } else {
            format!("WHERE {}", self.predicates.join(" AND "))
        }
    }

    /// The parameters, in placeholder order.
    pub(crate) fn into_params(self) -> Vec<Value> {
        self.params
    }
}

#[cfg(test)]
mod conditions_tests {
    use super::Conditions;

    #[test]
    fn only_set_filters_become_predicates_numbered_in_order() {
        let conditions = Conditions::default()
            .when(None::<i32>, "a.doctor_id = $")
            .when(Some(7), "a.patient_id = $")
            .when(Some("x".to_owned()), "a.status = $ AND a.note <> $");
        assert_eq!(
            conditions.sql(),
            "WHERE a.patient_id = $1 AND a.status = $2 AND a.note <> $2"
        );
        assert_eq!(conditions.into_params().len(), 2);
        assert_eq!(Conditions::default().sql(), "");
    }
}
