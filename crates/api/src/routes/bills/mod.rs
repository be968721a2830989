//! `/bills`: bills, payments, adjustments and voids. Each handler turns the request into a
//! command of `clinic_domain::billing` and the use case's answer into a response.

use utoipa_actix_web::service_config::ServiceConfig;

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
