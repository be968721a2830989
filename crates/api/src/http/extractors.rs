//! actix-web answers malformed paths with plain-text bodies; this handler turns such failures
//! into problem+json (bodies and queries have their own extractors in `body.rs`), and the
//! answer for paths no route matches.

use actix_web::error::PathError;
use actix_web::{HttpRequest, HttpResponse, web};

use crate::error::ApiError;

/// The largest JSON body accepted. Clinical notes are the largest legitimate payload.
pub const MAX_JSON_BODY_BYTES: usize = 256 * 1024;

/// Path configuration with problem+json errors.
#[must_use]
pub fn path_config() -> web::PathConfig {
    web::PathConfig::default().error_handler(|err: PathError, _req: &HttpRequest| {
        ApiError::BadRequest {
            code: "invalid_path",
            detail: err.to_string(),
        }
        .into()
    })
}

/// The answer for any path no route matches.
pub async fn not_found(req: HttpRequest) -> HttpResponse {
    use actix_web::ResponseError;
    ApiError::NotFound {
        detail: format!("nothing is at {}", req.path()),
    }
    .error_response()
}
