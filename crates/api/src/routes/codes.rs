//! Demographic code tables: races, ethnicities, genders.
use utoipa_actix_web::service_config::ServiceConfig;

/// Registers the code-table routes.
pub fn configure(_cfg: &mut ServiceConfig) {}
