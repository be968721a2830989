//! `GET /calendar`.

use actix_web::{HttpResponse, get, web};
use clinic_domain::scheduling::availability::{self, calendar_version, read_calendar};
use serde::Serialize;
use utoipa::ToSchema;

use super::dto::{CalendarQuery, CalendarResponse};
use crate::auth::CurrentActor;
use crate::error::{ApiResult, Problem};
use crate::state::AppState;

/// An office's calendar over 1 to 7 days: each doctor's open time and what blocks it (time
/// off, closures, days off), from the one availability engine, and every appointment of
/// those days. Staff and admins see every doctor at the office; a doctor only themself.
#[utoipa::path(
    tag = "calendar",
    security(("bearer" = [])),
    params(CalendarQuery),
    responses(
        (status = 200, description = "The office's days", body = CalendarResponse),
        (status = 400, description = "Malformed query", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "A patient, or a doctor asking for another doctor", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such office", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Days outside 1 to 7", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/calendar")]
pub async fn calendar(
    state: web::Data<AppState>,
    actor: CurrentActor,
    query: crate::http::Query<CalendarQuery>,
) -> ApiResult<HttpResponse> {
    let calendar = read_calendar(&actor, domain_query(&query), &*state.availability).await?;
    Ok(HttpResponse::Ok().json(CalendarResponse::from(calendar)))
}

fn domain_query(query: &CalendarQuery) -> availability::CalendarQuery {
    availability::CalendarQuery {
        office_id: query.office_id,
        from: query.from,
        days: query.days.unwrap_or(1),
        doctor_id: query.doctor_id,
    }
}

/// The calendar's change token.
#[derive(Debug, Serialize, ToSchema)]
pub struct CalendarVersionResponse {
    /// Opaque; equal tokens mean `GET /calendar` with the same query shows the same.
    #[schema(example = "9e107d9d372bb6826bd81d3542a419d6")]
    pub version: String,
}

/// A token that changes whenever `GET /calendar` with the same query may show something new
/// (a visit booked, moved, cancelled or checked in; time off, a dated exception or a closure).
/// A screen left open polls it every few seconds and reads the calendar again only when it
/// changes. It is derived from the database on every call, so any server instance answers
/// alike. Who may ask is who may read the calendar.
#[utoipa::path(
    tag = "calendar",
    security(("bearer" = [])),
    params(CalendarQuery),
    responses(
        (status = 200, description = "The change token", body = CalendarVersionResponse),
        (status = 400, description = "Malformed query", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "A patient, or a doctor asking for another doctor", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such office", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Days outside 1 to 7", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/calendar/version")]
pub async fn version(
    state: web::Data<AppState>,
    actor: CurrentActor,
    query: crate::http::Query<CalendarQuery>,
) -> ApiResult<HttpResponse> {
    let version = calendar_version(&actor, domain_query(&query), &*state.availability).await?;
    Ok(HttpResponse::Ok()
        .insert_header(("Cache-Control", "no-store"))
        .json(CalendarVersionResponse { version }))
}
