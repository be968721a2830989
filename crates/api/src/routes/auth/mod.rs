//! `/auth`: sign-up, sign-in, token refresh, sign-out, the current user, password change.

use utoipa_actix_web::service_config::ServiceConfig;

mod dto;
mod login;
mod password;
mod register;
mod session;

pub use dto::{TokenResponse, issue_tokens};

/// Registers the `/auth` routes.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(register::register)
        .service(login::login)
        .service(session::refresh)
        .service(session::logout)
        .service(session::me)
        .service(password::change_password);
}
