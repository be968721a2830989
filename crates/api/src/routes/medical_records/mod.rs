//! `/medical-records`, and the access checks every clinical endpoint shares.
//!
//! Staff and admins never see clinical content: the policy refuses them (403) before any
//! lookup. A patient reaches only their own chart, a doctor only the charts of patients they
//! treat; anything else answers 404.

use clinic_domain::access::{Action, Actor, Decision, PatientFacts, authorize};
use clinic_domain::clinical::{ClinicalParties, may_write};
use clinic_domain::identity::Role;
use clinic_domain::{DomainError, StoreError};
use utoipa_actix_web::service_config::ServiceConfig;

use crate::error::{ApiError, ApiResult, allowed};
use crate::state::AppState;

pub mod dto;
mod read;
mod write;

/// Registers the medical-record routes.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(read::list_records)
        .service(write::create_record)
        .service(read::get_record)
        .service(write::amend_record);
}

/// Refuses, before any lookup, a role the policy never lets perform `action`, whatever the
/// patient: the policy is asked about the most favourable patient (the actor's own, treated by
/// the actor), and a `Forbidden` answer then holds for every patient.
///
/// # Errors
/// 403.
pub(crate) fn role_gate(actor: &Actor, action: fn(PatientFacts) -> Action) -> ApiResult<()> {
    let best = PatientFacts {
        patient_id: actor.patient_id.unwrap_or_default(),
        treated_by_actor: true,
    };
    match authorize(actor, action(best)) {
        Decision::Forbidden => Err(ApiError::Forbidden),
        Decision::Allow | Decision::Hidden => Ok(()),
    }
}

/// How `actor` relates to the patient. A patient that does not exist is one nobody treats, so
/// the policy hides it (404) like any patient that is not the actor's.
///
/// # Errors
/// Storage failures.
pub(crate) async fn patient_facts(
    state: &AppState,
    actor: &Actor,
    patient_id: i32,
) -> ApiResult<PatientFacts> {
    match state.access.patient_facts(actor, patient_id).await {
        Err(StoreError::Domain(DomainError::NotFound { .. })) => Ok(PatientFacts {
            patient_id,
            treated_by_actor: false,
        }),
        other => Ok(other?),
    }
}

/// Checks that `actor` may read the clinical content of `patient_id`; `what` names the object
/// in a 404.
///
/// # Errors
/// 403 for staff and admins, 404 for a chart that is not the actor's to see.
pub(crate) async fn check_read(
    state: &AppState,
    actor: &Actor,
    patient_id: i32,
    what: &str,
) -> ApiResult<()> {
    let facts = patient_facts(state, actor, patient_id).await?;
    allowed(authorize(actor, Action::ReadClinical(facts)), what)
}

/// Checks that `actor` may write about the visit between `parties`: only its doctor may.
///
/// # Errors
/// 403 for any other role or a colleague who treats the patient, 404 for a doctor who does not.
pub(crate) async fn check_write(
    state: &AppState,
    actor: &Actor,
    parties: ClinicalParties,
    what: &str,
) -> ApiResult<()> {
    let facts = patient_facts(state, actor, parties.patient_id).await?;
    allowed(may_write(actor, parties, facts), what)
}

/// The patient whose clinical content a list shows, checked: the one named, or the signed-in
/// patient themself. Doctors must name a patient they treat.
///
/// # Errors
/// 403 for staff and admins, 404 for a patient that is not the actor's to see, 422 when a
/// doctor names none.
pub(crate) async fn list_subject(
    state: &AppState,
    actor: &Actor,
    patient_id: Option<i32>,
) -> ApiResult<i32> {
    role_gate(actor, Action::ReadClinical)?;
    let own = actor.patient_id.filter(|_| actor.role == Role::Patient);
    let Some(patient_id) = patient_id.or(own) else {
        return Err(ApiError::invalid_field(
            "patient_id",
            "is required: name a patient you treat",
        ));
    };
    check_read(state, actor, patient_id, "patient").await?;
    Ok(patient_id)
}
