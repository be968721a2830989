//! Every route of the API, grouped by resource. Registering through utoipa-actix-web means a
//! handler is in the OpenAPI document exactly when it is served.

use utoipa_actix_web::scope;
use utoipa_actix_web::service_config::ServiceConfig;

pub mod appointment_series;
pub mod appointments;
pub mod approvals;
pub mod audit_log;
pub mod auth;
pub mod availability;
pub mod bills;
pub mod calendar;
pub mod calendar_feeds;
pub mod chart;
pub mod clinic_settings;
pub mod codes;
pub mod common;
pub mod doctors;
pub mod health;
pub mod insurances;
pub mod medical_records;
pub mod notifications;
pub mod offices;
pub mod outbox;
pub mod patients;
pub mod prescriptions;
pub mod specialties;
pub mod users;
pub mod visit_types;
pub mod waitlist;

/// The base path of the versioned API.
pub const API_BASE: &str = "/api/v1";

/// Registers the operational endpoints and the versioned API.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(health::health).service(health::ready);
    cfg.service(
        scope::scope(API_BASE)
            .configure(auth::configure)
            .configure(users::configure)
            .configure(patients::configure)
            .configure(insurances::configure)
            .configure(codes::configure)
            .configure(appointments::configure)
            .configure(bills::configure)
            .configure(medical_records::configure)
            .configure(prescriptions::configure)
            .configure(approvals::configure)
            .configure(notifications::configure)
            .configure(specialties::configure)
            .configure(offices::configure)
            .configure(doctors::configure)
            .configure(audit_log::configure)
            .configure(clinic_settings::configure)
            .configure(calendar_feeds::configure)
            .configure(waitlist::configure)
            .configure(calendar::configure)
            .configure(availability::configure)
            .configure(outbox::configure)
            .configure(appointment_series::configure)
            .configure(visit_types::configure)
            .configure(chart::configure),
    );
}
