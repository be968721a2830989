//! The one helper vocabulary of the repositories, one name per job, split by job:
//!
//! - [`rows`]: one row by its statement ([`find_one`]), a row locked for a change
//!   ([`lock_row`], [`lock_patient`]), an existence check, an insert that returns its id;
//! - [`paging`]: one page of a list and its total ([`page_rows`]), and counts;
//! - [`audit`]: the JSON snapshots the audit log stores and the drafts of a change
//!   ([`snapshot`], [`audited`], [`update_audited`], [`insert_audited`], [`list_change`]);
//! - [`tx`]: beginning a transaction and committing it with its audit rows and notifications;
//! - [`sql`]: building statements: optional filters ([`Conditions`]), `LIKE` patterns, partial
//!   updates;
//! - [`columns`]: domain values to and from the columns that store them.
//!
//! Search here before writing a helper in a repository; extend the one that exists.

mod audit;
mod columns;
mod paging;
mod rows;
mod sql;
mod tx;

pub(crate) use crate::errors::store_error;
pub(crate) use audit::{
    ReturnedRow, audited, draft, insert_audited, list_change, snapshot, snapshot_rows,
    update_audited,
};
pub(crate) use columns::{address_values, phone_values, stored_money};
pub(crate) use paging::{capped_count_sql, count, page_rows};
pub(crate) use rows::{ensure_exists, find_one, insert_returning_id, lock_patient, lock_row};
pub(crate) use sql::{Conditions, contains_pattern, keep_or_set, starts_with_pattern};
pub(crate) use tx::{begin, commit_audited, commit_with_notifications};
