//! Appointments as the use cases see them.

use chrono::{DateTime, Utc};

use super::visit_types::VisitTypeLabel;
use super::{AppointmentDuration, AppointmentStatus};
use crate::values::TimeRange;

/// A stored appointment, with the names a schedule shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Appointment {
    pub appointment_id: i32,
    pub patient_id: i32,
    pub doctor_id: i32,
    pub office_id: i32,
    pub starts_at: DateTime<Utc>,
    pub duration_minutes: i32,
    pub ends_at: DateTime<Utc>,
    pub reason: Option<String>,
    pub status: AppointmentStatus,
    pub is_overbooked: bool,
    pub overbook_reason: Option<String>,
    /// Why it was cancelled, when whoever cancelled said so (always for a late cancellation).
    pub cancellation_reason: Option<String>,
    pub created_by: Option<i32>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub patient_name: String,
    pub doctor_name: String,
    pub office_name: String,
    /// The office's IANA time zone ("America/Chicago"): the clock a person reads this visit by.
    pub office_time_zone: String,
    /// Set when the front desk booked it into a closure, time off or a day off on purpose:
    /// their reason.
    pub outside_availability_reason: Option<String>,
    /// The series this appointment is an occurrence of, if any.
    pub series_id: Option<i32>,
    /// The visit type it was booked as, if any (older visits and plain lengths have none).
    pub visit_type: Option<VisitTypeLabel>,
}

/// A booking that passed every rule, as the store writes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAppointment {
    pub patient_id: i32,
    pub doctor_id: i32,
    pub office_id: i32,
    pub range: TimeRange,
    pub duration: AppointmentDuration,
    pub reason: Option<String>,
    /// Set when staff book over a conflict on purpose.
    pub overbook_reason: Option<String>,
    /// Set when the front desk books into a closure or time off on purpose.
    pub outside_availability_reason: Option<String>,
    /// The visit type it is booked as, if any.
    pub visit_type_id: Option<i32>,
}

/// Filters of the appointment list; all optional, combined with AND.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AppointmentFilter {
    pub doctor_id: Option<i32>,
    pub patient_id: Option<i32>,
    pub office_id: Option<i32>,
    pub status: Option<AppointmentStatus>,
    /// Appointments that end after this moment.
    pub from: Option<DateTime<Utc>>,
    /// Appointments that start before this moment.
    pub to: Option<DateTime<Utc>>,
    /// Appointments that start at or after this moment.
    pub starts_from: Option<DateTime<Utc>>,
    /// Only this appointment.
    pub appointment_id: Option<i32>,
    /// Restricts a doctor's view: only appointments with this doctor or with patients they
    /// treat. Set by the handler from the actor, never by the client.
    pub visible_to_doctor: Option<i32>,
}
