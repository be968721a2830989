//! `/bills`: bills, payments, adjustments and voids.

use clinic_domain::access::{Action, PatientFacts, authorize};
use clinic_domain::billing::Bill;
use utoipa_actix_web::service_config::ServiceConfig;

use crate::auth::CurrentActor;
use crate::error::{ApiResult, allowed};
use crate::state::AppState;

pub mod dto;
mod read;
mod write;

/// Registers the bill routes.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(read::list_bills)
        .service(read::get_bill)
        .service(write::adjust_bill)
        .service(write::pay_bill)
        .service(write::void_bill);
}

/// Loads a bill and checks `action` (built from the bill's patient) for the actor.
pub(crate) async fn authorized_bill(
    state: &AppState,
    actor: &CurrentActor,
    bill_id: i32,
    action: fn(PatientFacts) -> Action,
) -> ApiResult<Bill> {
    let bill = state.bills.get(bill_id).await?;
    let facts = state.access.patient_facts(actor, bill.patient_id).await?;
    allowed(authorize(actor, action(facts)), "bill")?;
    Ok(bill)
}
