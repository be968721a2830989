//! Senders of the messages that leave the building: email over SMTP. SMS has no adapter yet;
//! the outbox records such messages as unsent.

pub mod smtp;

pub use smtp::{SmtpConfigError, SmtpSender};
