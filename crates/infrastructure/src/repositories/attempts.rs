//! Throttle counts in PostgreSQL, shared by every API instance: one row per (kind, subject,
//! window), bumped by a single atomic upsert, so concurrent attempts on any instance each see
//! a distinct count.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use clinic_domain::StoreResult;
use clinic_domain::identity::throttle::{AttemptStore, ThrottleKey, Window};
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, Statement};

use super::support::store_error;

/// At most this many expired rows are swept per new window row, so sweeping never costs much
/// and the table stays about as large as the number of keys active in two windows.
const SWEEP_BATCH: i64 = 100;

/// Attempt counts in PostgreSQL.
#[derive(Clone)]
pub struct PgAttemptStore {
    db: DatabaseConnection,
}

impl PgAttemptStore {
    /// A store over `db`.
    #[must_use]
    pub fn new(db: DatabaseConnection) -> Self {
        Self { db }
    }

    async fn sweep(&self, before: DateTime<Utc>) -> StoreResult<()> {
        self.db
            .execute_raw(Statement::from_sql_and_values(
                DbBackend::Postgres,
                "DELETE FROM auth_attempts WHERE ctid IN (
                    SELECT ctid FROM auth_attempts WHERE expires_at < $1 LIMIT $2)",
                [before.into(), SWEEP_BATCH.into()],
            ))
            .await
            .map(|_| ())
            .map_err(store_error)
    }
}

fn count_of(value: i32) -> u32 {
    u32::try_from(value).unwrap_or(0)
}

#[async_trait]
impl AttemptStore for PgAttemptStore {
    async fn count_attempt(&self, key: &ThrottleKey, window: Window) -> StoreResult<u32> {
        let row = self
            .db
            .query_one_raw(Statement::from_sql_and_values(
                DbBackend::Postgres,
                "INSERT INTO auth_attempts AS a (kind, subject, window_start, expires_at, attempts)
                 VALUES ($1, $2, $3, $4, 1)
                 ON CONFLICT (kind, subject, window_start)
                 DO UPDATE SET attempts = a.attempts + 1
                 RETURNING attempts",
                [
                    key.kind.as_str().into(),
                    key.subject.clone().into(),
                    window.start.into(),
                    window.end.into(),
                ],
            ))
            .await
            .map_err(store_error)?
            .ok_or_else(|| {
                clinic_domain::StoreError::Unexpected("upsert returned no row".into())
            })?;
        let attempts: i32 = row.try_get("", "attempts").map_err(store_error)?;
        if attempts == 1 {
            // A new row: the moment to clear out rows whose window has passed.
            self.sweep(window.start).await?;
        }
        Ok(count_of(attempts))
    }

    async fn discount_attempt(&self, key: &ThrottleKey, window: Window) -> StoreResult<()> {
        self.db
            .execute_raw(Statement::from_sql_and_values(
                DbBackend::Postgres,
                "UPDATE auth_attempts SET attempts = attempts - 1
                 WHERE kind = $1 AND subject = $2 AND window_start = $3 AND attempts > 0",
                [
                    key.kind.as_str().into(),
                    key.subject.clone().into(),
                    window.start.into(),
                ],
            ))
            .await
            .map(|_| ())
            .map_err(store_error)
    }

    async fn last_success(
        &self,
        user_id: i32,
        address: &str,
    ) -> StoreResult<Option<DateTime<Utc>>> {
        let row = self
            .db
            .query_one_raw(Statement::from_sql_and_values(
                DbBackend::Postgres,
                "SELECT last_success_at FROM auth_known_addresses
                 WHERE user_id = $1 AND address = $2",
                [user_id.into(), address.into()],
            ))
            .await
            .map_err(store_error)?;
        row.map(|r| r.try_get("", "last_success_at").map_err(store_error))
            .transpose()
    }

    async fn record_success(
        &self,
        user_id: i32,
        address: &str,
        at: DateTime<Utc>,
    ) -> StoreResult<()> {
        self.db
            .execute_raw(Statement::from_sql_and_values(
                DbBackend::Postgres,
                "INSERT INTO auth_known_addresses (user_id, address, last_success_at)
                 VALUES ($1, $2, $3)
                 ON CONFLICT (user_id, address) DO UPDATE
                 SET last_success_at = GREATEST(auth_known_addresses.last_success_at, $3)",
                [user_id.into(), address.into(), at.into()],
            ))
            .await
            .map(|_| ())
            .map_err(store_error)
    }
}
