//! Browser-facing protections: security headers on every response, `Cache-Control: no-store` on
//! the API (its bodies carry health data that must not linger in caches), and CORS limited to the
//! web app's own origins.

use actix_cors::Cors;
use actix_web::Error;
use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::Method;
use actix_web::http::header::{self, HeaderName, HeaderValue};
use actix_web::middleware::Next;

/// The Content-Security-Policy: only our own scripts, styles, images and API; no framing.
/// Inline styles are allowed because Swagger UI sets them from its own script.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self'; \
     style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; \
     font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; \
     frame-ancestors 'none'";

const HEADERS: [(&str, &str); 8] = [
    ("content-security-policy", CONTENT_SECURITY_POLICY),
    ("x-content-type-options", "nosniff"),
    ("x-frame-options", "DENY"),
    ("referrer-policy", "no-referrer"),
    (
        "strict-transport-security",
        "max-age=31536000; includeSubDomains",
    ),
    ("cross-origin-opener-policy", "same-origin"),
    ("cross-origin-resource-policy", "same-origin"),
    (
        "permissions-policy",
        "camera=(), microphone=(), geolocation=(), payment=()",
    ),
];

/// Adds the security headers (and no-store on `/api/`) to every response.
///
/// # Errors
/// Passes on the inner service's error.
pub async fn add_headers(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, Error> {
    let is_api = req.path().starts_with("/api/");
    let mut response = next.call(req).await?;
    let headers = response.headers_mut();
    for (name, value) in HEADERS {
        headers.insert(
            HeaderName::from_static(name),
            HeaderValue::from_static(value),
        );
    }
    if is_api {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    Ok(response)
}

/// CORS for the web app's origins (`CLINIC_ALLOWED_ORIGINS`). The app served by `clinic serve`
/// and `npm run dev` (through its proxy) are same-origin and need none; an origin listed here may
/// call the API from a browser with a bearer token (no cookies are used). Any other origin gets
/// no CORS headers, so browsers keep its pages away from the API.
pub fn cors(allowed_origins: &[String]) -> Cors {
    let cors = allowed_origins
        .iter()
        .fold(Cors::default(), |cors, origin| cors.allowed_origin(origin));
    cors.allowed_methods([
        Method::GET,
        Method::POST,
        Method::PUT,
        Method::PATCH,
        Method::DELETE,
    ])
    .allowed_headers([
        header::AUTHORIZATION,
        header::CONTENT_TYPE,
        header::ACCEPT,
        HeaderName::from_static("x-request-id"),
    ])
    .expose_headers([
        header::RETRY_AFTER,
        header::LOCATION,
        HeaderName::from_static("x-request-id"),
    ])
    .max_age(600)
}
