//! The ports that store and load the directory. Every write records its audit rows in the
//! same transaction as the change.

use async_trait::async_trait;

use crate::access::Actor;
use crate::directory::doctors::DoctorPatch;
use crate::directory::model::{
    Doctor, DoctorFilter, NewDoctor, NewOffice, NewSpecialty, Office, OfficeFilter, OfficePatch,
    OfficeSummary, Specialty, SpecialtyPatch,
};
use crate::directory::schedule::{WeeklySchedule, WorkingHours};
use crate::directory::values::OfficeIds;
use crate::pagination::{Page, PageRequest};
use crate::store::StoreResult;

/// Specialties and their consultation fees.
#[async_trait]
pub trait SpecialtyRepository: Send + Sync {
    /// Every specialty, ordered by name.
    ///
    /// # Errors
    /// `Unavailable` / `Unexpected` only.
    async fn list(&self) -> StoreResult<Vec<Specialty>>;

    /// Creates a specialty.
    ///
    /// # Errors
    /// `Conflict { code: "specialty_exists" }` when the name is taken (case-insensitively).
    async fn create(&self, actor: &Actor, new: NewSpecialty) -> StoreResult<Specialty>;

    /// Changes a specialty.
    ///
    /// # Errors
    /// `NotFound { entity: "specialty" }`, `Conflict { code: "specialty_exists" }`.
    async fn update(
        &self,
        actor: &Actor,
        specialty_id: i32,
        patch: SpecialtyPatch,
    ) -> StoreResult<Specialty>;
}

/// Offices and the services they offer.
#[async_trait]
pub trait OfficeRepository: Send + Sync {
    /// One page of offices, ordered by name.
    ///
    /// # Errors
    /// `Unavailable` / `Unexpected` only.
    async fn list(&self, filter: &OfficeFilter, page: PageRequest) -> StoreResult<Page<Office>>;

    /// One office with its services.
    ///
    /// # Errors
    /// `NotFound { entity: "office" }`.
    async fn get(&self, office_id: i32) -> StoreResult<Office>;

    /// Creates an office and its services in one transaction.
    ///
    /// # Errors
    /// `Conflict { code: "office_exists" }` when the name is taken (case-insensitively).
    async fn create(&self, actor: &Actor, new: NewOffice) -> StoreResult<Office>;

    /// Changes an office; when the patch has services, the office's list is replaced in the
    /// same transaction.
    ///
    /// # Errors
    /// `NotFound { entity: "office" }`, `Conflict { code: "office_exists" }`.
    async fn update(
        &self,
        actor: &Actor,
        office_id: i32,
        patch: OfficePatch,
    ) -> StoreResult<Office>;
}

/// Doctors' profiles, the offices they work at and their weekly working hours.
#[async_trait]
pub trait DoctorRepository: Send + Sync {
    /// One page of doctors, ordered by last name, first name and id.
    ///
    /// # Errors
    /// `Unavailable` / `Unexpected` only.
    async fn list(&self, filter: &DoctorFilter, page: PageRequest) -> StoreResult<Page<Doctor>>;

    /// One doctor with their specialty's name and their offices.
    ///
    /// # Errors
    /// `NotFound { entity: "doctor" }`.
    async fn get(&self, doctor_id: i32) -> StoreResult<Doctor>;

    /// Creates a doctor profile (and its offices) for an existing account. The caller checks
    /// that the account's role is doctor.
    ///
    /// # Errors
    /// `Conflict { code: "user_already_doctor" | "license_number_taken" }`; `Validation` on
    /// `user_id` (no such account), `specialty_id` (no such specialty) or `office_ids[i]`
    /// (no such office).
    async fn create(&self, actor: &Actor, new: NewDoctor) -> StoreResult<Doctor>;

    /// Changes a doctor's profile.
    ///
    /// # Errors
    /// `NotFound { entity: "doctor" }`, `Conflict { code: "license_number_taken" }`,
    /// `Validation` on `specialty_id`.
    async fn update(
        &self,
        actor: &Actor,
        doctor_id: i32,
        patch: DoctorPatch,
    ) -> StoreResult<Doctor>;

    /// The offices a doctor works at, ordered by name.
    ///
    /// # Errors
    /// `NotFound { entity: "doctor" }`.
    async fn offices(&self, doctor_id: i32) -> StoreResult<Vec<OfficeSummary>>;

    /// Replaces the set of offices a doctor works at. Working hours at an office that leaves
    /// the set are deleted with it (by cascade), in the same transaction.
    ///
    /// # Errors
    /// `NotFound { entity: "doctor" }`; `Validation` on `office_ids[i]` (no such office).
    async fn set_offices(
        &self,
        actor: &Actor,
        doctor_id: i32,
        office_ids: OfficeIds,
    ) -> StoreResult<Vec<OfficeSummary>>;

    /// A doctor's weekly working hours, ordered by weekday and start.
    ///
    /// # Errors
    /// `NotFound { entity: "doctor" }`.
    async fn working_hours(&self, doctor_id: i32) -> StoreResult<Vec<WorkingHours>>;

    /// Replaces a doctor's whole week in one transaction.
    ///
    /// # Errors
    /// `NotFound { entity: "doctor" }`; `Validation` on `working_hours` when blocks overlap or
    /// name an office the doctor left in the meantime (the database's exclusion and foreign
    /// key constraints).
    async fn set_working_hours(
        &self,
        actor: &Actor,
        doctor_id: i32,
        schedule: WeeklySchedule,
    ) -> StoreResult<Vec<WorkingHours>>;
}
