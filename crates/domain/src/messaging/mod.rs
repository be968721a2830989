//! Messaging: the messages that leave the building (emails now, SMS behind the same port).
//!
//! A booking, a move or a cancellation plans its messages ([`on_booked`], [`on_moved`],
//! [`on_cancelled`]: the notice now, the reminders at the clinic's offsets) and hands them to
//! its scheduling transaction, which writes them to the outbox with the change itself. A
//! worker later claims what is due ([`deliver_due`]), asks again whether it is still due
//! ([`still_due`]: no reminder for a cancelled or moved visit, none once it started), sends it
//! through the channel's [`MessageSender`], and records how it went.

mod deliver;
mod due;
mod model;
mod plan;
mod ports;
mod read;

#[cfg(test)]
pub(crate) mod fake;
#[cfg(test)]
mod tests;

pub use deliver::{Delivery, DeliveryReport, RetryPolicy, deliver_due};
pub use due::{NoLongerDue, claimed_still_due, still_due};
pub use model::{
    Attachment, Channel, ClaimedMessage, DeliveryOutcome, MessageKind, OutboxDraft, OutboxEntry,
    OutboxFilter, OutboxStatus, OutgoingMessage, VisitNow,
};
pub use plan::{VisitMessages, on_booked, on_cancelled, on_moved, plan_reminders};
pub use ports::{MessageAttachments, MessageSender, NoAttachments, OutboxStore, SendError};
pub use read::{ListOutboxError, list_outbox};
