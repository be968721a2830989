//! `/bills`: bills, payments, refunds, adjustments and voids. Each handler turns the request into a
//! command of `clinic_domain::billing` and the use case's answer into a response.

use clinic_domain::access::Actor;
use clinic_domain::billing::{self, Bill, BillAction};
use utoipa_actix_web::service_config::ServiceConfig;

use crate::state::AppState;

mod desk;
pub mod dto;
mod read;
mod refund;
mod write;

/// What `actor` may do with `bill` now, by the domain's rules, given whether a payment
/// provider is configured.
fn actions(state: &AppState, actor: &Actor, bill: &Bill) -> Vec<BillAction> {
    billing::allowed_actions(actor, bill, state.payment_provider.is_some())
}

/// Registers the bill routes.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(read::list_bills)
        .service(read::get_bill)
        .service(write::adjust_bill)
        .service(write::pay_bill)
        .service(write::void_bill)
        .service(refund::refund_payment)
        .service(desk::issue_bill)
        .service(desk::patient_payments);
}
