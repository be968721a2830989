//! `POST /bills/{id}/payments`, `PATCH /bills/{id}`, `POST /bills/{id}/void`.

use actix_web::{HttpResponse, patch, post, web};
use clinic_domain::billing::{self, AdjustBill, RecordPayment, VoidBill};

use super::dto::{AdjustBillRequest, BillResponse, PaymentRequest, VoidBillRequest};
use crate::auth::CurrentActor;
use crate::error::{ApiResult, Problem};
use crate::routes::common::validate;
use crate::state::AppState;

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
    let body = body.into_inner();
    let cmd = RecordPayment {
        bill_id: id.into_inner(),
        amount: body.amount,
        method: body.method.into(),
    };
    let details = billing::pay_bill(&actor, cmd, &*state.clock, &*state.bills).await?;
    Ok(HttpResponse::Created().json(BillResponse::with_payments(details, state.clock.today())))
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
    let cmd = AdjustBill {
        bill_id: id.into_inner(),
        amount_due: body.into_inner().amount_due,
    };
    let bill = billing::adjust_bill(&actor, cmd, &*state.bills).await?;
    Ok(HttpResponse::Ok().json(BillResponse::of(bill, state.clock.today(), None)))
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
    let cmd = VoidBill {
        bill_id: id.into_inner(),
        reason: body.into_inner().reason,
    };
    let bill = billing::void_bill(&actor, cmd, &*state.clock, &*state.bills).await?;
    Ok(HttpResponse::Ok().json(BillResponse::of(bill, state.clock.today(), None)))
}
