//! Office time zones: working hours are written in the office's local time.

use chrono::{DateTime, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;

/// The zone of an office; an unknown name (which validation keeps out) falls back to UTC.
#[must_use]
pub fn zone(name: &str) -> Tz {
    name.parse().unwrap_or(Tz::UTC)
}

/// Local wall-clock time in `tz` to UTC. A time that does not exist (the hour skipped when
/// clocks go forward) is `None`; an ambiguous one (the hour repeated) takes the earlier.
pub fn local_to_utc(tz: Tz) -> impl Fn(NaiveDateTime) -> Option<DateTime<Utc>> {
    move |local| {
        tz.from_local_datetime(&local)
            .earliest()
            .map(|t| t.with_timezone(&Utc))
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;

    #[test]
    fn local_times_convert_with_daylight_saving() {
        let convert = local_to_utc(zone("Europe/Berlin"));
        let winter = NaiveDate::from_ymd_opt(2030, 1, 7)
            .unwrap()
            .and_hms_opt(9, 0, 0)
            .unwrap();
        assert_eq!(
            convert(winter).unwrap().to_rfc3339(),
            "2030-01-07T08:00:00+00:00"
        );
        let summer = NaiveDate::from_ymd_opt(2030, 7, 8)
            .unwrap()
            .and_hms_opt(9, 0, 0)
            .unwrap();
        assert_eq!(
            convert(summer).unwrap().to_rfc3339(),
            "2030-07-08T07:00:00+00:00"
        );
        // 02:30 on the last Sunday of March does not exist in Berlin.
        let skipped = NaiveDate::from_ymd_opt(2030, 3, 31)
            .unwrap()
            .and_hms_opt(2, 30, 0)
            .unwrap();
        assert!(convert(skipped).is_none());
    }
}
