//! `GET /specialist-approvals` and `GET /specialist-approvals/{id}`.

use actix_web::{HttpResponse, get, web};
use clinic_domain::referral::ApprovalFilter;

use super::dto::{ApprovalQuery, ApprovalResponse};
use super::visible_approval;
use crate::auth::CurrentActor;
use crate::error::{ApiResult, Problem};
use crate::routes::common::{PageQuery, PageResponse};
use crate::state::AppState;
use clinic_domain::access::ListScope;

/// Requests, newest first. Patients see their own; doctors those they made, those addressed to
/// them and those of patients they treat; staff and admins all.
#[utoipa::path(
    tag = "approvals",
    security(("bearer" = [])),
    params(ApprovalQuery, PageQuery),
    responses(
        (status = 200, description = "One page of requests", body = PageResponse<ApprovalResponse>),
        (status = 400, description = "Malformed query", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "A patient named another patient", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid paging", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/specialist-approvals")]
pub async fn list_approvals(
    state: web::Data<AppState>,
    actor: CurrentActor,
    query: web::Query<ApprovalQuery>,
    paging: web::Query<PageQuery>,
) -> ApiResult<HttpResponse> {
    let Some(scope) = ListScope::of(&actor, query.patient_id)?.narrow(query.patient_id) else {
        return Ok(
            HttpResponse::Ok().json(PageResponse::<ApprovalResponse>::empty(paging.request()?))
        );
    };
    let filter = ApprovalFilter {
        status: query.status.map(Into::into),
        patient_id: scope.patient_id,
        visible_to_doctor: scope.doctor_id,
    };
    let page = state.approvals.list(&filter, paging.request()?).await?;
    Ok(HttpResponse::Ok().json(PageResponse::from_page(page, ApprovalResponse::from)))
}

/// One request.
#[utoipa::path(
    tag = "approvals",
    security(("bearer" = [])),
    params(("id" = i32, Path, description = "Approval id")),
    responses(
        (status = 200, description = "The request", body = ApprovalResponse),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such request, or not yours", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/specialist-approvals/{id}")]
pub async fn get_approval(
    state: web::Data<AppState>,
    actor: CurrentActor,
    id: web::Path<i32>,
) -> ApiResult<HttpResponse> {
    let approval = visible_approval(&state, &actor, id.into_inner()).await?;
    Ok(HttpResponse::Ok().json(ApprovalResponse::from(approval)))
}
