//! How long an appointment lasts.

use chrono::{DateTime, Utc};

use crate::error::ValidationError;
use crate::values::TimeRange;

/// An appointment's length: 5 minutes to 8 hours.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct AppointmentDuration(u32);

impl AppointmentDuration {
    /// Shortest appointment, in minutes.
    pub const MIN_MINUTES: u32 = 5;
    /// Longest appointment, in minutes: a working day.
    pub const MAX_MINUTES: u32 = 480;

    /// Checks `minutes` is within 5..=480.
    ///
    /// # Errors
    /// A [`ValidationError`] on field `duration_minutes`.
    pub fn new(minutes: u32) -> Result<AppointmentDuration, ValidationError> {
        if (Self::MIN_MINUTES..=Self::MAX_MINUTES).contains(&minutes) {
            Ok(AppointmentDuration(minutes))
        } else {
            Err(ValidationError::new(
                "duration_minutes",
                format!(
                    "must be between {} and {} minutes",
                    Self::MIN_MINUTES,
                    Self::MAX_MINUTES
                ),
            ))
        }
    }

    /// The length in minutes.
    pub fn minutes(self) -> u32 {
        self.0
    }

    /// The time an appointment of this length starting at `starts_at` occupies.
    pub fn range_from(self, starts_at: DateTime<Utc>) -> TimeRange {
        TimeRange::starting_at(starts_at, self.0)
            .expect("a validated duration is at least 5 minutes")
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    #[test]
    fn five_to_four_hundred_and_eighty_minutes_are_accepted() {
        assert!(AppointmentDuration::new(4).is_err());
        assert_eq!(AppointmentDuration::new(5).unwrap().minutes(), 5);
        assert_eq!(AppointmentDuration::new(480).unwrap().minutes(), 480);
        let error = AppointmentDuration::new(481).unwrap_err();
        assert_eq!(error.field, "duration_minutes");
    }

    #[test]
    fn the_range_ends_after_the_duration() {
        let start = Utc.with_ymd_and_hms(2030, 1, 1, 9, 0, 0).unwrap();
        let range = AppointmentDuration::new(30).unwrap().range_from(start);
        assert_eq!(range.duration_minutes(), 30);
        assert_eq!(range.start(), start);
    }
}
