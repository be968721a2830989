//! The status actions: confirm, check in, complete, cancel, no-show.

use actix_web::{HttpResponse, post, web};
use clinic_domain::scheduling::{AppointmentAction, ChangeStatus, change_status};

use super::dto::{AppointmentResponse, CancelRequest};
use crate::auth::CurrentActor;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;

async fn act(
    state: &AppState,
    actor: &CurrentActor,
    command: ChangeStatus,
) -> ApiResult<HttpResponse> {
    let appointment = change_status(actor, command, &*state.clock, &*state.appointments).await?;
    Ok(HttpResponse::Ok().json(AppointmentResponse::from(appointment)))
}

/// Declares the handler of one action; they differ only in path, action and who may call it.
macro_rules! action_handler {
    ($name:ident, $path:literal, $action:expr, $summary:literal, $who:literal, $conflicts:literal) => {
        #[doc = $summary]
        #[utoipa::path(
            tag = "appointments",
            security(("bearer" = [])),
            params(("id" = i32, Path, description = "Appointment id")),
            responses(
                (status = 200, description = "The appointment in its new status", body = AppointmentResponse),
                (status = 401, description = "Not signed in", body = crate::error::Problem, content_type = "application/problem+json"),
                (status = 403, description = $who, body = crate::error::Problem, content_type = "application/problem+json"),
                (status = 404, description = "No such appointment, or not yours", body = crate::error::Problem, content_type = "application/problem+json"),
                (status = 409, description = $conflicts, body = crate::error::Problem, content_type = "application/problem+json"),
            )
        )]
        #[post($path)]
        pub async fn $name(state: web::Data<AppState>, actor: CurrentActor, id: web::Path<i32>) -> ApiResult<HttpResponse> {
            act(&state, &actor, ChangeStatus::new(id.into_inner(), $action)).await
        }
    };
}

action_handler!(
    confirm,
    "/appointments/{id}/confirm",
    AppointmentAction::Confirm,
    "Confirms a scheduled appointment (staff, its doctor, its patient).",
    "Admins do not schedule",
    "Not possible from the current status (`invalid_transition`)"
);
action_handler!(
    check_in,
    "/appointments/{id}/check-in",
    AppointmentAction::CheckIn,
    "Checks the patient in (staff, its doctor).",
    "Patients and admins do not check in",
    "Not possible from the current status (`invalid_transition`), or not the visit's day at its office (`not_visit_day`)"
);
action_handler!(
    complete,
    "/appointments/{id}/complete",
    AppointmentAction::Complete,
    "Completes a checked-in visit (its doctor) and issues its bill in the same transaction.",
    "Only the visit's doctor completes it",
    "Not checked in (`invalid_transition`), or before the start time (`appointment_not_started`)"
);
action_handler!(
    no_show,
    "/appointments/{id}/no-show",
    AppointmentAction::NoShow,
    "Marks a patient who did not come, once the start has passed (staff, its doctor).",
    "Patients and admins do not mark no-shows",
    "Not possible from the current status (`invalid_transition`), or before the start time (`appointment_not_started`)"
);

/// Cancels a scheduled or confirmed appointment (staff, its doctor, its patient). A patient
/// cancels only before the clinic's late-cancellation window (`GET /clinic/settings`); later,
/// or after the start, staff or the doctor cancel it, giving a reason.
#[utoipa::path(
    tag = "appointments",
    security(("bearer" = [])),
    params(("id" = i32, Path, description = "Appointment id")),
    request_body(content = Option<CancelRequest>, description = "Optional; a reason is required of staff and doctors for a late cancellation", content_type = "application/json"),
    responses(
        (status = 200, description = "The appointment, cancelled", body = AppointmentResponse),
        (status = 400, description = "Malformed JSON", body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 403, description = "Admins do not schedule", body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such appointment, or not yours", body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not possible from the current status (`invalid_transition`), or a patient inside the late-cancellation window or after the start (`late_cancellation`: call the front desk)", body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 422, description = "An invalid reason, or none for a late cancellation by staff or a doctor", body = crate::error::Problem, content_type = "application/problem+json"),
    )
)]
#[post("/appointments/{id}/cancel")]
pub async fn cancel(
    state: web::Data<AppState>,
    actor: CurrentActor,
    id: web::Path<i32>,
    body: web::Bytes,
) -> ApiResult<HttpResponse> {
    let reason = CancelRequest::from_body(&body)?.and_then(|b| b.reason);
    let command = ChangeStatus {
        reason,
        ..ChangeStatus::new(id.into_inner(), AppointmentAction::Cancel)
    };
    act(&state, &actor, command).await
}

impl CancelRequest {
    /// The body, which may be left out (empty).
    fn from_body(body: &[u8]) -> Result<Option<Self>, ApiError> {
        if body.iter().all(u8::is_ascii_whitespace) {
            return Ok(None);
        }
        serde_json::from_slice(body).map(Some).map_err(|e| {
            if e.is_data() {
                ApiError::Unprocessable {
                    code: "invalid_body",
                    detail: e.to_string(),
                    errors: Vec::new(),
                }
            } else {
                ApiError::BadRequest {
                    code: "malformed_json",
                    detail: e.to_string(),
                }
            }
        })
    }
}
