//! What the outbox holds: a message planned in the transaction of the change it tells about,
//! and what the worker and the staff see of it later.

use chrono::{DateTime, Utc};

use crate::scheduling::AppointmentStatus;
use crate::string_enum::string_enum;

string_enum! {
    /// How a message leaves the building.
    pub enum Channel (kind = "message channel") {
        /// An email to the recipient's account address.
        Email = "email",
        /// A text message (no sender is configured yet: such messages are recorded unsent).
        Sms = "sms",
    }
}

string_enum! {
    /// What a message tells.
    pub enum MessageKind (kind = "message kind") {
        /// A visit was booked.
        Booked = "booked",
        /// A visit was moved to another time or place.
        Moved = "moved",
        /// A visit was cancelled.
        Cancelled = "cancelled",
        /// A visit is coming up.
        Reminder = "reminder",
    }
}

string_enum! {
    /// Where a message is in its delivery.
    pub enum OutboxStatus (kind = "outbox status") {
        /// Waiting for its time (or for its next attempt).
        Pending = "pending",
        /// Claimed by a worker that is sending it now.
        Sending = "sending",
        /// Handed to the channel's server.
        Sent = "sent",
        /// Given up: refused for good, or out of attempts.
        Failed = "failed",
        /// No longer due when its time came (a cancelled or moved visit, a visit under way).
        Skipped = "skipped",
        /// Due, but no sender is configured for its channel (no `CLINIC_SMTP_URL`): recorded
        /// as what would have been sent.
        Unsent = "unsent",
    }
}

impl OutboxStatus {
    /// Whether the message is done with, one way or another.
    #[must_use]
    pub fn is_final(self) -> bool {
        !matches!(self, Self::Pending | Self::Sending)
    }
}

/// A message to enqueue with the change it is about, written in the same transaction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutboxDraft {
    pub channel: Channel,
    /// The account it goes to; the address is read when it is sent.
    pub recipient_user_id: i32,
    pub kind: MessageKind,
    pub appointment_id: i32,
    /// The visit's start when the message was planned: a visit that starts at another time
    /// when the message is due was moved, and the message is no longer due.
    pub planned_start: DateTime<Utc>,
    /// For a reminder, how long before the start it goes out, in minutes (0 for the others).
    pub offset_minutes: u32,
    /// When it goes out.
    pub due_at: DateTime<Utc>,
    /// The subject line (no clinical text: no reason for the visit).
    pub subject: String,
    /// The plain-text body (no clinical text).
    pub body: String,
}

impl OutboxDraft {
    /// The key that keeps a message from being enqueued twice: one message per recipient,
    /// kind, visit, planned start and offset.
    #[must_use]
    pub fn dedupe_key(&self) -> String {
        format!(
            "{}:{}:{}:{}:{}:{}",
            self.appointment_id,
            self.kind,
            self.channel,
            self.recipient_user_id,
            self.planned_start.timestamp(),
            self.offset_minutes
        )
    }
}

/// A file sent with an email (a visit's `.ics`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attachment {
    pub filename: String,
    /// e.g. `text/calendar; method=REQUEST`.
    pub content_type: String,
    pub body: Vec<u8>,
}

/// A message as a sender delivers it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutgoingMessage {
    pub channel: Channel,
    /// The email address or phone number.
    pub to: String,
    /// The recipient's name, for the address line.
    pub to_name: String,
    pub subject: String,
    pub body: String,
    pub attachments: Vec<Attachment>,
}

/// The visit a message is about, as it is when the message is due.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VisitNow {
    pub status: AppointmentStatus,
    pub starts_at: DateTime<Utc>,
}

/// A due message a worker claimed, with what the still-due rule and the sender need.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimedMessage {
    pub message_id: i64,
    pub channel: Channel,
    pub kind: MessageKind,
    pub appointment_id: i32,
    pub planned_start: DateTime<Utc>,
    pub due_at: DateTime<Utc>,
    /// Attempts so far, this one included.
    pub attempts: u32,
    pub subject: String,
    pub body: String,
    /// The recipient's address on this channel (`None`: they have none).
    pub address: Option<String>,
    pub recipient_name: String,
    /// `None` when the visit no longer exists.
    pub visit: Option<VisitNow>,
}

/// How a claimed message ended, as the worker records it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DeliveryOutcome {
    Sent {
        at: DateTime<Utc>,
    },
    /// Try again at `at`.
    Retry {
        at: DateTime<Utc>,
        error: String,
    },
    Failed {
        error: String,
    },
    Skipped {
        reason: String,
    },
    Unsent {
        reason: String,
    },
}

impl DeliveryOutcome {
    /// The status it leaves the message in.
    #[must_use]
    pub fn status(&self) -> OutboxStatus {
        match self {
            Self::Sent { .. } => OutboxStatus::Sent,
            Self::Retry { .. } => OutboxStatus::Pending,
            Self::Failed { .. } => OutboxStatus::Failed,
            Self::Skipped { .. } => OutboxStatus::Skipped,
            Self::Unsent { .. } => OutboxStatus::Unsent,
        }
    }
}

/// One row of the outbox as staff see it: who, what, when, how it went. No body, no clinical
/// text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutboxEntry {
    pub message_id: i64,
    pub channel: Channel,
    pub kind: MessageKind,
    pub status: OutboxStatus,
    pub appointment_id: i32,
    pub recipient_user_id: i32,
    /// "First Last" of the recipient (their username when they have no profile).
    pub recipient_name: String,
    pub subject: String,
    pub due_at: DateTime<Utc>,
    pub attempts: u32,
    pub next_attempt_at: Option<DateTime<Utc>>,
    pub sent_at: Option<DateTime<Utc>>,
    /// Why it failed, was skipped or left unsent (our own words or the server's reply code; no
    /// secrets, no clinical text).
    pub last_error: Option<String>,
    pub created_at: DateTime<Utc>,
}

/// Which outbox rows to list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct OutboxFilter {
    pub status: Option<OutboxStatus>,
    pub appointment_id: Option<i32>,
}
