//! A person's date of birth.

use chrono::{Datelike, Months, NaiveDate};

use crate::error::ValidationError;

/// Oldest plausible age; anything older is a typo (e.g. 1823 for 1923).
pub const MAX_AGE_YEARS: u32 = 130;

/// A date of birth that is neither in the future nor more than 130 years ago.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DateOfBirth(NaiveDate);

impl DateOfBirth {
    /// Checks `date` against `today` (the clinic's date, from a [`Clock`](crate::Clock)).
    ///
    /// # Errors
    /// A [`ValidationError`] on field `dob`.
    pub fn parse(date: NaiveDate, today: NaiveDate) -> Result<DateOfBirth, ValidationError> {
        if date > today {
            return Err(ValidationError::new("dob", "must not be in the future"));
        }
        let earliest = today
            .checked_sub_months(Months::new(MAX_AGE_YEARS * 12))
            .unwrap_or(NaiveDate::MIN);
        if date < earliest {
            return Err(ValidationError::new(
                "dob",
                "must be within the last 130 years",
            ));
        }
        Ok(DateOfBirth(date))
    }

    /// The date.
    pub fn date(self) -> NaiveDate {
        self.0
    }

    /// Age in whole years on `today`; someone born on 29 February turns a year older on
    /// 1 March in common years.
    pub fn age_on(self, today: NaiveDate) -> u32 {
        let years = today.year() - self.0.year();
        let birthday_passed = (today.month(), today.day()) >= (self.0.month(), self.0.day());
        let age = if birthday_passed { years } else { years - 1 };
        u32::try_from(age).unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn today_is_a_valid_date_of_birth_but_tomorrow_is_not() {
        let today = date(2030, 6, 15);
        assert!(DateOfBirth::parse(today, today).is_ok());
        let error = DateOfBirth::parse(date(2030, 6, 16), today).unwrap_err();
        assert_eq!(error.field, "dob");
    }

    #[test]
    fn exactly_130_years_ago_is_the_earliest_accepted() {
        let today = date(2030, 6, 15);
        assert!(DateOfBirth::parse(date(1900, 6, 15), today).is_ok());
        assert!(DateOfBirth::parse(date(1900, 6, 14), today).is_err());
    }

    #[test]
    fn age_counts_whole_years() {
        let dob = DateOfBirth::parse(date(2000, 6, 15), date(2030, 1, 1)).unwrap();
        assert_eq!(dob.age_on(date(2030, 6, 14)), 29);
        assert_eq!(dob.age_on(date(2030, 6, 15)), 30);
    }
}
