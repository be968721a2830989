//! Recurring visits: a series books each occurrence as its own appointment row carrying the
//! series' id, so overlap protection, status, reminders and billing work per visit. The rule
//! (a subset of RFC 5545's RRULE) repeats on the office's wall clock; every occurrence is judged
//! by the booking rules of a single visit.

mod book;
mod change;
pub mod rule;
mod view;

#[cfg(test)]
mod tests;

pub use book::{
    BookedSeries, Occurrence, RepeatRule, SeriesPreview, SeriesRequest, book_series, preview_series,
};
pub use change::{
    CancelInSeries, EditInSeries, LeftAlone, SeriesChange, SeriesScope, cancel_in_series,
    edit_in_series,
};
pub use rule::{Frequency, MAX_OCCURRENCES, RecurrenceRule, SeriesEnd};
pub use view::{SeriesView, view_series};

use crate::access::Denied;
use crate::error::{ValidationError, ValidationErrors};
use crate::notification::{NotificationDraft, NotificationType};
use crate::scheduling::book::BookAppointmentError;
use crate::scheduling::rules::BookingRefusal;
use crate::scheduling::{ChangeStatusError, RescheduleError};
use crate::store::StoreError;

/// Why a series could not be previewed, booked, changed or shown.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SeriesError {
    /// The policy refused: a role that never manages series (403), or a patient, appointment
    /// or series not the actor's (404).
    #[error(transparent)]
    Denied(#[from] Denied),
    /// Invalid fields: the rule, the first start, the patient, doctor or office, a scope that
    /// needs a series on an appointment outside one.
    #[error("invalid series: {0}")]
    Invalid(ValidationErrors),
    /// Some occurrences cannot be booked (or moved) and the request was all-or-nothing, or
    /// none of them can: nothing was written.
    #[error("{}", unbookable(*total, refused))]
    Unbookable {
        total: usize,
        /// The refused occurrences, each with its reason.
        refused: Vec<Occurrence>,
    },
    /// Nothing in the scope could be changed (every visit is past, completed or cancelled).
    #[error("none of these visits can be changed: they are past, completed or cancelled")]
    NothingToChange,
    /// Another booking won a race for one of the times: nothing was written.
    #[error(transparent)]
    Refused(BookingRefusal),
    /// A change of one visit (scope `this`), refused as a single cancellation.
    #[error(transparent)]
    Status(ChangeStatusError),
    /// A change of one visit (scope `this`), refused as a single move.
    #[error(transparent)]
    Reschedule(RescheduleError),
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<ValidationErrors> for SeriesError {
    fn from(errors: ValidationErrors) -> Self {
        Self::Invalid(errors)
    }
}

impl From<ValidationError> for SeriesError {
    fn from(error: ValidationError) -> Self {
        Self::Invalid(error.into())
    }
}

impl From<BookingRefusal> for SeriesError {
    fn from(refusal: BookingRefusal) -> Self {
        match refusal {
            BookingRefusal::Invalid(errors) => Self::Invalid(errors),
            other => Self::Refused(other),
        }
    }
}

impl From<BookAppointmentError> for SeriesError {
    fn from(error: BookAppointmentError) -> Self {
        match error {
            BookAppointmentError::Denied(denied) => Self::Denied(denied),
            BookAppointmentError::Refused(refusal) => refusal.into(),
            BookAppointmentError::Store(store) => Self::Store(store),
        }
    }
}

/// The words of [`SeriesError::Unbookable`]: how many, and which.
fn unbookable(total: usize, refused: &[Occurrence]) -> String {
    let numbers: Vec<String> = refused.iter().map(|o| o.number.to_string()).collect();
    let which = if numbers.len() == 1 {
        "visit"
    } else {
        "visits"
    };
    format!(
        "{} of the {total} visits cannot be booked at their times ({which} {}); nothing was saved",
        refused.len(),
        numbers.join(", ")
    )
}

/// One summary notification to each party of a series (never one per visit).
fn series_notice(
    series_id: i32,
    patient: (i32, &str),
    doctor: (i32, &str),
) -> Vec<NotificationDraft> {
    [patient, doctor]
        .into_iter()
        .map(|(user_id, message)| {
            NotificationDraft::new(
                user_id,
                NotificationType::Appointment,
                message,
                "appointment_series",
                series_id,
            )
        })
        .collect()
}
