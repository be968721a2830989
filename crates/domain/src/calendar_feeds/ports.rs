//! Where calendar feeds are kept.

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::{CalendarFeed, CreatedFeed, FeedOwner, NewCalendarFeed, VisitFacts};
use crate::access::Actor;
use crate::store::StoreResult;

/// Doctors' feeds and the visits they list. The adapter owns the token: it draws it at random,
/// keeps only its hash and finds a feed by the hash of what it is given.
#[async_trait]
pub trait CalendarFeedStore: Send + Sync {
    /// Creates a feed with a fresh unguessable token, by `actor` at `now`, with its audit row
    /// in the same transaction; returns the feed and its token (the only time it is known).
    ///
    /// # Errors
    /// `NotFound { entity: "doctor" }` for a missing doctor; `Unavailable` / `Unexpected`.
    async fn create(
        &self,
        actor: &Actor,
        new: NewCalendarFeed,
        now: DateTime<Utc>,
    ) -> StoreResult<CreatedFeed>;

    /// Every feed of a doctor, revoked ones included, newest first.
    ///
    /// # Errors
    /// `Unavailable` / `Unexpected`.
    async fn list(&self, doctor_id: i32) -> StoreResult<Vec<CalendarFeed>>;

    /// One feed.
    ///
    /// # Errors
    /// `NotFound { entity: "calendar_feed" }`; `Unavailable` / `Unexpected`.
    async fn get(&self, feed_id: i32) -> StoreResult<CalendarFeed>;

    /// Revokes a feed at `now` (audited); a feed already revoked stays as it was.
    ///
    /// # Errors
    /// `NotFound { entity: "calendar_feed" }`; `Unavailable` / `Unexpected`.
    async fn revoke(
        &self,
        actor: &Actor,
        feed_id: i32,
        now: DateTime<Utc>,
    ) -> StoreResult<CalendarFeed>;

    /// The active (not revoked) feed whose token is `token`, if any.
    ///
    /// # Errors
    /// `Unavailable` / `Unexpected`.
    async fn find_by_token(&self, token: &str) -> StoreResult<Option<FeedOwner>>;

    /// Every appointment of the doctor that ends after `from` and starts before `to`, in any
    /// state, by start time.
    ///
    /// # Errors
    /// `Unavailable` / `Unexpected`.
    async fn feed_visits(
        &self,
        doctor_id: i32,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> StoreResult<Vec<VisitFacts>>;

    /// Records that a calendar fetched the feed at `now`.
    ///
    /// # Errors
    /// `Unavailable` / `Unexpected`.
    async fn mark_used(&self, feed_id: i32, now: DateTime<Utc>) -> StoreResult<()>;
}
