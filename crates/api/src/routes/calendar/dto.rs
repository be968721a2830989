//! Bodies of `/calendar`, and the spans the availability screens share.

use chrono::{DateTime, NaiveDate, Utc};
use clinic_domain::scheduling::availability::{
    BlockKind, Blocked, Calendar, CalendarDoctor as DomainDoctor, DayPlan,
};
use clinic_domain::values::TimeRange;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::routes::appointments::dto::AppointmentResponse;
use crate::routes::common::utc;

/// Which office, days and doctor to show.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CalendarQuery {
    pub office_id: i32,
    /// First day, `YYYY-MM-DD`, in the office's time zone.
    #[param(value_type = String, format = Date, example = "2030-01-07")]
    pub from: NaiveDate,
    /// How many days, 1 to 7 (default 1).
    #[param(minimum = 1, maximum = 7)]
    pub days: Option<u32>,
    /// One doctor only (a doctor may ask only for themself, and gets only themself anyway).
    pub doctor_id: Option<i32>,
}

/// A span of time in UTC.
#[derive(Debug, Serialize, ToSchema)]
pub struct TimeSpan {
    #[serde(serialize_with = "utc")]
    pub starts_at: DateTime<Utc>,
    #[serde(serialize_with = "utc")]
    pub ends_at: DateTime<Utc>,
}

impl From<TimeRange> for TimeSpan {
    fn from(range: TimeRange) -> Self {
        Self {
            starts_at: range.start(),
            ends_at: range.end(),
        }
    }
}

/// Why a span is blocked.
#[derive(Debug, Clone, Copy, Serialize, ToSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum BlockKindDto {
    TimeOff,
    Closure,
    DayOff,
}

impl From<BlockKind> for BlockKindDto {
    fn from(kind: BlockKind) -> Self {
        match kind {
            BlockKind::TimeOff => Self::TimeOff,
            BlockKind::Closure => Self::Closure,
            BlockKind::DayOff => Self::DayOff,
        }
    }
}

/// A blocked span of a day: a closure or a day off covers the whole local day.
#[derive(Debug, Serialize, ToSchema)]
pub struct BlockedSpan {
    #[serde(serialize_with = "utc")]
    pub starts_at: DateTime<Utc>,
    #[serde(serialize_with = "utc")]
    pub ends_at: DateTime<Utc>,
    pub kind: BlockKindDto,
    /// The closure's label, the day off's note, or the time off's reason (staff and the
    /// doctor only read the calendar).
    pub label: Option<String>,
}

impl From<Blocked> for BlockedSpan {
    fn from(b: Blocked) -> Self {
        Self {
            starts_at: b.range.start(),
            ends_at: b.range.end(),
            kind: b.kind.into(),
            label: b.label,
        }
    }
}

/// One local day of one doctor.
#[derive(Debug, Serialize, ToSchema)]
pub struct CalendarDay {
    #[schema(value_type = String, format = Date, example = "2030-01-07")]
    pub date: NaiveDate,
    /// Bookable time, sorted and disjoint.
    pub open: Vec<TimeSpan>,
    pub blocked: Vec<BlockedSpan>,
}

impl From<DayPlan> for CalendarDay {
    fn from(plan: DayPlan) -> Self {
        Self {
            date: plan.date,
            open: plan.open.into_iter().map(TimeSpan::from).collect(),
            blocked: plan.blocked.into_iter().map(BlockedSpan::from).collect(),
        }
    }
}

/// One doctor's column (or row of days).
#[derive(Debug, Serialize, ToSchema)]
pub struct CalendarDoctor {
    pub doctor_id: i32,
    #[schema(example = "Greg House")]
    pub name: String,
    #[schema(example = "Internal Medicine")]
    pub specialty_name: String,
    pub days: Vec<CalendarDay>,
}

impl From<DomainDoctor> for CalendarDoctor {
    fn from(d: DomainDoctor) -> Self {
        Self {
            doctor_id: d.doctor_id,
            name: d.name,
            specialty_name: d.specialty_name,
            days: d.days.into_iter().map(CalendarDay::from).collect(),
        }
    }
}

/// An office's calendar.
#[derive(Debug, Serialize, ToSchema)]
pub struct CalendarResponse {
    pub office_id: i32,
    pub office_name: String,
    /// The office's IANA time zone: the days are its local days.
    #[schema(example = "America/Chicago")]
    pub time_zone: String,
    #[schema(value_type = String, format = Date, example = "2030-01-07")]
    pub from: NaiveDate,
    pub days: u32,
    pub doctors: Vec<CalendarDoctor>,
    /// Every appointment of those days at the office (of the doctor asked for), cancelled
    /// ones included, by start: no page cut-off.
    pub appointments: Vec<AppointmentResponse>,
}

impl From<Calendar> for CalendarResponse {
    fn from(c: Calendar) -> Self {
        Self {
            office_id: c.office_id,
            office_name: c.office_name,
            time_zone: c.time_zone,
            from: c.from,
            days: c.days,
            doctors: c.doctors.into_iter().map(CalendarDoctor::from).collect(),
            appointments: c
                .appointments
                .into_iter()
                .map(AppointmentResponse::from)
                .collect(),
        }
    }
}
