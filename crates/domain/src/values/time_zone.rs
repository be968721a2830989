//! An office's time zone: working hours, visit days and the times in messages are local to it.

use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;

/// An IANA time zone, such as `America/Chicago`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OfficeZone(Tz);

impl OfficeZone {
    /// UTC, the zone of an office whose stored name is unknown (validation keeps such names
    /// out; the fallback only keeps old rows readable).
    pub const UTC: OfficeZone = OfficeZone(Tz::UTC);

    /// The zone named `name`, if it is a known IANA name.
    #[must_use]
    pub fn parse(name: &str) -> Option<Self> {
        name.parse().ok().map(Self)
    }

    /// The zone names an office may choose from, sorted: the tz database's canonical
    /// region/city names (`America/Chicago`) and `UTC`. Older aliases (`US/Central`, `EST5EDT`)
    /// still parse, so stored offices stay valid, but are not offered.
    #[must_use]
    pub fn choices() -> Vec<&'static str> {
        const REGIONS: [&str; 9] = [
            "Africa/",
            "America/",
            "Antarctica/",
            "Asia/",
            "Atlantic/",
            "Australia/",
            "Europe/",
            "Indian/",
            "Pacific/",
        ];
        let mut names: Vec<&'static str> = chrono_tz::TZ_VARIANTS
            .iter()
            .map(|tz| tz.name())
            .filter(|name| REGIONS.iter().any(|region| name.starts_with(region)))
            .chain(std::iter::once("UTC"))
            .collect();
        names.sort_unstable();
        names.dedup();
        names
    }

    /// The zone of a stored office: its name, or UTC when the name is unknown.
    #[must_use]
    pub fn of_office(name: &str) -> Self {
        Self::parse(name).unwrap_or(Self::UTC)
    }

    /// Local wall-clock time to UTC. A time that does not exist (the hour skipped when clocks
    /// go forward) is `None`; an ambiguous one (the hour repeated) takes the earlier.
    #[must_use]
    pub fn to_utc(self, local: NaiveDateTime) -> Option<DateTime<Utc>> {
        self.0
            .from_local_datetime(&local)
            .earliest()
            .map(|t| t.with_timezone(&Utc))
    }

    /// Like [`to_utc`](Self::to_utc), but an ambiguous time takes the later instant (the end
    /// of a block that runs through the repeated hour).
    #[must_use]
    pub fn to_utc_latest(self, local: NaiveDateTime) -> Option<DateTime<Utc>> {
        self.0
            .from_local_datetime(&local)
            .latest()
            .map(|t| t.with_timezone(&Utc))
    }

    /// The calendar day `moment` falls on at the office: a visit's day, "today" at the desk.
    #[must_use]
    pub fn local_date(self, moment: DateTime<Utc>) -> NaiveDate {
        moment.with_timezone(&self.0).date_naive()
    }

    /// How `moment` reads on the office's wall clock, for messages:
    /// `Mon, Jan 7, 2030, 9:00 AM CST`.
    #[must_use]
    pub fn label(self, moment: DateTime<Utc>) -> String {
        moment
            .with_timezone(&self.0)
            .format("%a, %b %-d, %Y, %-I:%M %p %Z")
            .to_string()
    }

    /// The office's wall-clock date and time at `moment` (a waitlist's preferred days and
    /// hours are local).
    #[must_use]
    pub fn wall_clock(self, moment: DateTime<Utc>) -> NaiveDateTime {
        moment.with_timezone(&self.0).naive_local()
    }

    /// The time of day `moment` reads on the office's wall clock, labelled: `9:00 AM CST`.
    #[must_use]
    pub fn clock_time(self, moment: DateTime<Utc>) -> String {
        moment
            .with_timezone(&self.0)
            .format("%-I:%M %p %Z")
            .to_string()
    }
}

/// A calendar day as a person reads it in a message: `Dec 9, 2026`.
#[must_use]
pub fn day_label(day: chrono::NaiveDate) -> String {
    day.format("%b %-d, %Y").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn local(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d)
            .unwrap()
            .and_hms_opt(h, min, 0)
            .unwrap()
    }

    #[test]
    fn local_times_convert_with_daylight_saving() {
        let berlin = OfficeZone::parse("Europe/Berlin").unwrap();
        let winter = berlin.to_utc(local(2030, 1, 7, 9, 0)).unwrap();
        assert_eq!(winter.to_rfc3339(), "2030-01-07T08:00:00+00:00");
        let summer = berlin.to_utc(local(2030, 7, 8, 9, 0)).unwrap();
        assert_eq!(summer.to_rfc3339(), "2030-07-08T07:00:00+00:00");
        // 02:30 on the last Sunday of March does not exist in Berlin.
        assert!(berlin.to_utc(local(2030, 3, 31, 2, 30)).is_none());
    }

    #[test]
    fn an_unknown_name_is_no_zone_and_a_stored_one_falls_back_to_utc() {
        assert_eq!(OfficeZone::parse("Mars/Olympus"), None);
    }

    #[test]
    fn every_offered_zone_parses_and_the_clinics_zones_are_offered() {
        let choices = OfficeZone::choices();
        assert!(choices.iter().all(|name| OfficeZone::parse(name).is_some()));
        for name in ["America/Chicago", "Europe/Berlin", "UTC", "Asia/Kolkata"] {
            assert!(choices.contains(&name), "{name}");
        }
        assert!(!choices.contains(&"US/Central"));
        assert!(choices.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(OfficeZone::of_office("Mars/Olympus"), OfficeZone::UTC);
    }

    #[test]
    fn a_label_reads_the_offices_wall_clock() {
        let chicago = OfficeZone::of_office("America/Chicago");
        let moment = Utc.with_ymd_and_hms(2030, 1, 7, 15, 0, 0).unwrap();
        assert_eq!(chicago.label(moment), "Mon, Jan 7, 2030, 9:00 AM CST");
    }

    #[test]
    fn the_local_date_is_the_offices_calendar_day() {
        let chicago = OfficeZone::of_office("America/Chicago");
        // 05:30 UTC on the 8th is 23:30 on the 7th in Chicago.
        let late_evening = Utc.with_ymd_and_hms(2030, 1, 8, 5, 30, 0).unwrap();
        assert_eq!(
            chicago.local_date(late_evening),
            NaiveDate::from_ymd_opt(2030, 1, 7).unwrap()
        );
        assert_eq!(
            OfficeZone::UTC.local_date(late_evening),
            NaiveDate::from_ymd_opt(2030, 1, 8).unwrap()
        );
    }
}
