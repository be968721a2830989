//! `/patients`: front-desk registration and search, profiles, emergency contacts and care
//! teams. Insurance policies are in [`insurances`](super::insurances).

use utoipa_actix_web::service_config::ServiceConfig;

mod care_team;
pub mod dto;
mod emergency_contacts;
mod profile;
mod registry;

/// Registers the `/patients` routes.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(registry::list_patients)
        .service(registry::register_patient)
        .service(profile::get_patient)
        .service(profile::update_patient)
        .service(emergency_contacts::get_emergency_contacts)
        .service(emergency_contacts::put_emergency_contacts)
        .service(care_team::list_care_team)
        .service(care_team::add_care_team_member)
        .service(care_team::remove_care_team_member)
        .service(care_team::set_primary_doctor);
}
