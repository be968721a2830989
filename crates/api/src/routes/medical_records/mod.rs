//! `/medical-records`. Who may read and write clinical content is decided by the clinical use
//! cases (`clinic_domain::clinical`) through the one access policy; handlers only translate.

use clinic_domain::access::{Action, Actor, PatientFacts, may_ever, or_stranger};
use utoipa_actix_web::service_config::ServiceConfig;

use crate::error::ApiResult;
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

/// Refuses, before any lookup, a role the policy never lets perform `action`
/// ([`may_ever`]). Kept for the approval handlers, which have no use case yet.
///
/// # Errors
/// 403.
pub(crate) fn role_gate(actor: &Actor, action: fn(PatientFacts) -> Action) -> ApiResult<()> {
    Ok(may_ever(actor, action)?)
}

/// How `actor` relates to the patient ([`or_stranger`]). Kept for the approval handlers,
/// which have no use case yet.
///
/// # Errors
/// Storage failures.
pub(crate) async fn patient_facts(
    state: &AppState,
    actor: &Actor,
    patient_id: i32,
) -> ApiResult<PatientFacts> {
    Ok(or_stranger(
        state.access.patient_facts(actor, patient_id).await,
        patient_id,
    )?)
}
