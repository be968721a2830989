//! `POST /appointments` and `PATCH /appointments/{id}`.

use actix_web::{HttpResponse, patch, post, web};
use chrono::Utc;
use clinic_domain::access::{Action, authorize};
use clinic_domain::identity::Role;
use clinic_domain::scheduling::{
    AppointmentAction, AppointmentDuration, AppointmentParties, BookingAttempt, BookingFacts,
    NewAppointment, Reschedule, evaluate_booking, may_act,
};
use clinic_domain::values::{TimeRange, free_text};
use clinic_domain::{DomainError, StoreError};

use super::dto::{AppointmentResponse, BookAppointmentRequest, RescheduleRequest};
use super::visible_appointment;
use crate::auth::CurrentActor;
use crate::error::{ApiError, ApiResult, Problem, allowed};
use crate::routes::common::validate;
use crate::state::AppState;
use crate::time_zone::{local_to_utc, zone};

/// Checks the booking rules for `range`; staff may overbook with a reason.
fn judge(
    actor: &CurrentActor,
    facts: &BookingFacts,
    range: TimeRange,
    duration: AppointmentDuration,
    overbook_reason: Option<String>,
) -> ApiResult<Option<String>> {
    let may_overbook = actor.role == Role::Staff;
    if overbook_reason.is_some() && !may_overbook {
        return Err(ApiError::invalid_field(
            "overbook_reason",
            "only staff may overbook",
        ));
    }
    // An overbooking reason only marks the appointment when there is something to overbook.
    let overbook = overbook_reason.filter(|_| !facts.conflicts.is_empty());
    let attempt = BookingAttempt {
        range,
        duration,
        now: Utc::now(),
        facts,
        booked_by_patient: actor.role == Role::Patient,
        actor_may_overbook: may_overbook,
        overbook_reason: overbook.clone(),
    };
    evaluate_booking(attempt, local_to_utc(zone(&facts.office_time_zone)))?;
    Ok(overbook)
}

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
        (status = 409, description = "Overlaps other appointments (listed in `conflicts`), or a referral is required", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields: past start, outside working hours, wrong office…", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/appointments")]
pub async fn book_appointment(
    state: web::Data<AppState>,
    actor: CurrentActor,
    body: web::Json<BookAppointmentRequest>,
) -> ApiResult<HttpResponse> {
    validate(&*body)?;
    let patient_id = match (body.patient_id, actor.patient_id) {
        (Some(id), _) => id,
        (None, Some(own)) if actor.role == Role::Patient => own,
        (None, _) => return Err(ApiError::invalid_field("patient_id", "is required")),
    };
    let facts = match state.access.patient_facts(&actor, patient_id).await {
        Err(StoreError::Domain(DomainError::NotFound { .. })) if actor.role == Role::Staff => {
            return Err(ApiError::invalid_field("patient_id", "no such patient"));
        }
        other => other?,
    };
    allowed(authorize(&actor, Action::Schedule(facts)), "patient")?;
    let duration = AppointmentDuration::new(body.duration_minutes)?;
    let range = duration.range_from(body.starts_at.with_timezone(&Utc));
    let reason = optional_text("reason", body.reason.as_deref())?;
    let overbook_reason = optional_text("overbook_reason", body.overbook_reason.as_deref())?;
    let booking = state
        .appointments
        .booking_facts(patient_id, body.doctor_id, body.office_id, &range, None)
        .await?;
    let overbook_reason = judge(&actor, &booking, range, duration, overbook_reason)?;
    let new = NewAppointment {
        patient_id,
        doctor_id: body.doctor_id,
        office_id: body.office_id,
        range,
        duration,
        reason,
        overbook_reason,
    };
    let appointment = state.appointments.book(&actor, new).await?;
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
    body: web::Json<RescheduleRequest>,
) -> ApiResult<HttpResponse> {
    validate(&*body)?;
    let current = visible_appointment(&state, &actor, id.into_inner()).await?;
    let parties = AppointmentParties {
        patient_id: current.patient_id,
        doctor_id: current.doctor_id,
    };
    allowed(
        may_act(&actor, AppointmentAction::Cancel, parties),
        "appointment",
    )?;
    let minutes = body
        .duration_minutes
        .unwrap_or_else(|| u32::try_from(current.duration_minutes).unwrap_or(30));
    let duration = AppointmentDuration::new(minutes)?;
    let starts_at = body
        .starts_at
        .map_or(current.starts_at, |s| s.with_timezone(&Utc));
    let range = duration.range_from(starts_at);
    let office_id = body.office_id.unwrap_or(current.office_id);
    let reason = match &body.reason {
        None => None,
        Some(text) => Some(optional_text("reason", text.as_deref())?),
    };
    let overbook_reason = optional_text("overbook_reason", body.overbook_reason.as_deref())?;
    let booking = state
        .appointments
        .booking_facts(
            current.patient_id,
            current.doctor_id,
            office_id,
            &range,
            Some(current.appointment_id),
        )
        .await?;
    let overbook_reason = judge(&actor, &booking, range, duration, overbook_reason)?;
    let change = Reschedule {
        office_id,
        range,
        duration,
        reason,
        overbook_reason,
    };
    let appointment = state
        .appointments
        .reschedule(&actor, current.appointment_id, change)
        .await?;
    Ok(HttpResponse::Ok().json(AppointmentResponse::from(appointment)))
}
