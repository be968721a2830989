//! Errors on the FHIR API are `OperationOutcome`s. Every failure of the API is first a
//! problem document (the handlers, the extractors, the limits and the framework already answer
//! so); this net, around the whole app, re-dresses those of `/fhir/` paths, keeping the status
//! and headers. One mapping of failures, two wire formats.

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderValue};
use actix_web::middleware::Next;
use actix_web::{Error, HttpResponse, ResponseError};
use serde_json::{Value, json};

use super::{FHIR_BASE, FHIR_JSON};
use crate::http::problem_net::is_problem;

/// The largest problem document read back (they are a few hundred bytes).
const MAX_PROBLEM_BYTES: usize = 64 * 1024;

/// Rewrites the problem documents of FHIR paths as OperationOutcomes.
///
/// # Errors
/// Never: an inner error is rendered and re-dressed.
pub async fn outcome_net(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, Error> {
    let is_fhir = req.path() == FHIR_BASE || req.path().starts_with(&format!("{FHIR_BASE}/"));
    if !is_fhir {
        return next
            .call(req)
            .await
            .map(ServiceResponse::map_into_boxed_body);
    }
    // The request may not be held across `next.call` (routing needs its only reference), so
    // an inner `Err` is re-wrapped and rendered through `FhirFailure::error_response`.
    let response = match next.call(req).await {
        Ok(response) => response.map_into_boxed_body(),
        Err(error) => return Err(FhirFailure(error).into()),
    };
    if !is_problem(response.response()) {
        return Ok(response);
    }
    let (request, old) = response.into_parts();
    let (head, body) = old.into_parts();
    let problem: Value = actix_web::body::to_bytes_limited(body, MAX_PROBLEM_BYTES)
        .await
        .ok()
        .and_then(Result::ok)
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .unwrap_or(Value::Null);
    Ok(ServiceResponse::new(request, redress(&head, &problem)))
}

/// An error from inside, answered as an OperationOutcome.
#[derive(Debug)]
struct FhirFailure(Error);

impl std::fmt::Display for FhirFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl ResponseError for FhirFailure {
    fn status_code(&self) -> StatusCode {
        self.0.as_response_error().status_code()
    }

    fn error_response(&self) -> HttpResponse {
        let (head, body) = self.0.error_response().into_parts();
        let problem = body
            .try_into_bytes()
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or(Value::Null);
        redress(&head, &problem)
    }
}

/// The response `head` had, with the OperationOutcome of `problem` as its body.
fn redress(head: &HttpResponse<()>, problem: &Value) -> HttpResponse {
    let status = head.status();
    let mut replacement = HttpResponse::build(status);
    for (name, value) in head.headers() {
        if name != header::CONTENT_TYPE && name != header::CONTENT_LENGTH {
            replacement.append_header((name.clone(), value.clone()));
        }
    }
    replacement
        .insert_header((header::CONTENT_TYPE, HeaderValue::from_static(FHIR_JSON)))
        .body(operation_outcome(status, problem).to_string())
}

/// The OperationOutcome saying what `problem` says: one issue for the whole, then one per
/// field named in its `errors` (with the field as the issue's expression).
pub fn operation_outcome(status: StatusCode, problem: &Value) -> Value {
    let code = issue_code(status, problem["code"].as_str().unwrap_or_default());
    let detail = problem["detail"]
        .as_str()
        .or_else(|| status.canonical_reason())
        .unwrap_or("error");
    let severity = if status.is_server_error() {
        "fatal"
    } else {
        "error"
    };
    let mut issues = vec![json!({
        "severity": severity,
        "code": code,
        "details": {"text": detail},
        "diagnostics": problem["code"].as_str().unwrap_or("error"),
    })];
    for field in problem["errors"].as_array().into_iter().flatten() {
        if let (Some(name), Some(message)) = (field["field"].as_str(), field["message"].as_str()) {
            issues.push(json!({
                "severity": "error",
                "code": code,
                "details": {"text": format!("{name} {message}")},
                "expression": [name],
            }));
        }
    }
    json!({"resourceType": "OperationOutcome", "issue": issues})
}

/// The FHIR `IssueType` of an HTTP failure.
fn issue_code(status: StatusCode, problem_code: &str) -> &'static str {
    match status.as_u16() {
        400 if problem_code == "invalid_query" => "invalid",
        400 => "structure",
        401 => "login",
        403 => "forbidden",
        404 => "not-found",
        405 | 406 | 415 => "not-supported",
        408 => "timeout",
        409 => "conflict",
        413 | 414 | 431 => "too-costly",
        422 => "processing",
        429 => "throttled",
        503 => "transient",
        _ => "exception",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_field_of_a_problem_becomes_an_issue_with_its_expression() {
        let problem = json!({
            "code": "invalid_query",
            "detail": "2 fields need attention",
            "errors": [
                {"field": "colour", "message": "is not a search parameter"},
                {"field": "_count", "message": "must be a whole number from 1 to 100"},
            ],
        });
        let outcome = operation_outcome(StatusCode::BAD_REQUEST, &problem);
        let issues = outcome["issue"].as_array().unwrap();
        assert_eq!(issues.len(), 3);
        assert_eq!(issues[0]["code"], "invalid");
        assert_eq!(issues[1]["expression"], json!(["colour"]));
        assert_eq!(
            issues[2]["details"]["text"],
            "_count must be a whole number from 1 to 100"
        );
    }

    #[test]
    fn statuses_map_to_issue_types() {
        let empty = json!({});
        let code = |status: u16| {
            operation_outcome(StatusCode::from_u16(status).unwrap(), &empty)["issue"][0]["code"]
                .clone()
        };
        assert_eq!(code(401), "login");
        assert_eq!(code(403), "forbidden");
        assert_eq!(code(404), "not-found");
        assert_eq!(code(500), "exception");
        assert_eq!(
            operation_outcome(StatusCode::INTERNAL_SERVER_ERROR, &empty)["issue"][0]["severity"],
            "fatal"
        );
    }
}
