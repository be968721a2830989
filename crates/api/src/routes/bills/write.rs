//! `POST /bills/{id}/payments`, `PATCH /bills/{id}`, `POST /bills/{id}/void`.

use actix_web::{HttpResponse, patch, post, web};
use clinic_domain::billing::{self, AdjustBill, RecordPayment, VoidBill};

use super::actions;
use super::dto::{AdjustBillRequest, BillResponse, PaymentRequest, VoidBillRequest};
use crate::auth::CurrentActor;
use crate::error::{ApiResult, Problem};
use crate::routes::common::validate;
use crate::state::AppState;

/// Records a payment. Staff record the money the clinic received (`cash`, `card_present`,
/// `insurance`, `cheque`, …) for any bill. A patient pays their own bill only `online`, with
/// the payment provider's `payment_token`, and only where the clinic configured a provider
/// (else 409 `online_payment_unavailable`); any other method is 403 for a patient. The amount
/// must be positive and not above the balance; concurrent payments never overshoot.
#[utoipa::path(
    tag = "billing",
    security(("bearer" = [])),
    params(("id" = i32, Path, description = "Bill id")),
    request_body = PaymentRequest,
    responses(
        (status = 201, description = "Recorded; the bill with its payments", body = BillResponse),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Doctors take no payments; patients record no cash, card-present, insurance, cheque or other staff method; staff make no online charge", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such bill, or not yours", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The bill is void (`bill_void`), no payment provider is configured (`online_payment_unavailable`), or the provider declined (`payment_declined`)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Zero, more than two decimals, above the balance, or an online payment without its token", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "The payment provider is unavailable; nothing was charged", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/bills/{id}/payments")]
pub async fn pay_bill(
    state: web::Data<AppState>,
    actor: CurrentActor,
    id: web::Path<i32>,
    body: crate::http::Json<PaymentRequest>,
) -> ApiResult<HttpResponse> {
    validate(&*body)?;
    let body = body.into_inner();
    let cmd = RecordPayment {
        bill_id: id.into_inner(),
        amount: body.amount,
        method: body.method.into(),
        payment_token: body.payment_token,
        reference: body.reference,
    };
    let provider = state.payment_provider.as_deref();
    let details = billing::pay_bill(&actor, cmd, &*state.clock, &*state.bills, provider).await?;
    let allowed = actions(&state, &actor, &details.bill);
    Ok(HttpResponse::Created().json(BillResponse::with_entries(
        details,
        state.clock.today(),
        allowed,
    )))
}

/// Changes the amount of a bill (staff, admins), with a reason kept as an adjustment entry:
/// at any time before it is void, even after payments, but never below what is paid net of
/// refunds (refund the difference first).
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
        (status = 409, description = "The bill is void", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Not a valid amount, below what is paid, or no reason", body = Problem, content_type = "application/problem+json"),
    )
)]
#[patch("/bills/{id}")]
pub async fn adjust_bill(
    state: web::Data<AppState>,
    actor: CurrentActor,
    id: web::Path<i32>,
    body: crate::http::Json<AdjustBillRequest>,
) -> ApiResult<HttpResponse> {
    validate(&*body)?;
    let body = body.into_inner();
    let cmd = AdjustBill {
        bill_id: id.into_inner(),
        amount_due: body.amount_due,
        reason: body.reason,
    };
    let bill = billing::adjust_bill(&actor, cmd, &*state.clock, &*state.bills).await?;
    let allowed = actions(&state, &actor, &bill);
    Ok(HttpResponse::Ok().json(BillResponse::of(bill, state.clock.today(), allowed, None)))
}

/// Voids a bill that holds no money (staff, admins): refund its payments first.
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
        (status = 409, description = "The bill has payments not refunded, or is already void", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "No reason given", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/bills/{id}/void")]
pub async fn void_bill(
    state: web::Data<AppState>,
    actor: CurrentActor,
    id: web::Path<i32>,
    body: crate::http::Json<VoidBillRequest>,
) -> ApiResult<HttpResponse> {
    validate(&*body)?;
    let cmd = VoidBill {
        bill_id: id.into_inner(),
        reason: body.into_inner().reason,
    };
    let bill = billing::void_bill(&actor, cmd, &*state.clock, &*state.bills).await?;
    let allowed = actions(&state, &actor, &bill);
    Ok(HttpResponse::Ok().json(BillResponse::of(bill, state.clock.today(), allowed, None)))
}
