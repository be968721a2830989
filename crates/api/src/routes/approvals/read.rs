//! `GET /specialist-approvals` and `GET /specialist-approvals/{id}`.

use actix_web::{HttpResponse, get, web};
use clinic_domain::referral::{self, ApprovalQuery as Query};

use super::dto::{ApprovalQuery, ApprovalResponse};
use crate::auth::CurrentActor;
use crate::error::{ApiResult, Problem};
use crate::routes::common::{PageQuery, PageResponse};
use crate::state::AppState;

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
    query: crate::http::Query<ApprovalQuery>,
    paging: crate::http::Query<PageQuery>,
) -> ApiResult<HttpResponse> {
    let page = paging.request()?;
    let query = Query {
        status: query.status.map(Into::into),
        patient_id: query.patient_id,
    };
    let page =
        referral::list_approvals(&actor, query, page, &*state.approvals, &*state.reads).await?;
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
    let approval =
        referral::get_approval(&actor, id.into_inner(), &*state.approvals, &*state.reads).await?;
    Ok(HttpResponse::Ok().json(ApprovalResponse::from(approval)))
}
