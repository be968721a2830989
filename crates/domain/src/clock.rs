//! The current time, as a port, so rules that depend on "now" can be tested at a fixed moment.

use chrono::{DateTime, NaiveDate, Utc};

/// Tells the time.
pub trait Clock: Send + Sync {
    /// The current instant.
    fn now(&self) -> DateTime<Utc>;

    /// Today's date in UTC; bills fall overdue by this date.
    fn today(&self) -> NaiveDate {
        self.now().date_naive()
    }
}

/// The operating system's clock.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// A clock stopped at one instant, for tests in this and other crates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FixedClock(DateTime<Utc>);

impl FixedClock {
    /// A clock that always says `now`.
    pub fn at(now: DateTime<Utc>) -> Self {
        Self(now)
    }
}

impl Clock for FixedClock {
    fn now(&self) -> DateTime<Utc> {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    #[test]
    fn a_fixed_clock_reports_its_instant_and_utc_date() {
        let clock = FixedClock::at(Utc.with_ymd_and_hms(2030, 3, 31, 23, 59, 59).unwrap());
        assert_eq!(clock.today(), NaiveDate::from_ymd_opt(2030, 3, 31).unwrap());
        assert_eq!(clock.now(), clock.now());
    }

    #[test]
    fn the_system_clock_moves_forward() {
        let first = SystemClock.now();
        assert!(SystemClock.now() >= first);
    }
}
