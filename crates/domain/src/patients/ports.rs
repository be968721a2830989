//! What the patient use cases need from storage. Every write records its audit rows in the
//! same transaction.

use async_trait::async_trait;

use crate::access::Actor;
use crate::identity::NewPatientAccount;
use crate::pagination::{Page, PageRequest};
use crate::patients::{
    EmergencyContact, Insurance, InsurancePatch, InsuranceTerms, NewEmergencyContact, Patient,
    PatientFilter, PatientPatch,
};
use crate::store::StoreResult;

/// Stores and loads patients' registrations. How an actor relates to a patient is the
/// [`AccessFacts`](crate::access::AccessFacts) port's to say.
#[async_trait]
pub trait PatientRepository: Send + Sync {
    /// One page of the patients in `filter.scope` that match it, ordered by last name, first
    /// name (case-insensitively) and id.
    ///
    /// # Errors
    /// `Unavailable` / `Unexpected` only.
    async fn list(&self, filter: &PatientFilter, page: PageRequest) -> StoreResult<Page<Patient>>;

    /// One patient's profile.
    ///
    /// # Errors
    /// `NotFound { entity: "patient" }`.
    async fn get(&self, patient_id: i32) -> StoreResult<Patient>;

    /// Registers a patient at the front desk: account, patient row and demographics in one
    /// transaction, audited as done by `actor`.
    ///
    /// # Errors
    /// `Conflict { code: "username_taken" | "email_taken" }`.
    async fn register(&self, actor: &Actor, new: NewPatientAccount) -> StoreResult<Patient>;

    /// Changes the patient row and the account's contact data; only the tables that change are
    /// written and audited.
    ///
    /// # Errors
    /// `NotFound`, `Conflict { code: "email_taken" }`.
    async fn update(
        &self,
        actor: &Actor,
        patient_id: i32,
        patch: PatientPatch,
    ) -> StoreResult<Patient>;
}

/// Stores a patient's emergency contacts.
#[async_trait]
pub trait EmergencyContactRepository: Send + Sync {
    /// The contacts, by priority.
    ///
    /// # Errors
    /// `Unavailable` / `Unexpected` only.
    async fn list(&self, patient_id: i32) -> StoreResult<Vec<EmergencyContact>>;

    /// Replaces the whole list (an empty list removes every contact).
    ///
    /// # Errors
    /// `NotFound { entity: "patient" }`.
    async fn replace(
        &self,
        actor: &Actor,
        patient_id: i32,
        contacts: Vec<NewEmergencyContact>,
    ) -> StoreResult<Vec<EmergencyContact>>;
}

/// Stores patients' insurance policies. They are deactivated, never deleted.
#[async_trait]
pub trait InsuranceRepository: Send + Sync {
    /// One page of a patient's policies: active first, then the latest cover first.
    ///
    /// # Errors
    /// `Unavailable` / `Unexpected` only.
    async fn list(&self, patient_id: i32, page: PageRequest) -> StoreResult<Page<Insurance>>;

    /// One policy.
    ///
    /// # Errors
    /// `NotFound { entity: "insurance" }`.
    async fn get(&self, insurance_id: i32) -> StoreResult<Insurance>;

    /// Adds a policy to a patient.
    ///
    /// # Errors
    /// `NotFound { entity: "patient" }`, `Conflict { code: "insurance_exists" }`.
    async fn create(
        &self,
        actor: &Actor,
        patient_id: i32,
        terms: InsuranceTerms,
        is_active: bool,
    ) -> StoreResult<Insurance>;

    /// Changes a policy; the dates are checked against the stored ones under a row lock.
    ///
    /// # Errors
    /// `NotFound`, `Validation` (cover ending before it starts), `Conflict { code:
    /// "insurance_exists" }`.
    async fn update(
        &self,
        actor: &Actor,
        insurance_id: i32,
        patch: InsurancePatch,
    ) -> StoreResult<Insurance>;
}
