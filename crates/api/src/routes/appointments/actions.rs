//! The status actions: confirm, check in, complete, cancel, no-show.

use actix_web::{HttpResponse, post, web};
use clinic_domain::scheduling::{AppointmentAction, change_status};

use super::dto::AppointmentResponse;
use crate::auth::CurrentActor;
use crate::error::ApiResult;
use crate::state::AppState;

async fn act(
    state: &AppState,
    actor: &CurrentActor,
    id: i32,
    action: AppointmentAction,
) -> ApiResult<HttpResponse> {
    let appointment = change_status(actor, id, action, &*state.clock, &*state.appointments).await?;
    Ok(HttpResponse::Ok().json(AppointmentResponse::from(appointment)))
}

/// Declares the handler of one action; they differ only in path, action and who may call it.
macro_rules! action_handler {
    ($name:ident, $path:literal, $action:expr, $summary:literal, $who:literal) => {
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
                (status = 409, description = "Not possible from the current status (terminal states stay terminal)", body = crate::error::Problem, content_type = "application/problem+json"),
            )
        )]
        #[post($path)]
        pub async fn $name(state: web::Data<AppState>, actor: CurrentActor, id: web::Path<i32>) -> ApiResult<HttpResponse> {
            act(&state, &actor, id.into_inner(), $action).await
        }
    };
}

action_handler!(
    confirm,
    "/appointments/{id}/confirm",
    AppointmentAction::Confirm,
    "Confirms a scheduled appointment (staff, its doctor, its patient).",
    "Admins do not schedule"
);
action_handler!(
    check_in,
    "/appointments/{id}/check-in",
    AppointmentAction::CheckIn,
    "Checks the patient in (staff, its doctor).",
    "Patients and admins do not check in"
);
action_handler!(
    complete,
    "/appointments/{id}/complete",
    AppointmentAction::Complete,
    "Completes a checked-in visit (its doctor) and issues its bill in the same transaction.",
    "Only the visit's doctor completes it"
);
action_handler!(
    cancel,
    "/appointments/{id}/cancel",
    AppointmentAction::Cancel,
    "Cancels a scheduled or confirmed appointment (staff, its doctor, its patient).",
    "Admins do not schedule"
);
action_handler!(
    no_show,
    "/appointments/{id}/no-show",
    AppointmentAction::NoShow,
    "Marks a patient who did not come, once the start has passed (staff, its doctor).",
    "Patients and admins do not mark no-shows"
);
