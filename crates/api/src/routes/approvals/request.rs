//! `POST /specialist-approvals`: a care-team doctor asks for a specialist.

use actix_web::{HttpResponse, post, web};
use clinic_domain::access::Action;
use clinic_domain::referral::{NewApproval, may_request};
use clinic_domain::{ValidationError, ValidationErrors};

use super::dto::{ApprovalResponse, CreateApprovalRequest};
use crate::auth::CurrentActor;
use crate::error::{ApiError, ApiResult, Problem, allowed};
use crate::routes::common::validate;
use crate::routes::medical_records::{patient_facts, role_gate};
use crate::state::AppState;

/// Asks that a patient may see a specialist. The requester must be a doctor on the patient's
/// care team: a doctor who only has an appointment with the patient is refused with 403. The
/// specialist is notified; a second pending request for the same patient and specialist
/// answers 409 `approval_already_pending`.
#[utoipa::path(
    tag = "approvals",
    security(("bearer" = [])),
    request_body = CreateApprovalRequest,
    responses(
        (status = 201, description = "Requested (pending); the specialist is notified", body = ApprovalResponse),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not a doctor, or a doctor not on the patient's care team", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such patient, or not yours", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`approval_already_pending`: a request for this patient and specialist is pending", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The specialist is the requester or not a doctor, or an invalid reason", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/specialist-approvals")]
pub async fn request_approval(
    state: web::Data<AppState>,
    actor: CurrentActor,
    body: web::Json<CreateApprovalRequest>,
) -> ApiResult<HttpResponse> {
    role_gate(&actor, Action::RequestSpecialist)?;
    let doctor_id = actor.doctor_id.ok_or(ApiError::Forbidden)?;
    let facts = patient_facts(&state, &actor, body.patient_id).await?;
    let known = state
        .approvals
        .request_facts(body.patient_id, doctor_id, body.specialist_id)
        .await?;
    allowed(
        may_request(&actor, facts, known.requester_in_care_team),
        "patient",
    )?;
    validate(&*body)?;
    let mut errors = ValidationErrors::new();
    if !known.specialist_exists {
        errors.push(ValidationError::new("specialist_id", "no such doctor"));
    }
    let new = errors.capture_all(NewApproval::parse(
        body.patient_id,
        doctor_id,
        body.specialist_id,
        &body.reason,
    ));
    let new = match new {
        Some(new) if errors.is_empty() => new,
        _ => return Err(errors.into()),
    };
    let approval = state.approvals.create(&actor, new).await?;
    Ok(HttpResponse::Created().json(ApprovalResponse::from(approval)))
}
