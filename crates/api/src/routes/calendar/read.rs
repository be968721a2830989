//! `GET /calendar`.

use actix_web::{HttpResponse, get, web};
use clinic_domain::scheduling::availability::{self, read_calendar};

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
    query: web::Query<CalendarQuery>,
) -> ApiResult<HttpResponse> {
    let query = availability::CalendarQuery {
        office_id: query.office_id,
        from: query.from,
        days: query.days.unwrap_or(1),
        doctor_id: query.doctor_id,
    };
    let calendar = read_calendar(&actor, query, &*state.availability).await?;
    Ok(HttpResponse::Ok().json(CalendarResponse::from(calendar)))
}
