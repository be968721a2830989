//! What the availability engine reads: a doctor's weekly hours at an office, dated exceptions
//! to them, the doctor's time off and the office's closures, all local to the office's zone.

use chrono::{NaiveDate, NaiveTime};

use crate::error::ValidationError;
use crate::scheduling::WeeklyHours;
use crate::values::{OfficeZone, TimeRange};

/// Hours on one local day, `start < end` (a block never crosses midnight).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct LocalHours {
    start: NaiveTime,
    end: NaiveTime,
}

impl LocalHours {
    /// From `start` (included) to `end` (excluded), local wall-clock time.
    ///
    /// # Errors
    /// A [`ValidationError`] on field `end_time` unless `start < end`.
    pub fn new(start: NaiveTime, end: NaiveTime) -> Result<Self, ValidationError> {
        if start < end {
            Ok(Self { start, end })
        } else {
            Err(ValidationError::new(
                "end_time",
                "must be after the start time",
            ))
        }
    }

    #[must_use]
    pub fn start(&self) -> NaiveTime {
        self.start
    }

    #[must_use]
    pub fn end(&self) -> NaiveTime {
        self.end
    }
}

/// How a dated exception changes a doctor's day at an office.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ExceptionKind {
    /// Extra hours on that date, on top of the day's hours (a Saturday clinic).
    ExtraHours(LocalHours),
    /// The day's weekly hours are replaced by these (a shortened or moved day). Several
    /// replacements on one date together make the day's hours.
    ReplacedHours(LocalHours),
    /// No hours at all that date, whatever else says so.
    DayOff,
}

impl ExceptionKind {
    /// The stored name of the kind: `extra_hours`, `replaced_hours`, `day_off`.
    #[must_use]
    pub fn as_str(&self) -> &'static str {
        match self {
            Self::ExtraHours(_) => "extra_hours",
            Self::ReplacedHours(_) => "replaced_hours",
            Self::DayOff => "day_off",
        }
    }

    /// The hours of the exception, if it has any.
    #[must_use]
    pub fn hours(&self) -> Option<LocalHours> {
        match self {
            Self::ExtraHours(h) | Self::ReplacedHours(h) => Some(*h),
            Self::DayOff => None,
        }
    }

    /// The kind named `name` with its hours.
    ///
    /// # Errors
    /// `kind` for an unknown name; `start_time`/`end_time` for hours missing from (or given
    /// to) a day off, or reversed.
    pub fn parse(
        name: &str,
        start: Option<NaiveTime>,
        end: Option<NaiveTime>,
    ) -> Result<Self, ValidationError> {
        let hours = || match (start, end) {
            (Some(start), Some(end)) => LocalHours::new(start, end),
            (None, _) => Err(ValidationError::new("start_time", "is required")),
            (_, None) => Err(ValidationError::new("end_time", "is required")),
        };
        match name {
            "extra_hours" => Ok(Self::ExtraHours(hours()?)),
            "replaced_hours" => Ok(Self::ReplacedHours(hours()?)),
            "day_off" if start.is_none() && end.is_none() => Ok(Self::DayOff),
            "day_off" => Err(ValidationError::new(
                "start_time",
                "a day off has no hours; leave the times out",
            )),
            _ => Err(ValidationError::new(
                "kind",
                "must be extra_hours, replaced_hours or day_off",
            )),
        }
    }
}

/// A dated exception to a doctor's weekly hours at one office.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScheduleException {
    pub date: NaiveDate,
    pub kind: ExceptionKind,
    /// A note shown with the day ("training", "late clinic").
    pub note: Option<String>,
}

/// A doctor away, at every office, over a UTC range. The reason is private: staff and the
/// doctor see it, patients never do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeOff {
    pub range: TimeRange,
    pub reason: Option<String>,
}

/// An office closed from `first_day` to `last_day` (local dates, both included), e.g. a
/// public holiday. Its label is public.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Closure {
    pub first_day: NaiveDate,
    pub last_day: NaiveDate,
    pub label: String,
}

impl Closure {
    /// True if the office is closed on `date`.
    #[must_use]
    pub fn covers(&self, date: NaiveDate) -> bool {
        self.first_day <= date && date <= self.last_day
    }
}

/// Everything the engine reads about one doctor at one office.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AvailabilityInput {
    pub zone: OfficeZone,
    pub weekly_hours: Vec<WeeklyHours>,
    pub exceptions: Vec<ScheduleException>,
    pub time_off: Vec<TimeOff>,
    pub closures: Vec<Closure>,
}

impl AvailabilityInput {
    /// Weekly hours alone, with nothing dated.
    #[must_use]
    pub fn weekly(zone: OfficeZone, weekly_hours: Vec<WeeklyHours>) -> Self {
        Self {
            zone,
            weekly_hours,
            exceptions: Vec::new(),
            time_off: Vec::new(),
            closures: Vec::new(),
        }
    }
}

/// Why a stretch of a day is not open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BlockKind {
    /// The doctor's time off.
    TimeOff,
    /// The office is closed that day.
    Closure,
    /// A dated exception takes the doctor's whole day.
    DayOff,
}

impl BlockKind {
    /// `time_off`, `closure`, `day_off`.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::TimeOff => "time_off",
            Self::Closure => "closure",
            Self::DayOff => "day_off",
        }
    }
}

/// A blocked stretch of a day, clipped to that day. A closure and a day off cover the whole
/// local day; time off covers its own range within the day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Blocked {
    pub range: TimeRange,
    pub kind: BlockKind,
    /// The closure's label, the day off's note, or the time off's private reason (callers
    /// showing a plan to a patient drop it, see [`DayPlan::for_patients`]).
    pub label: Option<String>,
}

/// One local day of a doctor at an office.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayPlan {
    pub date: NaiveDate,
    /// The day's bounds in UTC: local midnight to the next local midnight (23 or 25 hours on
    /// the days clocks change).
    pub day: TimeRange,
    /// Open time in UTC, sorted, disjoint and not touching: hours after exceptions, minus
    /// time off and closures.
    pub open: Vec<TimeRange>,
    /// What blocks the day, in time order.
    pub blocked: Vec<Blocked>,
}

impl DayPlan {
    /// The plan with time-off reasons removed: what a patient may be shown.
    #[must_use]
    pub fn for_patients(mut self) -> Self {
        for block in &mut self.blocked {
            if block.kind == BlockKind::TimeOff {
                block.label = None;
            }
        }
        self
    }
}

/// A doctor's own rules at one office: weekly hours, dated exceptions there, and their time
/// off (which holds at every office).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DoctorRules {
    pub weekly_hours: Vec<WeeklyHours>,
    pub exceptions: Vec<ScheduleException>,
    pub time_off: Vec<TimeOff>,
}

impl DoctorRules {
    /// The engine's input for these rules at an office in `zone` with its `closures`.
    #[must_use]
    pub fn at_office(&self, zone: OfficeZone, closures: &[Closure]) -> AvailabilityInput {
        AvailabilityInput {
            zone,
            weekly_hours: self.weekly_hours.clone(),
            exceptions: self.exceptions.clone(),
            time_off: self.time_off.clone(),
            closures: closures.to_vec(),
        }
    }
}
