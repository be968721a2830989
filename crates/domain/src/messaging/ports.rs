//! The ports of messaging: the outbox the worker claims from, the senders of each channel,
//! and where attachments come from.

use async_trait::async_trait;
use chrono::{DateTime, Duration, Utc};

use super::model::{
    Attachment, ClaimedMessage, DeliveryOutcome, OutboxEntry, OutboxFilter, OutgoingMessage,
};
use crate::pagination::{Page, PageRequest};
use crate::store::StoreResult;

/// Why a sender did not deliver.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SendError {
    /// Worth trying again later: the server is unreachable, busy or answered 4xx.
    #[error("temporary failure: {0}")]
    Transient(String),
    /// Trying again will not help: the server refused the message or the address for good.
    #[error("permanent failure: {0}")]
    Permanent(String),
}

/// Delivers messages on one channel (email over SMTP; SMS has no adapter yet).
#[async_trait]
pub trait MessageSender: Send + Sync {
    /// Hands `message` to the channel's server.
    ///
    /// # Errors
    /// [`SendError::Transient`] when it may work later, [`SendError::Permanent`] when it never
    /// will. Error texts carry no secrets (no password of the server's URL).
    async fn send(&self, message: &OutgoingMessage) -> Result<(), SendError>;
}

/// The files an email carries (a visit's `.ics`, wired where the renderer lives).
#[async_trait]
pub trait MessageAttachments: Send + Sync {
    /// The attachments of `message`, read when it is sent.
    ///
    /// # Errors
    /// `Unavailable` / `Unexpected`: the message is then retried.
    async fn attachments(&self, message: &ClaimedMessage) -> StoreResult<Vec<Attachment>>;
}

/// Emails without attachments.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoAttachments;

#[async_trait]
impl MessageAttachments for NoAttachments {
    async fn attachments(&self, _message: &ClaimedMessage) -> StoreResult<Vec<Attachment>> {
        Ok(Vec::new())
    }
}

/// The outbox table: written by the scheduling transactions (see
/// [`SchedulingTx::send`](crate::scheduling::SchedulingTx::send)), claimed and settled by the
/// worker, listed for staff.
#[async_trait]
pub trait OutboxStore: Send + Sync {
    /// Claims up to `limit` messages due at `now` (pending ones whose next attempt has come,
    /// and ones whose worker's lease ran out), in a short transaction that skips rows another
    /// worker holds (`FOR UPDATE SKIP LOCKED`): each is marked sending until `now + lease`
    /// and its attempts counted, so no other worker takes it meanwhile. Each comes with the
    /// visit as it is now and the recipient's address.
    ///
    /// # Errors
    /// `Unavailable` / `Unexpected` only.
    async fn claim_due(
        &self,
        now: DateTime<Utc>,
        limit: u32,
        lease: Duration,
    ) -> StoreResult<Vec<ClaimedMessage>>;

    /// Records how a claimed message ended, unless its lease ran out and another worker
    /// claimed it since (then nothing changes). Returns whether it was recorded.
    ///
    /// # Errors
    /// `Unavailable` / `Unexpected` only.
    async fn finish(
        &self,
        message: &ClaimedMessage,
        outcome: &DeliveryOutcome,
    ) -> StoreResult<bool>;

    /// One page of the outbox, the latest due first.
    ///
    /// # Errors
    /// `Unavailable` / `Unexpected` only.
    async fn list(
        &self,
        filter: &OutboxFilter,
        page: PageRequest,
    ) -> StoreResult<Page<OutboxEntry>>;
}
