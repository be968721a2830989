//! `POST /bills/{id}/payments`, `PATCH /bills/{id}`, `POST /bills/{id}/void`.

use actix_web::{HttpResponse, patch, post, web};
use clinic_domain::access::Action;
use clinic_domain::values::{Money, free_text};

use super::authorized_bill;
use super::dto::{AdjustBillRequest, BillResponse, PaymentRequest, VoidBillRequest};
use crate::auth::CurrentActor;
use crate::error::{ApiError, ApiResult, Problem};
use crate::routes::common::validate;
use crate::state::AppState;

fn parse_money(field: &str, raw: &str) -> ApiResult<Money> {
    Money::parse_str(raw.trim()).map_err(|e| ApiError::from(e.on(field)))
}

/// Records a payment: staff for any bill, a patient for their own. The amount must be positive
/// and not above the balance; concurrent payments never overshoot.
#[utoipa::path(
    tag = "billing",
    security(("bearer" = [])),
    params(("id" = i32, Path, description = "Bill id")),
    request_body = PaymentRequest,
    responses(
        (status = 201, description = "Recorded; the bill with its payments", body = BillResponse),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Doctors do not take payments", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such bill, or not yours", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The bill is void", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Zero, more than two decimals, or above the balance", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/bills/{id}/payments")]
pub async fn pay_bill(
    state: web::Data<AppState>,
    actor: CurrentActor,
    id: web::Path<i32>,
    body: web::Json<PaymentRequest>,
) -> ApiResult<HttpResponse> {
    validate(&*body)?;
    let bill = authorized_bill(&state, &actor, id.into_inner(), Action::PayBill).await?;
    let amount = parse_money("amount", &body.amount)?;
    let today = state.clock.today();
    let (bill, _) = state
        .bills
        .pay(&actor, bill.bill_id, amount, body.method.into(), today)
        .await?;
    let payments = state.bills.payments(bill.bill_id).await?;
    Ok(HttpResponse::Created().json(BillResponse::of(bill, today, Some(payments))))
}

/// Changes the amount of a bill that has no payments yet (staff, admins).
#[utoipa::path(
    tag = "billing",
    security(("bearer" = [])),
    params(("id" = i32, Path, description = "Bill id")),
    request_body = AdjustBillRequest,
    responses(
        (status = 200, description = "The adjusted bill", body = BillResponse),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Only staff and admins adjust bills", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such bill", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The bill has payments or is void", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Not a valid amount", body = Problem, content_type = "application/problem+json"),
    )
)]
#[patch("/bills/{id}")]
pub async fn adjust_bill(
    state: web::Data<AppState>,
    actor: CurrentActor,
    id: web::Path<i32>,
    body: web::Json<AdjustBillRequest>,
) -> ApiResult<HttpResponse> {
    validate(&*body)?;
    let bill = authorized_bill(&state, &actor, id.into_inner(), |_| Action::ManageBilling).await?;
    let amount_due = parse_money("amount_due", &body.amount_due)?;
    let today = state.clock.today();
    let bill = state
        .bills
        .adjust(&actor, bill.bill_id, amount_due, today)
        .await?;
    Ok(HttpResponse::Ok().json(BillResponse::of(bill, today, None)))
}

/// Voids a bill that has no payments (staff, admins).
#[utoipa::path(
    tag = "billing",
    security(("bearer" = [])),
    params(("id" = i32, Path, description = "Bill id")),
    request_body = VoidBillRequest,
    responses(
        (status = 200, description = "The void bill", body = BillResponse),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Only staff and admins void bills", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such bill", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The bill has payments or is already void", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "No reason given", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/bills/{id}/void")]
pub async fn void_bill(
    state: web::Data<AppState>,
    actor: CurrentActor,
    id: web::Path<i32>,
    body: web::Json<VoidBillRequest>,
) -> ApiResult<HttpResponse> {
    validate(&*body)?;
    let bill = authorized_bill(&state, &actor, id.into_inner(), |_| Action::ManageBilling).await?;
    let reason = free_text::required("reason", &body.reason, 1000)?;
    let bill = state.bills.void(&actor, bill.bill_id, reason).await?;
    Ok(HttpResponse::Ok().json(BillResponse::of(bill, state.clock.today(), None)))
}
