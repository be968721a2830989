//! `POST /bills/{id}/refunds`.

use actix_web::{HttpResponse, post, web};
use clinic_domain::billing::{self, RefundPayment};

use super::actions;
use super::dto::{BillResponse, RefundRequest};
use crate::auth::CurrentActor;
use crate::error::{ApiResult, Problem};
use crate::routes::common::validate;
use crate::state::AppState;

/// Refunds (part of) a payment of the bill (staff, admins), with a reason. The refund is an
/// entry linked to the payment: never more than is left of it, and the bill's amount paid,
/// balance and status follow. An online payment is refunded through the payment provider.
/// Refunds and payments of one bill run one at a time.
#[utoipa::path(
    tag = "billing",
    security(("bearer" = [])),
    params(("id" = i32, Path, description = "Bill id")),
    request_body = RefundRequest,
    responses(
        (status = 201, description = "Refunded; the bill with its payments, refunds and adjustments", body = BillResponse),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Only staff and admins refund", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such bill", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "More than is left of the payment (`refund_exceeds_payment`), or an online payment without a configured provider (`online_payment_unavailable`) or declined by it (`payment_declined`)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Not a payment of this bill, not a valid amount, or no reason", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "The payment provider is unavailable; nothing was refunded", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/bills/{id}/refunds")]
pub async fn refund_payment(
    state: web::Data<AppState>,
    actor: CurrentActor,
    id: web::Path<i32>,
    body: crate::http::Json<RefundRequest>,
) -> ApiResult<HttpResponse> {
    validate(&*body)?;
    let body = body.into_inner();
    let cmd = RefundPayment {
        bill_id: id.into_inner(),
        payment_id: body.payment_id,
        amount: body.amount,
        reason: body.reason,
    };
    let provider = state.payment_provider.as_deref();
    let details =
        billing::refund_payment(&actor, cmd, &*state.clock, &*state.bills, provider).await?;
    let allowed = actions(&state, &actor, &details.bill);
    Ok(HttpResponse::Created().json(BillResponse::with_entries(
        details,
        state.clock.today(),
        allowed,
    )))
}
