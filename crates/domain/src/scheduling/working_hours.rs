//! A doctor's regular weekly working hours, in the clinic's local time, and their expansion
//! into concrete UTC ranges for a span of dates.

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, NaiveTime, Utc, Weekday};

use crate::error::{ValidationError, ValidationErrors};
use crate::values::TimeRange;

/// One block of working hours on one weekday, in local wall-clock time, e.g. Monday 09:00–12:30.
///
/// A block ends on the day it starts (`start < end`); a night shift is two blocks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct WeeklyHours {
    weekday: Weekday,
    start: NaiveTime,
    end: NaiveTime,
}

impl WeeklyHours {
    /// Hours on `weekday` from `start` (included) to `end` (excluded).
    ///
    /// # Errors
    /// A [`ValidationError`] on field `end` unless `start < end`.
    pub fn new(
        weekday: Weekday,
        start: NaiveTime,
        end: NaiveTime,
    ) -> Result<WeeklyHours, ValidationError> {
        if start < end {
            Ok(WeeklyHours {
                weekday,
                start,
                end,
            })
        } else {
            Err(ValidationError::new("end", "must be after the start"))
        }
    }

    /// The day of the week.
    pub fn weekday(&self) -> Weekday {
        self.weekday
    }

    /// Local start time.
    pub fn start(&self) -> NaiveTime {
        self.start
    }

    /// Local end time.
    pub fn end(&self) -> NaiveTime {
        self.end
    }

    /// True if both blocks are on the same weekday and share a moment; touching blocks
    /// (09:00–12:00 and 12:00–17:00) do not overlap.
    pub fn overlaps(&self, other: &WeeklyHours) -> bool {
        self.weekday == other.weekday && self.start < other.end && other.start < self.end
    }
}

/// Checks that no two blocks overlap on the same weekday. Each offending block is reported as
/// `working_hours[i]`, naming the earlier block it overlaps, so the client can highlight rows.
///
/// # Errors
/// One [`ValidationError`] per block that overlaps an earlier one.
pub fn validate_weekly_hours(hours: &[WeeklyHours]) -> Result<(), ValidationErrors> {
    let mut errors = ValidationErrors::new();
    for (i, block) in hours.iter().enumerate() {
        if let Some(j) = hours[..i]
            .iter()
            .position(|earlier| earlier.overlaps(block))
        {
            errors.push(ValidationError::new(
                format!("working_hours[{i}]"),
                format!("overlaps working_hours[{j}] on {}", block.weekday),
            ));
        }
    }
    errors.into_result()
}

/// Builds and checks a whole week from `(weekday, start, end)` rows as a client sends them:
/// `working_hours[i].end` for a block that does not end after it starts, `working_hours[i]`
/// for overlaps.
///
/// # Errors
/// Every invalid block.
pub fn parse_weekly_hours(
    rows: &[(Weekday, NaiveTime, NaiveTime)],
) -> Result<Vec<WeeklyHours>, ValidationErrors> {
    let mut errors = ValidationErrors::new();
    let mut hours = Vec::with_capacity(rows.len());
    for (i, &(weekday, start, end)) in rows.iter().enumerate() {
        match WeeklyHours::new(weekday, start, end) {
            Ok(block) => hours.push(block),
            Err(error) => errors.push(error.with_field(format!("working_hours[{i}].end"))),
        }
    }
    errors.into_result()?;
    validate_weekly_hours(&hours)?;
    Ok(hours)
}

/// Turns weekly local hours into concrete UTC ranges for each date from `from` to `to`
/// (both included), sorted by start.
///
/// `local_to_utc` converts a local wall-clock time to UTC and returns `None` for a time that does
/// not exist locally (skipped by a daylight-saving change), so the domain needs no time-zone
/// database. A block whose start or end does not exist that day is left out rather than
/// guessed at. An empty list when `from > to`; the caller bounds the span.
pub fn expand_weekly_hours(
    hours: &[WeeklyHours],
    from: NaiveDate,
    to: NaiveDate,
    local_to_utc: impl Fn(NaiveDateTime) -> Option<DateTime<Utc>>,
) -> Vec<TimeRange> {
    let mut ranges = Vec::new();
    for date in from.iter_days().take_while(|date| *date <= to) {
        for block in hours.iter().filter(|b| b.weekday == date.weekday()) {
            let start = local_to_utc(date.and_time(block.start));
            let end = local_to_utc(date.and_time(block.end));
            if let (Some(start), Some(end)) = (start, end)
                && let Ok(range) = TimeRange::new(start, end)
            {
                ranges.push(range);
            }
        }
    }
    ranges.sort();
    ranges
}

#[cfg(test)]
mod tests {
    use chrono::{FixedOffset, TimeZone};

    use super::*;

    fn time(hour: u32, minute: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(hour, minute, 0).unwrap()
    }

    fn hours(weekday: Weekday, from: u32, to: u32) -> WeeklyHours {
        WeeklyHours::new(weekday, time(from, 0), time(to, 0)).unwrap()
    }

    fn date(day: u32) -> NaiveDate {
        // 2030-07-01 is a Monday.
        NaiveDate::from_ymd_opt(2030, 7, day).unwrap()
    }

    #[test]
    fn a_block_must_end_after_it_starts() {
        assert!(WeeklyHours::new(Weekday::Mon, time(9, 0), time(9, 0)).is_err());
        assert!(WeeklyHours::new(Weekday::Mon, time(17, 0), time(9, 0)).is_err());
    }

    #[test]
    fn touching_blocks_and_blocks_on_different_days_are_fine() {
        let week = [
            hours(Weekday::Mon, 9, 12),
            hours(Weekday::Mon, 12, 17),
            hours(Weekday::Tue, 9, 17),
        ];
        assert_eq!(validate_weekly_hours(&week), Ok(()));
    }

    #[test]
    fn overlapping_blocks_on_one_day_are_reported_by_index() {
        let week = [
            hours(Weekday::Mon, 9, 12),
            hours(Weekday::Tue, 9, 12),
            hours(Weekday::Mon, 11, 14),
        ];
        let errors = validate_weekly_hours(&week).unwrap_err();
        assert_eq!(errors.len(), 1);
        let error = errors.iter().next().unwrap();
        assert_eq!(error.field, "working_hours[2]");
        assert_eq!(error.message, "overlaps working_hours[0] on Mon");
    }

    #[test]
    fn parsing_a_week_reports_backwards_blocks_by_index() {
        let rows = [
            (Weekday::Mon, time(9, 0), time(12, 0)),
            (Weekday::Mon, time(15, 0), time(14, 0)),
        ];
        let errors = parse_weekly_hours(&rows).unwrap_err();
        assert!(errors.has_field("working_hours[1].end"));
        assert_eq!(parse_weekly_hours(&rows[..1]).unwrap().len(), 1);
    }

    #[test]
    fn weekly_hours_become_utc_ranges_under_a_fixed_offset() {
        let new_york_winter = FixedOffset::west_opt(5 * 3600).unwrap();
        let to_utc = |local: NaiveDateTime| {
            new_york_winter
                .from_local_datetime(&local)
                .single()
                .map(|t| t.with_timezone(&Utc))
        };
        let week = [hours(Weekday::Mon, 9, 12), hours(Weekday::Wed, 20, 23)];
        let ranges = expand_weekly_hours(&week, date(1), date(8), to_utc);
        let starts: Vec<_> = ranges.iter().map(|r| r.start()).collect();
        assert_eq!(
            starts,
            [
                Utc.with_ymd_and_hms(2030, 7, 1, 14, 0, 0).unwrap(),
                // 20:00 local on Wednesday is already Thursday in UTC.
                Utc.with_ymd_and_hms(2030, 7, 4, 1, 0, 0).unwrap(),
                Utc.with_ymd_and_hms(2030, 7, 8, 14, 0, 0).unwrap(),
            ]
        );
        assert!(ranges.iter().all(|r| r.duration_minutes() == 180));
    }

    #[test]
    fn local_times_that_do_not_exist_are_skipped() {
        let to_utc = |local: NaiveDateTime| {
            // Pretend 02:00–03:00 on 2 July vanished for a daylight-saving change.
            let gap = date(2).and_time(time(2, 0))..date(2).and_time(time(3, 0));
            (!gap.contains(&local)).then(|| local.and_utc())
        };
        let week = [hours(Weekday::Tue, 2, 5), hours(Weekday::Tue, 9, 10)];
        let ranges = expand_weekly_hours(&week, date(1), date(3), to_utc);
        assert_eq!(ranges.len(), 1);
        assert_eq!(ranges[0].start(), date(2).and_time(time(9, 0)).and_utc());
    }

    #[test]
    fn an_empty_span_gives_no_ranges() {
        let week = [hours(Weekday::Mon, 9, 12)];
        assert!(expand_weekly_hours(&week, date(8), date(1), |l| Some(l.and_utc())).is_empty());
    }
}
