//! Limits on what one request may cost: URI and header sizes, body size, JSON nesting depth and
//! time. Each is rejected with problem+json before a handler sees the request, so a hostile or
//! broken client cannot tie up a worker, the parser's stack or a database connection.

use std::time::Duration;

use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::Method;
use actix_web::middleware::Next;
use actix_web::{Error, ResponseError, web};

use crate::error::ApiError;
use crate::http::extractors::MAX_JSON_BODY_BYTES;

/// The longest path plus query string accepted (searches are short; ids are numbers).
pub const MAX_URI_BYTES: usize = 2048;
/// The most header bytes (names and values) accepted; a token is about 400 bytes.
pub const MAX_HEADER_BYTES: usize = 16 * 1024;
/// The most headers accepted.
pub const MAX_HEADERS: usize = 64;
/// The deepest JSON nesting accepted; the deepest legitimate body (test results) has four.
pub const MAX_JSON_DEPTH: usize = 32;

/// How long a request may take before it is answered 503 (`CLINIC_REQUEST_TIMEOUT_SECS`).
#[derive(Debug, Clone, Copy)]
pub struct RequestTimeout(pub Duration);

/// Rejects oversized requests before any handler or extractor reads them.
///
/// # Errors
/// Passes on the inner service's error.
pub async fn enforce(
    mut req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<EitherBody<impl MessageBody>>, Error> {
    if let Err(rejection) = check_head(&req) {
        return Ok(reject(req, &rejection));
    }
    if carries_body(req.method()) {
        let payload = req.extract::<web::Payload>().await?;
        let body = match payload.to_bytes_limited(MAX_JSON_BODY_BYTES).await {
            Ok(Ok(body)) => body,
            Ok(Err(e)) => {
                let rejection = ApiError::BadRequest {
                    code: "malformed_body",
                    detail: format!("the body could not be read: {e}"),
                };
                return Ok(reject(req, &rejection));
            }
            Err(_) => {
                let rejection = ApiError::PayloadTooLarge {
                    detail: format!("the body is larger than {MAX_JSON_BODY_BYTES} bytes"),
                };
                return Ok(reject(req, &rejection));
            }
        };
        if json_depth(&body) > MAX_JSON_DEPTH {
            let rejection = ApiError::BadRequest {
                code: "json_too_deep",
                detail: format!("the body nests more than {MAX_JSON_DEPTH} levels deep"),
            };
            return Ok(reject(req, &rejection));
        }
        req.set_payload(actix_web::dev::Payload::from(body));
    }
    next.call(req)
        .await
        .map(ServiceResponse::map_into_left_body)
}

/// Answers 503 problem+json when the rest of the chain takes longer than the request timeout;
/// dropping the handler's future rolls back its open transaction. This is the outermost layer:
/// the request has moved into the chain, so the answer is an error that actix renders itself,
/// and no layer outside would see it.
///
/// # Errors
/// The timeout, as a 503; otherwise the inner service's error.
pub async fn time_limit(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, Error> {
    let timeout = req
        .app_data::<web::Data<RequestTimeout>>()
        .map_or(Duration::from_secs(30), |t| t.0);
    let path = super::request_log::loggable_path(req.path()).into_owned();
    tokio::time::timeout(timeout, next.call(req))
        .await
        .unwrap_or_else(|_| {
            tracing::warn!(%path, timeout_secs = timeout.as_secs(), "request timed out");
            Err(ApiError::Unavailable {
                detail: "the request took too long; try again".into(),
            }
            .into())
        })
}

fn reject<B>(req: ServiceRequest, rejection: &ApiError) -> ServiceResponse<EitherBody<B>> {
    req.into_response(rejection.error_response())
        .map_into_right_body()
}

fn carries_body(method: &Method) -> bool {
    matches!(*method, Method::POST | Method::PUT | Method::PATCH)
}

/// URI and header limits.
fn check_head(req: &ServiceRequest) -> Result<(), ApiError> {
    let uri_len = req.uri().path_and_query().map_or(0, |pq| pq.as_str().len());
    if uri_len > MAX_URI_BYTES {
        return Err(ApiError::UriTooLong {
            detail: format!("the path and query are longer than {MAX_URI_BYTES} bytes"),
        });
    }
    let headers = req.headers();
    let header_bytes: usize = headers
        .iter()
        .map(|(name, value)| name.as_str().len() + value.len())
        .sum();
    if headers.len() > MAX_HEADERS || header_bytes > MAX_HEADER_BYTES {
        return Err(ApiError::HeadersTooLarge {
            detail: format!(
                "send at most {MAX_HEADERS} headers and {MAX_HEADER_BYTES} bytes of them"
            ),
        });
    }
    Ok(())
}

/// The deepest nesting of arrays and objects in a JSON text, without parsing it (brackets inside
/// strings do not count). Malformed text is left to the JSON parser to reject.
#[must_use]
pub fn json_depth(text: &[u8]) -> usize {
    let (mut depth, mut deepest) = (0usize, 0usize);
    let (mut in_string, mut escaped) = (false, false);
    for &byte in text {
        if in_string {
            match byte {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match byte {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    deepest
}

#[cfg(test)]
mod tests {
    use super::json_depth;

    #[test]
    fn counts_nesting_of_arrays_and_objects() {
        assert_eq!(json_depth(b"42"), 0);
        assert_eq!(json_depth(br#"{"a": 1}"#), 1);
        assert_eq!(json_depth(br#"{"a": [{"b": [1, 2]}], "c": {}}"#), 4);
    }

    #[test]
    fn ignores_brackets_inside_strings_and_escaped_quotes() {
        assert_eq!(json_depth(br#"{"note": "[[[{{{"}"#), 1);
        assert_eq!(json_depth(br#"{"note": "say \"[[[\" twice"}"#), 1);
        assert_eq!(json_depth(br#"["a\\", ["b"]]"#), 2);
    }

    #[test]
    fn a_deep_body_is_measured_in_full() {
        let deep = format!("{}{}", "[".repeat(100), "]".repeat(100));
        assert_eq!(json_depth(deep.as_bytes()), 100);
    }
}
