//! Senders of the messages that leave the building: email over SMTP. SMS has no adapter yet;
//! the outbox records such messages as unsent.

pub mod smtp;
pub mod visit_calendar;

pub use smtp::{SmtpConfigError, SmtpSender};
pub use visit_calendar::VisitCalendarAttachments;
