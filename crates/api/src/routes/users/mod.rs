//! `/users`: accounts (admin) and demographics.

use utoipa_actix_web::service_config::ServiceConfig;

mod accounts;
mod demographics;
pub mod dto;
pub mod new_account;

/// Registers the `/users` routes.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(accounts::list_users)
        .service(accounts::create_user)
        .service(accounts::get_user)
        .service(accounts::update_user)
        .service(accounts::deactivate_user)
        .service(accounts::reactivate_user)
        .service(demographics::get_demographics)
        .service(demographics::put_demographics);
}
