//! `GET /bills` and `GET /bills/{id}`.

use actix_web::{HttpResponse, get, web};
use clinic_domain::billing::{self, ListBills};

use super::actions;
use super::dto::{BillQuery, BillResponse};
use crate::auth::CurrentActor;
use crate::error::{ApiResult, Problem};
use crate::routes::common::{PageQuery, PageResponse};
use crate::state::AppState;

/// Bills, newest first, with the status derived today. Patients see their own; staff and
/// admins everyone's; doctors none.
#[utoipa::path(
    tag = "billing",
    security(("bearer" = [])),
    params(BillQuery, PageQuery),
    responses(
        (status = 200, description = "One page of bills", body = PageResponse<BillResponse>),
        (status = 400, description = "Malformed query", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Doctors do not see bills", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Another patient's bills", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid paging", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/bills")]
pub async fn list_bills(
    state: web::Data<AppState>,
    actor: CurrentActor,
    query: web::Query<BillQuery>,
    paging: web::Query<PageQuery>,
) -> ApiResult<HttpResponse> {
    let query = ListBills {
        patient_id: query.patient_id,
        status: query.status.map(Into::into),
        page: paging.page,
        per_page: paging.per_page,
    };
    let page = billing::list_bills(&actor, query, &*state.clock, &*state.bills).await?;
    let today = state.clock.today();
    Ok(HttpResponse::Ok().json(PageResponse::from_page(page, |b| {
        let allowed = actions(&state, &actor, &b);
        BillResponse::of(b, today, allowed, None)
    })))
}

/// One bill with its history: payments, refunds and adjustments, each with who and when.
#[utoipa::path(
    tag = "billing",
    security(("bearer" = [])),
    params(("id" = i32, Path, description = "Bill id")),
    responses(
        (status = 200, description = "The bill and its payments, refunds and adjustments", body = BillResponse),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Doctors do not see bills", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such bill, or not yours", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/bills/{id}")]
pub async fn get_bill(
    state: web::Data<AppState>,
    actor: CurrentActor,
    id: web::Path<i32>,
) -> ApiResult<HttpResponse> {
    let details = billing::read_bill(&actor, id.into_inner(), &*state.bills).await?;
    let allowed = actions(&state, &actor, &details.bill);
    Ok(HttpResponse::Ok().json(BillResponse::with_entries(
        details,
        state.clock.today(),
        allowed,
    )))
}
