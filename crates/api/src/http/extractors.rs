//! actix-web answers malformed JSON, paths and queries with plain-text bodies; these handlers
//! turn every such failure into problem+json.

use actix_web::error::{JsonPayloadError, PathError, QueryPayloadError};
use actix_web::{HttpRequest, HttpResponse, web};

use crate::error::ApiError;

/// The largest JSON body accepted. Clinical notes are the largest legitimate payload.
pub const MAX_JSON_BODY_BYTES: usize = 256 * 1024;

/// JSON body configuration with problem+json errors.
#[must_use]
pub fn json_config() -> web::JsonConfig {
    web::JsonConfig::default()
        .limit(MAX_JSON_BODY_BYTES)
        .error_handler(json_error)
}

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

/// Query-string configuration with problem+json errors.
#[must_use]
pub fn query_config() -> web::QueryConfig {
    web::QueryConfig::default().error_handler(|err: QueryPayloadError, _req: &HttpRequest| {
        ApiError::BadRequest {
            code: "invalid_query",
            detail: err.to_string(),
        }
        .into()
    })
}

fn json_error(err: JsonPayloadError, _req: &HttpRequest) -> actix_web::Error {
    let api_error = match &err {
        JsonPayloadError::OverflowKnownLength { .. } | JsonPayloadError::Overflow { .. } => {
            ApiError::PayloadTooLarge {
                detail: format!("the body is larger than {MAX_JSON_BODY_BYTES} bytes"),
            }
        }
        JsonPayloadError::ContentType => ApiError::UnsupportedMediaType {
            detail: "send the body as application/json".into(),
        },
        JsonPayloadError::Deserialize(e) if e.is_data() => ApiError::Unprocessable {
            code: "invalid_body",
            detail: e.to_string(),
            errors: Vec::new(),
        },
        JsonPayloadError::Deserialize(e) => ApiError::BadRequest {
            code: "malformed_json",
            detail: e.to_string(),
        },
        other => ApiError::BadRequest {
            code: "malformed_body",
            detail: other.to_string(),
        },
    };
    api_error.into()
}

/// The answer for any path no route matches.
pub async fn not_found(req: HttpRequest) -> HttpResponse {
    use actix_web::ResponseError;
    ApiError::NotFound {
        detail: format!("nothing is at {}", req.path()),
    }
    .error_response()
}
