//! `GET /bills` and `GET /bills/{id}`.

use actix_web::{HttpResponse, get, web};
use clinic_domain::billing::{self, ListBills};

use super::actions;
use super::dto::{BillListResponse, BillQuery, BillResponse};
use crate::auth::CurrentActor;
use crate::error::{ApiResult, Problem};
use crate::routes::common::{PageQuery, PageResponse, search_term};
use crate::state::AppState;

/// Bills, newest first, with the status derived today, and the totals (billed, paid,
/// refunded, outstanding) of every bill the filter selects. Search by part of the patient's
/// name or the invoice number (`q`), the patient, the visit, the day issued (the office's
/// calendar) and the status. Patients see their own; staff and admins everyone's; doctors none.
#[utoipa::path(
    tag = "billing",
    security(("bearer" = [])),
    params(BillQuery, PageQuery),
    responses(
        (status = 200, description = "One page of bills and the totals of the filtered set", body = BillListResponse),
        (status = 400, description = "Malformed query", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Doctors do not see bills", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Another patient's bills", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid paging, a search over 100 characters or not one line, or `issued_to` before `issued_from`", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/bills")]
pub async fn list_bills(
    state: web::Data<AppState>,
    actor: CurrentActor,
    query: crate::http::Query<BillQuery>,
    paging: crate::http::Query<PageQuery>,
) -> ApiResult<HttpResponse> {
    let query = query.into_inner();
    let query = ListBills {
        patient_id: query.patient_id,
        status: query.status.map(Into::into),
        owing: false,
        search: search_term(query.q)?,
        appointment_id: query.appointment_id,
        issued_from: query.issued_from,
        issued_to: query.issued_to,
        page: paging.page,
        per_page: paging.per_page,
    };
    let list = billing::list_bills(&actor, query, &*state.clock, &*state.bills).await?;
    let today = state.clock.today();
    let page = PageResponse::from_page(list.page, |b| {
        let allowed = actions(&state, &actor, &b);
        BillResponse::of(b, today, allowed, None)
    });
    Ok(HttpResponse::Ok().json(BillListResponse {
        items: page.items,
        page: page.page,
        per_page: page.per_page,
        total: page.total,
        total_exact: page.total_exact,
        totals: list.totals.into(),
    }))
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
