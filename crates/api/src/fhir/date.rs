//! FHIR `date` search values: `[prefix]value`, where the value is a year, a month, a day or a
//! moment, and means the whole span of its precision ("2030-01" is all of January). A search
//! with several date values needs all of them to hold, which is how a range is written
//! (`date=ge2030-01-07&date=lt2030-01-14`).
//!
//! Values without a time zone (years, months, days) are read as UTC days; a moment carries its
//! own offset.

use chrono::{DateTime, Duration, FixedOffset, Months, NaiveDate, NaiveTime, Utc};

/// The comparisons supported; FHIR's `ne`, `sa`, `eb` and `ap` are not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Prefix {
    Eq,
    Ge,
    Gt,
    Le,
    Lt,
}

/// The half-open span `[from, before)` a set of date values allows; `None` is unbounded.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DateBounds {
    pub from: Option<DateTime<Utc>>,
    pub before: Option<DateTime<Utc>>,
}

impl DateBounds {
    /// Narrows the bounds by one `[prefix]value`.
    ///
    /// # Errors
    /// A sentence saying what is wrong with the value, for the OperationOutcome.
    pub fn narrow(&mut self, raw: &str) -> Result<(), String> {
        let (prefix, value) = split_prefix(raw)?;
        let (start, end) = span(value)?;
        let (from, before) = match prefix {
            Prefix::Eq => (Some(start), Some(end)),
            Prefix::Ge => (Some(start), None),
            Prefix::Gt => (Some(end), None),
            Prefix::Lt => (None, Some(start)),
            Prefix::Le => (None, Some(end)),
        };
        self.from = self.from.max(from);
        self.before = match (self.before, before) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        Ok(())
    }

    /// The bounds as days, for dates without a time (a date of birth): `[from, before)`.
    pub fn days(&self) -> (Option<NaiveDate>, Option<NaiveDate>) {
        let day = |t: DateTime<Utc>| {
            // A bound inside a day (from a moment) moves to the first whole day it allows.
            let date = t.date_naive();
            if t.time() == NaiveTime::MIN {
                date
            } else {
                date + Duration::days(1)
            }
        };
        (self.from.map(day), self.before.map(day))
    }

    /// True when nothing can match.
    pub fn is_empty(&self) -> bool {
        matches!((self.from, self.before), (Some(from), Some(before)) if from >= before)
    }
}

fn split_prefix(raw: &str) -> Result<(Prefix, &str), String> {
    let prefixes = [
        ("eq", Prefix::Eq),
        ("ge", Prefix::Ge),
        ("gt", Prefix::Gt),
        ("le", Prefix::Le),
        ("lt", Prefix::Lt),
    ];
    for (text, prefix) in prefixes {
        if let Some(rest) = raw.strip_prefix(text) {
            return Ok((prefix, rest));
        }
    }
    if raw.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return Err("takes only the prefixes eq, ge, gt, le and lt".into());
    }
    Ok((Prefix::Eq, raw))
}

const MOMENT_HELP: &str = "must be a date such as 2030-01-07 (or 2030-01, 2030) or a moment such as 2030-01-07T09:00:00-06:00";

/// The span a value covers at its precision.
fn span(value: &str) -> Result<(DateTime<Utc>, DateTime<Utc>), String> {
    let midnight = |d: NaiveDate| d.and_time(NaiveTime::MIN).and_utc();
    let bad = || MOMENT_HELP.to_owned();
    match value.len() {
        4 => {
            let year: i32 = value.parse().map_err(|_| bad())?;
            let start = NaiveDate::from_ymd_opt(year, 1, 1).ok_or_else(bad)?;
            let end = NaiveDate::from_ymd_opt(year + 1, 1, 1).ok_or_else(bad)?;
            Ok((midnight(start), midnight(end)))
        }
        7 => {
            let start =
                NaiveDate::parse_from_str(&format!("{value}-01"), "%Y-%m-%d").map_err(|_| bad())?;
            let end = start.checked_add_months(Months::new(1)).ok_or_else(bad)?;
            Ok((midnight(start), midnight(end)))
        }
        10 => {
            let day = NaiveDate::parse_from_str(value, "%Y-%m-%d").map_err(|_| bad())?;
            let next = day.succ_opt().ok_or_else(bad)?;
            Ok((midnight(day), midnight(next)))
        }
        _ => {
            // A moment is the span of its written precision: to the second, or to the minute.
            if let Ok(moment) = DateTime::parse_from_rfc3339(value) {
                let moment = moment.with_timezone(&Utc);
                return Ok((moment, moment + Duration::seconds(1)));
            }
            let moment = DateTime::<FixedOffset>::parse_from_str(value, "%Y-%m-%dT%H:%M%#z")
                .map_err(|_| bad())?
                .with_timezone(&Utc);
            Ok((moment, moment + Duration::minutes(1)))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(text: &str) -> DateTime<Utc> {
        text.parse().unwrap()
    }

    fn bounds(values: &[&str]) -> DateBounds {
        let mut bounds = DateBounds::default();
        for value in values {
            bounds.narrow(value).unwrap();
        }
        bounds
    }

    #[test]
    fn a_week_is_written_as_two_prefixed_days() {
        let week = bounds(&["ge2030-01-07", "lt2030-01-14"]);
        assert_eq!(week.from, Some(utc("2030-01-07T00:00:00Z")));
        assert_eq!(week.before, Some(utc("2030-01-14T00:00:00Z")));
    }

    #[test]
    fn a_value_means_the_whole_span_of_its_precision() {
        let january = bounds(&["2030-01"]);
        assert_eq!(january.from, Some(utc("2030-01-01T00:00:00Z")));
        assert_eq!(january.before, Some(utc("2030-02-01T00:00:00Z")));
        let year = bounds(&["2030"]);
        assert_eq!(year.before, Some(utc("2031-01-01T00:00:00Z")));
        let after_day = bounds(&["gt2030-01-07"]);
        assert_eq!(after_day.from, Some(utc("2030-01-08T00:00:00Z")));
        let through_day = bounds(&["le2030-01-07"]);
        assert_eq!(through_day.before, Some(utc("2030-01-08T00:00:00Z")));
    }

    #[test]
    fn moments_keep_their_offset_and_precision() {
        let at = bounds(&["ge2030-01-07T09:00:00-06:00"]);
        assert_eq!(at.from, Some(utc("2030-01-07T15:00:00Z")));
        let minute = bounds(&["2030-01-07T09:00-06:00"]);
        assert_eq!(minute.from, Some(utc("2030-01-07T15:00:00Z")));
        assert_eq!(minute.before, Some(utc("2030-01-07T15:01:00Z")));
        let second = bounds(&["gt2030-01-07T09:00:00Z"]);
        assert_eq!(second.from, Some(utc("2030-01-07T09:00:01Z")));
    }

    #[test]
    fn several_values_must_all_hold() {
        let narrowed = bounds(&[
            "ge2030-01-01",
            "ge2030-01-05",
            "lt2030-02-01",
            "lt2030-01-20",
        ]);
        assert_eq!(narrowed.from, Some(utc("2030-01-05T00:00:00Z")));
        assert_eq!(narrowed.before, Some(utc("2030-01-20T00:00:00Z")));
        assert!(bounds(&["ge2030-02-01", "lt2030-01-01"]).is_empty());
    }

    #[test]
    fn days_of_a_date_of_birth_search() {
        assert_eq!(
            bounds(&["1990-04-01"]).days(),
            (
                NaiveDate::from_ymd_opt(1990, 4, 1),
                NaiveDate::from_ymd_opt(1990, 4, 2)
            )
        );
    }

    #[test]
    fn unsupported_prefixes_and_malformed_values_are_refused_in_words() {
        for bad in [
            "ne2030-01-01",
            "sa2030",
            "2030-13-01",
            "tomorrow",
            "2030-01-07T09",
            "",
        ] {
            let error = DateBounds::default().narrow(bad).unwrap_err();
            assert!(!error.is_empty(), "{bad}");
        }
    }
}
