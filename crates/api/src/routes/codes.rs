//! `GET /codes/races`, `/codes/ethnicities`, `/codes/genders`: the demographic code tables.

use actix_web::{HttpResponse, get, web};
use clinic_domain::demographics::{Code, CodeKind};
use clinic_domain::values::OfficeZone;
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_actix_web::service_config::ServiceConfig;

use crate::auth::CurrentActor;
use crate::error::{ApiResult, Problem};
use crate::state::AppState;

/// One code of a table.
#[derive(Debug, Serialize, ToSchema)]
pub struct CodeResponse {
    #[schema(example = 2)]
    pub code: i16,
    #[schema(example = "Asian")]
    pub text: String,
}

impl From<Code> for CodeResponse {
    fn from(code: Code) -> Self {
        Self {
            code: code.code,
            text: code.text,
        }
    }
}

async fn list(state: &AppState, kind: CodeKind) -> ApiResult<HttpResponse> {
    let codes = state.codes.list(kind).await?;
    Ok(HttpResponse::Ok().json(
        codes
            .into_iter()
            .map(CodeResponse::from)
            .collect::<Vec<_>>(),
    ))
}

/// Race categories (OMB/CDC).
#[utoipa::path(
    tag = "codes",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Every race code", body = Vec<CodeResponse>),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/codes/races")]
pub async fn races(state: web::Data<AppState>, _actor: CurrentActor) -> ApiResult<HttpResponse> {
    list(&state, CodeKind::Race).await
}

/// Ethnicity categories (OMB/CDC).
#[utoipa::path(
    tag = "codes",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Every ethnicity code", body = Vec<CodeResponse>),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/codes/ethnicities")]
pub async fn ethnicities(
    state: web::Data<AppState>,
    _actor: CurrentActor,
) -> ApiResult<HttpResponse> {
    list(&state, CodeKind::Ethnicity).await
}

/// Administrative genders (FHIR).
#[utoipa::path(
    tag = "codes",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Every gender code", body = Vec<CodeResponse>),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/codes/genders")]
pub async fn genders(state: web::Data<AppState>, _actor: CurrentActor) -> ApiResult<HttpResponse> {
    list(&state, CodeKind::Gender).await
}

/// The IANA time zones an office may be in, sorted (`America/Chicago`, `UTC`): the list the
/// office form offers, and every name in it is accepted as an office's `time_zone`.
#[utoipa::path(
    tag = "codes",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Every time zone an office may choose", body = Vec<String>),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/codes/time-zones")]
pub async fn time_zones(_actor: CurrentActor) -> ApiResult<HttpResponse> {
    Ok(HttpResponse::Ok()
        .insert_header(("Cache-Control", "private, max-age=86400"))
        .json(OfficeZone::choices()))
}

/// Registers the code-table routes.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(races)
        .service(ethnicities)
        .service(genders)
        .service(time_zones);
}
