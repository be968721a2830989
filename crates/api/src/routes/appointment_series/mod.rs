//! `/appointment-series` and the series actions on an appointment: recurring visits, each
//! its own appointment.

use actix_web::{HttpResponse, get, post, web};
use chrono::Utc;
use clinic_domain::scheduling::AppointmentDuration;
use clinic_domain::scheduling::series::{
    CancelInSeries, EditInSeries, SeriesRequest, book_series, cancel_in_series, edit_in_series,
    preview_series, view_series,
};
use clinic_domain::values::free_text;
use utoipa_actix_web::service_config::ServiceConfig;

use crate::auth::CurrentActor;
use crate::error::{ApiResult, Problem};
use crate::routes::common::validate;
use crate::state::AppState;

pub mod dto;

use dto::{
    SeriesBody, SeriesBookedResponse, SeriesCancelBody, SeriesChangeResponse, SeriesEditBody,
    SeriesPreviewResponse, SeriesResponse,
};

/// Registers the series routes.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(preview)
        .service(book)
        .service(get_series)
        .service(cancel)
        .service(edit);
}

fn request(body: &SeriesBody) -> ApiResult<SeriesRequest> {
    validate(body)?;
    Ok(SeriesRequest {
        patient_id: body.patient_id,
        doctor_id: body.doctor_id,
        office_id: body.office_id,
        first_starts_at: body.starts_at.with_timezone(&Utc),
        duration: AppointmentDuration::new(body.duration_minutes)?,
        reason: free_text::optional("reason", body.reason.as_deref(), 1000)?,
        repeat: body.repeat_rule()?,
        all_or_nothing: body.all_or_nothing,
    })
}

/// Previews a series of recurring visits: every visit the rule makes, each judged free or
/// not (with the reason) by the same rules as a single booking. Nothing is written.
#[utoipa::path(
    operation_id = "preview_series",
    tag = "appointments",
    security(("bearer" = [])),
    request_body = SeriesBody,
    responses(
        (status = 200, description = "Every visit, marked free or not", body = SeriesPreviewResponse),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Patients and admins do not book series; a doctor books only with themself", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such patient, or not one the doctor treats", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A bad rule (`rrule`), a first visit off its weekdays, unknown doctor or office", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/appointment-series/preview")]
pub async fn preview(
    state: web::Data<AppState>,
    actor: CurrentActor,
    body: crate::http::Json<SeriesBody>,
) -> ApiResult<HttpResponse> {
    let command = request(&body)?;
    let preview = preview_series(&actor, command, &*state.clock, &*state.appointments).await?;
    Ok(HttpResponse::Ok().json(SeriesPreviewResponse::from(preview)))
}

/// Books a series of recurring visits: each free visit becomes its own appointment with the
/// series' id; the others are skipped and reported, or, with `all_or_nothing`, nothing is
/// booked unless every visit is free. Patient and doctor get one summary notification each.
#[utoipa::path(
    operation_id = "book_series",
    tag = "appointments",
    security(("bearer" = [])),
    request_body = SeriesBody,
    responses(
        (status = 201, description = "Booked; the skipped visits are listed", body = SeriesBookedResponse),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Patients and admins do not book series; a doctor books only with themself", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such patient, or not one the doctor treats", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "All-or-nothing and some visit cannot be booked, or none can (`series_conflict`); another booking won a race (`appointment_conflict`)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/appointment-series")]
pub async fn book(
    state: web::Data<AppState>,
    actor: CurrentActor,
    body: crate::http::Json<SeriesBody>,
) -> ApiResult<HttpResponse> {
    let command = request(&body)?;
    let booked = book_series(&actor, command, &*state.clock, &*state.appointments).await?;
    Ok(HttpResponse::Created().json(SeriesBookedResponse::from(booked)))
}

/// A series with every one of its visits, for whoever may see its appointments.
#[utoipa::path(
    operation_id = "get_series",
    tag = "appointments",
    security(("bearer" = [])),
    params(("id" = i32, Path, description = "Series id")),
    responses(
        (status = 200, description = "The series and its visits", body = SeriesResponse),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such series, or not yours", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/appointment-series/{id}")]
pub async fn get_series(
    state: web::Data<AppState>,
    actor: CurrentActor,
    id: web::Path<i32>,
) -> ApiResult<HttpResponse> {
    let view = view_series(&actor, id.into_inner(), &*state.appointments).await?;
    Ok(HttpResponse::Ok().json(SeriesResponse::from(view)))
}

/// Cancels this visit, this and the following ones, or the whole series. Past, completed and
/// already cancelled visits are left alone (listed).
#[utoipa::path(
    operation_id = "cancel_in_series",
    tag = "appointments",
    security(("bearer" = [])),
    params(("id" = i32, Path, description = "The chosen appointment")),
    request_body = SeriesCancelBody,
    responses(
        (status = 200, description = "Cancelled; patient and doctor get one summary each", body = SeriesChangeResponse),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Patients and admins do not change series", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such appointment, or not yours", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Nothing in scope can be cancelled, or the single visit cannot", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Not part of a series (`scope`), or a late cancellation without a reason", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/appointments/{id}/series-cancel")]
pub async fn cancel(
    state: web::Data<AppState>,
    actor: CurrentActor,
    id: web::Path<i32>,
    body: crate::http::Json<SeriesCancelBody>,
) -> ApiResult<HttpResponse> {
    let command = CancelInSeries {
        appointment_id: id.into_inner(),
        scope: body.scope.into(),
        reason: free_text::optional("reason", body.reason.as_deref(), 1000)?,
    };
    let done = cancel_in_series(&actor, command, &*state.clock, &*state.appointments).await?;
    Ok(HttpResponse::Ok().json(SeriesChangeResponse::from(done)))
}

/// Moves this visit, this and the following ones, or the whole series (or changes their
/// length or reason): each visit moves by the chosen one's wall-clock shift at the office and
/// is judged again; a refused one stays (listed), or, with `all_or_nothing`, nothing changes.
#[utoipa::path(
    operation_id = "edit_in_series",
    tag = "appointments",
    security(("bearer" = [])),
    params(("id" = i32, Path, description = "The chosen appointment")),
    request_body = SeriesEditBody,
    responses(
        (status = 200, description = "Changed; patient and doctor get one summary each", body = SeriesChangeResponse),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Patients and admins do not change series", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such appointment, or not yours", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Some visit cannot move (`series_conflict`), or nothing in scope can", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields, or not part of a series (`scope`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/appointments/{id}/series-edit")]
pub async fn edit(
    state: web::Data<AppState>,
    actor: CurrentActor,
    id: web::Path<i32>,
    body: crate::http::Json<SeriesEditBody>,
) -> ApiResult<HttpResponse> {
    validate(&*body)?;
    let reason = match &body.reason {
        None => None,
        Some(text) => Some(free_text::optional("reason", text.as_deref(), 1000)?),
    };
    let command = EditInSeries {
        appointment_id: id.into_inner(),
        scope: body.scope.into(),
        starts_at: body.starts_at.map(|s| s.with_timezone(&Utc)),
        duration: body
            .duration_minutes
            .map(AppointmentDuration::new)
            .transpose()?,
        reason,
        all_or_nothing: body.all_or_nothing,
    };
    let done = edit_in_series(&actor, command, &*state.clock, &*state.appointments).await?;
    Ok(HttpResponse::Ok().json(SeriesChangeResponse::from(done)))
}
