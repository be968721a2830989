//! `POST /appointments` and `PATCH /appointments/{id}`.

use actix_web::{HttpResponse, patch, post, web};
use chrono::Utc;
use clinic_domain::scheduling::{
    AppointmentDuration, BookAppointment, RescheduleAppointment, book, reschedule,
};
use clinic_domain::values::free_text;

use super::dto::{AppointmentResponse, BookAppointmentRequest, RescheduleRequest};
use crate::auth::CurrentActor;
use crate::error::{ApiError, ApiResult, Problem};
use crate::routes::common::validate;
use crate::state::AppState;

fn optional_text(field: &str, raw: Option<&str>) -> ApiResult<Option<String>> {
    free_text::optional(field, raw, 1000).map_err(ApiError::from)
}

/// Books an appointment: a patient for themselves, staff for anyone, a doctor for patients they
/// treat. The doctor must work at the office, the start must be in the future and inside the
/// doctor's working hours there, and neither the doctor nor the patient may have an overlapping
/// active appointment (409 lists every one).
#[utoipa::path(
    tag = "appointments",
    security(("bearer" = [])),
    request_body = BookAppointmentRequest,
    responses(
        (status = 201, description = "Booked; patient and doctor are notified", body = AppointmentResponse),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Admins do not schedule", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such patient, or not yours", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Overlaps other appointments (`appointment_conflict`, listed in `conflicts`), clashes with the patient's own visit (`patient_visit_clash`), repeats an active visit of the same patient, doctor and start (`identical_visit`, even with an overbooking reason), or a referral is required (`referral_required`)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields: past start, outside working hours, wrong office, a visit type that is missing, retired, of another specialty, or of another length than `duration_minutes`…", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/appointments")]
pub async fn book_appointment(
    state: web::Data<AppState>,
    actor: CurrentActor,
    body: crate::http::Json<BookAppointmentRequest>,
) -> ApiResult<HttpResponse> {
    validate(&*body)?;
    let command = BookAppointment {
        patient_id: body.patient_id,
        doctor_id: body.doctor_id,
        office_id: body.office_id,
        starts_at: body.starts_at.with_timezone(&Utc),
        duration: body
            .duration_minutes
            .map(AppointmentDuration::new)
            .transpose()?,
        visit_type_id: body.visit_type_id,
        reason: optional_text("reason", body.reason.as_deref())?,
        overbook_reason: optional_text("overbook_reason", body.overbook_reason.as_deref())?,
    };
    let appointment = book(&actor, command, &*state.clock, &*state.appointments).await?;
    Ok(HttpResponse::Created().json(AppointmentResponse::from(appointment)))
}

/// Reschedules an appointment that is still scheduled or confirmed, checking every booking
/// rule again. Whoever may cancel it may move it.
#[utoipa::path(
    tag = "appointments",
    security(("bearer" = [])),
    params(("id" = i32, Path, description = "Appointment id")),
    request_body = RescheduleRequest,
    responses(
        (status = 200, description = "Moved; patient and doctor are notified", body = AppointmentResponse),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "This role may not move appointments", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such appointment, or not yours", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "No longer reschedulable, or overlaps other appointments", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
    )
)]
#[patch("/appointments/{id}")]
pub async fn reschedule_appointment(
    state: web::Data<AppState>,
    actor: CurrentActor,
    id: web::Path<i32>,
    body: crate::http::Json<RescheduleRequest>,
) -> ApiResult<HttpResponse> {
    validate(&*body)?;
    let reason = match &body.reason {
        None => None,
        Some(text) => Some(optional_text("reason", text.as_deref())?),
    };
    let command = RescheduleAppointment {
        appointment_id: id.into_inner(),
        starts_at: body.starts_at.map(|s| s.with_timezone(&Utc)),
        duration: body
            .duration_minutes
            .map(AppointmentDuration::new)
            .transpose()?,
        office_id: body.office_id,
        reason,
        overbook_reason: optional_text("overbook_reason", body.overbook_reason.as_deref())?,
    };
    let appointment = reschedule(&actor, command, &*state.clock, &*state.appointments).await?;
    Ok(HttpResponse::Ok().json(AppointmentResponse::from(appointment)))
}
