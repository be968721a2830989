//! The safety net under "every error is problem+json": handlers already answer that way, but
//! some errors are produced by the framework or by middleware from other crates (a CORS
//! rejection, a method the route does not take) with plain-text bodies. This middleware rewrites
//! any such error response into a problem document, keeping its status and headers.

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderValue};
use actix_web::middleware::Next;
use actix_web::{Error, HttpResponse, HttpResponseBuilder, ResponseError};

use crate::error::{PROBLEM_JSON, Problem};

/// The longest plain-text error body carried over as the problem's detail.
const MAX_DETAIL_BYTES: usize = 512;

/// Rewrites error responses that are not problem+json.
///
/// # Errors
/// Never: an inner error becomes a problem response.
pub async fn ensure_problem_json(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, Error> {
    // Holding a clone of the request across `next.call` would break routing (it needs the
    // request's only reference), so an inner `Err` is re-wrapped rather than turned into a
    // response here; actix renders it through `FrameworkProblem::error_response`.
    let response = match next.call(req).await {
        Ok(response) => response.map_into_boxed_body(),
        Err(error) if is_problem(&error.error_response()) => return Err(error),
        Err(error) => {
            return Err(FrameworkProblem {
                status: error.as_response_error().status_code(),
                detail: error.to_string(),
            }
            .into());
        }
    };
    let failed = response.status().is_client_error() || response.status().is_server_error();
    if !failed || is_problem(response.response()) {
        return Ok(response);
    }
    let (request, old) = response.into_parts();
    let status = old.status();
    let mut replacement = HttpResponse::build(status);
    for (name, value) in old.headers() {
        if name != header::CONTENT_TYPE && name != header::CONTENT_LENGTH {
            replacement.append_header((name.clone(), value.clone()));
        }
    }
    let text = actix_web::body::to_bytes_limited(old.into_body(), MAX_DETAIL_BYTES)
        .await
        .ok()
        .and_then(Result::ok)
        .and_then(|bytes| String::from_utf8(bytes.to_vec()).ok())
        .filter(|text| !text.trim().is_empty());
    let body = problem_body(&mut replacement, status, text);
    Ok(ServiceResponse::new(request, body))
}

/// An error from the framework or another crate's middleware, re-dressed as a problem.
#[derive(Debug, thiserror::Error)]
#[error("{detail}")]
struct FrameworkProblem {
    status: StatusCode,
    detail: String,
}

impl ResponseError for FrameworkProblem {
    fn status_code(&self) -> StatusCode {
        self.status
    }

    fn error_response(&self) -> HttpResponse {
        let detail = Some(self.detail.clone()).filter(|d| !d.trim().is_empty());
        problem_body(&mut HttpResponse::build(self.status), self.status, detail)
    }
}

fn problem_body(
    builder: &mut HttpResponseBuilder,
    status: StatusCode,
    detail: Option<String>,
) -> HttpResponse {
    let title = status.canonical_reason().unwrap_or("Error").to_owned();
    let code = title.to_ascii_lowercase().replace([' ', '-'], "_");
    let problem = Problem {
        problem_type: format!("/problems/{code}"),
        detail: Some(detail.unwrap_or_else(|| title.clone())),
        title,
        status: status.as_u16(),
        code,
        errors: None,
        conflicts: None,
    };
    builder
        .insert_header((header::CONTENT_TYPE, HeaderValue::from_static(PROBLEM_JSON)))
        .body(serde_json::to_string(&problem).unwrap_or_default())
}

/// True when the response is already a problem document.
pub(crate) fn is_problem<B>(response: &HttpResponse<B>) -> bool {
    response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.starts_with(PROBLEM_JSON))
}
