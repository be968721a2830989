//! A doctor's calendar feeds as the use cases see them.

use chrono::{DateTime, Utc};

/// A private feed URL of one doctor's appointments. Its token is never part of it: the store
/// keeps only a hash, and the token is seen once, in [`CreatedFeed`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalendarFeed {
    pub feed_id: i32,
    pub doctor_id: i32,
    /// The feed's events carry the patients' names (else every event reads "Appointment").
    pub include_patient_names: bool,
    pub created_at: DateTime<Utc>,
    /// Set once the doctor revoked the URL; it answers 404 from then on.
    pub revoked_at: Option<DateTime<Utc>>,
    /// The last time a calendar fetched the feed.
    pub last_used_at: Option<DateTime<Utc>>,
}

/// A new feed, as the doctor asked for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NewCalendarFeed {
    pub doctor_id: i32,
    pub include_patient_names: bool,
}

/// A feed just created, with the token of its URL: the only time the token is known.
#[derive(Clone, PartialEq, Eq)]
pub struct CreatedFeed {
    pub feed: CalendarFeed,
    /// The secret part of the URL; shown to the doctor once, stored only hashed.
    pub token: String,
}

impl std::fmt::Debug for CreatedFeed {
    /// Leaves the token out, so it never reaches a log line.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CreatedFeed")
            .field("feed", &self.feed)
            .field("token", &"[redacted]")
            .finish()
    }
}

/// The active feed a token opens, and whose it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedOwner {
    pub feed_id: i32,
    pub doctor_id: i32,
    /// The doctor's user account: the reader of record of what the feed shows.
    pub doctor_user_id: i32,
    pub doctor_name: String,
    pub include_patient_names: bool,
}
