//! A span of time between two instants, such as an appointment or a working shift.

use chrono::{DateTime, Duration, Utc};

use crate::error::ValidationError;

/// The half-open interval `[start, end)` in UTC, with `start < end`.
///
/// Half-open so that back-to-back appointments (9:00–9:30 and 9:30–10:00) do not overlap,
/// matching PostgreSQL's default `tstzrange` bounds `[)` used by the exclusion constraint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TimeRange {
    start: DateTime<Utc>,
    end: DateTime<Utc>,
}

impl TimeRange {
    /// The range from `start` (included) to `end` (excluded).
    ///
    /// # Errors
    /// A [`ValidationError`] on field `end` unless `start < end`.
    pub fn new(start: DateTime<Utc>, end: DateTime<Utc>) -> Result<TimeRange, ValidationError> {
        if start < end {
            Ok(TimeRange { start, end })
        } else {
            Err(ValidationError::new("end", "must be after the start"))
        }
    }

    /// The range of `minutes` minutes beginning at `start`.
    ///
    /// # Errors
    /// A [`ValidationError`] on field `duration_minutes` unless `minutes > 0`.
    pub fn starting_at(start: DateTime<Utc>, minutes: u32) -> Result<TimeRange, ValidationError> {
        if minutes == 0 {
            return Err(ValidationError::new("duration_minutes", "must be positive"));
        }
        Ok(TimeRange {
            start,
            end: start + Duration::minutes(i64::from(minutes)),
        })
    }

    /// First instant of the range.
    pub fn start(&self) -> DateTime<Utc> {
        self.start
    }

    /// First instant after the range.
    pub fn end(&self) -> DateTime<Utc> {
        self.end
    }

    /// True if the two ranges share at least one instant; touching ends do not count.
    pub fn overlaps(&self, other: &TimeRange) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// True if `instant` lies in `[start, end)`.
    pub fn contains(&self, instant: DateTime<Utc>) -> bool {
        self.start <= instant && instant < self.end
    }

    /// True if all of `other` lies within this range, e.g. an appointment within working hours.
    pub fn covers(&self, other: &TimeRange) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// Length in whole minutes (seconds are truncated).
    pub fn duration_minutes(&self) -> i64 {
        (self.end - self.start).num_minutes()
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    fn at(hour: u32, minute: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2030, 1, 7, hour, minute, 0).unwrap()
    }

    fn range(from: (u32, u32), to: (u32, u32)) -> TimeRange {
        TimeRange::new(at(from.0, from.1), at(to.0, to.1)).unwrap()
    }

    #[test]
    fn the_start_must_come_before_the_end() {
        assert!(TimeRange::new(at(9, 0), at(9, 0)).is_err());
        assert!(TimeRange::new(at(10, 0), at(9, 0)).is_err());
    }

    #[test]
    fn back_to_back_ranges_do_not_overlap() {
        let first = range((9, 0), (9, 30));
        let second = range((9, 30), (10, 0));
        assert!(!first.overlaps(&second));
        assert!(!second.overlaps(&first));
    }

    #[test]
    fn ranges_sharing_one_minute_overlap() {
        let first = range((9, 0), (9, 31));
        let second = range((9, 30), (10, 0));
        assert!(first.overlaps(&second));
        assert!(second.overlaps(&first));
    }

    #[test]
    fn a_range_inside_another_overlaps_it() {
        let outer = range((9, 0), (12, 0));
        let inner = range((10, 0), (10, 15));
        assert!(outer.overlaps(&inner));
        assert!(inner.overlaps(&outer));
        assert!(outer.covers(&inner));
        assert!(!inner.covers(&outer));
    }

    #[test]
    fn the_end_instant_is_outside_the_range() {
        let r = range((9, 0), (10, 0));
        assert!(r.contains(at(9, 0)));
        assert!(!r.contains(at(10, 0)));
    }

    #[test]
    fn duration_is_counted_in_minutes() {
        assert_eq!(range((9, 0), (10, 30)).duration_minutes(), 90);
        assert_eq!(
            TimeRange::starting_at(at(9, 0), 45).unwrap().end(),
            at(9, 45)
        );
        assert!(TimeRange::starting_at(at(9, 0), 0).is_err());
    }
}
