//! `/doctors/{id}/schedule-exceptions`: dated changes to a doctor's weekly hours.

use actix_web::{HttpResponse, delete, get, post, web};
use clinic_domain::ValidationErrors;
use clinic_domain::scheduling::availability::{
    AddException, ExceptionKind, add_exception as add, list_exceptions as list,
    remove_exception as remove,
};

use super::dto::{ScheduleExceptionRequest, ScheduleExceptionResponse, local_time};
use crate::auth::CurrentActor;
use crate::error::{ApiError, ApiResult, Problem};
use crate::state::AppState;

/// A doctor's dated exceptions, by date (the doctor, staff and admins).
#[utoipa::path(
    tag = "availability",
    security(("bearer" = [])),
    params(("id" = i32, Path, description = "Doctor id")),
    responses(
        (status = 200, description = "The exceptions", body = [ScheduleExceptionResponse]),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "A patient, or another doctor", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such doctor", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/doctors/{id}/schedule-exceptions")]
pub async fn list_exceptions(
    state: web::Data<AppState>,
    actor: CurrentActor,
    id: web::Path<i32>,
) -> ApiResult<HttpResponse> {
    let records = list(&actor, id.into_inner(), &*state.availability).await?;
    let body: Vec<ScheduleExceptionResponse> = records.into_iter().map(Into::into).collect();
    Ok(HttpResponse::Ok().json(body))
}

/// Records a dated exception at an office (the doctor themself, staff and admins): extra
/// hours, replaced hours (a shortened or moved day), or a day off.
#[utoipa::path(
    tag = "availability",
    security(("bearer" = [])),
    params(("id" = i32, Path, description = "Doctor id")),
    request_body = ScheduleExceptionRequest,
    responses(
        (status = 201, description = "Recorded", body = ScheduleExceptionResponse),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "A patient, or another doctor", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such doctor or office", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The doctor already has that day off there (`day_off_exists`)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Hours missing, reversed or given to a day off; a bad note", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/doctors/{id}/schedule-exceptions")]
pub async fn add_exception(
    state: web::Data<AppState>,
    actor: CurrentActor,
    id: web::Path<i32>,
    body: crate::http::Json<ScheduleExceptionRequest>,
) -> ApiResult<HttpResponse> {
    let body = body.into_inner();
    let mut errors = ValidationErrors::new();
    let start = local_time("start_time", body.start_time.as_deref())
        .map_err(|e| errors.push(e))
        .ok()
        .flatten();
    let end = local_time("end_time", body.end_time.as_deref())
        .map_err(|e| errors.push(e))
        .ok()
        .flatten();
    errors.into_result().map_err(ApiError::from)?;
    let kind = ExceptionKind::parse(body.kind.as_str(), start, end)
        .map_err(|e| ApiError::from(ValidationErrors::from(e)))?;
    let command = AddException {
        doctor_id: id.into_inner(),
        office_id: body.office_id,
        date: body.date,
        kind,
        note: body.note,
    };
    let record = add(&actor, command, &*state.availability).await?;
    Ok(HttpResponse::Created().json(ScheduleExceptionResponse::from(record)))
}

/// Removes a dated exception (the doctor themself, staff and admins).
#[utoipa::path(
    tag = "availability",
    security(("bearer" = [])),
    params(
        ("id" = i32, Path, description = "Doctor id"),
        ("exception_id" = i32, Path, description = "Exception id"),
    ),
    responses(
        (status = 204, description = "Removed"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "A patient, or another doctor", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such exception of the doctor", body = Problem, content_type = "application/problem+json"),
    )
)]
#[delete("/doctors/{id}/schedule-exceptions/{exception_id}")]
pub async fn remove_exception(
    state: web::Data<AppState>,
    actor: CurrentActor,
    path: web::Path<(i32, i32)>,
) -> ApiResult<HttpResponse> {
    let (doctor_id, exception_id) = path.into_inner();
    remove(&actor, doctor_id, exception_id, &*state.availability).await?;
    Ok(HttpResponse::NoContent().finish())
}
