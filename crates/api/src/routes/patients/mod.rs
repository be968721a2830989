//! `/patients`: front-desk registration and search, profiles, emergency contacts and care
//! teams. Insurance policies are in [`insurances`](super::insurances).

use clinic_domain::access::{Action, Actor, PatientFacts, authorize};
use utoipa_actix_web::service_config::ServiceConfig;

use crate::error::{ApiResult, allowed};
use crate::state::AppState;

mod care_team;
pub mod dto;
mod emergency_contacts;
mod profile;
mod registry;

/// Registers the `/patients` routes.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(registry::list_patients)
        .service(registry::register_patient)
        .service(profile::get_patient)
        .service(profile::update_patient)
        .service(emergency_contacts::get_emergency_contacts)
        .service(emergency_contacts::put_emergency_contacts)
        .service(care_team::list_care_team)
        .service(care_team::add_care_team_member)
        .service(care_team::remove_care_team_member)
        .service(care_team::set_primary_doctor);
}

/// Asks the access policy whether `actor` may do `action` to this patient, with the facts
/// loaded from the database (does the actor, a doctor, treat the patient?).
///
/// # Errors
/// 404 for a patient that does not exist or that the actor may not know of (`what` names the
/// thing in the answer), 403 for a role that may never do this.
pub async fn authorize_patient(
    state: &AppState,
    actor: &Actor,
    patient_id: i32,
    action: fn(PatientFacts) -> Action,
    what: &str,
) -> ApiResult<()> {
    let facts = state.patients.patient_facts(actor, patient_id).await?;
    allowed(authorize(actor, action(facts)), what)
}
