//! Calendars outside the clinic: a doctor's private iCalendar feed of their appointments, and a
//! `.ics` file for each visit.
//!
//! The domain decides what a calendar event says ([`VisitEvent`], built by [`visit_event`]):
//! never the reason for the visit or any clinical text, a patient's name only in a feed whose
//! doctor opted in, and no cancelled visit in a feed. Rendering the iCalendar text (RFC 5545)
//! is the infrastructure's (`clinic_infrastructure::ics`).

mod event;
mod model;
mod ports;
mod use_cases;

#[cfg(test)]
mod tests;

pub use event::{
    Audience, FEED_DAYS_AHEAD, FEED_DAYS_BACK, VisitEvent, VisitFacts, VisitPlace, feed_window,
    shows_in_feed, visit_event,
};
pub use model::{CalendarFeed, CreatedFeed, FeedOwner, NewCalendarFeed};
pub use ports::CalendarFeedStore;
pub use use_cases::{
    CalendarFeedError, DoctorFeed, create_feed, list_feeds, read_feed, revoke_feed,
    visit_calendar_event, visit_invitation,
};
