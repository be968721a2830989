//! The clinical use cases: write a record of a visit, amend it, issue a prescription on it, and
//! read records and prescriptions. Each write loads the visit it rests on, locked, in the
//! transaction that writes; the rules (who may, whether the visit took place, what the fields
//! say) are decided here; the port persists the row, its audit rows and the notifications
//! worded here.

use serde_json::Value;

use super::allergy::{allergy_refusal, conflicting};
use super::{
    Allergy, ClinicalStore, MedicalRecord, NewPrescription, Prescription, PrescriptionFilter,
    PrescriptionInput, RecordAmendment, RecordContent, RecordFilter, VisitFacts,
    VisitNotInProgress, ensure_recordable, next_addendum,
};
use crate::access::{
    Action, Actor, Denied, PatientFacts, authorize, clinical_list_scope, may_ever, may_write,
    or_stranger,
};
use crate::error::ValidationErrors;
use crate::notification::{NotificationDraft, NotificationType};
use crate::pagination::{Page, PageRequest};
use crate::store::{StoreError, StoreResult};

/// Most prescriptions one record may be written with.
pub const MAX_PRESCRIPTIONS_PER_RECORD: usize = 20;

/// A record of a visit, as the client wrote it, with the prescriptions issued on it.
#[derive(Debug, Clone, PartialEq)]
pub struct WriteRecord {
    /// The visit; the record's patient and doctor are the appointment's.
    pub appointment_id: i32,
    pub diagnosis: Option<String>,
    pub notes: Option<String>,
    /// The test results as sent (absent or `null`: none), checked entry by entry.
    pub test_results: Option<Value>,
    /// The vital signs as sent (absent or `null`: none).
    pub vitals: Option<Value>,
    /// Prescriptions issued with the record: all of them or, with the record, none.
    pub prescriptions: Vec<PrescriptionInput>,
}

/// Why a record was not written.
#[derive(Debug, thiserror::Error)]
pub enum WriteRecordError {
    /// Not the visit's doctor: another role or a colleague (403), or a doctor who does not
    /// treat the patient (404, as if the appointment did not exist).
    #[error(transparent)]
    Denied(#[from] Denied),
    /// Invalid fields (test results by path, prescriptions as `prescriptions[1].dose`, a
    /// prescription matching an active allergy without an override reason as
    /// `prescriptions[0].allergy_override_reason`), or a record that says nothing.
    #[error("invalid record: {0}")]
    Invalid(ValidationErrors),
    /// The visit has not taken place (yet).
    #[error(transparent)]
    VisitNotInProgress(#[from] VisitNotInProgress),
    /// No such appointment, or storage failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Writes the record of a visit with its prescriptions, in one transaction: all of it or
/// nothing. Only the appointment's doctor, and only once the patient is checked in or the
/// visit completed. Every field error of the record and of every prescription is reported at
/// once. The patient is notified of the record and of each prescription.
///
/// # Errors
/// [`WriteRecordError::Denied`], [`WriteRecordError::Invalid`],
/// [`WriteRecordError::VisitNotInProgress`], and [`WriteRecordError::Store`] with
/// `NotFound { entity: "appointment" }`.
pub async fn write_record(
    actor: &Actor,
    cmd: WriteRecord,
    store: &dyn ClinicalStore,
) -> Result<(MedicalRecord, Vec<Prescription>), WriteRecordError> {
    may_ever(actor, Action::WriteClinical)?;
    let mut tx = store.begin().await?;
    let visit = tx.lock_visit(actor, cmd.appointment_id).await?;
    may_write(actor, visit.parties, visit.patient_facts()).check("appointment")?;
    let mut errors = ValidationErrors::new();
    let content = errors.capture_all(RecordContent::parse(
        cmd.diagnosis.as_deref(),
        cmd.notes.as_deref(),
        cmd.test_results,
        cmd.vitals.as_ref(),
    ));
    let allergies = if cmd.prescriptions.is_empty() {
        Vec::new()
    } else {
        tx.allergies(visit.parties.patient_id).await?
    };
    let prescriptions = if cmd.prescriptions.len() > MAX_PRESCRIPTIONS_PER_RECORD {
        errors.push(crate::error::ValidationError::new(
            "prescriptions",
            format!("must hold at most {MAX_PRESCRIPTIONS_PER_RECORD} prescriptions"),
        ));
        None
    } else {
        let mut parsed = Vec::new();
        for (i, input) in cmd.prescriptions.iter().enumerate() {
            match checked_prescription(input, 0, &allergies) {
                Ok(new) => parsed.push(new),
                Err(e) => errors.extend_prefixed(&format!("prescriptions[{i}]"), e),
            }
        }
        Some(parsed)
    };
    let (Some(content), Some(prescriptions)) = (content, prescriptions) else {
        return Err(WriteRecordError::Invalid(errors));
    };
    errors.into_result().map_err(WriteRecordError::Invalid)?;
    ensure_recordable(visit.status)?;
    let record = tx.insert_record(actor, &visit, &content).await?;
    let mut notices = vec![record_notice(
        &visit,
        record.record_id,
        "wrote a medical record",
    )];
    let mut issued = Vec::new();
    for mut new in prescriptions {
        new.record_id = record.record_id;
        let prescription = tx.insert_prescription(actor, &new).await?;
        notices.push(prescription_notice(&visit, prescription.prescription_id));
        issued.push(prescription);
    }
    tx.notify(notices).await?;
    tx.commit().await?;
    Ok((record, issued))
}

/// Validates a prescription for `record_id` and checks it against the patient's allergies: a
/// medication matching an active allergy needs an override reason.
fn checked_prescription(
    input: &PrescriptionInput,
    record_id: i32,
    allergies: &[Allergy],
) -> Result<NewPrescription, ValidationErrors> {
    let new = input.parse(record_id)?;
    let matches = conflicting(allergies, new.medication.medication_name());
    if !matches.is_empty() && new.allergy_override_reason.is_none() {
        return Err(allergy_refusal().into());
    }
    Ok(new)
}

/// The patient's notification of a prescription. It names no medication: notifications are
/// not audited when read.
fn prescription_notice(visit: &VisitFacts, prescription_id: i32) -> NotificationDraft {
    NotificationDraft::new(
        visit.patient_user_id,
        NotificationType::Prescription,
        format!(
            "Dr. {} issued a prescription for you; see your prescriptions.",
            visit.doctor_name
        ),
        "prescriptions",
        prescription_id,
    )
}

/// An amendment of a record, as the client wrote it: `None` keeps a field, `Some(None)` clears
/// a text field. It is appended as an addendum.
#[derive(Debug, Clone, PartialEq)]
pub struct AmendRecord {
    pub record_id: i32,
    pub diagnosis: Option<Option<String>>,
    pub notes: Option<Option<String>>,
    pub test_results: Option<Value>,
    /// Why the record is amended.
    pub reason: Option<String>,
    /// Free text the addendum adds to the record.
    pub note: Option<String>,
    /// Whether a reason must be given (`POST …/addenda`; `PATCH` keeps it optional).
    pub reason_required: bool,
}

/// Why a record was not amended.
#[derive(Debug, thiserror::Error)]
pub enum AmendRecordError {
    /// Not the record's doctor (403), or a doctor who does not treat the patient (404).
    #[error(transparent)]
    Denied(#[from] Denied),
    /// Invalid fields, or nothing to change.
    #[error("invalid amendment: {0}")]
    Invalid(ValidationErrors),
    /// No such record, or storage failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Amends a record by appending the next addendum (versioned: author, time, reason, note, and
/// each changed field before and after): only its doctor. Nothing is deleted: the record's
/// row shows the current version, the addenda and the audit log keep every earlier one. The
/// patient is notified.
///
/// # Errors
/// [`AmendRecordError::Denied`], [`AmendRecordError::Invalid`], and
/// [`AmendRecordError::Store`] with `NotFound { entity: "medical_record" }`.
pub async fn amend_record(
    actor: &Actor,
    cmd: AmendRecord,
    store: &dyn ClinicalStore,
) -> Result<MedicalRecord, AmendRecordError> {
    may_ever(actor, Action::WriteClinical)?;
    let mut tx = store.begin().await?;
    let visit = tx.lock_record(actor, cmd.record_id).await?;
    may_write(actor, visit.parties, visit.patient_facts()).check("medical_record")?;
    let amendment = RecordAmendment::parse(
        cmd.diagnosis.as_ref().map(Option::as_deref),
        cmd.notes.as_ref().map(Option::as_deref),
        cmd.test_results,
    )
    .map_err(AmendRecordError::Invalid)?;
    let current = tx.current_record(cmd.record_id).await?;
    let addendum = next_addendum(
        &current,
        amendment,
        cmd.reason.as_deref(),
        cmd.note.as_deref(),
        cmd.reason_required,
    )
    .map_err(AmendRecordError::Invalid)?;
    let record = tx.append_addendum(actor, &addendum).await?;
    tx.notify(vec![record_notice(
        &visit,
        record.record_id,
        "updated the medical record",
    )])
    .await?;
    tx.commit().await?;
    Ok(record)
}

/// A prescription to issue on a record.
#[derive(Debug, Clone, PartialEq)]
pub struct IssuePrescription {
    pub record_id: i32,
    pub prescription: PrescriptionInput,
}

/// Why a prescription was not issued.
#[derive(Debug, thiserror::Error)]
pub enum IssuePrescriptionError {
    /// Not the record's doctor (403), or a doctor who does not treat the patient (404).
    #[error(transparent)]
    Denied(#[from] Denied),
    /// Invalid fields, each named; a medication matching an active allergy without an
    /// override reason on `allergy_override_reason`.
    #[error("invalid prescription: {0}")]
    Invalid(ValidationErrors),
    /// No such record, or storage failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Issues a prescription on a record: only the record's doctor; a medication matching one of
/// the patient's active allergies only with an override reason (stored and audited with it).
/// The patient is notified.
///
/// # Errors
/// [`IssuePrescriptionError::Denied`], [`IssuePrescriptionError::Invalid`], and
/// [`IssuePrescriptionError::Store`] with `NotFound { entity: "medical_record" }`.
pub async fn issue_prescription(
    actor: &Actor,
    cmd: IssuePrescription,
    store: &dyn ClinicalStore,
) -> Result<Prescription, IssuePrescriptionError> {
    may_ever(actor, Action::WriteClinical)?;
    let mut tx = store.begin().await?;
    let visit = tx.lock_record(actor, cmd.record_id).await?;
    may_write(actor, visit.parties, visit.patient_facts()).check("medical_record")?;
    let allergies = tx.allergies(visit.parties.patient_id).await?;
    let new = checked_prescription(&cmd.prescription, cmd.record_id, &allergies)
        .map_err(IssuePrescriptionError::Invalid)?;
    let prescription = tx.insert_prescription(actor, &new).await?;
    tx.notify(vec![prescription_notice(
        &visit,
        prescription.prescription_id,
    )])
    .await?;
    tx.commit().await?;
    Ok(prescription)
}

/// The patient's notification about their record; it names the visit, not its content.
fn record_notice(visit: &VisitFacts, record_id: i32, what: &str) -> NotificationDraft {
    NotificationDraft::new(
        visit.patient_user_id,
        NotificationType::Record,
        format!(
            "Dr. {} {what} of your visit on {}.",
            visit.doctor_name, visit.starts_label
        ),
        "medical_records",
        record_id,
    )
}

/// Why clinical content was not shown.
#[derive(Debug, thiserror::Error)]
pub enum ReadClinicalError {
    /// Staff and admins (403); a chart that is not the actor's to see (404).
    #[error(transparent)]
    Denied(#[from] Denied),
    /// No such record or prescription, or storage failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// One medical record, audited as read by `actor`: the patient, and doctors who treat them.
///
/// # Errors
/// [`ReadClinicalError::Denied`], and [`ReadClinicalError::Store`] with
/// `NotFound { entity: "medical_record" }`.
pub async fn read_record(
    actor: &Actor,
    record_id: i32,
    store: &dyn ClinicalStore,
) -> Result<MedicalRecord, ReadClinicalError> {
    may_ever(actor, Action::ReadClinical)?;
    let parties = store.record_parties(record_id).await?;
    let facts = patient_facts(store, actor, parties.patient_id).await?;
    authorize(actor, Action::ReadClinical(facts)).check("medical_record")?;
    Ok(store.read_record(actor, record_id).await?)
}

/// One prescription, audited as read by `actor`: visible like the record it is on.
///
/// # Errors
/// [`ReadClinicalError::Denied`], and [`ReadClinicalError::Store`] with
/// `NotFound { entity: "prescription" }`.
pub async fn read_prescription(
    actor: &Actor,
    prescription_id: i32,
    store: &dyn ClinicalStore,
) -> Result<Prescription, ReadClinicalError> {
    may_ever(actor, Action::ReadClinical)?;
    let parties = store.prescription_parties(prescription_id).await?;
    let facts = patient_facts(store, actor, parties.patient_id).await?;
    authorize(actor, Action::ReadClinical(facts)).check("prescription")?;
    Ok(store.read_prescription(actor, prescription_id).await?)
}

/// Whose records to list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ListRecords {
    /// Required of doctors (a patient they treat); a patient may leave it out.
    pub patient_id: Option<i32>,
    /// Only the records of this visit.
    pub appointment_id: Option<i32>,
}

/// Whose prescriptions to list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ListPrescriptions {
    /// The patient; a doctor names one (or a record), a patient may leave it out.
    pub patient_id: Option<i32>,
    /// Only the prescriptions of this record; names its patient when `patient_id` is absent.
    pub record_id: Option<i32>,
}

/// Why a list of clinical content was not shown.
#[derive(Debug, thiserror::Error)]
pub enum ListClinicalError {
    /// Staff and admins (403); a patient that is not the actor's to see (404).
    #[error(transparent)]
    Denied(#[from] Denied),
    /// A doctor named no patient: their lists are always of one patient they treat.
    #[error("a doctor names the patient whose chart to list")]
    PatientRequired,
    /// No such record (the prescription list's `record_id`), or storage failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// One page of a patient's records, newest first, each audited as read by `actor`.
///
/// # Errors
/// [`ListClinicalError::Denied`], [`ListClinicalError::PatientRequired`],
/// [`ListClinicalError::Store`].
pub async fn list_records(
    actor: &Actor,
    query: ListRecords,
    page: PageRequest,
    store: &dyn ClinicalStore,
) -> Result<Page<MedicalRecord>, ListClinicalError> {
    let Some(patient_id) = list_subject(actor, query.patient_id, store).await? else {
        return Ok(Page::new(Vec::new(), page, 0));
    };
    let filter = RecordFilter {
        patient_id,
        appointment_id: query.appointment_id,
    };
    Ok(store.list_records(actor, filter, page).await?)
}

/// One page of a patient's prescriptions, newest first, each audited as read by `actor`.
///
/// # Errors
/// [`ListClinicalError::Denied`], [`ListClinicalError::PatientRequired`],
/// [`ListClinicalError::Store`] (`NotFound { entity: "medical_record" }` for an unknown
/// `record_id`).
pub async fn list_prescriptions(
    actor: &Actor,
    query: ListPrescriptions,
    page: PageRequest,
    store: &dyn ClinicalStore,
) -> Result<Page<Prescription>, ListClinicalError> {
    // Staff learn nothing, not even whether a record exists.
    may_ever(actor, Action::ReadClinical)?;
    let named = match (query.patient_id, query.record_id) {
        (None, Some(record_id)) => Some(store.record_parties(record_id).await?.patient_id),
        (patient_id, _) => patient_id,
    };
    // Asked by record, a record of a patient not the actor's is hidden as that record, with
    // the answer a missing record gets.
    let by_record = query.patient_id.is_none() && query.record_id.is_some();
    let subject = list_subject(actor, named, store)
        .await
        .map_err(|error| match error {
            ListClinicalError::Denied(Denied::Hidden { .. }) if by_record => {
                ListClinicalError::Denied(Denied::Hidden {
                    entity: "medical_record",
                })
            }
            other => other,
        })?;
    let Some(patient_id) = subject else {
        return Ok(Page::new(Vec::new(), page, 0));
    };
    let filter = PrescriptionFilter {
        patient_id,
        record_id: query.record_id,
    };
    Ok(store.list_prescriptions(actor, filter, page).await?)
}

/// The one patient whose clinical content a list shows, checked; `None` when the actor's
/// scope is empty (an account without its profile).
async fn list_subject(
    actor: &Actor,
    requested: Option<i32>,
    store: &dyn ClinicalStore,
) -> Result<Option<i32>, ListClinicalError> {
    let Some(narrowing) = clinical_list_scope(actor, requested)?.narrow(requested) else {
        return Ok(None);
    };
    let patient_id = narrowing
        .patient_id
        .ok_or(ListClinicalError::PatientRequired)?;
    if narrowing.doctor_id.is_some() {
        // A doctor's list is the whole chart of a patient they treat, not only their own rows.
        let facts = patient_facts(store, actor, patient_id).await?;
        authorize(actor, Action::ReadClinical(facts)).check("patient")?;
    }
    Ok(Some(patient_id))
}

/// How `actor` relates to the patient; an unknown patient is one nobody treats.
async fn patient_facts(
    store: &dyn ClinicalStore,
    actor: &Actor,
    patient_id: i32,
) -> StoreResult<PatientFacts> {
    or_stranger(store.patient_facts(actor, patient_id).await, patient_id)
}
