//! "Is this message still due?" — asked again when its time comes, because the visit may have
//! changed since the message was planned.

use chrono::{DateTime, Utc};

use super::model::{ClaimedMessage, MessageKind, VisitNow};
use crate::scheduling::AppointmentStatus;

/// Why a message is no longer sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoLongerDue {
    /// The visit no longer exists.
    VisitGone,
    /// The visit was cancelled (or ended otherwise: checked in, completed, no-show).
    VisitNotActive,
    /// The visit now starts at another time than the message was planned for.
    VisitMoved,
    /// The visit has started: a reminder or a confirmation would come too late.
    VisitStarted,
}

impl NoLongerDue {
    /// The reason recorded on the skipped message.
    #[must_use]
    pub fn reason(self) -> &'static str {
        match self {
            Self::VisitGone => "the visit no longer exists",
            Self::VisitNotActive => "the visit is no longer scheduled",
            Self::VisitMoved => "the visit was moved after this message was planned",
            Self::VisitStarted => "the visit had started when this message was due",
        }
    }
}

/// Whether `message` is still to be sent at `now`, judged on the visit as it is now:
/// - a reminder, a booking confirmation or a notice of a move goes out only for a visit that
///   is still scheduled or confirmed, still at the start it was planned for (a later move
///   planned its own messages), and not yet started;
/// - a cancellation notice goes out while the visit is still cancelled (whenever that is: a
///   visit cancelled after its start was still a visit the patient may have waited for).
///
/// # Errors
/// The reason it is no longer due.
pub fn still_due(
    kind: MessageKind,
    planned_start: DateTime<Utc>,
    visit: Option<VisitNow>,
    now: DateTime<Utc>,
) -> Result<(), NoLongerDue> {
    let visit = visit.ok_or(NoLongerDue::VisitGone)?;
    match kind {
        MessageKind::Cancelled => {
            if visit.status == AppointmentStatus::Cancelled {
                Ok(())
            } else {
                Err(NoLongerDue::VisitNotActive)
            }
        }
        MessageKind::Booked | MessageKind::Moved | MessageKind::Reminder => {
            if !matches!(
                visit.status,
                AppointmentStatus::Scheduled | AppointmentStatus::Confirmed
            ) {
                Err(NoLongerDue::VisitNotActive)
            } else if visit.starts_at != planned_start {
                Err(NoLongerDue::VisitMoved)
            } else if now >= visit.starts_at {
                Err(NoLongerDue::VisitStarted)
            } else {
                Ok(())
            }
        }
    }
}

/// [`still_due`] for a claimed message.
///
/// # Errors
/// As [`still_due`].
pub fn claimed_still_due(message: &ClaimedMessage, now: DateTime<Utc>) -> Result<(), NoLongerDue> {
    still_due(message.kind, message.planned_start, message.visit, now)
}
