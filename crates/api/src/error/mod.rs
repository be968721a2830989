//! The one place where failures become HTTP: every error leaves as `application/problem+json`
//! (RFC 9457) with a stable snake_case `code` a client can translate.
//!
//! Each use case of the domain returns its own error enum; the submodules, one per context,
//! hold the one `From<…> for ApiError` of each, so a variant's status and code are chosen once.

mod audit;
mod billing;
mod calendar_feeds;
mod care_team;
mod clinical;
mod directory;
mod identity;
mod messaging;
mod patients;
mod referral;
mod scheduling;
mod settings;
mod waitlist;

pub use directory::draft;

use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderValue};
use actix_web::{HttpResponse, ResponseError};
use serde::Serialize;
use utoipa::ToSchema;

/// The media type of every error body.
pub const PROBLEM_JSON: &str = "application/problem+json";

/// An RFC 9457 problem document.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(example = json!({
    "type": "/problems/validation_failed",
    "title": "Unprocessable Content",
    "status": 422,
    "code": "validation_failed",
    "detail": "1 field needs attention: email must contain one @.",
    "errors": [{"field": "email", "message": "must contain one @"}]
}))]
pub struct Problem {
    /// A URI reference naming the kind of problem: `/problems/{code}`.
    #[serde(rename = "type")]
    pub problem_type: String,
    /// The HTTP status's reason phrase.
    pub title: String,
    /// The HTTP status code.
    pub status: u16,
    /// A stable snake_case identifier of the problem.
    pub code: String,
    /// What went wrong, for a person.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// One entry per invalid field, for validation failures.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub errors: Option<Vec<FieldError>>,
    /// Ids of the existing records the request conflicts with (e.g. overlapping appointments).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub conflicts: Option<Vec<i64>>,
}

/// One invalid field of a request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct FieldError {
    /// The field's name or JSON path, e.g. `test_results[2].name`.
    pub field: String,
    /// Why it is invalid.
    pub message: String,
}

/// Everything a handler can fail with.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// 400: the request cannot be parsed.
    #[error("{detail}")]
    BadRequest { code: &'static str, detail: String },
    /// 401: no valid credentials.
    #[error("{detail}")]
    Unauthorized { code: &'static str, detail: String },
    /// 403: authenticated, but this role may not do this.
    #[error("you are not allowed to do this")]
    Forbidden,
    /// 404: no such thing, or not yours to see.
    #[error("{detail}")]
    NotFound { detail: String },
    /// 409: the request conflicts with the current state.
    #[error("{detail}")]
    Conflict {
        code: &'static str,
        detail: String,
        conflicts: Option<Vec<i64>>,
    },
    /// 413: the body is larger than allowed.
    #[error("{detail}")]
    PayloadTooLarge { detail: String },
    /// 415: the body is not JSON.
    #[error("{detail}")]
    UnsupportedMediaType { detail: String },
    /// 414: the path and query are too long.
    #[error("{detail}")]
    UriTooLong { detail: String },
    /// 431: too many or too large headers.
    #[error("{detail}")]
    HeadersTooLarge { detail: String },
    /// 422: well-formed but invalid.
    #[error("{detail}")]
    Unprocessable {
        code: &'static str,
        detail: String,
        errors: Vec<FieldError>,
    },
    /// 400: the query string does not fit its parameters; one entry per parameter.
    #[error("{}", fields_detail(errors))]
    InvalidQuery { errors: Vec<FieldError> },
    /// 429: too many attempts; retry after the given number of seconds.
    #[error("too many requests")]
    TooManyRequests { retry_after_secs: u64 },
    /// 503: the database (or another dependency) is unreachable right now.
    #[error("{detail}")]
    Unavailable { detail: String },
    /// 500: a bug or an operational fault. The cause is logged, never sent.
    #[error("internal error: {0}")]
    Internal(String),
}

impl ApiError {
    /// A 404 for a kind of thing, e.g. `ApiError::not_found("patient")`.
    #[must_use]
    pub fn not_found(what: &str) -> Self {
        Self::NotFound {
            detail: format!("no such {what}"),
        }
    }

    /// A 422 for a single field.
    #[must_use]
    pub fn invalid_field(field: &str, message: impl Into<String>) -> Self {
        Self::invalid_fields(
            "validation_failed",
            vec![FieldError {
                field: field.into(),
                message: message.into(),
            }],
        )
    }

    /// A 422 listing every invalid field; the detail names them, so a client that shows only
    /// the detail still tells the person what to fix.
    #[must_use]
    pub fn invalid_fields(code: &'static str, errors: Vec<FieldError>) -> Self {
        Self::Unprocessable {
            code,
            detail: fields_detail(&errors),
            errors,
        }
    }

    /// Wraps an unexpected failure; its text goes to the log only.
    pub fn internal(cause: impl std::fmt::Display) -> Self {
        Self::Internal(cause.to_string())
    }

    fn code(&self) -> &'static str {
        match self {
            Self::BadRequest { code, .. }
            | Self::Unauthorized { code, .. }
            | Self::Conflict { code, .. }
            | Self::Unprocessable { code, .. } => code,
            Self::InvalidQuery { .. } => "invalid_query",
            Self::Forbidden => "forbidden",
            Self::NotFound { .. } => "not_found",
            Self::PayloadTooLarge { .. } => "payload_too_large",
            Self::UnsupportedMediaType { .. } => "unsupported_media_type",
            Self::UriTooLong { .. } => "uri_too_long",
            Self::HeadersTooLarge { .. } => "headers_too_large",
            Self::TooManyRequests { .. } => "too_many_requests",
            Self::Unavailable { .. } => "service_unavailable",
            Self::Internal(_) => "internal_error",
        }
    }

    /// The problem document this error answers with.
    #[must_use]
    pub fn problem(&self) -> Problem {
        let status = self.status_code();
        let code = self.code();
        let detail = match self {
            Self::Internal(_) => "Something went wrong on our side; it has been logged.".into(),
            Self::TooManyRequests { retry_after_secs } => {
                format!("Too many attempts; try again in {retry_after_secs} seconds.")
            }
            other => other.to_string(),
        };
        Problem {
            problem_type: format!("/problems/{code}"),
            title: status.canonical_reason().unwrap_or("Error").to_owned(),
            status: status.as_u16(),
            code: code.to_owned(),
            detail: Some(detail),
            errors: match self {
                Self::Unprocessable { errors, .. } | Self::InvalidQuery { errors }
                    if !errors.is_empty() =>
                {
                    Some(errors.clone())
                }
                _ => None,
            },
            conflicts: match self {
                Self::Conflict { conflicts, .. } => conflicts.clone(),
                _ => None,
            },
        }
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        match self {
            Self::BadRequest { .. } | Self::InvalidQuery { .. } => StatusCode::BAD_REQUEST,
            Self::Unauthorized { .. } => StatusCode::UNAUTHORIZED,
            Self::Forbidden => StatusCode::FORBIDDEN,
            Self::NotFound { .. } => StatusCode::NOT_FOUND,
            Self::Conflict { .. } => StatusCode::CONFLICT,
            Self::PayloadTooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
            Self::UnsupportedMediaType { .. } => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Self::UriTooLong { .. } => StatusCode::URI_TOO_LONG,
            Self::HeadersTooLarge { .. } => StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE,
            Self::Unprocessable { .. } => StatusCode::UNPROCESSABLE_ENTITY,
            Self::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
            Self::Unavailable { .. } => StatusCode::SERVICE_UNAVAILABLE,
            Self::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        if let Self::Internal(cause) = self {
            tracing::error!(error = %cause, "request failed");
        }
        let mut response = HttpResponse::build(self.status_code());
        response.insert_header((header::CONTENT_TYPE, HeaderValue::from_static(PROBLEM_JSON)));
        match self {
            Self::Unauthorized { .. } => {
                response.insert_header((header::WWW_AUTHENTICATE, "Bearer"));
            }
            Self::TooManyRequests { retry_after_secs } => {
                response.insert_header((header::RETRY_AFTER, retry_after_secs.to_string()));
            }
            Self::Unavailable { .. } => {
                response.insert_header((header::RETRY_AFTER, "5"));
            }
            _ => {}
        }
        response.body(serde_json::to_string(&self.problem()).unwrap_or_default())
    }
}

/// Result type of handlers.
pub type ApiResult<T> = Result<T, ApiError>;

impl From<clinic_domain::DomainError> for ApiError {
    fn from(error: clinic_domain::DomainError) -> Self {
        use clinic_domain::DomainError as D;
        match error {
            D::Validation(errors) => Self::from(errors),
            D::NotFound { entity } => Self::not_found(&entity.replace('_', " ")),
            D::Conflict { code, message } => Self::Conflict {
                code: code.as_str(),
                detail: message,
                conflicts: None,
            },
            D::Forbidden => Self::Forbidden,
            D::InvalidTransition { entity, from, to } => Self::Conflict {
                code: clinic_domain::ConflictCode::InvalidTransition.as_str(),
                detail: format!(
                    "a {} that is {from} cannot be {to}",
                    entity.replace('_', " ")
                ),
                conflicts: None,
            },
            D::AppointmentConflict { conflicting_ids } => Self::Conflict {
                code: clinic_domain::ConflictCode::AppointmentConflict.as_str(),
                detail: "the time overlaps other active appointments of the doctor or the patient"
                    .into(),
                conflicts: Some(conflicting_ids.into_iter().map(i64::from).collect()),
            },
        }
    }
}

impl From<clinic_domain::ValidationErrors> for ApiError {
    fn from(errors: clinic_domain::ValidationErrors) -> Self {
        Self::invalid_fields(
            "validation_failed",
            errors
                .into_vec()
                .into_iter()
                .map(|e| FieldError {
                    field: e.field,
                    message: e.message,
                })
                .collect(),
        )
    }
}

impl From<clinic_domain::ValidationError> for ApiError {
    fn from(error: clinic_domain::ValidationError) -> Self {
        Self::from(clinic_domain::ValidationErrors::from(error))
    }
}

impl From<clinic_domain::StoreError> for ApiError {
    fn from(error: clinic_domain::StoreError) -> Self {
        use clinic_domain::StoreError as S;
        match error {
            S::Domain(domain) => Self::from(domain),
            S::Unavailable => Self::Unavailable {
                detail: "the database is unavailable; try again shortly".into(),
            },
            S::Unexpected(cause) => Self::Internal(cause),
        }
    }
}

impl From<validator::ValidationErrors> for ApiError {
    fn from(errors: validator::ValidationErrors) -> Self {
        let mut fields = Vec::new();
        collect_validator_errors(&errors, "", &mut fields);
        fields.sort_by(|a, b| a.field.cmp(&b.field));
        Self::invalid_fields("validation_failed", fields)
    }
}

fn collect_validator_errors(
    errors: &validator::ValidationErrors,
    prefix: &str,
    out: &mut Vec<FieldError>,
) {
    use validator::ValidationErrorsKind as Kind;
    for (field, kind) in errors.errors() {
        let path = if prefix.is_empty() {
            field.to_string()
        } else {
            format!("{prefix}.{field}")
        };
        match kind {
            Kind::Field(list) => out.extend(list.iter().map(|e| {
                FieldError {
                    field: path.clone(),
                    message: e
                        .message
                        .as_ref()
                        .map_or_else(|| describe(e), ToString::to_string),
                }
            })),
            Kind::Struct(inner) => collect_validator_errors(inner, &path, out),
            Kind::List(items) => {
                for (index, inner) in items {
                    collect_validator_errors(inner, &format!("{path}[{index}]"), out);
                }
            }
        }
    }
}

/// "2 fields need attention: email must contain one @; first_name is required."
fn fields_detail(errors: &[FieldError]) -> String {
    let listed: Vec<String> = errors
        .iter()
        .map(|e| format!("{} {}", e.field, e.message.trim_end_matches('.')))
        .collect();
    match errors.len() {
        0 => "Some fields need attention.".into(),
        1 => format!("1 field needs attention: {}.", listed[0]),
        n => format!("{n} fields need attention: {}.", listed.join("; ")),
    }
}

fn describe(error: &validator::ValidationError) -> String {
    let param = |name: &str| error.params.get(name).map(ToString::to_string);
    match error.code.as_ref() {
        "length" => match (param("min"), param("max")) {
            (Some(min), Some(max)) => format!("must be {min} to {max} characters long"),
            (Some(min), None) => format!("must be at least {min} characters long"),
            (None, Some(max)) => format!("must be at most {max} characters long"),
            _ => "has the wrong length".into(),
        },
        "range" => match (param("min"), param("max")) {
            (Some(min), Some(max)) => format!("must be from {min} to {max}"),
            (Some(min), None) => format!("must be at least {min}"),
            (None, Some(max)) => format!("must be at most {max}"),
            _ => "is out of range".into(),
        },
        "email" => "must be an email address".into(),
        other => format!("is invalid ({other})"),
    }
}

impl From<clinic_domain::access::Denied> for ApiError {
    fn from(denied: clinic_domain::access::Denied) -> Self {
        use clinic_domain::access::Denied;
        match denied {
            Denied::Forbidden => Self::Forbidden,
            Denied::Hidden { entity } => Self::not_found(&entity.replace('_', " ")),
        }
    }
}
