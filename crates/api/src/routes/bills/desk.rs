//! The front desk's money loop: `POST /appointments/{id}/bill` (checkout) and
//! `GET /patients/{id}/payments` (a patient's payment history).

use actix_web::{HttpResponse, get, post, web};
use clinic_domain::billing::{self, IssueVisitBill};

use super::actions;
use super::dto::{BillResponse, IssueBillRequest, PaymentHistoryResponse};
use crate::auth::CurrentActor;
use crate::error::{ApiResult, Problem};
use crate::routes::common::{PageQuery, PageResponse, validate};
use crate::state::AppState;

/// Bills a visit at checkout (staff, admins): a visit the patient came to (checked in or
/// completed) that has no bill yet, at the visit's standard fee or the amount given. The bill
/// gets its invoice number in the same transaction; the patient is told. A doctor completing
/// the visit later issues no second bill.
#[utoipa::path(
    tag = "billing",
    security(("bearer" = [])),
    params(("id" = i32, Path, description = "Appointment id")),
    request_body = IssueBillRequest,
    responses(
        (status = 201, description = "The visit's new bill", body = BillResponse),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Only staff and admins bill visits", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such appointment", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The visit has a bill already (`bill_exists`), or the patient has not come (`visit_not_billable`)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Not a valid amount", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/appointments/{id}/bill")]
pub async fn issue_bill(
    state: web::Data<AppState>,
    actor: CurrentActor,
    id: web::Path<i32>,
    body: crate::http::Json<IssueBillRequest>,
) -> ApiResult<HttpResponse> {
    validate(&*body)?;
    let cmd = IssueVisitBill {
        appointment_id: id.into_inner(),
        amount_due: body.into_inner().amount_due,
    };
    let details = billing::issue_visit_bill(&actor, cmd, &*state.clock, &*state.bills).await?;
    let allowed = actions(&state, &actor, &details.bill);
    Ok(HttpResponse::Created().json(BillResponse::with_entries(
        details,
        state.clock.today(),
        allowed,
    )))
}

/// A patient's payment history: every payment and refund on their bills, newest first, each
/// with its invoice number, when, amount, method, who took it and the reference. Staff and
/// admins for any patient; a patient their own; doctors none.
#[utoipa::path(
    tag = "billing",
    security(("bearer" = [])),
    params(("id" = i32, Path, description = "Patient id"), PageQuery),
    responses(
        (status = 200, description = "One page of payments and refunds", body = PageResponse<PaymentHistoryResponse>),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Doctors do not see bills", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such patient, or not you", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid paging", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/patients/{id}/payments")]
pub async fn patient_payments(
    state: web::Data<AppState>,
    actor: CurrentActor,
    id: web::Path<i32>,
    paging: crate::http::Query<PageQuery>,
) -> ApiResult<HttpResponse> {
    let page = billing::patient_payments(
        &actor,
        id.into_inner(),
        (paging.page, paging.per_page),
        &*state.bills,
    )
    .await?;
    Ok(HttpResponse::Ok().json(PageResponse::from_page(page, PaymentHistoryResponse::from)))
}
