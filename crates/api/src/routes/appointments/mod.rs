//! `/appointments` and a doctor's availability.

use clinic_domain::scheduling::{Appointment, view};
use utoipa_actix_web::service_config::ServiceConfig;

use crate::auth::CurrentActor;
use crate::error::ApiResult;
use crate::state::AppState;

mod actions;
mod availability;
mod book;
pub mod dto;
mod ics;
mod read;
mod slots;

/// Registers the appointment routes.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(read::list_appointments)
        .service(book::book_appointment)
        .service(read::get_appointment)
        .service(book::reschedule_appointment)
        .service(actions::confirm)
        .service(actions::check_in)
        .service(actions::complete)
        .service(actions::cancel)
        .service(actions::no_show)
        .service(availability::doctor_availability)
        .service(ics::appointment_ics)
        .service(slots::search_slots);
}

/// Loads an appointment the actor may see; any other answers 404, as if it did not exist.
pub(crate) async fn visible_appointment(
    state: &AppState,
    actor: &CurrentActor,
    appointment_id: i32,
) -> ApiResult<Appointment> {
    Ok(view(
        actor,
        appointment_id,
        &*state.appointments,
        &*state.access,
        &*state.reads,
    )
    .await?)
}
