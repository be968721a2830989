//! The streaming read replica (`CLINIC_READ_DATABASE_URL`): which adapters read from it, and
//! whether it may be read at all right now.
//!
//! Only the data of the routed read paths comes from the replica: the audit-log search (REST
//! and FHIR `AuditEvent`) and the visits of a doctor's calendar feed. Who the caller is, what
//! they may see (sessions, users, access facts, a feed's token) and every write (the `read`
//! audit rows included) stay on the primary, so a revoked grant or feed takes effect at once.
//! When the replica is unreachable, no longer in recovery, or replays more than
//! `CLINIC_READ_MAX_LAG_SECS` behind, the routed paths read from the primary instead.

use std::sync::Arc;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use clinic_domain::access::Actor;
use clinic_domain::audit::{AuditEntry, AuditFilter, AuditLog};
use clinic_domain::calendar_feeds::{
    CalendarFeed, CalendarFeedStore, CreatedFeed, FeedOwner, NewCalendarFeed, VisitFacts,
};
use clinic_domain::{Page, PageRequest, StoreError, StoreResult};
use clinic_infrastructure::db::{self, DatabaseConnection, ReplayStatus};
use clinic_infrastructure::repositories::{PgAuditLog, PgCalendarFeeds};

use crate::error::ApiError;

/// How often the replica's replay is looked at.
pub const PROBE_EVERY: Duration = Duration::from_secs(1);

/// What the last look at the replica found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReplicaState {
    /// Not looked at yet: the routed paths read from the primary until the first probe.
    Unknown,
    /// In recovery and caught up or within the allowed lag: the routed paths read from it.
    Usable,
    /// Replaying further behind than allowed.
    Lagging,
    /// Answers, but is not a standby (promoted, or pointed at the wrong server).
    NotInRecovery,
    /// Does not answer, or a routed read lost its connection.
    Unreachable,
}

impl ReplicaState {
    /// The state as logs print it.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Unknown => "unknown",
            Self::Usable => "usable",
            Self::Lagging => "lagging",
            Self::NotInRecovery => "not_in_recovery",
            Self::Unreachable => "unreachable",
        }
    }
}

/// Whether a standby that reported `status` may serve reads `max_lag` stale at most. An idle,
/// caught-up standby is fresh however old its last replayed transaction is.
#[must_use]
pub fn judge(status: &ReplayStatus, max_lag: Duration) -> ReplicaState {
    if !status.in_recovery {
        return ReplicaState::NotInRecovery;
    }
    let within = status
        .replay_age_secs
        .is_some_and(|age| age <= max_lag.as_secs_f64());
    if status.caught_up || within {
        ReplicaState::Usable
    } else {
        ReplicaState::Lagging
    }
}

/// Whether the replica may be read, as of the last probe or failed read.
#[derive(Debug)]
pub struct ReplicaHealth {
    usable: AtomicBool,
    state: Mutex<ReplicaState>,
    max_lag: Duration,
}

impl ReplicaHealth {
    /// Unknown until probed; reads more than `max_lag` stale are not served.
    #[must_use]
    pub fn new(max_lag: Duration) -> Self {
        Self {
            usable: AtomicBool::new(false),
            state: Mutex::new(ReplicaState::Unknown),
            max_lag,
        }
    }

    /// Whether the routed paths read from the replica now.
    #[must_use]
    pub fn is_usable(&self) -> bool {
        self.usable.load(Ordering::Relaxed)
    }

    /// The last state found.
    #[must_use]
    pub fn state(&self) -> ReplicaState {
        *self
            .state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Records a new state, logging when it changed.
    pub fn set(&self, next: ReplicaState) {
        self.usable
            .store(next == ReplicaState::Usable, Ordering::Relaxed);
        let mut state = self
            .state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if *state != next {
            if next == ReplicaState::Usable {
                tracing::info!(
                    replica = next.as_str(),
                    "the read replica serves the routed reads"
                );
            } else {
                tracing::warn!(
                    replica = next.as_str(),
                    "the read replica is not used: the routed reads go to the primary"
                );
            }
            *state = next;
        }
    }

    /// A routed read lost its connection to the replica: the next requests go to the primary
    /// until a probe finds it back.
    pub fn mark_unreachable(&self) {
        self.set(ReplicaState::Unreachable);
    }
}

/// Looks at the replica every [`PROBE_EVERY`] while the runtime runs.
pub fn spawn_probe(replica: DatabaseConnection, health: Arc<ReplicaHealth>) {
    tokio::spawn(async move {
        let mut every = tokio::time::interval(PROBE_EVERY);
        every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            every.tick().await;
            let looked = tokio::time::timeout(PROBE_EVERY, db::replay_status(&replica)).await;
            let next = match looked {
                Ok(Ok(status)) => judge(&status, health.max_lag),
                Ok(Err(_)) | Err(_) => ReplicaState::Unreachable,
            };
            health.set(next);
        }
    });
}

/// The replica-backed adapters of the routed paths, and whether to use them.
pub struct ReadSide {
    pub health: Arc<ReplicaHealth>,
    /// Audit-log rows, from the replica.
    pub audit_log: Arc<dyn AuditLog>,
    /// Calendar feeds: tokens and writes on the primary, the feed's visits from the replica.
    pub calendar_feeds: Arc<dyn CalendarFeedStore>,
}

impl ReadSide {
    /// The adapters over `replica`, with what must stay on the primary taken from `primary`.
    #[must_use]
    pub fn new(
        primary: &DatabaseConnection,
        replica: &DatabaseConnection,
        health: Arc<ReplicaHealth>,
    ) -> Self {
        Self {
            audit_log: Arc::new(ReplicaAuditLog {
                replica: PgAuditLog::new(replica.clone()),
                health: Arc::clone(&health),
            }),
            calendar_feeds: Arc::new(ReplicaCalendarFeeds {
                primary: PgCalendarFeeds::new(primary.clone()),
                replica: PgCalendarFeeds::new(replica.clone()),
                health: Arc::clone(&health),
            }),
            health,
        }
    }
}

/// Whether a failed routed read should run again on the primary: it ran on the replica, failed
/// because a database was unavailable, and that database was the replica (its adapter marked
/// it unreachable). Nothing was audited then: the routed use cases record their reads after
/// the data is read, and the data read is what failed.
#[must_use]
pub fn retry_on_primary(
    on_replica: bool,
    error: &ApiError,
    health: Option<&ReplicaHealth>,
) -> bool {
    on_replica
        && matches!(error, ApiError::Unavailable { .. })
        && health.is_some_and(|h| !h.is_usable())
}

/// Marks the replica unreachable when a read from it finds no database.
fn watched<T>(result: StoreResult<T>, health: &ReplicaHealth) -> StoreResult<T> {
    if matches!(result, Err(StoreError::Unavailable)) {
        health.mark_unreachable();
    }
    result
}

struct ReplicaAuditLog {
    replica: PgAuditLog,
    health: Arc<ReplicaHealth>,
}

#[async_trait]
impl AuditLog for ReplicaAuditLog {
    async fn list(&self, filter: &AuditFilter, page: PageRequest) -> StoreResult<Page<AuditEntry>> {
        watched(self.replica.list(filter, page).await, &self.health)
    }
}

/// A feed's token is its credential, so it is looked up on the primary (a revoked feed stops
/// at once), as is every write; only the visits shown come from the replica.
struct ReplicaCalendarFeeds {
    primary: PgCalendarFeeds,
    replica: PgCalendarFeeds,
    health: Arc<ReplicaHealth>,
}

#[async_trait]
impl CalendarFeedStore for ReplicaCalendarFeeds {
    async fn create(
        &self,
        actor: &Actor,
        new: NewCalendarFeed,
        now: DateTime<Utc>,
    ) -> StoreResult<CreatedFeed> {
        self.primary.create(actor, new, now).await
    }

    async fn list(&self, doctor_id: i32) -> StoreResult<Vec<CalendarFeed>> {
        self.primary.list(doctor_id).await
    }

    async fn get(&self, feed_id: i32) -> StoreResult<CalendarFeed> {
        self.primary.get(feed_id).await
    }

    async fn revoke(
        &self,
        actor: &Actor,
        feed_id: i32,
        now: DateTime<Utc>,
    ) -> StoreResult<CalendarFeed> {
        self.primary.revoke(actor, feed_id, now).await
    }

    async fn find_by_token(&self, token: &str) -> StoreResult<Option<FeedOwner>> {
        self.primary.find_by_token(token).await
    }

    async fn feed_visits(
        &self,
        doctor_id: i32,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> StoreResult<Vec<VisitFacts>> {
        watched(
            self.replica.feed_visits(doctor_id, from, to).await,
            &self.health,
        )
    }

    async fn mark_used(&self, feed_id: i32, now: DateTime<Utc>) -> StoreResult<()> {
        self.primary.mark_used(feed_id, now).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn status(in_recovery: bool, caught_up: bool, age: Option<f64>) -> ReplayStatus {
        ReplayStatus {
            in_recovery,
            caught_up,
            replay_age_secs: age,
        }
    }

    #[test]
    fn a_standby_is_used_when_caught_up_or_within_the_lag() {
        let max = Duration::from_secs(30);
        // Idle primary: the last replayed transaction is old, but nothing is left to replay.
        assert_eq!(
            judge(&status(true, true, Some(3600.0)), max),
            ReplicaState::Usable
        );
        assert_eq!(judge(&status(true, true, None), max), ReplicaState::Usable);
        assert_eq!(
            judge(&status(true, false, Some(5.0)), max),
            ReplicaState::Usable
        );
        assert_eq!(
            judge(&status(true, false, Some(31.0)), max),
            ReplicaState::Lagging
        );
        assert_eq!(
            judge(&status(true, false, None), max),
            ReplicaState::Lagging
        );
        assert_eq!(
            judge(&status(false, true, Some(0.0)), max),
            ReplicaState::NotInRecovery
        );
    }

    #[test]
    fn a_lost_connection_sends_the_next_reads_to_the_primary() {
        let health = ReplicaHealth::new(Duration::from_secs(30));
        assert!(!health.is_usable(), "unknown until probed");
        health.set(ReplicaState::Usable);
        assert!(health.is_usable());
        let failed: StoreResult<()> = watched(Err(StoreError::Unavailable), &health);
        assert!(failed.is_err());
        assert!(!health.is_usable());
        assert_eq!(health.state(), ReplicaState::Unreachable);
    }
}
