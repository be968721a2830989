//! `GET /appointments` and `GET /appointments/{id}`.

use actix_web::{HttpResponse, get, web};
use chrono::Utc;
use clinic_domain::scheduling::{self, ListAppointments};

use super::dto::{AppointmentQuery, AppointmentResponse};
use super::visible_appointment;
use crate::auth::CurrentActor;
use crate::error::{ApiResult, Problem};
use crate::routes::common::{PageQuery, PageResponse};
use crate::state::AppState;

/// Appointments by start time. Patients see their own; doctors their own and those of patients
/// they treat; staff and admins everyone's.
#[utoipa::path(
    tag = "appointments",
    security(("bearer" = [])),
    params(AppointmentQuery, PageQuery),
    responses(
        (status = 200, description = "One page of appointments", body = PageResponse<AppointmentResponse>),
        (status = 400, description = "Malformed query", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "A patient named another patient", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid paging", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/appointments")]
pub async fn list_appointments(
    state: web::Data<AppState>,
    actor: CurrentActor,
    query: crate::http::Query<AppointmentQuery>,
    paging: crate::http::Query<PageQuery>,
) -> ApiResult<HttpResponse> {
    let query = query.into_inner();
    let list = ListAppointments {
        doctor_id: query.doctor_id,
        patient_id: query.patient_id,
        office_id: query.office_id,
        status: query.status.map(Into::into),
        from: query.from.map(|t| t.with_timezone(&Utc)),
        to: query.to.map(|t| t.with_timezone(&Utc)),
        starts_from: None,
        appointment_id: None,
    };
    let page = scheduling::list(
        &actor,
        list,
        paging.request()?,
        &*state.appointments,
        &*state.reads,
    )
    .await?;
    Ok(HttpResponse::Ok().json(PageResponse::from_page(page, AppointmentResponse::from)))
}

/// One appointment.
#[utoipa::path(
    tag = "appointments",
    security(("bearer" = [])),
    params(("id" = i32, Path, description = "Appointment id")),
    responses(
        (status = 200, description = "The appointment", body = AppointmentResponse),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such appointment, or not yours", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/appointments/{id}")]
pub async fn get_appointment(
    state: web::Data<AppState>,
    actor: CurrentActor,
    id: web::Path<i32>,
) -> ApiResult<HttpResponse> {
    let appointment = visible_appointment(&state, &actor, id.into_inner()).await?;
    Ok(HttpResponse::Ok().json(AppointmentResponse::from(appointment)))
}
