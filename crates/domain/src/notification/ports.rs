//! Reading and marking a user's notifications. Writing happens inside other repositories'
//! transactions, together with the event.

use async_trait::async_trait;

use super::{Notification, NotificationFilter};
use crate::pagination::{Page, PageRequest};
use crate::store::StoreResult;

/// A user's notifications.
#[async_trait]
pub trait NotificationRepository: Send + Sync {
    /// One page of `user_id`'s notifications, newest first.
    ///
    /// # Errors
    /// `Unavailable` / `Unexpected` only.
    async fn list(
        &self,
        user_id: i32,
        filter: NotificationFilter,
        page: PageRequest,
    ) -> StoreResult<Page<Notification>>;

    /// How many of `user_id`'s notifications are unread.
    ///
    /// # Errors
    /// `Unavailable` / `Unexpected` only.
    async fn unread_count(&self, user_id: i32) -> StoreResult<u64>;

    /// Marks one of `user_id`'s notifications read (idempotent) and returns it.
    ///
    /// # Errors
    /// `NotFound { entity: "notification" }` when it does not exist or is someone else's.
    async fn mark_read(&self, user_id: i32, notification_id: i64) -> StoreResult<Notification>;

    /// Marks all of `user_id`'s notifications read; returns how many changed.
    ///
    /// # Errors
    /// `Unavailable` / `Unexpected` only.
    async fn mark_all_read(&self, user_id: i32) -> StoreResult<u64>;
}
