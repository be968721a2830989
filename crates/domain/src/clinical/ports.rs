//! The port that stores medical records and prescriptions. Every write runs in one
//! transaction ([`ClinicalTx`]) that locks the facts its rules read and commits the row with its
//! audit rows and notifications; every read of clinical content commits one `read` audit row
//! per record or prescription returned before it is returned.

use async_trait::async_trait;

use super::{
    MedicalRecord, NewPrescription, Prescription, PrescriptionFilter, RecordAmendment,
    RecordContent, RecordFilter, VisitFacts,
};
use crate::access::{Actor, ClinicalParties, PatientFacts};
use crate::notification::NotificationDraft;
use crate::pagination::{Page, PageRequest};
use crate::store::StoreResult;

/// Medical records and prescriptions.
#[async_trait]
pub trait ClinicalStore: Send + Sync {
    /// Begins the transaction of one write; dropping it without [`ClinicalTx::commit`] rolls
    /// it back.
    ///
    /// # Errors
    /// `Unavailable` / `Unexpected` only.
    async fn begin(&self) -> StoreResult<Box<dyn ClinicalTx + '_>>;

    /// How `actor` relates to patient `patient_id`, for the access check of a read.
    ///
    /// # Errors
    /// `NotFound { entity: "patient" }` when there is no such patient.
    async fn patient_facts(&self, actor: &Actor, patient_id: i32) -> StoreResult<PatientFacts>;

    /// The patient and doctor of a record, for the access check before reading it. Reads no
    /// clinical content, so it is not audited.
    ///
    /// # Errors
    /// `NotFound { entity: "medical_record" }`.
    async fn record_parties(&self, record_id: i32) -> StoreResult<ClinicalParties>;

    /// The patient and doctor of a prescription's record, for the access check. Not audited.
    ///
    /// # Errors
    /// `NotFound { entity: "prescription" }`.
    async fn prescription_parties(&self, prescription_id: i32) -> StoreResult<ClinicalParties>;

    /// One record, audited as read by `actor`.
    ///
    /// # Errors
    /// `NotFound { entity: "medical_record" }`.
    async fn read_record(&self, actor: &Actor, record_id: i32) -> StoreResult<MedicalRecord>;

    /// One page of a patient's records (of one visit, if the filter says so), newest first;
    /// each record returned is audited as read by `actor`.
    ///
    /// # Errors
    /// `Unavailable` / `Unexpected` only.
    async fn list_records(
        &self,
        actor: &Actor,
        filter: RecordFilter,
        page: PageRequest,
    ) -> StoreResult<Page<MedicalRecord>>;

    /// One prescription, audited as read by `actor`.
    ///
    /// # Errors
    /// `NotFound { entity: "prescription" }`.
    async fn read_prescription(
        &self,
        actor: &Actor,
        prescription_id: i32,
    ) -> StoreResult<Prescription>;

    /// One page of a patient's prescriptions (of one record, if the filter says so), newest
    /// first; each one returned is audited as read by `actor`.
    ///
    /// # Errors
    /// `Unavailable` / `Unexpected` only.
    async fn list_prescriptions(
        &self,
        actor: &Actor,
        filter: PrescriptionFilter,
        page: PageRequest,
    ) -> StoreResult<Page<Prescription>>;
}

/// One clinical write: the facts its rules read, locked, and the writes they allow.
#[async_trait]
pub trait ClinicalTx: Send {
    /// Locks appointment `appointment_id` (`FOR NO KEY UPDATE`: its status cannot change until
    /// this transaction ends) and returns the visit as the rules and the patient's
    /// notification see it, with whether `actor` treats its patient.
    ///
    /// # Errors
    /// `NotFound { entity: "appointment" }`.
    async fn lock_visit(&mut self, actor: &Actor, appointment_id: i32) -> StoreResult<VisitFacts>;

    /// Locks record `record_id` (`FOR NO KEY UPDATE`) and returns the visit it is about; its
    /// parties are the record's.
    ///
    /// # Errors
    /// `NotFound { entity: "medical_record" }`.
    async fn lock_record(&mut self, actor: &Actor, record_id: i32) -> StoreResult<VisitFacts>;

    /// Writes the record of `visit` by `actor`, audited as an insert.
    ///
    /// # Errors
    /// `Unavailable` / `Unexpected` only.
    async fn insert_record(
        &mut self,
        actor: &Actor,
        visit: &VisitFacts,
        content: &RecordContent,
    ) -> StoreResult<MedicalRecord>;

    /// Amends record `record_id`, audited as an update with the old and the new values.
    ///
    /// # Errors
    /// `NotFound { entity: "medical_record" }`.
    async fn amend_record(
        &mut self,
        actor: &Actor,
        record_id: i32,
        amendment: &RecordAmendment,
    ) -> StoreResult<MedicalRecord>;

    /// Issues a prescription, audited as an insert.
    ///
    /// # Errors
    /// `Unavailable` / `Unexpected` only.
    async fn insert_prescription(
        &mut self,
        actor: &Actor,
        new: &NewPrescription,
    ) -> StoreResult<Prescription>;

    /// Queues notifications, written in this transaction.
    ///
    /// # Errors
    /// `Unavailable` / `Unexpected` only.
    async fn notify(&mut self, notifications: Vec<NotificationDraft>) -> StoreResult<()>;

    /// Writes the audit rows and commits everything together.
    ///
    /// # Errors
    /// `Unavailable` / `Unexpected`, or a conflict the database detected at commit.
    async fn commit(self: Box<Self>) -> StoreResult<()>;
}
