//! The ports that store medical records and prescriptions. Every write commits with its audit
//! rows and notifications; every read of clinical content commits with one `read` audit row
//! per record returned.

use async_trait::async_trait;

use super::{
    ClinicalParties, MedicalRecord, NewPrescription, Prescription, PrescriptionFilter,
    RecordAmendment, RecordContent, RecordFilter,
};
use crate::access::Actor;
use crate::pagination::{Page, PageRequest};
use crate::store::StoreResult;

/// Stores medical records.
#[async_trait]
pub trait MedicalRecordRepository: Send + Sync {
    /// The patient and doctor of a record, for the access check before reading or writing it.
    /// Reads no clinical content, so it is not audited.
    ///
    /// # Errors
    /// `NotFound { entity: "medical_record" }`.
    async fn parties(&self, record_id: i32) -> StoreResult<ClinicalParties>;

    /// Writes a record of appointment `appointment_id`; its patient and doctor are the
    /// appointment's. The appointment is locked and its status checked in the same
    /// transaction. Notifies the patient.
    ///
    /// # Errors
    /// `NotFound { entity: "appointment" }`; `Conflict { code: "visit_not_in_progress" }` unless
    /// the appointment is checked in or completed.
    async fn create(
        &self,
        actor: &Actor,
        appointment_id: i32,
        content: RecordContent,
    ) -> StoreResult<MedicalRecord>;

    /// Amends a record, keeping the old values in the audit log (`update`, old and new).
    /// Notifies the patient.
    ///
    /// # Errors
    /// `NotFound { entity: "medical_record" }`.
    async fn amend(
        &self,
        actor: &Actor,
        record_id: i32,
        amendment: RecordAmendment,
    ) -> StoreResult<MedicalRecord>;

    /// One record, audited as read by `actor`.
    ///
    /// # Errors
    /// `NotFound { entity: "medical_record" }`.
    async fn read(&self, actor: &Actor, record_id: i32) -> StoreResult<MedicalRecord>;

    /// One page of a patient's records (of one visit, if the filter says so), newest first;
    /// each record returned is audited as read by `actor` in the same transaction.
    ///
    /// # Errors
    /// `Unavailable` / `Unexpected` only.
    async fn list(
        &self,
        actor: &Actor,
        filter: RecordFilter,
        page: PageRequest,
    ) -> StoreResult<Page<MedicalRecord>>;
}

/// Stores prescriptions.
#[async_trait]
pub trait PrescriptionRepository: Send + Sync {
    /// The patient and doctor of a prescription's record, for the access check. Not audited.
    ///
    /// # Errors
    /// `NotFound { entity: "prescription" }`.
    async fn parties(&self, prescription_id: i32) -> StoreResult<ClinicalParties>;

    /// Issues a prescription on a record; notifies the patient.
    ///
    /// # Errors
    /// `NotFound { entity: "medical_record" }`.
    async fn create(&self, actor: &Actor, new: NewPrescription) -> StoreResult<Prescription>;

    /// One prescription, audited as read by `actor`.
    ///
    /// # Errors
    /// `NotFound { entity: "prescription" }`.
    async fn read(&self, actor: &Actor, prescription_id: i32) -> StoreResult<Prescription>;

    /// One page of a patient's prescriptions, newest first; each one returned is audited as
    /// read by `actor` in the same transaction.
    ///
    /// # Errors
    /// `Unavailable` / `Unexpected` only.
    async fn list(
        &self,
        actor: &Actor,
        filter: PrescriptionFilter,
        page: PageRequest,
    ) -> StoreResult<Page<Prescription>>;
}
