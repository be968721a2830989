//! The settings and their bounds.

use chrono::Duration;

use crate::error::{ValidationError, ValidationErrors};

/// The limits the scheduling rules apply, per clinic. The database keeps the same bounds as
/// [`ClinicSettings::parse`] (CHECK constraints) and the defaults of [`Default`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClinicSettings {
    late_cancellation_hours: u32,
    booking_horizon_days: u32,
    max_future_appointments: u32,
}

impl ClinicSettings {
    /// The longest late-cancellation window: a week.
    pub const MAX_LATE_CANCELLATION_HOURS: u32 = 168;
    /// The farthest a horizon may reach: two years.
    pub const MAX_BOOKING_HORIZON_DAYS: u32 = 730;
    /// The highest cap on a patient's future active appointments.
    pub const MAX_FUTURE_APPOINTMENTS: u32 = 100;

    /// Settings within their bounds, every field checked at once.
    ///
    /// # Errors
    /// A [`ValidationError`] per field out of bounds: `late_cancellation_hours` 0 to 168,
    /// `booking_horizon_days` 1 to 730, `max_future_appointments` 1 to 100.
    pub fn parse(input: ClinicSettingsInput) -> Result<Self, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let mut check = |field: &str, value: i64, min: u32, max: u32| match u32::try_from(value) {
            Ok(v) if (min..=max).contains(&v) => Some(v),
            _ => {
                errors.push(ValidationError::new(
                    field,
                    format!("must be between {min} and {max}"),
                ));
                None
            }
        };
        let late = check(
            "late_cancellation_hours",
            input.late_cancellation_hours,
            0,
            Self::MAX_LATE_CANCELLATION_HOURS,
        );
        let horizon = check(
            "booking_horizon_days",
            input.booking_horizon_days,
            1,
            Self::MAX_BOOKING_HORIZON_DAYS,
        );
        let cap = check(
            "max_future_appointments",
            input.max_future_appointments,
            1,
            Self::MAX_FUTURE_APPOINTMENTS,
        );
        match (late, horizon, cap) {
            (Some(late), Some(horizon), Some(cap)) => Ok(Self {
                late_cancellation_hours: late,
                booking_horizon_days: horizon,
                max_future_appointments: cap,
            }),
            _ => Err(errors),
        }
    }

    /// How many hours before the start a patient may no longer cancel or move a visit.
    #[must_use]
    pub fn late_cancellation_hours(&self) -> u32 {
        self.late_cancellation_hours
    }

    /// [`late_cancellation_hours`](Self::late_cancellation_hours) as a duration.
    #[must_use]
    pub fn late_cancellation_window(&self) -> Duration {
        Duration::hours(i64::from(self.late_cancellation_hours))
    }

    /// How many days ahead a patient may book.
    #[must_use]
    pub fn booking_horizon_days(&self) -> u32 {
        self.booking_horizon_days
    }

    /// [`booking_horizon_days`](Self::booking_horizon_days) as a duration.
    #[must_use]
    pub fn booking_horizon(&self) -> Duration {
        Duration::days(i64::from(self.booking_horizon_days))
    }

    /// How many active appointments in the future a patient may hold by booking themselves.
    #[must_use]
    pub fn max_future_appointments(&self) -> u32 {
        self.max_future_appointments
    }
}

impl Default for ClinicSettings {
    /// A day's notice to cancel, half a year ahead, five visits at a time.
    fn default() -> Self {
        Self {
            late_cancellation_hours: 24,
            booking_horizon_days: 180,
            max_future_appointments: 5,
        }
    }
}

/// Settings as a client sent them, before their bounds are checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClinicSettingsInput {
    pub late_cancellation_hours: i64,
    pub booking_horizon_days: i64,
    pub max_future_appointments: i64,
}

impl From<ClinicSettings> for ClinicSettingsInput {
    fn from(settings: ClinicSettings) -> Self {
        Self {
            late_cancellation_hours: settings.late_cancellation_hours.into(),
            booking_horizon_days: settings.booking_horizon_days.into(),
            max_future_appointments: settings.max_future_appointments.into(),
        }
    }
}
