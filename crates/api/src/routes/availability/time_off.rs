//! `/doctors/{id}/time-off`: when a doctor is away, with a private reason.

use actix_web::{HttpResponse, delete, get, post, web};
use chrono::Utc;
use clinic_domain::scheduling::availability::{
    AddTimeOff, add_time_off as add, list_time_off as list, remove_time_off as remove,
};

use super::dto::{TimeOffRequest, TimeOffResponse};
use crate::auth::CurrentActor;
use crate::error::{ApiResult, Problem};
use crate::state::AppState;

/// A doctor's time off, by start, with the reasons (the doctor, staff and admins; patients
/// never: they only find the doctor away).
#[utoipa::path(
    tag = "availability",
    security(("bearer" = [])),
    params(("id" = i32, Path, description = "Doctor id")),
    responses(
        (status = 200, description = "The time off", body = [TimeOffResponse]),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "A patient, or another doctor", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such doctor", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/doctors/{id}/time-off")]
pub async fn list_time_off(
    state: web::Data<AppState>,
    actor: CurrentActor,
    id: web::Path<i32>,
) -> ApiResult<HttpResponse> {
    let records = list(&actor, id.into_inner(), &*state.availability).await?;
    let body: Vec<TimeOffResponse> = records.into_iter().map(Into::into).collect();
    Ok(HttpResponse::Ok().json(body))
}

/// Records time off (the doctor themself, staff and admins). Bookings into it are refused
/// from then on ("the doctor is away then"); visits already booked stay for the desk to move.
#[utoipa::path(
    tag = "availability",
    security(("bearer" = [])),
    params(("id" = i32, Path, description = "Doctor id")),
    request_body = TimeOffRequest,
    responses(
        (status = 201, description = "Recorded", body = TimeOffResponse),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "A patient, or another doctor", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such doctor", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "It overlaps the doctor's other time off (`time_off_overlap`)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "An end not after the start, over a year, or a bad reason", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/doctors/{id}/time-off")]
pub async fn add_time_off(
    state: web::Data<AppState>,
    actor: CurrentActor,
    id: web::Path<i32>,
    body: crate::http::Json<TimeOffRequest>,
) -> ApiResult<HttpResponse> {
    let body = body.into_inner();
    let command = AddTimeOff {
        doctor_id: id.into_inner(),
        starts_at: body.starts_at.with_timezone(&Utc),
        ends_at: body.ends_at.with_timezone(&Utc),
        reason: body.reason,
    };
    let record = add(&actor, command, &*state.availability).await?;
    Ok(HttpResponse::Created().json(TimeOffResponse::from(record)))
}

/// Removes time off (the doctor themself, staff and admins).
#[utoipa::path(
    tag = "availability",
    security(("bearer" = [])),
    params(
        ("id" = i32, Path, description = "Doctor id"),
        ("time_off_id" = i32, Path, description = "Time-off id"),
    ),
    responses(
        (status = 204, description = "Removed"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "A patient, or another doctor", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such time off of the doctor", body = Problem, content_type = "application/problem+json"),
    )
)]
#[delete("/doctors/{id}/time-off/{time_off_id}")]
pub async fn remove_time_off(
    state: web::Data<AppState>,
    actor: CurrentActor,
    path: web::Path<(i32, i32)>,
) -> ApiResult<HttpResponse> {
    let (doctor_id, time_off_id) = path.into_inner();
    remove(&actor, doctor_id, time_off_id, &*state.availability).await?;
    Ok(HttpResponse::NoContent().finish())
}
