//! The repeat rule of a series of visits: a small, strict subset of RFC 5545's RRULE, and its
//! expansion into the start times of the occurrences, on the office's wall clock.
//!
//! Supported: `FREQ=DAILY|WEEKLY`, `INTERVAL=n` (every n days or weeks), `BYDAY=MO,WE,…`
//! (weekly only), and exactly one of `COUNT=n` or `UNTIL=date`. Anything else (monthly rules,
//! `BYMONTH`, `BYSETPOS`, an endless rule) is refused as a field error naming the part, so a
//! rule is never half-understood. A series has at most [`MAX_OCCURRENCES`] visits.

use std::collections::BTreeSet;
use std::fmt;

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, Utc, Weekday};

use crate::error::{ValidationError, ValidationErrors};
use crate::values::OfficeZone;

/// The most occurrences one series may have: a year of weekly visits.
pub const MAX_OCCURRENCES: u32 = 52;

/// The largest `INTERVAL`.
pub const MAX_INTERVAL: u32 = 52;

/// The longest rule text accepted.
pub const MAX_RULE_CHARS: usize = 200;

/// How often a series repeats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Frequency {
    Daily,
    Weekly,
}

/// Where a series ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SeriesEnd {
    /// After this many occurrences (the first included).
    Count(u32),
    /// On this local date at the latest (inclusive), at the office.
    Until(NaiveDate),
}

/// A parsed, valid repeat rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecurrenceRule {
    frequency: Frequency,
    interval: u32,
    /// The weekdays of a weekly rule, Monday first; empty means the first visit's weekday.
    by_day: Vec<Weekday>,
    end: SeriesEnd,
}

/// The field every rule error is reported on.
pub const RULE_FIELD: &str = "rrule";

fn rule_error(message: impl Into<String>) -> ValidationErrors {
    ValidationError::new(RULE_FIELD, message).into()
}

impl RecurrenceRule {
    /// A rule from its parts.
    ///
    /// # Errors
    /// A field error on `rrule` for an interval outside 1..=[`MAX_INTERVAL`], weekdays on a
    /// daily rule, or a count outside 1..=[`MAX_OCCURRENCES`].
    pub fn new(
        frequency: Frequency,
        interval: u32,
        by_day: &[Weekday],
        end: SeriesEnd,
    ) -> Result<Self, ValidationErrors> {
        if !(1..=MAX_INTERVAL).contains(&interval) {
            return Err(rule_error(format!(
                "INTERVAL must be between 1 and {MAX_INTERVAL}"
            )));
        }
        if frequency == Frequency::Daily && !by_day.is_empty() {
            return Err(rule_error(
                "BYDAY is only supported with FREQ=WEEKLY; for weekdays only, repeat weekly on MO,TU,WE,TH,FR",
            ));
        }
        if let SeriesEnd::Count(count) = end
            && !(1..=MAX_OCCURRENCES).contains(&count)
        {
            return Err(rule_error(format!(
                "COUNT must be between 1 and {MAX_OCCURRENCES}"
            )));
        }
        let days: BTreeSet<u32> = by_day.iter().map(Weekday::num_days_from_monday).collect();
        let by_day = days
            .into_iter()
            .filter_map(|d| Weekday::try_from(u8::try_from(d).ok()?).ok())
            .collect();
        Ok(Self {
            frequency,
            interval,
            by_day,
            end,
        })
    }

    /// Parses an RRULE such as `FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH;COUNT=10` (an `RRULE:`
    /// prefix is allowed; names are case-insensitive). `UNTIL` is a date (`20300630`) or a UTC
    /// date-time (`20300630T235959Z`), read as that date at the office.
    ///
    /// # Errors
    /// A field error on `rrule` naming what is wrong: an unknown or unsupported part, a part
    /// given twice, a bad value, no `FREQ`, both or neither of `COUNT` and `UNTIL`.
    pub fn parse(text: &str, zone: OfficeZone) -> Result<Self, ValidationErrors> {
        let text = text.trim();
        if text.is_empty() {
            return Err(rule_error("is required"));
        }
        if text.chars().count() > MAX_RULE_CHARS {
            return Err(rule_error(format!(
                "must be at most {MAX_RULE_CHARS} characters"
            )));
        }
        let body = strip_prefix_ignore_case(text, "RRULE:").unwrap_or(text);
        let mut frequency = None;
        let mut interval = None;
        let mut by_day = None;
        let mut count = None;
        let mut until = None;
        for part in body.split(';').filter(|p| !p.is_empty()) {
            let Some((name, value)) = part.split_once('=') else {
                return Err(rule_error(format!("\"{part}\" is not NAME=VALUE")));
            };
            let name = name.trim().to_ascii_uppercase();
            let value = value.trim();
            let slot_taken = match name.as_str() {
                "FREQ" => frequency.replace(parse_frequency(value)?).is_some(),
                "INTERVAL" => interval.replace(parse_number("INTERVAL", value)?).is_some(),
                "BYDAY" => by_day.replace(parse_days(value)?).is_some(),
                "COUNT" => count.replace(parse_number("COUNT", value)?).is_some(),
                "UNTIL" => until.replace(parse_until(value, zone)?).is_some(),
                "WKST" if value.eq_ignore_ascii_case("MO") => false,
                "BYMONTH" | "BYMONTHDAY" | "BYYEARDAY" | "BYWEEKNO" | "BYSETPOS" | "BYHOUR"
                | "BYMINUTE" | "BYSECOND" | "WKST" => {
                    return Err(rule_error(format!(
                        "{name} is not supported: a series repeats daily or weekly on chosen weekdays"
                    )));
                }
                _ => return Err(rule_error(format!("{name} is not a rule part"))),
            };
            if slot_taken {
                return Err(rule_error(format!("{name} is given twice")));
            }
        }
        let frequency = frequency.ok_or_else(|| rule_error("FREQ is required"))?;
        let end = match (count, until) {
            (Some(count), None) => SeriesEnd::Count(count),
            (None, Some(until)) => SeriesEnd::Until(until),
            (Some(_), Some(_)) => return Err(rule_error("give COUNT or UNTIL, not both")),
            (None, None) => {
                return Err(rule_error(
                    "a series needs an end: COUNT (how many visits) or UNTIL (the last date)",
                ));
            }
        };
        Self::new(
            frequency,
            interval.unwrap_or(1),
            &by_day.unwrap_or_default(),
            end,
        )
    }

    #[must_use]
    pub fn frequency(&self) -> Frequency {
        self.frequency
    }

    #[must_use]
    pub fn interval(&self) -> u32 {
        self.interval
    }

    #[must_use]
    pub fn by_day(&self) -> &[Weekday] {
        &self.by_day
    }

    #[must_use]
    pub fn end(&self) -> SeriesEnd {
        self.end
    }

    /// The start times of every occurrence of a series whose first visit starts at `first`,
    /// on the office's wall clock: a 09:00 visit stays at 09:00 local across a change of
    /// daylight-saving time. A local time that does not exist on some day (skipped when the
    /// clocks go forward) is read with the offset before the gap, as RFC 5545 says (02:30
    /// becomes 03:30); a repeated one takes the earlier instant.
    ///
    /// # Errors
    /// A field error on `rrule` when the rule yields more than [`MAX_OCCURRENCES`] visits,
    /// when `UNTIL` lies before the first visit, and on `starts_at` when a weekly rule's
    /// weekdays do not include the first visit's.
    pub fn expand(
        &self,
        first: DateTime<Utc>,
        zone: OfficeZone,
    ) -> Result<Vec<DateTime<Utc>>, ValidationErrors> {
        let local_first = zone.wall_clock(first);
        let first_date = local_first.date();
        let time = local_first.time();
        if let SeriesEnd::Until(until) = self.end
            && until < first_date
        {
            return Err(rule_error("UNTIL must not be before the first visit"));
        }
        if !self.by_day.is_empty() && !self.by_day.contains(&first_date.weekday()) {
            return Err(ValidationError::new(
                "starts_at",
                "the first visit must fall on one of the repeat days",
            )
            .into());
        }
        let dates = self.dates(first_date)?;
        Ok(dates
            .into_iter()
            .map(|date| at_local(zone, date.and_time(time)))
            .collect())
    }

    /// The local dates of the occurrences, from the first.
    fn dates(&self, first: NaiveDate) -> Result<Vec<NaiveDate>, ValidationErrors> {
        let limit = match self.end {
            SeriesEnd::Count(count) => count,
            SeriesEnd::Until(_) => MAX_OCCURRENCES,
        };
        let within = |date: NaiveDate| match self.end {
            SeriesEnd::Count(_) => true,
            SeriesEnd::Until(until) => date <= until,
        };
        let step = i64::from(self.interval);
        let mut dates = Vec::new();
        let mut period: i64 = 0;
        loop {
            let candidates: Vec<NaiveDate> = match self.frequency {
                Frequency::Daily => vec![first + Duration::days(period * step)],
                Frequency::Weekly => {
                    let week = week_start(first) + Duration::weeks(period * step);
                    let days: Vec<Weekday> = if self.by_day.is_empty() {
                        vec![first.weekday()]
                    } else {
                        self.by_day.clone()
                    };
                    days.into_iter()
                        .map(|d| week + Duration::days(i64::from(d.num_days_from_monday())))
                        .filter(|d| *d >= first)
                        .collect()
                }
            };
            for date in candidates {
                if !within(date) {
                    return Ok(dates);
                }
                if dates.len() == usize::try_from(limit).unwrap_or(usize::MAX) {
                    if matches!(self.end, SeriesEnd::Until(_)) {
                        return Err(rule_error(format!(
                            "the rule makes more than {MAX_OCCURRENCES} visits; end it sooner"
                        )));
                    }
                    return Ok(dates);
                }
                dates.push(date);
            }
            period += 1;
        }
    }
}

impl RecurrenceRule {
    /// The rule in plain words, for messages: `weekly on Mon, Thu`, `every 2 weeks`.
    #[must_use]
    pub fn describe(&self) -> String {
        let unit = match self.frequency {
            Frequency::Daily => ("daily", "days"),
            Frequency::Weekly => ("weekly", "weeks"),
        };
        let mut words = if self.interval == 1 {
            unit.0.to_owned()
        } else {
            format!("every {} {}", self.interval, unit.1)
        };
        if !self.by_day.is_empty() {
            let days: Vec<String> = self.by_day.iter().map(ToString::to_string).collect();
            words.push_str(&format!(" on {}", days.join(", ")));
        }
        words
    }
}

impl fmt::Display for RecurrenceRule {
    /// The rule as RRULE text, in a canonical order: what is stored and shown.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let frequency = match self.frequency {
            Frequency::Daily => "DAILY",
            Frequency::Weekly => "WEEKLY",
        };
        write!(f, "FREQ={frequency}")?;
        if self.interval != 1 {
            write!(f, ";INTERVAL={}", self.interval)?;
        }
        if !self.by_day.is_empty() {
            let days: Vec<&str> = self.by_day.iter().map(|d| day_code(*d)).collect();
            write!(f, ";BYDAY={}", days.join(","))?;
        }
        match self.end {
            SeriesEnd::Count(count) => write!(f, ";COUNT={count}"),
            SeriesEnd::Until(until) => write!(f, ";UNTIL={}", until.format("%Y%m%d")),
        }
    }
}

/// The Monday of `date`'s week (RFC 5545's default `WKST=MO`).
fn week_start(date: NaiveDate) -> NaiveDate {
    date - Duration::days(i64::from(date.weekday().num_days_from_monday()))
}

/// A local wall-clock time at the office as an instant, by RFC 5545's reading of a time
/// skipped by a daylight-saving change: the offset in force before the gap.
pub(super) fn at_local(zone: OfficeZone, local: NaiveDateTime) -> DateTime<Utc> {
    if let Some(instant) = zone.to_utc(local) {
        return instant;
    }
    // No gap is longer than a few hours: three hours earlier is before it.
    let before = local - Duration::hours(3);
    let instant_before = zone.to_utc(before).unwrap_or_else(|| before.and_utc());
    let offset = before - instant_before.naive_utc();
    (local - offset).and_utc()
}

fn strip_prefix_ignore_case<'t>(text: &'t str, prefix: &str) -> Option<&'t str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &text[prefix.len()..])
}

fn parse_frequency(value: &str) -> Result<Frequency, ValidationErrors> {
    match value.to_ascii_uppercase().as_str() {
        "DAILY" => Ok(Frequency::Daily),
        "WEEKLY" => Ok(Frequency::Weekly),
        "MONTHLY" | "YEARLY" | "HOURLY" | "MINUTELY" | "SECONDLY" => Err(rule_error(format!(
            "FREQ={value} is not supported: a series repeats DAILY or WEEKLY"
        ))),
        _ => Err(rule_error(format!("FREQ={value} is not a frequency"))),
    }
}

fn parse_number(name: &str, value: &str) -> Result<u32, ValidationErrors> {
    if value.is_empty() || !value.bytes().all(|b| b.is_ascii_digit()) {
        return Err(rule_error(format!("{name} must be a whole number")));
    }
    // Too many digits for a u32 is far beyond every bound anyway.
    Ok(value.parse().unwrap_or(u32::MAX))
}

fn parse_days(value: &str) -> Result<Vec<Weekday>, ValidationErrors> {
    let days: Result<Vec<Weekday>, _> = value
        .split(',')
        .map(|code| {
            let code = code.trim().to_ascii_uppercase();
            match code.as_str() {
                "MO" => Ok(Weekday::Mon),
                "TU" => Ok(Weekday::Tue),
                "WE" => Ok(Weekday::Wed),
                "TH" => Ok(Weekday::Thu),
                "FR" => Ok(Weekday::Fri),
                "SA" => Ok(Weekday::Sat),
                "SU" => Ok(Weekday::Sun),
                _ => Err(rule_error(format!(
                    "BYDAY takes weekday codes MO,TU,WE,TH,FR,SA,SU, not \"{code}\""
                ))),
            }
        })
        .collect();
    days
}

fn parse_until(value: &str, zone: OfficeZone) -> Result<NaiveDate, ValidationErrors> {
    let bad =
        || rule_error("UNTIL must be a date (20300630) or a UTC date-time (20300630T235959Z)");
    if value.len() == 8 {
        return NaiveDate::parse_from_str(value, "%Y%m%d").map_err(|_| bad());
    }
    let upper = value.to_ascii_uppercase();
    let stamp = upper.strip_suffix('Z').ok_or_else(bad)?;
    let moment = NaiveDateTime::parse_from_str(stamp, "%Y%m%dT%H%M%S").map_err(|_| bad())?;
    Ok(zone.local_date(moment.and_utc()))
}

fn day_code(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "MO",
        Weekday::Tue => "TU",
        Weekday::Wed => "WE",
        Weekday::Thu => "TH",
        Weekday::Fri => "FR",
        Weekday::Sat => "SA",
        Weekday::Sun => "SU",
    }
}
