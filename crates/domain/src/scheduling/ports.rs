//! The ports of scheduling: what the use cases read and write, and in which transaction.
//!
//! A use case opens one [`SchedulingTx`], reads the facts its rules depend on through it (the
//! adapter locks them, so they cannot change before the write commits), decides, and writes
//! the decision through the same transaction. Dropping a transaction without
//! [`commit`](SchedulingTx::commit) rolls it back.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use rust_decimal::Decimal;

use super::availability::{Closure, ScheduleException, TimeOff};
use super::visit_types::VisitTypeFacts;
use super::{Appointment, AppointmentFilter, AppointmentStatus, NewAppointment, WeeklyHours};
use crate::access::AppointmentParties;
use crate::messaging::OutboxDraft;
use crate::notification::NotificationDraft;
use crate::pagination::{Page, PageRequest};
use crate::settings::ClinicSettings;
use crate::store::StoreResult;
use crate::values::TimeRange;

/// What a booking or a move asks about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BookingQuery {
    pub patient_id: i32,
    pub doctor_id: i32,
    pub office_id: i32,
    /// The time asked for.
    pub range: TimeRange,
    /// The appointment being moved, which does not conflict with itself.
    pub moving: Option<i32>,
    /// The acting doctor, if any: whether they treat the patient is part of the facts.
    pub actor_doctor_id: Option<i32>,
    /// The clock's time: the patient's appointments starting after it are their future ones.
    pub now: DateTime<Utc>,
}

/// A person named in messages: their account (who is notified) and their name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Party {
    pub user_id: i32,
    /// "First Last".
    pub name: String,
}

/// An office as the booking rules and messages see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OfficeFacts {
    pub name: String,
    /// IANA name; working hours and messages are local to it.
    pub time_zone: String,
    pub active: bool,
}

/// Everything the booking rules and the policy read, locked by the transaction that writes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BookingFacts {
    /// `None` when there is no such patient.
    pub patient: Option<Party>,
    /// The acting doctor treats the patient (by [`treats`](crate::access::treats)).
    pub patient_treated_by_actor: bool,
    /// `None` when there is no such doctor.
    pub doctor: Option<Party>,
    /// `None` when there is no such office.
    pub office: Option<OfficeFacts>,
    pub doctor_works_at_office: bool,
    /// The doctor's weekly hours at the office.
    pub weekly_hours: Vec<WeeklyHours>,
    /// Active, not overbooked appointments of the doctor or the patient overlapping the time.
    pub conflicts: Vec<ConflictingAppointment>,
    pub specialty_requires_referral: bool,
    pub doctor_in_care_team: bool,
    pub approved_referral: bool,
    /// The patient's active appointments starting after `now`, the one being moved aside.
    pub patient_future_active: u32,
    /// The clinic's settings (booking horizon, cap on future appointments).
    pub settings: ClinicSettings,
    /// The doctor's dated exceptions at the office on the dates around the time.
    pub exceptions: Vec<ScheduleException>,
    /// The doctor's time off overlapping the time (reasons included: the rules never tell
    /// them).
    pub time_off: Vec<TimeOff>,
    /// The office's closures on the dates around the time.
    pub closures: Vec<Closure>,
    /// An active visit of the patient with the doctor at the very start asked for (overbooked
    /// or not), the one being moved aside.
    pub identical: Option<i32>,
    /// The doctor's specialty (a visit type of a specialty is booked with its doctors only).
    pub doctor_specialty_id: Option<i32>,
}

/// An active appointment in the way of a booking, with what the policy needs to decide whether
/// the actor may be told about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ConflictingAppointment {
    pub appointment_id: i32,
    pub parties: AppointmentParties,
    /// The acting doctor treats this appointment's patient.
    pub treated_by_actor: bool,
    pub starts_at: DateTime<Utc>,
    /// It is a visit of the patient the booking is for (not only of the doctor).
    pub of_patient: bool,
}

/// An appointment locked for a change, with what the change's rules and messages need.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LockedAppointment {
    pub appointment: Appointment,
    pub patient_user_id: i32,
    pub doctor_user_id: i32,
    /// The office's IANA time zone.
    pub office_time_zone: String,
    /// The acting doctor treats the patient.
    pub treated_by_actor: bool,
    /// The consultation fee of the doctor's specialty: what a completed visit bills.
    pub visit_fee: Decimal,
    /// The clinic's settings (the late-cancellation window).
    pub settings: ClinicSettings,
}

/// A rescheduled appointment's new time, place, reason and overbooking.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MovedAppointment {
    pub appointment_id: i32,
    pub office_id: i32,
    pub range: TimeRange,
    pub duration_minutes: u32,
    pub reason: Option<String>,
    pub overbook_reason: Option<String>,
    /// Set when the front desk moves it into a closure or time off on purpose.
    pub outside_availability_reason: Option<String>,
}

/// The bill a completed visit issues.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VisitBill {
    pub patient_id: i32,
    pub appointment_id: i32,
    pub amount_due: Decimal,
    pub billing_due: chrono::NaiveDate,
}

/// A series of recurring visits as the store writes it: the rule it was booked from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSeries {
    pub patient_id: i32,
    pub doctor_id: i32,
    pub office_id: i32,
    /// The canonical RRULE text.
    pub rule: String,
    pub first_starts_at: DateTime<Utc>,
    pub duration_minutes: u32,
    pub reason: Option<String>,
}

/// A stored series of recurring visits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeriesRecord {
    pub series_id: i32,
    pub patient_id: i32,
    pub doctor_id: i32,
    pub office_id: i32,
    pub rule: String,
    pub first_starts_at: DateTime<Utc>,
    pub duration_minutes: i32,
    pub reason: Option<String>,
    pub created_by: i32,
    pub created_at: DateTime<Utc>,
}

/// A series and its appointments, locked for a change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LockedSeries {
    pub series: SeriesRecord,
    /// The office's IANA time zone: the series repeats on its wall clock.
    pub office_time_zone: String,
    /// The acting doctor treats the series' patient.
    pub treated_by_actor: bool,
    /// Every appointment of the series, by start, cancelled ones included.
    pub occurrences: Vec<LockedAppointment>,
}

/// The row the store wrote: its id and timestamps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Written {
    pub id: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// Where appointments live.
#[async_trait]
pub trait SchedulingStore: Send + Sync {
    /// Opens the transaction a booking, a move or a status change runs in.
    ///
    /// # Errors
    /// `Unavailable` when the database cannot be reached.
    async fn begin(&self) -> StoreResult<Box<dyn SchedulingTx + '_>>;

    /// The active appointments that won a race for `query`'s time (read after the database's
    /// exclusion constraint refused the write).
    ///
    /// # Errors
    /// `Unavailable` / `Unexpected` only.
    async fn conflicts(&self, query: &BookingQuery) -> StoreResult<Vec<ConflictingAppointment>>;

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
}

/// One scheduling transaction. Every write is audited by the adapter in this transaction;
/// notifications are written with it; nothing is visible before [`commit`](Self::commit).
#[async_trait]
pub trait SchedulingTx: Send {
    /// The facts of a booking, locking what the rules depend on (the office, the doctor's
    /// place at it and their hours there) until the transaction ends, with the clinic's
    /// settings.
    ///
    /// # Errors
    /// `Unavailable` / `Unexpected` only: missing rows are `None` in the facts.
    async fn booking_facts(&mut self, query: &BookingQuery) -> StoreResult<BookingFacts>;

    /// Locks an appointment for a change, and reads the clinic's settings with it.
    ///
    /// # Errors
    /// `NotFound { entity: "appointment" }`.
    async fn lock_appointment(
        &mut self,
        appointment_id: i32,
        actor_doctor_id: Option<i32>,
    ) -> StoreResult<LockedAppointment>;

    /// Writes a new appointment, booked by user `author`.
    ///
    /// # Errors
    /// `Domain(AppointmentConflict)` when the exclusion constraints refuse it (another booking
    /// won the race); the transaction is then spoilt.
    async fn insert_appointment(
        &mut self,
        author: i32,
        new: &NewAppointment,
    ) -> StoreResult<Written>;

    /// Moves an appointment, changed by user `author`.
    ///
    /// # Errors
    /// As [`insert_appointment`](Self::insert_appointment).
    async fn move_appointment(
        &mut self,
        author: i32,
        moved: &MovedAppointment,
    ) -> StoreResult<Written>;

    /// Sets an appointment's status, changed by user `author`; a cancellation keeps its
    /// reason, if one was given.
    ///
    /// # Errors
    /// `Unavailable` / `Unexpected` only.
    async fn set_status(
        &mut self,
        author: i32,
        appointment_id: i32,
        status: AppointmentStatus,
        cancellation_reason: Option<&str>,
    ) -> StoreResult<Written>;

    /// Issues a visit's bill, by user `author`; returns the bill's id, or `None` when the
    /// visit has its bill already (the front desk billed it at checkout), leaving that one.
    ///
    /// # Errors
    /// `Unavailable` / `Unexpected` only.
    async fn issue_bill(&mut self, author: i32, bill: &VisitBill) -> StoreResult<Option<i32>>;

    /// Queues notifications to be written with the transaction.
    fn notify(&mut self, notifications: Vec<NotificationDraft>);

    /// Writes the queued notifications and the audit rows, and commits.
    ///
    /// # Errors
    /// `Unavailable` / `Unexpected`; nothing is kept then.
    async fn commit(self: Box<Self>) -> StoreResult<()>;

    /// The waitlist's reads and writes in this transaction (a cancellation's offers, an
    /// accepted offer's booking).
    fn waitlist(&mut self) -> &mut dyn super::waitlist::WaitlistTx;
    /// Queues messages for the outbox, written with the transaction at
    /// [`commit`](Self::commit) (a message already enqueued under the same
    /// [`dedupe_key`](OutboxDraft::dedupe_key) is not enqueued again).
    fn send(&mut self, drafts: Vec<OutboxDraft>);
    /// Writes a series of recurring visits (its rule), created by user `author`.
    ///
    /// # Errors
    /// `Unavailable` / `Unexpected` only.
    async fn insert_series(&mut self, author: i32, series: &NewSeries) -> StoreResult<Written>;

    /// Writes a new appointment as an occurrence of series `series_id`, booked by `author`.
    ///
    /// # Errors
    /// As [`insert_appointment`](Self::insert_appointment).
    async fn insert_occurrence(
        &mut self,
        author: i32,
        series_id: i32,
        new: &NewAppointment,
    ) -> StoreResult<Written>;

    /// A series with every one of its appointments (by start), each locked for a change as by
    /// [`lock_appointment`](Self::lock_appointment).
    ///
    /// # Errors
    /// `NotFound { entity: "series" }`.
    async fn lock_series(
        &mut self,
        series_id: i32,
        actor_doctor_id: Option<i32>,
    ) -> StoreResult<LockedSeries>;

    /// The visit type a booking names, locked `FOR SHARE` (it cannot be changed before the
    /// booking commits); `None` when there is no such visit type.
    ///
    /// # Errors
    /// `Unavailable` / `Unexpected` only.
    async fn visit_type(&mut self, visit_type_id: i32) -> StoreResult<Option<VisitTypeFacts>>;
}
