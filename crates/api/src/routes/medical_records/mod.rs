//! `/medical-records`. Who may read and write clinical content is decided by the clinical use
//! cases (`clinic_domain::clinical`) through the one access policy; handlers only translate.

use utoipa_actix_web::service_config::ServiceConfig;

pub mod dto;
mod read;
mod write;

/// Registers the medical-record routes.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(read::list_records)
        .service(write::create_record)
        .service(read::get_record)
        .service(write::amend_record)
        .service(write::add_addendum);
}
