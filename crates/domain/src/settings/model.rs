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
    reminder_offsets: ReminderOffsets,
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
    /// `booking_horizon_days` 1 to 730, `max_future_appointments` 1 to 100, and the reminder
    /// offsets' bounds ([`ReminderOffsets::parse`]); without offsets, the default ones.
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
        let reminders = match &input.reminder_offsets_minutes {
            None => Some(ReminderOffsets::default()),
            Some(minutes) => match ReminderOffsets::parse(minutes) {
                Ok(offsets) => Some(offsets),
                Err(error) => {
                    errors.push(error);
                    None
                }
            },
        };
        match (late, horizon, cap, reminders) {
            (Some(late), Some(horizon), Some(cap), Some(reminders)) => Ok(Self {
                late_cancellation_hours: late,
                booking_horizon_days: horizon,
                max_future_appointments: cap,
                reminder_offsets: reminders,
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

    /// How long before a visit its reminders are sent.
    #[must_use]
    pub fn reminder_offsets(&self) -> ReminderOffsets {
        self.reminder_offsets
    }
}

impl Default for ClinicSettings {
    /// A day's notice to cancel, half a year ahead, five visits at a time.
    fn default() -> Self {
        Self {
            late_cancellation_hours: 24,
            booking_horizon_days: 180,
            max_future_appointments: 5,
            reminder_offsets: ReminderOffsets::default(),
        }
    }
}

/// How long before a visit its reminders go out: at most [`ReminderOffsets::MAX`] distinct
/// offsets, longest first, each from [`ReminderOffsets::MIN_MINUTES`] to
/// [`ReminderOffsets::MAX_MINUTES`]. None at all turns reminders off. Kept in a fixed array so
/// the settings stay `Copy` (every scheduling transaction reads them).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReminderOffsets {
    minutes: [u32; ReminderOffsets::MAX],
    len: usize,
}

impl ReminderOffsets {
    /// The most reminders per visit.
    pub const MAX: usize = 3;
    /// The shortest offset: a quarter of an hour.
    pub const MIN_MINUTES: u32 = 15;
    /// The longest offset: a week.
    pub const MAX_MINUTES: u32 = 7 * 24 * 60;

    /// Offsets in minutes, in any order, as a client or the database sent them.
    ///
    /// # Errors
    /// One [`ValidationError`] on `reminder_offsets_minutes` for more than [`Self::MAX`]
    /// offsets, an offset out of bounds, or the same offset twice.
    pub fn parse(minutes: &[i64]) -> Result<Self, ValidationError> {
        let field = "reminder_offsets_minutes";
        if minutes.len() > Self::MAX {
            return Err(ValidationError::new(
                field,
                format!("at most {} reminders", Self::MAX),
            ));
        }
        let mut sorted = Vec::with_capacity(minutes.len());
        for &value in minutes {
            match u32::try_from(value) {
                Ok(v) if (Self::MIN_MINUTES..=Self::MAX_MINUTES).contains(&v) => sorted.push(v),
                _ => {
                    return Err(ValidationError::new(
                        field,
                        format!(
                            "each must be between {} and {} minutes",
                            Self::MIN_MINUTES,
                            Self::MAX_MINUTES
                        ),
                    ));
                }
            }
        }
        sorted.sort_unstable_by(|a, b| b.cmp(a));
        if sorted.windows(2).any(|pair| pair[0] == pair[1]) {
            return Err(ValidationError::new(
                field,
                "the same offset is given twice",
            ));
        }
        let mut offsets = Self {
            minutes: [0; Self::MAX],
            len: sorted.len(),
        };
        offsets.minutes[..sorted.len()].copy_from_slice(&sorted);
        Ok(offsets)
    }

    /// The offsets in minutes, longest first.
    #[must_use]
    pub fn minutes(&self) -> &[u32] {
        &self.minutes[..self.len]
    }

    /// The offsets as durations, longest first.
    pub fn durations(&self) -> impl Iterator<Item = Duration> + '_ {
        self.minutes()
            .iter()
            .map(|m| Duration::minutes(i64::from(*m)))
    }
}

impl Default for ReminderOffsets {
    /// A day before and two hours before.
    fn default() -> Self {
        Self {
            minutes: [24 * 60, 2 * 60, 0],
            len: 2,
        }
    }
}

/// Settings as a client sent them, before their bounds are checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClinicSettingsInput {
    pub late_cancellation_hours: i64,
    pub booking_horizon_days: i64,
    pub max_future_appointments: i64,
    /// The reminder offsets in minutes; `None` keeps the current ones (on an update) or takes
    /// the defaults.
    pub reminder_offsets_minutes: Option<Vec<i64>>,
}

impl From<ClinicSettings> for ClinicSettingsInput {
    fn from(settings: ClinicSettings) -> Self {
        Self {
            late_cancellation_hours: settings.late_cancellation_hours.into(),
            booking_horizon_days: settings.booking_horizon_days.into(),
            max_future_appointments: settings.max_future_appointments.into(),
            reminder_offsets_minutes: Some(
                settings
                    .reminder_offsets
                    .minutes()
                    .iter()
                    .map(|m| i64::from(*m))
                    .collect(),
            ),
        }
    }
}
