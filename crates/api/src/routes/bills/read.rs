//! `GET /bills` and `GET /bills/{id}`.

use actix_web::{HttpResponse, get, web};
use clinic_domain::access::{Action, authorize};
use clinic_domain::billing::BillFilter;
use clinic_domain::identity::Role;

use super::authorized_bill;
use super::dto::{BillQuery, BillResponse};
use crate::auth::CurrentActor;
use crate::error::{ApiError, ApiResult, Problem, allowed};
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
    let mut patient_id = query.patient_id;
    match actor.role {
        Role::Doctor => return Err(ApiError::Forbidden),
        Role::Patient => {
            if patient_id.is_some_and(|id| Some(id) != actor.patient_id) {
                return Err(ApiError::not_found("patient"));
            }
            patient_id = actor.patient_id.or(Some(0));
        }
        Role::Admin | Role::Staff => {
            if let Some(id) = patient_id {
                let facts = state.access.patient_facts(&actor, id).await?;
                allowed(authorize(&actor, Action::ReadBilling(facts)), "patient")?;
            }
        }
    }
    let today = state.clock.today();
    let filter = BillFilter {
        patient_id,
        status: query.status.map(Into::into),
        today,
    };
    let page = state.bills.list(&filter, paging.request()?).await?;
    Ok(HttpResponse::Ok().json(PageResponse::from_page(page, |b| {
        BillResponse::of(b, today, None)
    })))
}

/// One bill with its payments.
#[utoipa::path(
    tag = "billing",
    security(("bearer" = [])),
    params(("id" = i32, Path, description = "Bill id")),
    responses(
        (status = 200, description = "The bill and its payments", body = BillResponse),
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
    let bill = authorized_bill(&state, &actor, id.into_inner(), Action::ReadBilling).await?;
    let payments = state.bills.payments(bill.bill_id).await?;
    Ok(HttpResponse::Ok().json(BillResponse::of(bill, state.clock.today(), Some(payments))))
}
