//! Bodies of `/appointment-series` and the series actions on an appointment.

use chrono::{DateTime, FixedOffset, NaiveDate, Utc, Weekday};
use clinic_domain::scheduling::AppointmentDuration;
use clinic_domain::scheduling::series::{
    BookedSeries, Frequency, LeftAlone, Occurrence, RepeatRule, SeriesChange, SeriesEnd,
    SeriesPreview, SeriesScope, SeriesView,
};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::Validate;

use crate::error::{ApiError, ApiResult, Problem};
use crate::routes::appointments::dto::AppointmentResponse;
use crate::routes::common::utc;

/// How often a series repeats.
#[derive(Debug, Clone, Copy, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum FrequencyDto {
    Daily,
    Weekly,
}

/// A weekday, as RFC 5545 spells it.
#[derive(Debug, Clone, Copy, Deserialize, ToSchema)]
pub enum WeekdayDto {
    MO,
    TU,
    WE,
    TH,
    FR,
    SA,
    SU,
}

impl From<WeekdayDto> for Weekday {
    fn from(day: WeekdayDto) -> Self {
        match day {
            WeekdayDto::MO => Weekday::Mon,
            WeekdayDto::TU => Weekday::Tue,
            WeekdayDto::WE => Weekday::Wed,
            WeekdayDto::TH => Weekday::Thu,
            WeekdayDto::FR => Weekday::Fri,
            WeekdayDto::SA => Weekday::Sat,
            WeekdayDto::SU => Weekday::Sun,
        }
    }
}

/// The repeat rule as fields (instead of RRULE text).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RepeatBody {
    pub frequency: FrequencyDto,
    /// Every n days or weeks (1 to 52; default 1).
    #[schema(minimum = 1, maximum = 52, example = 1)]
    pub interval: Option<u32>,
    /// Weekly only: the weekdays; the first visit must fall on one of them.
    pub by_day: Option<Vec<WeekdayDto>>,
    /// How many visits (1 to 52); give this or `until`.
    #[schema(minimum = 1, maximum = 52, example = 10)]
    pub count: Option<u32>,
    /// The last possible date at the office (inclusive); give this or `count`.
    pub until: Option<NaiveDate>,
}

/// A series to preview or book.
#[derive(Debug, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct SeriesBody {
    pub patient_id: i32,
    pub doctor_id: i32,
    pub office_id: i32,
    /// The first visit (RFC 3339 with an offset); the others repeat its local time of day at
    /// the office, across daylight-saving changes.
    #[schema(value_type = String, format = DateTime, example = "2030-01-07T09:00:00Z")]
    pub starts_at: DateTime<FixedOffset>,
    /// 5 to 480 minutes.
    #[validate(range(min = AppointmentDuration::MIN_MINUTES, max = AppointmentDuration::MAX_MINUTES))]
    #[schema(minimum = 5, maximum = 480, example = 30)]
    pub duration_minutes: u32,
    #[validate(length(min = 1, max = 1000))]
    #[schema(min_length = 1, max_length = 1000, example = "Physiotherapy")]
    pub reason: Option<String>,
    /// An RFC 5545 RRULE subset: `FREQ=DAILY|WEEKLY`, `INTERVAL`, `BYDAY` (weekly), and
    /// `COUNT` or `UNTIL`; at most 52 visits. Give this or `repeat`.
    #[schema(max_length = 200, example = "FREQ=WEEKLY;BYDAY=MO;COUNT=10")]
    pub rrule: Option<String>,
    /// The same rule as fields. Give this or `rrule`.
    pub repeat: Option<RepeatBody>,
    /// Book nothing unless every visit can be booked (default: book the free ones and report
    /// the others).
    #[serde(default)]
    pub all_or_nothing: bool,
}

impl SeriesBody {
    /// The rule the client gave.
    ///
    /// # Errors
    /// 422 on `rrule` unless exactly one of `rrule` and `repeat` is given, or when `repeat`
    /// names both or neither of `count` and `until`.
    pub fn repeat_rule(&self) -> ApiResult<RepeatRule> {
        match (&self.rrule, &self.repeat) {
            (Some(text), None) => Ok(RepeatRule::Text(text.clone())),
            (None, Some(repeat)) => {
                let end = match (repeat.count, repeat.until) {
                    (Some(count), None) => SeriesEnd::Count(count),
                    (None, Some(until)) => SeriesEnd::Until(until),
                    _ => {
                        return Err(ApiError::invalid_field(
                            "repeat",
                            "give count (how many visits) or until (the last date), one of them",
                        ));
                    }
                };
                Ok(RepeatRule::Parts {
                    frequency: match repeat.frequency {
                        FrequencyDto::Daily => Frequency::Daily,
                        FrequencyDto::Weekly => Frequency::Weekly,
                    },
                    interval: repeat.interval.unwrap_or(1),
                    by_day: repeat
                        .by_day
                        .iter()
                        .flatten()
                        .map(|d| Weekday::from(*d))
                        .collect(),
                    end,
                })
            }
            _ => Err(ApiError::invalid_field(
                "rrule",
                "give the repeat rule as rrule text or as repeat fields, one of them",
            )),
        }
    }
}

/// One visit of a series and whether it can be booked.
#[derive(Debug, Serialize, ToSchema)]
pub struct OccurrenceResponse {
    /// 1 for the first visit.
    pub number: u32,
    #[serde(serialize_with = "utc")]
    pub starts_at: DateTime<Utc>,
    #[serde(serialize_with = "utc")]
    pub ends_at: DateTime<Utc>,
    /// Whether the booking rules let it be booked.
    pub free: bool,
    /// Why not, as the single booking would answer (`appointment_conflict` with the visible
    /// conflicting ids, `validation_failed` outside working hours…).
    pub problem: Option<Problem>,
}

impl From<Occurrence> for OccurrenceResponse {
    fn from(o: Occurrence) -> Self {
        Self {
            number: o.number,
            starts_at: o.range.start(),
            ends_at: o.range.end(),
            free: o.refusal.is_none(),
            problem: o.refusal.map(|r| ApiError::from(r).problem()),
        }
    }
}

/// What a series would book.
#[derive(Debug, Serialize, ToSchema)]
pub struct SeriesPreviewResponse {
    /// The rule as it will be stored.
    #[schema(example = "FREQ=WEEKLY;BYDAY=MO;COUNT=10")]
    pub rrule: String,
    /// The rule in words.
    #[schema(example = "weekly on Mon")]
    pub description: String,
    /// The office's time zone, where the visits repeat.
    pub time_zone: String,
    pub occurrences: Vec<OccurrenceResponse>,
}

impl From<SeriesPreview> for SeriesPreviewResponse {
    fn from(p: SeriesPreview) -> Self {
        Self {
            rrule: p.rule.to_string(),
            description: p.rule.describe(),
            time_zone: p.time_zone,
            occurrences: p.occurrences.into_iter().map(Into::into).collect(),
        }
    }
}

/// A series of recurring visits.
#[derive(Debug, Serialize, ToSchema)]
pub struct SeriesResponse {
    pub id: i32,
    pub patient_id: i32,
    pub doctor_id: i32,
    pub office_id: i32,
    #[schema(example = "FREQ=WEEKLY;BYDAY=MO;COUNT=10")]
    pub rrule: String,
    /// The first visit asked for.
    #[serde(serialize_with = "utc")]
    pub first_starts_at: DateTime<Utc>,
    pub duration_minutes: i32,
    pub reason: Option<String>,
    /// The office's time zone, where the visits repeat.
    pub time_zone: String,
    /// The user who booked it.
    pub created_by: i32,
    #[serde(serialize_with = "utc")]
    pub created_at: DateTime<Utc>,
    /// Every visit of the series, by start (cancelled ones included).
    pub occurrences: Vec<AppointmentResponse>,
}

impl From<SeriesView> for SeriesResponse {
    fn from(v: SeriesView) -> Self {
        let s = v.series;
        Self {
            id: s.series_id,
            patient_id: s.patient_id,
            doctor_id: s.doctor_id,
            office_id: s.office_id,
            rrule: s.rule,
            first_starts_at: s.first_starts_at,
            duration_minutes: s.duration_minutes,
            reason: s.reason,
            time_zone: v.time_zone,
            created_by: s.created_by,
            created_at: s.created_at,
            occurrences: v.occurrences.into_iter().map(Into::into).collect(),
        }
    }
}

/// A booked series: the visits booked and those skipped.
#[derive(Debug, Serialize, ToSchema)]
pub struct SeriesBookedResponse {
    pub series: SeriesResponse,
    /// The visits that could not be booked, each with its reason.
    pub skipped: Vec<OccurrenceResponse>,
}

impl From<BookedSeries> for SeriesBookedResponse {
    fn from(b: BookedSeries) -> Self {
        Self {
            series: SeriesView {
                series: b.series,
                time_zone: b.time_zone,
                occurrences: b.booked,
            }
            .into(),
            skipped: b.skipped.into_iter().map(Into::into).collect(),
        }
    }
}

/// Which visits of a series a change applies to.
#[derive(Debug, Clone, Copy, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ScopeDto {
    This,
    ThisAndFollowing,
    WholeSeries,
}

impl From<ScopeDto> for SeriesScope {
    fn from(scope: ScopeDto) -> Self {
        match scope {
            ScopeDto::This => Self::This,
            ScopeDto::ThisAndFollowing => Self::ThisAndFollowing,
            ScopeDto::WholeSeries => Self::WholeSeries,
        }
    }
}

/// Cancelling visits of a series.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SeriesCancelBody {
    pub scope: ScopeDto,
    /// Why (1 to 1000 characters); required of staff and doctors when a visit in scope lies
    /// within the late-cancellation window.
    #[schema(
        min_length = 1,
        max_length = 1000,
        example = "Course of treatment finished"
    )]
    pub reason: Option<String>,
}

/// Moving visits of a series, or changing their length or reason.
#[derive(Debug, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct SeriesEditBody {
    pub scope: ScopeDto,
    /// The chosen visit's new start; the other visits in scope move by the same wall-clock
    /// shift at the office.
    #[schema(value_type = Option<String>, format = DateTime)]
    pub starts_at: Option<DateTime<FixedOffset>>,
    #[validate(range(min = AppointmentDuration::MIN_MINUTES, max = AppointmentDuration::MAX_MINUTES))]
    #[schema(minimum = 5, maximum = 480)]
    pub duration_minutes: Option<u32>,
    /// `null` clears the reason.
    #[serde(default, deserialize_with = "crate::routes::common::nullable")]
    #[schema(value_type = Option<String>, max_length = 1000)]
    pub reason: Option<Option<String>>,
    /// Change nothing unless every visit in scope can move.
    #[serde(default)]
    pub all_or_nothing: bool,
}

/// A visit in scope that a change left as it was.
#[derive(Debug, Serialize, ToSchema)]
pub struct LeftAloneResponse {
    pub appointment: AppointmentResponse,
    /// Why its new time was refused; `null` when it was past, completed or cancelled.
    pub problem: Option<Problem>,
}

/// What a series change did.
#[derive(Debug, Serialize, ToSchema)]
pub struct SeriesChangeResponse {
    pub series_id: Option<i32>,
    /// The visits changed, as they are now.
    pub changed: Vec<AppointmentResponse>,
    pub left_alone: Vec<LeftAloneResponse>,
}

impl From<SeriesChange> for SeriesChangeResponse {
    fn from(c: SeriesChange) -> Self {
        Self {
            series_id: c.series_id,
            changed: c.changed.into_iter().map(Into::into).collect(),
            left_alone: c
                .left_alone
                .into_iter()
                .map(|l| match l {
                    LeftAlone::Settled(appointment) => LeftAloneResponse {
                        appointment: appointment.into(),
                        problem: None,
                    },
                    LeftAlone::Refused {
                        appointment,
                        occurrence,
                    } => LeftAloneResponse {
                        appointment: appointment.into(),
                        problem: occurrence.refusal.map(|r| ApiError::from(r).problem()),
                    },
                })
                .collect(),
        }
    }
}
