//! Bodies and queries of `/appointments`.

use chrono::{DateTime, FixedOffset, Utc};
use clinic_domain::scheduling::AppointmentDuration;
use clinic_domain::scheduling::{Appointment, AppointmentStatus};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

use crate::routes::common::utc;

/// Where an appointment is in its life.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum AppointmentStatusDto {
    Scheduled,
    Confirmed,
    CheckedIn,
    Completed,
    Cancelled,
    NoShow,
}

impl From<AppointmentStatus> for AppointmentStatusDto {
    fn from(status: AppointmentStatus) -> Self {
        match status {
            AppointmentStatus::Scheduled => Self::Scheduled,
            AppointmentStatus::Confirmed => Self::Confirmed,
            AppointmentStatus::CheckedIn => Self::CheckedIn,
            AppointmentStatus::Completed => Self::Completed,
            AppointmentStatus::Cancelled => Self::Cancelled,
            AppointmentStatus::NoShow => Self::NoShow,
        }
    }
}

impl From<AppointmentStatusDto> for AppointmentStatus {
    fn from(status: AppointmentStatusDto) -> Self {
        match status {
            AppointmentStatusDto::Scheduled => Self::Scheduled,
            AppointmentStatusDto::Confirmed => Self::Confirmed,
            AppointmentStatusDto::CheckedIn => Self::CheckedIn,
            AppointmentStatusDto::Completed => Self::Completed,
            AppointmentStatusDto::Cancelled => Self::Cancelled,
            AppointmentStatusDto::NoShow => Self::NoShow,
        }
    }
}

/// An appointment.
#[derive(Debug, Serialize, ToSchema)]
pub struct AppointmentResponse {
    pub id: i32,
    pub patient_id: i32,
    #[schema(example = "Alice Smith")]
    pub patient_name: String,
    pub doctor_id: i32,
    #[schema(example = "Greg House")]
    pub doctor_name: String,
    pub office_id: i32,
    #[schema(example = "Main Street Clinic")]
    pub office_name: String,
    /// The office's IANA time zone: show `starts_at`/`ends_at` on this clock, labelled.
    #[schema(example = "America/Chicago")]
    pub office_time_zone: String,
    #[serde(serialize_with = "utc")]
    pub starts_at: DateTime<Utc>,
    #[serde(serialize_with = "utc")]
    pub ends_at: DateTime<Utc>,
    #[schema(example = 30)]
    pub duration_minutes: i32,
    pub reason: Option<String>,
    pub status: AppointmentStatusDto,
    /// Booked over a conflict on purpose by staff.
    pub is_overbooked: bool,
    pub overbook_reason: Option<String>,
    /// Why it was cancelled, when the canceller said so (always for a late cancellation).
    pub cancellation_reason: Option<String>,
    #[serde(serialize_with = "utc")]
    pub created_at: DateTime<Utc>,
    #[serde(serialize_with = "utc")]
    pub updated_at: DateTime<Utc>,
    /// Booked by the front desk into a closure, time off or a day off on purpose.
    pub outside_availability: bool,
    /// The front desk's reason for booking outside availability.
    pub outside_availability_reason: Option<String>,
    /// The series of recurring visits this appointment belongs to, if any.
    pub series_id: Option<i32>,
}

impl From<Appointment> for AppointmentResponse {
    fn from(a: Appointment) -> Self {
        Self {
            id: a.appointment_id,
            patient_id: a.patient_id,
            patient_name: a.patient_name,
            doctor_id: a.doctor_id,
            doctor_name: a.doctor_name,
            office_id: a.office_id,
            office_name: a.office_name,
            office_time_zone: a.office_time_zone,
            starts_at: a.starts_at,
            ends_at: a.ends_at,
            duration_minutes: a.duration_minutes,
            reason: a.reason,
            status: a.status.into(),
            is_overbooked: a.is_overbooked,
            overbook_reason: a.overbook_reason,
            cancellation_reason: a.cancellation_reason,
            created_at: a.created_at,
            updated_at: a.updated_at,
            outside_availability: a.outside_availability_reason.is_some(),
            outside_availability_reason: a.outside_availability_reason,
            series_id: a.series_id,
        }
    }
}

/// A booking.
#[derive(Debug, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct BookAppointmentRequest {
    /// The patient; a patient booking for themselves may leave it out.
    pub patient_id: Option<i32>,
    pub doctor_id: i32,
    pub office_id: i32,
    /// RFC 3339 with an offset, in the future.
    #[schema(value_type = String, format = DateTime, example = "2030-01-07T09:00:00Z")]
    pub starts_at: DateTime<FixedOffset>,
    /// 5 to 480 minutes.
    #[validate(range(min = AppointmentDuration::MIN_MINUTES, max = AppointmentDuration::MAX_MINUTES))]
    #[schema(minimum = 5, maximum = 480, example = 30)]
    pub duration_minutes: u32,
    #[validate(length(min = 1, max = 1000))]
    #[schema(min_length = 1, max_length = 1000, example = "Persistent cough")]
    pub reason: Option<String>,
    /// Staff only: book over a conflict, or into a closure or the doctor's time off, on
    /// purpose, saying why. The appointment is marked overbooked (over a conflict) or
    /// `outside_availability` (into a closure or time off), and the audit trail records who
    /// did it and why.
    #[validate(length(min = 1, max = 1000))]
    #[schema(min_length = 1, max_length = 1000)]
    pub overbook_reason: Option<String>,
}

/// A cancellation, optionally saying why.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CancelRequest {
    /// Why the visit is cancelled (1 to 1000 characters); required of staff and doctors
    /// within the late-cancellation window or after the start, kept on the appointment and in
    /// the audit trail.
    #[schema(min_length = 1, max_length = 1000, example = "Patient called: flu")]
    pub reason: Option<String>,
}

/// A new time, office, length or reason; omitted fields stay as they are.
#[derive(Debug, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct RescheduleRequest {
    #[schema(value_type = Option<String>, format = DateTime)]
    pub starts_at: Option<DateTime<FixedOffset>>,
    #[validate(range(min = AppointmentDuration::MIN_MINUTES, max = AppointmentDuration::MAX_MINUTES))]
    #[schema(minimum = 5, maximum = 480)]
    pub duration_minutes: Option<u32>,
    pub office_id: Option<i32>,
    /// `null` clears the reason.
    #[serde(default, deserialize_with = "crate::routes::common::nullable")]
    #[schema(value_type = Option<String>, max_length = 1000)]
    pub reason: Option<Option<String>>,
    #[validate(length(min = 1, max = 1000))]
    #[schema(min_length = 1, max_length = 1000)]
    pub overbook_reason: Option<String>,
}

/// Filters of the appointment list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AppointmentQuery {
    pub doctor_id: Option<i32>,
    pub patient_id: Option<i32>,
    pub office_id: Option<i32>,
    pub status: Option<AppointmentStatusDto>,
    /// Appointments ending after this moment (RFC 3339).
    #[param(value_type = Option<String>, format = DateTime)]
    pub from: Option<DateTime<FixedOffset>>,
    /// Appointments starting before this moment (RFC 3339).
    #[param(value_type = Option<String>, format = DateTime)]
    pub to: Option<DateTime<FixedOffset>>,
}
