//! Lists, a page at a time: the one pager every repository uses, and counts.

use clinic_domain::{PageRequest, StoreResult};
use sea_orm::{ConnectionTrait, DbBackend, DbErr, FromQueryResult, Statement, Value};

use super::store_error;

/// The rows of one page and the total of the whole list. `select` is the query up to and with
/// its stable `ORDER BY` (`LIMIT` and `OFFSET` are appended as the next two parameters),
/// `total` a `SELECT count(*) AS total ...` with the same condition; both take `params`.
/// Callers build the domain's `Page::new(rows, page, total)` after converting the rows.
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
