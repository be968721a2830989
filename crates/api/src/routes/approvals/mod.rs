//! `/specialist-approvals`: referrals from a care-team doctor to a specialist, and their
//! decision. Who may request, see and decide is the domain's
//! (`clinic_domain::access::referral`); the handlers only translate HTTP.

use utoipa_actix_web::service_config::ServiceConfig;

mod decide;
pub mod dto;
mod read;
mod request;

/// Registers the approval routes.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(read::list_approvals)
        .service(request::request_approval)
        .service(read::get_approval)
        .service(decide::approve)
        .service(decide::deny)
        .service(decide::cancel);
}
