//! `/offices`: the clinic's locations, their contact data, time zone and services.

use utoipa_actix_web::service_config::ServiceConfig;

pub mod dto;
mod handlers;

/// Registers the `/offices` routes.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(handlers::list_offices)
        .service(handlers::create_office)
        .service(handlers::get_office)
        .service(handlers::update_office);
}
