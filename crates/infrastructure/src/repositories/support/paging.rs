//! Lists, a page at a time: the one pager every repository uses, and counts.
//!
//! Totals are capped: the count reads at most [`COUNT_LIMIT`] + 1 matching rows, so an
//! unfiltered list of a table of millions costs a bounded amount of work per page, and a total
//! of `COUNT_LIMIT + 1` tells the client "more than `COUNT_LIMIT`".

use clinic_domain::{COUNT_LIMIT, PageRequest, StoreError, StoreResult};
use sea_orm::{ConnectionTrait, DbBackend, DbErr, FromQueryResult, Statement, Value};

use super::store_error;

/// The rows of one page and the total of the whole list. `select` is the query up to and with
/// its stable `ORDER BY` (`LIMIT` and `OFFSET` are appended as the next two parameters),
/// `total` a `SELECT count(*) AS total FROM ...` with the same condition (counted up to
/// [`COUNT_LIMIT`] + 1 by [`capped_count_sql`]); both take `params`.
/// Callers build the domain's `Page::new(rows, page, total)` after converting the rows.
///
/// A page that is not full ends the list, so its total is known without counting: most lists
/// (a doctor's week, a patient's bills or records) fit on their first page, and skip the
/// second round trip.
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
    if let Some(total) = page.total_if_last(rows.len()) {
        return Ok((rows, total));
    }
    let total = count(
        conn,
        Statement::from_sql_and_values(DbBackend::Postgres, capped_count_sql(total)?, params),
    )
    .await
    .map_err(store_error)?;
    Ok((rows, total))
}

/// `SELECT count(*) AS total FROM <rest>` rewritten to count at most [`COUNT_LIMIT`] + 1 rows:
/// `SELECT count(*) AS total FROM (SELECT 1 FROM <rest> LIMIT n) capped`. Public within the
/// crate's tests through [`ListSql::capped_total`](crate::repositories::ListSql::capped_total).
///
/// # Errors
/// `Unexpected` when `total` is not of that form (a programming error, loudly).
pub(crate) fn capped_count_sql(total: &str) -> StoreResult<String> {
    const PREFIX: &str = "SELECT count(*) AS total FROM ";
    let rest = total.trim_start().strip_prefix(PREFIX).ok_or_else(|| {
        StoreError::Unexpected(format!("a list total must start with {PREFIX:?}: {total}"))
    })?;
    Ok(format!(
        "SELECT count(*) AS total FROM (SELECT 1 FROM {rest} LIMIT {}) capped",
        COUNT_LIMIT + 1
    ))
}

/// `LIMIT` and `OFFSET` values of a page request.
fn limit_offset(page: PageRequest) -> (Value, Value) {
    let limit = i64::try_from(page.limit()).unwrap_or(i64::MAX);
    let offset = i64::try_from(page.offset()).unwrap_or(i64::MAX);
    (limit.into(), offset.into())
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
