//! HTTP answers of the calendar feeds' use cases.

use clinic_domain::calendar_feeds::CalendarFeedError;

use super::ApiError;

impl From<CalendarFeedError> for ApiError {
    fn from(error: CalendarFeedError) -> Self {
        match error {
            CalendarFeedError::Denied(denied) => denied.into(),
            CalendarFeedError::Store(store) => store.into(),
        }
    }
}
