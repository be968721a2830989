//! One structured log line per request: request id, method, path, status and latency, at
//! `DEBUG` (so the default filter leaves it out; see [`crate::telemetry::REQUEST_LOG_FILTER`])
//! and at `ERROR` when the server failed (5xx).
//!
//! The query string is left out on purpose: searches carry patient names and dates of birth.
//! Headers are never logged, so tokens never reach the log; neither does the token in the path
//! of a calendar feed (see [`loggable_path`]).

use std::borrow::Cow;
use std::time::Instant;

use actix_web::Error;
use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{HeaderName, HeaderValue};
use actix_web::middleware::Next;
use tracing::Instrument;

/// The header that carries the request id in and out.
pub const REQUEST_ID_HEADER: &str = "x-request-id";

/// Logs the request when it completes and echoes (or assigns) its id.
///
/// # Errors
/// Passes on the inner service's error.
pub async fn log_request(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, Error> {
    let started = Instant::now();
    let request_id = incoming_id(&req).unwrap_or_else(|| uuid::Uuid::new_v4().to_string());
    let method = req.method().to_string();
    let path = loggable_path(req.path()).into_owned();
    let span =
        tracing::info_span!("request", request_id = %request_id, method = %method, path = %path);
    let mut response = next.call(req).instrument(span.clone()).await?;
    let status = response.status().as_u16();
    let latency_ms = started.elapsed().as_secs_f64() * 1000.0;
    span.in_scope(|| {
        if status >= 500 {
            tracing::error!(status, latency_ms, "request completed");
        } else {
            tracing::debug!(status, latency_ms, "request completed");
        }
    });
    if let Ok(value) = HeaderValue::from_str(&request_id) {
        response
            .headers_mut()
            .insert(HeaderName::from_static(REQUEST_ID_HEADER), value);
    }
    Ok(response)
}

/// The prefix of a calendar feed's path, whose next segment is the feed's secret token.
const FEED_PREFIX: &str = "/api/v1/calendar-feeds/";

/// `path` as a log line may show it: a calendar feed's token (the credential of a URL a calendar
/// app fetches) replaced by `[token]`.
#[must_use]
pub fn loggable_path(path: &str) -> Cow<'_, str> {
    match path.strip_prefix(FEED_PREFIX) {
        Some(rest) if !rest.is_empty() && !rest.bytes().all(|b| b.is_ascii_digit()) => {
            let suffix = if rest.ends_with(".ics") { ".ics" } else { "" };
            Cow::Owned(format!("{FEED_PREFIX}[token]{suffix}"))
        }
        _ => Cow::Borrowed(path),
    }
}

/// Accepts a caller's id only when it is short and plain, so it cannot forge log lines.
fn incoming_id(req: &ServiceRequest) -> Option<String> {
    let value = req.headers().get(REQUEST_ID_HEADER)?.to_str().ok()?;
    let plain = !value.is_empty()
        && value.len() <= 64
        && value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    plain.then(|| value.to_owned())
}

#[cfg(test)]
mod tests {
    use super::loggable_path;

    #[test]
    fn a_feed_token_never_reaches_the_log() {
        let token = "ab".repeat(32);
        assert_eq!(
            loggable_path(&format!("/api/v1/calendar-feeds/{token}.ics")),
            "/api/v1/calendar-feeds/[token].ics"
        );
        assert_eq!(
            loggable_path(&format!("/api/v1/calendar-feeds/{token}")),
            "/api/v1/calendar-feeds/[token]"
        );
        assert_eq!(
            loggable_path("/api/v1/calendar-feeds/12"),
            "/api/v1/calendar-feeds/12"
        );
        assert_eq!(
            loggable_path("/api/v1/calendar-feeds"),
            "/api/v1/calendar-feeds"
        );
        assert_eq!(loggable_path("/api/v1/patients/3"), "/api/v1/patients/3");
    }
}
