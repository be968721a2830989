//! `/specialist-approvals`: referrals from a care-team doctor to a specialist, and their
//! decision.
//!
//! Who sees a request: staff and admins (scheduling needs to know who may book a specialist),
//! the patient, the requesting doctor, the specialist, and doctors who treat the patient.
//! Anyone else is told it does not exist (404).

use clinic_domain::referral::{ApprovalParties, SpecialistApproval, may_view};
use utoipa_actix_web::service_config::ServiceConfig;

use super::medical_records::patient_facts;
use crate::auth::CurrentActor;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;

mod decide;
pub mod dto;
mod read;
mod request;

/// Registers the approval routes.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(read::list_approvals)
        .service(request::request_approval)
        .service(read::get_approval)
        .service(decide::approve)
        .service(decide::deny)
        .service(decide::cancel);
}

/// Loads a request the actor may see with whether they may see it; the caller decides what an
/// invisible one answers.
pub(crate) async fn load(
    state: &AppState,
    actor: &CurrentActor,
    approval_id: i32,
) -> ApiResult<(SpecialistApproval, ApprovalParties, bool)> {
    let approval = state.approvals.get(approval_id).await?;
    let parties = ApprovalParties {
        patient_id: approval.patient_id,
        requesting_doctor_id: approval.requesting_doctor_id,
        specialist_id: approval.specialist_id,
    };
    let facts = patient_facts(state, actor, approval.patient_id).await?;
    let visible = may_view(actor, parties, facts);
    Ok((approval, parties, visible))
}

/// Loads a request the actor may see; any other answers 404, as if it did not exist.
pub(crate) async fn visible_approval(
    state: &AppState,
    actor: &CurrentActor,
    approval_id: i32,
) -> ApiResult<SpecialistApproval> {
    match load(state, actor, approval_id).await? {
        (approval, _, true) => Ok(approval),
        (_, _, false) => Err(ApiError::not_found("specialist approval")),
    }
}
