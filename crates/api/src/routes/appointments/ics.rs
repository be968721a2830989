//! `GET /appointments/{id}/ics`: one visit as an iCalendar file, for whoever may read it.

use actix_web::http::header;
use actix_web::{HttpResponse, get, web};
use clinic_domain::calendar_feeds::visit_calendar_event;
use clinic_infrastructure::ics::{self, CalendarMethod};

use crate::auth::CurrentActor;
use crate::error::{ApiResult, Problem};
use crate::state::AppState;

/// The appointment as an iCalendar (RFC 5545) file to add to a calendar: the doctor, the
/// office and its address, never the reason for the visit or the patient's name. A cancelled
/// visit comes as a cancellation (`METHOD:CANCEL`, `STATUS:CANCELLED`) with the same UID, so a
/// calendar that has it removes it. Authorized exactly like reading the appointment.
#[utoipa::path(
    tag = "appointments",
    security(("bearer" = [])),
    params(("id" = i32, Path, description = "Appointment id")),
    responses(
        (status = 200, description = "The visit as a calendar file", body = String, content_type = "text/calendar"),
        (status = 400, description = "Malformed id", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such appointment, or not yours", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/appointments/{id}/ics")]
pub async fn appointment_ics(
    state: web::Data<AppState>,
    actor: CurrentActor,
    id: web::Path<i32>,
) -> ApiResult<HttpResponse> {
    let event = visit_calendar_event(
        &actor,
        id.into_inner(),
        state.clock.now(),
        (&*state.appointments, &*state.access, &*state.reads),
        &*state.offices,
    )
    .await?;
    let body = ics::visit_calendar(&event, CalendarMethod::for_download(&event));
    Ok(HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, ics::CONTENT_TYPE))
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{}\"", ics::visit_file_name(&event)),
        ))
        .body(body))
}
