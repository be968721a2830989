//! The availability engine's dated rules over HTTP: an office's closures
//! (`/offices/{id}/closures`), a doctor's time off (`/doctors/{id}/time-off`) and dated
//! exceptions to their hours (`/doctors/{id}/schedule-exceptions`). Every change is audited in
//! its own transaction.

use utoipa_actix_web::service_config::ServiceConfig;

mod closures;
pub mod dto;
mod exceptions;
mod time_off;

/// Registers the availability routes.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(closures::list_closures)
        .service(closures::add_closure)
        .service(closures::remove_closure)
        .service(time_off::list_time_off)
        .service(time_off::add_time_off)
        .service(time_off::remove_time_off)
        .service(exceptions::list_exceptions)
        .service(exceptions::add_exception)
        .service(exceptions::remove_exception);
}
