//! `/waitlist`: joining, the lists, withdrawing, and answering offers of freed slots.

use utoipa_actix_web::service_config::ServiceConfig;

pub mod dto;
mod entries;
mod offers;

/// Registers the waitlist routes (the offers' before the entries', whose `{id}` would match
/// `offers`).
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(offers::list_offers)
        .service(offers::accept_offer)
        .service(offers::decline_offer)
        .service(entries::list_entries)
        .service(entries::join_waitlist)
        .service(entries::withdraw_entry);
}
