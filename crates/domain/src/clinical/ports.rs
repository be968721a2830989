//! The port that stores medical records and prescriptions. Every write runs in one
//! transaction ([`ClinicalTx`]) that locks the facts its rules read and commits the row with its
//! audit rows and notifications; every read of clinical content commits one `read` audit row
//! per record or prescription returned before it is returned.

use async_trait::async_trait;

use super::{
    Allergy, AllergyChange, MedicalRecord, NewAddendum, NewAllergy, NewPrescription, NewProblem,
    Prescription, PrescriptionFilter, Problem, ProblemChange, RecordContent, RecordFilter,
    VisitFacts, chart::ChartLists,
};
use crate::access::{Actor, ClinicalParties, PatientFacts};
use crate::audit::AuditEntryDraft;
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

    /// A patient's allergies and problems (oldest first), prescriptions (newest first, at most
    /// [`super::chart::MAX_CHART_PRESCRIPTIONS`]) and the vitals of their newest record that
    /// has any. Not audited: the use case audits what it shows through
    /// [`ClinicalStore::record_reads`].
    ///
    /// # Errors
    /// `Unavailable` / `Unexpected` only.
    async fn chart_lists(&self, patient_id: i32) -> StoreResult<ChartLists>;

    /// Commits `read` audit rows; returns once they are committed.
    ///
    /// # Errors
    /// `Unavailable` / `Unexpected`: the caller must then not show what it read.
    async fn record_reads(&self, reads: Vec<AuditEntryDraft>) -> StoreResult<()>;
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

    /// Record `record_id` as it is now (locked by [`ClinicalTx::lock_record`]), with its
    /// addenda; not audited (the write that follows is).
    ///
    /// # Errors
    /// `NotFound { entity: "medical_record" }`.
    async fn current_record(&mut self, record_id: i32) -> StoreResult<MedicalRecord>;

    /// Appends an addendum by `actor` (audited as an insert) and sets the record's row to the
    /// new version (audited as an update with the old and the new values).
    ///
    /// # Errors
    /// `NotFound { entity: "medical_record" }`.
    async fn append_addendum(
        &mut self,
        actor: &Actor,
        addendum: &NewAddendum,
    ) -> StoreResult<MedicalRecord>;

    /// Every allergy of the patient, active or not, as the prescription check reads them.
    ///
    /// # Errors
    /// `Unavailable` / `Unexpected` only.
    async fn allergies(&mut self, patient_id: i32) -> StoreResult<Vec<Allergy>>;

    /// Notes an allergy by `actor` at the transaction's time, audited as an insert.
    ///
    /// # Errors
    /// `Unavailable` / `Unexpected` only.
    async fn insert_allergy(&mut self, actor: &Actor, new: &NewAllergy) -> StoreResult<Allergy>;

    /// Locks allergy `allergy_id` and returns it.
    ///
    /// # Errors
    /// `NotFound { entity: "allergy" }`.
    async fn lock_allergy(&mut self, allergy_id: i32) -> StoreResult<Allergy>;

    /// Changes a locked allergy, audited as an update.
    ///
    /// # Errors
    /// `NotFound { entity: "allergy" }`.
    async fn update_allergy(
        &mut self,
        actor: &Actor,
        allergy_id: i32,
        change: &AllergyChange,
    ) -> StoreResult<Allergy>;

    /// Adds a problem by `actor` at the transaction's time, audited as an insert.
    ///
    /// # Errors
    /// `Unavailable` / `Unexpected` only.
    async fn insert_problem(&mut self, actor: &Actor, new: &NewProblem) -> StoreResult<Problem>;

    /// Locks problem `problem_id` and returns it.
    ///
    /// # Errors
    /// `NotFound { entity: "problem" }`.
    async fn lock_problem(&mut self, problem_id: i32) -> StoreResult<Problem>;

    /// Changes a locked problem, audited as an update.
    ///
    /// # Errors
    /// `NotFound { entity: "problem" }`.
    async fn update_problem(
        &mut self,
        actor: &Actor,
        problem_id: i32,
        change: &ProblemChange,
    ) -> StoreResult<Problem>;

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
