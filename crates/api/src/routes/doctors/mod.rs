//! `/doctors`: doctors' profiles, the offices they work at and their weekly working hours.

use utoipa_actix_web::service_config::ServiceConfig;

pub mod dto;
mod offices;
mod profile;
mod working_hours;

/// Registers the `/doctors` routes.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(profile::list_doctors)
        .service(profile::create_doctor)
        .service(profile::get_doctor)
        .service(profile::update_doctor)
        .service(offices::get_doctor_offices)
        .service(offices::put_doctor_offices)
        .service(working_hours::get_working_hours)
        .service(working_hours::put_working_hours);
}
