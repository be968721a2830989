//! Bodies of the closures, time-off and schedule-exception endpoints.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime, Utc};
use clinic_domain::ValidationError;
use clinic_domain::scheduling::availability::{ClosureRecord, ExceptionRecord, TimeOffRecord};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::routes::common::utc;

/// An office closed over local dates, e.g. a public holiday.
#[derive(Debug, Serialize, ToSchema)]
pub struct ClosureResponse {
    pub id: i32,
    pub office_id: i32,
    /// First closed day, in the office's time zone.
    #[schema(value_type = String, format = Date, example = "2030-12-25")]
    pub first_day: NaiveDate,
    /// Last closed day (included).
    #[schema(value_type = String, format = Date, example = "2030-12-26")]
    pub last_day: NaiveDate,
    #[schema(example = "Christmas")]
    pub label: String,
    #[serde(serialize_with = "utc")]
    pub created_at: DateTime<Utc>,
}

impl From<ClosureRecord> for ClosureResponse {
    fn from(r: ClosureRecord) -> Self {
        Self {
            id: r.closure_id,
            office_id: r.office_id,
            first_day: r.closure.first_day,
            last_day: r.closure.last_day,
            label: r.closure.label,
            created_at: r.created_at,
        }
    }
}

/// A new closure.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ClosureRequest {
    #[schema(value_type = String, format = Date, example = "2030-12-25")]
    pub first_day: NaiveDate,
    /// Included; at most a year after `first_day`.
    #[schema(value_type = String, format = Date, example = "2030-12-26")]
    pub last_day: NaiveDate,
    /// Shown to everyone, patients included.
    #[schema(min_length = 1, max_length = 200, example = "Christmas")]
    pub label: String,
}

/// A stretch of a doctor's time off.
#[derive(Debug, Serialize, ToSchema)]
pub struct TimeOffResponse {
    pub id: i32,
    pub doctor_id: i32,
    #[serde(serialize_with = "utc")]
    pub starts_at: DateTime<Utc>,
    #[serde(serialize_with = "utc")]
    pub ends_at: DateTime<Utc>,
    /// Private: the doctor, staff and admins read it; patients never.
    pub reason: Option<String>,
    #[serde(serialize_with = "utc")]
    pub created_at: DateTime<Utc>,
}

impl From<TimeOffRecord> for TimeOffResponse {
    fn from(r: TimeOffRecord) -> Self {
        Self {
            id: r.time_off_id,
            doctor_id: r.doctor_id,
            starts_at: r.time_off.range.start(),
            ends_at: r.time_off.range.end(),
            reason: r.time_off.reason,
            created_at: r.created_at,
        }
    }
}

/// New time off.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TimeOffRequest {
    /// RFC 3339 with an offset.
    #[schema(value_type = String, format = DateTime, example = "2030-07-01T00:00:00-05:00")]
    pub starts_at: DateTime<FixedOffset>,
    /// After `starts_at`, at most a year later.
    #[schema(value_type = String, format = DateTime, example = "2030-07-15T00:00:00-05:00")]
    pub ends_at: DateTime<FixedOffset>,
    /// Private; never shown to patients.
    #[schema(min_length = 1, max_length = 500, example = "Parental leave")]
    pub reason: Option<String>,
}

/// How an exception changes the day.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum ExceptionKindDto {
    /// Extra hours on top of the day's.
    ExtraHours,
    /// These hours instead of the day's weekly hours.
    ReplacedHours,
    /// No hours that day.
    DayOff,
}

impl ExceptionKindDto {
    /// The domain's name for the kind.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::ExtraHours => "extra_hours",
            Self::ReplacedHours => "replaced_hours",
            Self::DayOff => "day_off",
        }
    }

    fn of(name: &str) -> Self {
        match name {
            "extra_hours" => Self::ExtraHours,
            "replaced_hours" => Self::ReplacedHours,
            _ => Self::DayOff,
        }
    }
}

/// A dated exception to a doctor's weekly hours at an office.
#[derive(Debug, Serialize, ToSchema)]
pub struct ScheduleExceptionResponse {
    pub id: i32,
    pub doctor_id: i32,
    pub office_id: i32,
    /// The office's local date.
    #[schema(value_type = String, format = Date, example = "2030-07-04")]
    pub date: NaiveDate,
    pub kind: ExceptionKindDto,
    /// Local start, `HH:MM`; none for a day off.
    #[schema(example = "09:00")]
    pub start_time: Option<String>,
    /// Local end, `HH:MM`; none for a day off.
    #[schema(example = "13:00")]
    pub end_time: Option<String>,
    pub note: Option<String>,
    #[serde(serialize_with = "utc")]
    pub created_at: DateTime<Utc>,
}

impl From<ExceptionRecord> for ScheduleExceptionResponse {
    fn from(r: ExceptionRecord) -> Self {
        let hours = r.exception.kind.hours();
        Self {
            id: r.exception_id,
            doctor_id: r.doctor_id,
            office_id: r.office_id,
            date: r.exception.date,
            kind: ExceptionKindDto::of(r.exception.kind.as_str()),
            start_time: hours.map(|h| h.start().format("%H:%M").to_string()),
            end_time: hours.map(|h| h.end().format("%H:%M").to_string()),
            note: r.exception.note,
            created_at: r.created_at,
        }
    }
}

/// A new dated exception.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ScheduleExceptionRequest {
    pub office_id: i32,
    #[schema(value_type = String, format = Date, example = "2030-07-04")]
    pub date: NaiveDate,
    pub kind: ExceptionKindDto,
    /// Local `HH:MM`; required for extra or replaced hours, absent for a day off.
    #[schema(pattern = r"^([01]\d|2[0-3]):[0-5]\d$", example = "09:00")]
    pub start_time: Option<String>,
    /// Local `HH:MM`, after `start_time`.
    #[schema(pattern = r"^([01]\d|2[0-3]):[0-5]\d$", example = "13:00")]
    pub end_time: Option<String>,
    #[schema(min_length = 1, max_length = 500)]
    pub note: Option<String>,
}

/// A local `HH:MM` of `field`, if given.
///
/// # Errors
/// A field error for anything else.
pub fn local_time(field: &str, raw: Option<&str>) -> Result<Option<NaiveTime>, ValidationError> {
    raw.map(|text| {
        NaiveTime::parse_from_str(text, "%H:%M")
            .map_err(|_| ValidationError::new(field, "must be a time of day, HH:MM"))
    })
    .transpose()
}
