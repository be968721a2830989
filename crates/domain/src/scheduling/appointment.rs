//! Appointments as the use cases see them, and the port that stores them.

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::{AppointmentAction, AppointmentDuration, AppointmentStatus, WeeklyHours};
use crate::access::Actor;
use crate::pagination::{Page, PageRequest};
use crate::store::StoreResult;
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
    pub created_by: Option<i32>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub patient_name: String,
    pub doctor_name: String,
    pub office_name: String,
}

/// A booking that passed every rule.
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
}

/// A new time, place or reason for an existing appointment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reschedule {
    pub office_id: i32,
    pub range: TimeRange,
    pub duration: AppointmentDuration,
    /// `None` keeps the reason, `Some(None)` clears it.
    pub reason: Option<Option<String>>,
    pub overbook_reason: Option<String>,
}

/// What the booking rules need to know, read in one go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BookingFacts {
    /// The office's IANA time zone: working hours are local to it.
    pub office_time_zone: String,
    pub office_active: bool,
    pub doctor_works_at_office: bool,
    /// The doctor's weekly hours at that office.
    pub weekly_hours: Vec<WeeklyHours>,
    /// Active, not overbooked appointments of the doctor or the patient overlapping the range.
    pub conflicts: Vec<i32>,
    pub specialty_requires_referral: bool,
    pub doctor_in_care_team: bool,
    pub approved_referral: bool,
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
    /// Restricts a doctor's view: only appointments with this doctor or with patients they
    /// treat. Set by the handler from the actor, never by the client.
    pub visible_to_doctor: Option<i32>,
}

/// Stores appointments. Every write commits with its audit rows and notifications.
#[async_trait]
pub trait AppointmentRepository: Send + Sync {
    /// The facts the booking rules need for `range` at `office_id` with `doctor_id` for
    /// `patient_id`, ignoring appointment `ignore` (the one being rescheduled).
    ///
    /// # Errors
    /// `Validation` naming `doctor_id`, `office_id` or `patient_id` when one does not exist.
    async fn booking_facts(
        &self,
        patient_id: i32,
        doctor_id: i32,
        office_id: i32,
        range: &TimeRange,
        ignore: Option<i32>,
    ) -> StoreResult<BookingFacts>;

    /// Books; notifies the patient and the doctor.
    ///
    /// # Errors
    /// `AppointmentConflict` listing the overlapping appointments when another booking won the
    /// race (the database's exclusion constraints decide).
    async fn book(&self, actor: &Actor, new: NewAppointment) -> StoreResult<Appointment>;

    /// One appointment.
    ///
    /// # Errors
    /// `NotFound { entity: "appointment" }`.
    async fn get(&self, appointment_id: i32) -> StoreResult<Appointment>;

    /// One page of appointments, by start time.
    ///
    /// # Errors
    /// `Unavailable` / `Unexpected` only.
    async fn list(
        &self,
        filter: &AppointmentFilter,
        page: PageRequest,
    ) -> StoreResult<Page<Appointment>>;

    /// Moves an appointment that is still scheduled or confirmed; notifies both parties.
    ///
    /// # Errors
    /// `NotFound`, `InvalidTransition` when it is no longer reschedulable, `AppointmentConflict`.
    async fn reschedule(
        &self,
        actor: &Actor,
        appointment_id: i32,
        change: Reschedule,
    ) -> StoreResult<Appointment>;

    /// Moves the appointment through its status machine at `now`. Completing it issues its bill
    /// in the same transaction; cancelling notifies both parties.
    ///
    /// # Errors
    /// `NotFound`, `InvalidTransition`, `Conflict { code: "appointment_not_started" }`.
    async fn act(
        &self,
        actor: &Actor,
        appointment_id: i32,
        action: AppointmentAction,
        now: DateTime<Utc>,
    ) -> StoreResult<Appointment>;

    /// The doctor's weekly hours at an office and their busy ranges within `window`.
    ///
    /// # Errors
    /// `NotFound { entity: "doctor" | "office" }`.
    async fn availability_facts(
        &self,
        doctor_id: i32,
        office_id: i32,
        window: &TimeRange,
    ) -> StoreResult<(String, Vec<WeeklyHours>, Vec<TimeRange>)>;
}
