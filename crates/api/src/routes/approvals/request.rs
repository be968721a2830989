//! `POST /specialist-approvals`: a care-team doctor asks for a specialist.

use actix_web::{HttpResponse, post, web};
use clinic_domain::referral::{self, RequestSpecialist};

use super::dto::{ApprovalResponse, CreateApprovalRequest};
use crate::auth::CurrentActor;
use crate::error::{ApiResult, Problem};
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
    body: crate::http::Json<CreateApprovalRequest>,
) -> ApiResult<HttpResponse> {
    let body = body.into_inner();
    let cmd = RequestSpecialist {
        patient_id: body.patient_id,
        specialist_id: body.specialist_id,
        reason: body.reason,
    };
    let approval =
        referral::request_specialist(&actor, cmd, &*state.clock, &*state.approvals).await?;
    Ok(HttpResponse::Created().json(ApprovalResponse::from(approval)))
}
