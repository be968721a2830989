//! A doctor's weekly working hours across their offices.

use chrono::{NaiveTime, Weekday};

use crate::error::{ValidationError, ValidationErrors};
use crate::scheduling::{WeeklyHours, parse_weekly_hours};

/// Most blocks of working hours one doctor may have in a week.
pub const MAX_WORKING_HOURS: usize = 100;

const WEEKDAYS: [Weekday; 7] = [
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
    Weekday::Sat,
    Weekday::Sun,
];

/// The weekday of an ISO number, 1 = Monday to 7 = Sunday, reported as `field`.
///
/// # Errors
/// Any other number.
pub fn iso_weekday(field: &str, number: i64) -> Result<Weekday, ValidationError> {
    number
        .checked_sub(1)
        .and_then(|i| usize::try_from(i).ok())
        .and_then(|i| WEEKDAYS.get(i).copied())
        .ok_or_else(|| ValidationError::new(field, "must be from 1 (Monday) to 7 (Sunday)"))
}

/// One block of a doctor's week at one of their offices, in the office's local time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct WorkingHours {
    pub office_id: i32,
    pub hours: WeeklyHours,
}

/// A doctor's whole week: every block at an office of theirs, no two blocks overlapping on a
/// weekday even at different offices (nobody works in two places at once).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WeeklySchedule(Vec<WorkingHours>);

impl WeeklySchedule {
    /// Validates `(office_id, weekday, start, end)` rows as a client sent them against the
    /// offices the doctor works at. Errors name `working_hours[i].office_id` for an office that
    /// is not the doctor's, `working_hours[i].end` for a block that does not end after it
    /// starts, and `working_hours[i]` for a block overlapping an earlier one.
    ///
    /// # Errors
    /// Every invalid block, and more than 100 blocks (`working_hours`).
    pub fn parse(
        rows: &[(i32, Weekday, NaiveTime, NaiveTime)],
        doctor_offices: &[i32],
    ) -> Result<WeeklySchedule, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        if rows.len() > MAX_WORKING_HOURS {
            errors.push(ValidationError::new(
                "working_hours",
                format!("must list at most {MAX_WORKING_HOURS} blocks"),
            ));
        }
        for (i, (office_id, ..)) in rows.iter().enumerate() {
            if !doctor_offices.contains(office_id) {
                errors.push(ValidationError::new(
                    format!("working_hours[{i}].office_id"),
                    "is not an office this doctor works at",
                ));
            }
        }
        let times: Vec<_> = rows
            .iter()
            .map(|&(_, day, start, end)| (day, start, end))
            .collect();
        let hours = errors.capture_all(parse_weekly_hours(&times));
        errors.into_result()?;
        let blocks = rows
            .iter()
            .zip(hours.unwrap_or_default())
            .map(|(&(office_id, ..), hours)| WorkingHours { office_id, hours })
            .collect();
        Ok(WeeklySchedule(blocks))
    }

    /// The blocks, in the order given.
    pub fn as_slice(&self) -> &[WorkingHours] {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(hour: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(hour, 0, 0).unwrap()
    }

    #[test]
    fn iso_weekdays_run_from_monday_to_sunday() {
        assert_eq!(iso_weekday("weekday", 1), Ok(Weekday::Mon));
        assert_eq!(iso_weekday("weekday", 7), Ok(Weekday::Sun));
        for bad in [0, 8, -1, i64::MIN] {
            assert_eq!(iso_weekday("w", bad).unwrap_err().field, "w");
        }
    }

    #[test]
    fn a_week_at_two_offices_is_accepted_in_order() {
        let rows = [
            (1, Weekday::Mon, t(9), t(12)),
            (2, Weekday::Mon, t(13), t(17)),
        ];
        let week = WeeklySchedule::parse(&rows, &[1, 2]).unwrap();
        let offices: Vec<_> = week.as_slice().iter().map(|b| b.office_id).collect();
        assert_eq!(offices, [1, 2]);
        assert_eq!(week.as_slice()[1].hours.start(), t(13));
    }

    #[test]
    fn hours_at_an_office_that_is_not_the_doctors_are_refused() {
        let rows = [
            (1, Weekday::Mon, t(9), t(12)),
            (9, Weekday::Tue, t(9), t(12)),
        ];
        let errors = WeeklySchedule::parse(&rows, &[1]).unwrap_err();
        assert!(errors.has_field("working_hours[1].office_id"));
        assert_eq!(errors.len(), 1);
    }

    #[test]
    fn overlapping_blocks_at_different_offices_are_refused() {
        let rows = [
            (1, Weekday::Wed, t(9), t(12)),
            (2, Weekday::Wed, t(11), t(14)),
        ];
        let errors = WeeklySchedule::parse(&rows, &[1, 2]).unwrap_err();
        assert!(errors.has_field("working_hours[1]"));
    }

    #[test]
    fn every_kind_of_error_is_reported_together() {
        let rows = [(5, Weekday::Mon, t(12), t(9))];
        let errors = WeeklySchedule::parse(&rows, &[1]).unwrap_err();
        assert!(errors.has_field("working_hours[0].office_id"));
        assert!(errors.has_field("working_hours[0].end"));
    }

    #[test]
    fn an_empty_week_clears_the_schedule() {
        assert!(
            WeeklySchedule::parse(&[], &[])
                .unwrap()
                .as_slice()
                .is_empty()
        );
    }
}
