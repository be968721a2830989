//! What the availability use cases read and write.

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::model::{AvailabilityInput, Closure, DoctorRules, ScheduleException, TimeOff};
use super::search::{SearchFacts, SearchFactsQuery};
use crate::scheduling::Appointment;
use crate::store::StoreResult;
use crate::values::TimeRange;

/// What the slot listing reads about one doctor at one office.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SlotListingFacts {
    /// The office's IANA zone name, as stored.
    pub time_zone: String,
    pub input: AvailabilityInput,
    /// The doctor's active appointments (at any office) in the window.
    pub busy: Vec<TimeRange>,
}

/// One doctor working at the office, with their rules there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalendarDoctorFacts {
    pub doctor_id: i32,
    /// "First Last".
    pub name: String,
    pub specialty_name: String,
    pub rules: DoctorRules,
}

/// What the calendar reads about an office over a window.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalendarFacts {
    pub office_name: String,
    /// The office's IANA zone name, as stored.
    pub time_zone: String,
    /// The office's closures touching the window.
    pub closures: Vec<Closure>,
    /// The doctors at the office (just the one asked for, if any), by name.
    pub doctors: Vec<CalendarDoctorFacts>,
    /// Every appointment at the office starting in the window (of the doctor asked for, if
    /// any), cancelled ones included, by start.
    pub appointments: Vec<Appointment>,
}

/// A stored closure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClosureRecord {
    pub closure_id: i32,
    pub office_id: i32,
    pub closure: Closure,
    pub created_at: DateTime<Utc>,
}

/// A stored stretch of time off.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeOffRecord {
    pub time_off_id: i32,
    pub doctor_id: i32,
    pub time_off: TimeOff,
    pub created_at: DateTime<Utc>,
}

/// A stored dated exception.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExceptionRecord {
    pub exception_id: i32,
    pub doctor_id: i32,
    pub office_id: i32,
    pub exception: ScheduleException,
    pub created_at: DateTime<Utc>,
}

/// Where the availability rules live. Every write is audited by the adapter in the write's
/// own transaction.
#[async_trait]
pub trait AvailabilityStore: Send + Sync {
    /// The doctor's rules at the office, the office's closures and the doctor's time off and
    /// active appointments touching `window`.
    ///
    /// # Errors
    /// `NotFound { entity: "doctor" | "office" }`.
    async fn slot_facts(
        &self,
        doctor_id: i32,
        office_id: i32,
        window: &TimeRange,
    ) -> StoreResult<SlotListingFacts>;

    /// The office, its doctors (or the one asked for) with their rules, closures and every
    /// appointment in `window`.
    ///
    /// # Errors
    /// `NotFound { entity: "office" }`.
    async fn calendar_facts(
        &self,
        office_id: i32,
        doctor_id: Option<i32>,
        window: &TimeRange,
    ) -> StoreResult<CalendarFacts>;

    /// A token of everything [`calendar_facts`](Self::calendar_facts) would read about the
    /// office (and doctor) in `window` that changes during a day: appointments (any change to
    /// one), time off, dated exceptions and closures. Equal tokens mean nothing changed.
    ///
    /// # Errors
    /// `NotFound { entity: "office" }`.
    async fn calendar_version(
        &self,
        office_id: i32,
        doctor_id: Option<i32>,
        window: &TimeRange,
    ) -> StoreResult<String>;

    /// The office's closures, by first day.
    ///
    /// # Errors
    /// `NotFound { entity: "office" }`.
    async fn list_closures(&self, office_id: i32) -> StoreResult<Vec<ClosureRecord>>;

    /// Closes the office, by user `author`.
    ///
    /// # Errors
    /// `NotFound { entity: "office" }`; `Domain(Conflict { closure_overlap })` when it
    /// overlaps another closure of the office.
    async fn add_closure(
        &self,
        author: i32,
        office_id: i32,
        closure: &Closure,
    ) -> StoreResult<ClosureRecord>;

    /// Removes a closure, by user `author`.
    ///
    /// # Errors
    /// `NotFound { entity: "closure" }`.
    async fn remove_closure(&self, author: i32, office_id: i32, closure_id: i32)
    -> StoreResult<()>;

    /// The doctor's time off, by start.
    ///
    /// # Errors
    /// `NotFound { entity: "doctor" }`.
    async fn list_time_off(&self, doctor_id: i32) -> StoreResult<Vec<TimeOffRecord>>;

    /// Records time off, by user `author`.
    ///
    /// # Errors
    /// `NotFound { entity: "doctor" }`; `Domain(Conflict { time_off_overlap })` when it
    /// overlaps the doctor's other time off.
    async fn add_time_off(
        &self,
        author: i32,
        doctor_id: i32,
        time_off: &TimeOff,
    ) -> StoreResult<TimeOffRecord>;

    /// Removes time off, by user `author`.
    ///
    /// # Errors
    /// `NotFound { entity: "time off" }`.
    async fn remove_time_off(
        &self,
        author: i32,
        doctor_id: i32,
        time_off_id: i32,
    ) -> StoreResult<()>;

    /// The doctor's dated exceptions, by date.
    ///
    /// # Errors
    /// `NotFound { entity: "doctor" }`.
    async fn list_exceptions(&self, doctor_id: i32) -> StoreResult<Vec<ExceptionRecord>>;

    /// Records a dated exception, by user `author`.
    ///
    /// # Errors
    /// `NotFound { entity: "doctor" | "office" }`; `Domain(Conflict { day_off_exists })` for a
    /// second day off on one date at one office.
    async fn add_exception(
        &self,
        author: i32,
        doctor_id: i32,
        office_id: i32,
        exception: &ScheduleException,
    ) -> StoreResult<ExceptionRecord>;

    /// Removes a dated exception, by user `author`.
    ///
    /// # Errors
    /// `NotFound { entity: "schedule exception" }`.
    async fn remove_exception(
        &self,
        author: i32,
        doctor_id: i32,
        exception_id: i32,
    ) -> StoreResult<()>;

    /// What a slot search reads: the visit type and the patient asked about (with the
    /// patient's active visits in the window), and every active doctor at an active office
    /// matching the doctor, office and specialty asked for, with their rules there, their
    /// active appointments in the window and, for a patient, where the patient stands with
    /// their referral requirement.
    ///
    /// # Errors
    /// `Unavailable` / `Unexpected` only: what is missing is `None` or left out.
    async fn search_facts(&self, query: &SearchFactsQuery) -> StoreResult<SearchFacts>;
}
