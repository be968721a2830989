//! The use cases of patients' registrations, emergency contacts and insurance policies: each
//! loads how the actor relates to the patient, asks the one access policy, and only then
//! reads or writes. Every write records its audit rows in the repository's own transaction;
//! every read records its `read` rows ([`ReadAudit`]) before it returns what it read.

use super::{
    EmergencyContact, EmergencyContactInput, EmergencyContactRepository, Insurance, InsuranceInput,
    InsurancePatch, InsurancePatchInput, InsuranceRepository, InsuranceTerms, Patient,
    PatientFields, PatientFilter, PatientPatch, PatientRepository, PatientScope,
    parse_emergency_contacts,
};
use crate::access::{
    AccessFacts, Action, Actor, Denied, PatientFacts, authorize, may_ever, or_stranger,
};
use crate::audit::{PhiRead, ReadAudit, reads_of};
use crate::error::ValidationErrors;
use crate::identity::{NewPatientAccount, Role};
use crate::pagination::{Page, PageRequest};
use crate::store::StoreError;

/// Why a list of patients, a profile, contacts or policies were not shown.
#[derive(Debug, thiserror::Error)]
pub enum ReadPatientError {
    /// A role that may not (403), or a patient not the actor's to see (404).
    #[error(transparent)]
    Denied(#[from] Denied),
    /// No such patient or policy, or storage failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Why the patient list was not shown: patients may not list patients.
pub type ListPatientsError = ReadPatientError;
/// Why a patient's emergency contacts were not shown.
pub type ReadEmergencyContactsError = ReadPatientError;
/// Why a patient's policies, or one policy, were not shown.
pub type ReadInsuranceError = ReadPatientError;

/// Why a registration, profile, contact list or policy was not written.
#[derive(Debug, thiserror::Error)]
pub enum EditPatientError {
    /// A role that may not (403: doctors never edit registrations), or a patient not the
    /// actor's (404).
    #[error(transparent)]
    Denied(#[from] Denied),
    /// Invalid fields, each named.
    #[error(transparent)]
    Invalid(#[from] ValidationErrors),
    /// No such patient or policy, a taken username or email, a duplicate policy, or storage
    /// failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Why a patient was not registered.
pub type RegisterPatientError = EditPatientError;
/// Why a profile was not changed.
pub type UpdatePatientError = EditPatientError;
/// Why the emergency contacts were not replaced.
pub type ReplaceEmergencyContactsError = EditPatientError;
/// Why a policy was not added or changed.
pub type ManageInsuranceError = EditPatientError;

/// What to search the patient list for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchPatients {
    /// A name (typos forgiven), part of an email, a phone number in any formatting or a date
    /// of birth, already trimmed; `None` matches everyone.
    pub q: Option<String>,
    /// Exactly this date of birth.
    pub dob: Option<chrono::NaiveDate>,
    /// Search by the parts of the registration (FHIR's Patient search parameters).
    pub fields: PatientFields,
}

/// Asks the policy about `action` on patient `patient_id`, with the facts `access` finds.
async fn check_patient(
    actor: &Actor,
    patient_id: i32,
    action: fn(PatientFacts) -> Action,
    entity: &'static str,
    access: &dyn AccessFacts,
) -> Result<(), ReadPatientError> {
    // A missing patient is judged as a stranger: a role that may never do this hears 403
    // whatever the id, and one that may hears 404 for a missing and another's patient alike.
    let facts = or_stranger(access.patient_facts(actor, patient_id).await, patient_id)?;
    authorize(actor, action(facts)).check(entity)?;
    Ok(())
}

impl From<ReadPatientError> for EditPatientError {
    fn from(error: ReadPatientError) -> Self {
        match error {
            ReadPatientError::Denied(denied) => Self::Denied(denied),
            ReadPatientError::Store(store) => Self::Store(store),
        }
    }
}

/// One page of the patients `actor` may list (admins and staff everyone, doctors those they
/// treat), by last name, first name and id; a name search ranks the closest names first.
///
/// # Errors
/// [`ReadPatientError::Denied`] (`Forbidden`) for a patient; [`ReadPatientError::Store`].
pub async fn list_patients(
    actor: &Actor,
    search: SearchPatients,
    page: PageRequest,
    patients: &dyn PatientRepository,
    reads: &dyn ReadAudit,
) -> Result<Page<Patient>, ListPatientsError> {
    authorize(actor, Action::ListPatients).check("patient")?;
    list_in_scope(
        actor,
        PatientScope::of(actor),
        search,
        page,
        patients,
        reads,
    )
    .await
}

/// The patient search of the FHIR API: as [`list_patients`], except that a patient finds at
/// most themself (their own compartment) where the list refuses them.
///
/// # Errors
/// As [`list_patients`], without the patient's 403.
pub async fn search_patients(
    actor: &Actor,
    search: SearchPatients,
    page: PageRequest,
    patients: &dyn PatientRepository,
    reads: &dyn ReadAudit,
) -> Result<Page<Patient>, ListPatientsError> {
    let scope = match (actor.role, actor.patient_id) {
        (Role::Patient, Some(own)) => PatientScope::Themself(own),
        (Role::Patient, None) => PatientScope::Nobody,
        _ => {
            authorize(actor, Action::ListPatients).check("patient")?;
            PatientScope::of(actor)
        }
    };
    list_in_scope(actor, scope, search, page, patients, reads).await
}

async fn list_in_scope(
    actor: &Actor,
    scope: PatientScope,
    search: SearchPatients,
    page: PageRequest,
    patients: &dyn PatientRepository,
    reads: &dyn ReadAudit,
) -> Result<Page<Patient>, ListPatientsError> {
    if search.fields.gender.is_some() {
        authorize(actor, Action::SearchPatientsByDemographics).check("patient")?;
    }
    let filter = PatientFilter {
        scope,
        term: search.q.as_deref().map(super::classify_search),
        dob: search.dob,
        fields: search.fields,
    };
    let page = patients.list(&filter, page).await?;
    let shown = page.items.iter().map(|p| p.patient_id.into());
    reads
        .record(reads_of(actor, PhiRead::Patient, shown))
        .await?;
    Ok(page)
}

/// Registers a patient at the front desk: account, profile and date of birth together.
/// Admins and staff.
///
/// # Errors
/// [`EditPatientError::Denied`] (`Forbidden`) for doctors and patients;
/// [`EditPatientError::Store`] with the `username_taken` / `email_taken` conflicts.
pub async fn register_patient(
    actor: &Actor,
    new: NewPatientAccount,
    patients: &dyn PatientRepository,
) -> Result<Patient, RegisterPatientError> {
    may_register_patient(actor)?;
    Ok(patients.register(actor, new).await?)
}

/// Whether `actor` may register patients at all, asked before their password is hashed so a
/// refused caller costs no Argon2 hash.
///
/// # Errors
/// [`EditPatientError::Denied`] (`Forbidden`) for doctors and patients.
pub fn may_register_patient(actor: &Actor) -> Result<(), RegisterPatientError> {
    authorize(actor, Action::RegisterPatient).check("patient")?;
    Ok(())
}

/// A patient's profile: admins, staff, the doctors who treat them and the patient themself.
///
/// # Errors
/// [`ReadPatientError::Denied`] (`Hidden`); [`ReadPatientError::Store`] with
/// `NotFound { entity: "patient" }`.
pub async fn read_patient(
    actor: &Actor,
    patient_id: i32,
    access: &dyn AccessFacts,
    patients: &dyn PatientRepository,
    reads: &dyn ReadAudit,
) -> Result<Patient, ReadPatientError> {
    check_patient(actor, patient_id, Action::ReadPatient, "patient", access).await?;
    let patient = patients.get(patient_id).await?;
    let shown = [patient.patient_id.into()];
    reads
        .record(reads_of(actor, PhiRead::Patient, shown))
        .await?;
    Ok(patient)
}

/// Changes a patient's names, address and the account's e-mail and phone: admins, staff and
/// the patient themself.
///
/// # Errors
/// [`EditPatientError::Denied`] (`Forbidden` for doctors, `Hidden` for another patient);
/// [`EditPatientError::Store`] with `NotFound` or the `email_taken` conflict.
pub async fn update_patient(
    actor: &Actor,
    patient_id: i32,
    patch: PatientPatch,
    access: &dyn AccessFacts,
    patients: &dyn PatientRepository,
) -> Result<Patient, UpdatePatientError> {
    check_patient(actor, patient_id, Action::EditPatient, "patient", access).await?;
    Ok(patients.update(actor, patient_id, patch).await?)
}

/// A patient's emergency contacts, by priority: whoever may read the patient's profile.
///
/// # Errors
/// As [`read_patient`].
pub async fn read_emergency_contacts(
    actor: &Actor,
    patient_id: i32,
    access: &dyn AccessFacts,
    contacts: &dyn EmergencyContactRepository,
    reads: &dyn ReadAudit,
) -> Result<Vec<EmergencyContact>, ReadEmergencyContactsError> {
    check_patient(actor, patient_id, Action::ReadPatient, "patient", access).await?;
    let list = contacts.list(patient_id).await?;
    let shown = [patient_id.into()];
    reads
        .record(reads_of(actor, PhiRead::EmergencyContacts, shown))
        .await?;
    Ok(list)
}

/// Replaces a patient's emergency contacts with `inputs` (an empty list removes them all):
/// whoever may edit the patient. The list is judged only once the actor may edit it, so a
/// refusal never depends on the body.
///
/// # Errors
/// [`EditPatientError::Denied`]; [`EditPatientError::Invalid`] by
/// [`parse_emergency_contacts`]; [`EditPatientError::Store`] with `NotFound`.
pub async fn replace_emergency_contacts(
    actor: &Actor,
    patient_id: i32,
    inputs: &[EmergencyContactInput<'_>],
    access: &dyn AccessFacts,
    contacts: &dyn EmergencyContactRepository,
) -> Result<Vec<EmergencyContact>, ReplaceEmergencyContactsError> {
    check_patient(actor, patient_id, Action::EditPatient, "patient", access).await?;
    let parsed = parse_emergency_contacts(inputs)?;
    Ok(contacts.replace(actor, patient_id, parsed).await?)
}

/// One page of a patient's policies, active first: whoever may read the patient's profile.
///
/// # Errors
/// As [`read_patient`].
pub async fn list_insurances(
    actor: &Actor,
    patient_id: i32,
    page: PageRequest,
    access: &dyn AccessFacts,
    insurances: &dyn InsuranceRepository,
    reads: &dyn ReadAudit,
) -> Result<Page<Insurance>, ReadInsuranceError> {
    check_patient(actor, patient_id, Action::ReadPatient, "patient", access).await?;
    let page = insurances.list(patient_id, page).await?;
    let shown = page.items.iter().map(|i| i.insurance_id.into());
    reads
        .record(reads_of(actor, PhiRead::Insurance, shown))
        .await?;
    Ok(page)
}

/// One policy: whoever may read its patient's profile; others are told there is no such
/// policy.
///
/// # Errors
/// [`ReadPatientError::Denied`] (`Hidden { entity: "insurance" }`);
/// [`ReadPatientError::Store`] with `NotFound { entity: "insurance" }`.
pub async fn read_insurance(
    actor: &Actor,
    insurance_id: i32,
    access: &dyn AccessFacts,
    insurances: &dyn InsuranceRepository,
    reads: &dyn ReadAudit,
) -> Result<Insurance, ReadInsuranceError> {
    let insurance = insurances.get(insurance_id).await?;
    let patient_id = insurance.patient_id;
    check_patient(actor, patient_id, Action::ReadPatient, "insurance", access).await?;
    let shown = [insurance.insurance_id.into()];
    reads
        .record(reads_of(actor, PhiRead::Insurance, shown))
        .await?;
    Ok(insurance)
}

/// A policy to add, as the client typed it; parsed once the actor may add it.
#[derive(Debug, Clone, Copy)]
pub struct AddInsurance<'a> {
    /// The insured patient.
    pub patient_id: i32,
    /// The policy's terms.
    pub terms: InsuranceInput<'a>,
    /// Whether the policy is in force.
    pub is_active: bool,
}

/// Adds a policy to a patient: admins, staff and the patient themself.
///
/// # Errors
/// [`EditPatientError::Denied`]; [`EditPatientError::Invalid`] by [`InsuranceTerms::parse`];
/// [`EditPatientError::Store`] with `NotFound` or the `insurance_exists` conflict.
pub async fn add_insurance(
    actor: &Actor,
    cmd: AddInsurance<'_>,
    access: &dyn AccessFacts,
    insurances: &dyn InsuranceRepository,
) -> Result<Insurance, ManageInsuranceError> {
    let patient_id = cmd.patient_id;
    check_patient(
        actor,
        patient_id,
        Action::ManageInsurance,
        "patient",
        access,
    )
    .await?;
    let terms = InsuranceTerms::parse(cmd.terms)?;
    Ok(insurances
        .create(actor, patient_id, terms, cmd.is_active)
        .await?)
}

/// Changes or deactivates a policy: admins, staff and the patient themself; others are told
/// there is no such policy. The changes are parsed once the actor may make them.
///
/// # Errors
/// [`EditPatientError::Denied`]; [`EditPatientError::Invalid`] by [`InsurancePatch::parse`];
/// [`EditPatientError::Store`] with `NotFound`, a cover ending before it starts
/// (`Validation`) or the `insurance_exists` conflict.
pub async fn update_insurance(
    actor: &Actor,
    insurance_id: i32,
    changes: InsurancePatchInput<'_>,
    access: &dyn AccessFacts,
    insurances: &dyn InsuranceRepository,
) -> Result<Insurance, ManageInsuranceError> {
    may_ever(actor, Action::ManageInsurance)?;
    let patient_id = insurances.get(insurance_id).await?.patient_id;
    check_patient(
        actor,
        patient_id,
        Action::ManageInsurance,
        "insurance",
        access,
    )
    .await?;
    let patch = InsurancePatch::parse(changes)?;
    Ok(insurances.update(actor, insurance_id, patch).await?)
}
