//! `GET, PATCH /patients/{id}`: a patient's profile.

use actix_web::{HttpResponse, get, patch, web};
use clinic_domain::ValidationErrors;
use clinic_domain::patients::{self, NameChange, PatientPatch};
use clinic_domain::values::EmailAddress;

use super::dto::{PatientResponse, UpdatePatientRequest};
use crate::auth::CurrentActor;
use crate::error::{ApiResult, Problem};
use crate::routes::common::{parse_nullable, validate};
use crate::state::AppState;

/// A patient's profile: admins, staff, the doctors who treat them and the patient themself.
#[utoipa::path(
    tag = "patients",
    security(("bearer" = [])),
    params(("id" = i32, Path, description = "Patient id")),
    responses(
        (status = 200, description = "The profile", body = PatientResponse),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such patient, or not yours to see", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/patients/{id}")]
pub async fn get_patient(
    state: web::Data<AppState>,
    actor: CurrentActor,
    id: web::Path<i32>,
) -> ApiResult<HttpResponse> {
    let patient = patients::read_patient(
        &actor,
        id.into_inner(),
        &*state.access,
        &*state.patients,
        &*state.reads,
    )
    .await?;
    Ok(HttpResponse::Ok().json(PatientResponse::from(patient)))
}

/// Edits a patient's names, address and the account's e-mail and phone: admins, staff and the
/// patient themself. Each changed table is audited.
#[utoipa::path(
    tag = "patients",
    security(("bearer" = [])),
    params(("id" = i32, Path, description = "Patient id")),
    request_body = UpdatePatientRequest,
    responses(
        (status = 200, description = "The changed profile", body = PatientResponse),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Doctors may not edit registrations", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such patient, or not yours", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The email is taken", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields, listed in `errors`", body = Problem, content_type = "application/problem+json"),
    )
)]
#[patch("/patients/{id}")]
pub async fn update_patient(
    state: web::Data<AppState>,
    actor: CurrentActor,
    id: web::Path<i32>,
    body: crate::http::Json<UpdatePatientRequest>,
) -> ApiResult<HttpResponse> {
    validate(&*body)?;
    let mut errors = ValidationErrors::new();
    let name = errors.capture_all(NameChange::parse(
        body.first_name.as_deref(),
        body.middle_name.as_ref().map(Option::as_deref),
        body.last_name.as_deref(),
    ));
    let patch = PatientPatch {
        name: name.unwrap_or_default(),
        address: parse_nullable(body.address.as_ref(), |a| {
            errors.capture_all(a.parse("address"))
        }),
        email: body
            .email
            .as_deref()
            .and_then(|e| errors.capture(EmailAddress::parse(e))),
        phone: parse_nullable(body.phone.as_ref(), |p| {
            errors.capture_all(p.parse("phone"))
        }),
    };
    errors.into_result()?;
    let patient = patients::update_patient(
        &actor,
        id.into_inner(),
        patch,
        &*state.access,
        &*state.patients,
    )
    .await?;
    Ok(HttpResponse::Ok().json(PatientResponse::from(patient)))
}
