//! Doctors' profiles: list, create, read, edit.

use actix_web::{HttpResponse, get, patch, post, web};
use clinic_domain::directory::{self, CreateDoctor, DoctorFilter, EditDoctor};

use super::dto::{CreateDoctorRequest, DoctorQuery, DoctorResponse, UpdateDoctorRequest};
use crate::auth::CurrentActor;
use crate::error::{ApiResult, Problem, draft};
use crate::routes::common::{PageQuery, PageResponse, search_term};
use crate::state::AppState;

/// Lists doctors by last and first name, with their specialty and offices. Any signed-in user.
#[utoipa::path(
    tag = "doctors",
    security(("bearer" = [])),
    params(DoctorQuery, PageQuery),
    responses(
        (status = 200, description = "One page of doctors", body = PageResponse<DoctorResponse>),
        (status = 400, description = "Malformed query", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid paging or search term", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/doctors")]
pub async fn list_doctors(
    state: web::Data<AppState>,
    actor: CurrentActor,
    query: crate::http::Query<DoctorQuery>,
    paging: crate::http::Query<PageQuery>,
) -> ApiResult<HttpResponse> {
    let query = query.into_inner();
    let filter = DoctorFilter {
        specialty_id: query.specialty_id,
        office_id: query.office_id,
        q: search_term(query.q)?,
        doctor_id: None,
    };
    let page = directory::list_doctors(&actor, &filter, paging.request()?, &*state.doctors).await?;
    Ok(HttpResponse::Ok().json(PageResponse::from_page(page, DoctorResponse::from)))
}

/// Creates the doctor profile of an existing account whose role is `doctor`, optionally with
/// the offices they work at. Admins only.
#[utoipa::path(
    tag = "doctors",
    security(("bearer" = [])),
    request_body = CreateDoctorRequest,
    responses(
        (status = 201, description = "Created", body = DoctorResponse),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an admin", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The account already has a profile (`user_already_doctor`) or the license number is taken (`license_number_taken`)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields, listed in `errors`: e.g. `user_id` is not a doctor's account, no such `specialty_id` or `office_ids[i]`", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/doctors")]
pub async fn create_doctor(
    state: web::Data<AppState>,
    actor: CurrentActor,
    body: crate::http::Json<CreateDoctorRequest>,
) -> ApiResult<HttpResponse> {
    let cmd = CreateDoctor {
        user_id: body.user_id,
        profile: draft(&*body, || body.parse()),
    };
    let doctor = directory::create_doctor(&actor, cmd, &*state.users, &*state.doctors).await?;
    Ok(HttpResponse::Created().json(DoctorResponse::from(doctor)))
}

/// One doctor with their specialty's name and their offices. Any signed-in user.
#[utoipa::path(
    tag = "doctors",
    security(("bearer" = [])),
    params(("id" = i32, Path, description = "Doctor id")),
    responses(
        (status = 200, description = "The doctor", body = DoctorResponse),
        (status = 400, description = "Malformed id", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such doctor", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/doctors/{id}")]
pub async fn get_doctor(
    state: web::Data<AppState>,
    actor: CurrentActor,
    id: web::Path<i32>,
) -> ApiResult<HttpResponse> {
    let doctor = directory::get_doctor(&actor, id.into_inner(), &*state.doctors).await?;
    Ok(HttpResponse::Ok().json(DoctorResponse::from(doctor)))
}

/// Edits a doctor's profile. Admins may change every field; the doctor themself only their
/// name and years of experience (403 when the body has `license_number` or `specialty_id`).
/// Another doctor's profile answers 404 to a doctor.
#[utoipa::path(
    tag = "doctors",
    security(("bearer" = [])),
    params(("id" = i32, Path, description = "Doctor id")),
    request_body = UpdateDoctorRequest,
    responses(
        (status = 200, description = "The changed profile", body = DoctorResponse),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Staff and patients; or a doctor changing their license or specialty", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such doctor, or another doctor's profile", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The license number is taken (`license_number_taken`)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields, listed in `errors`", body = Problem, content_type = "application/problem+json"),
    )
)]
#[patch("/doctors/{id}")]
pub async fn update_doctor(
    state: web::Data<AppState>,
    actor: CurrentActor,
    id: web::Path<i32>,
    body: crate::http::Json<UpdateDoctorRequest>,
) -> ApiResult<HttpResponse> {
    let cmd = EditDoctor {
        doctor_id: id.into_inner(),
        input: body.input(),
        checked: draft(&*body, || Ok(())),
    };
    let doctor = directory::edit_doctor(&actor, cmd, &*state.doctors).await?;
    Ok(HttpResponse::Ok().json(DoctorResponse::from(doctor)))
}
