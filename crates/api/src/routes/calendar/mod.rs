//! `GET /calendar`: an office's days for the time grid — every doctor's open and blocked time
//! from the availability engine, and every appointment of those days.

use utoipa_actix_web::service_config::ServiceConfig;

pub mod dto;
mod read;

/// Registers the calendar route.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(read::calendar).service(read::version);
}
