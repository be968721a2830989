//! `/patients/{id}/doctors` and `/patients/{id}/primary-doctor`: the care team.

use actix_web::{HttpResponse, delete, get, post, put, web};
use chrono::{DateTime, Utc};
use clinic_domain::care_team::{
    self, AddCareTeamMember, CareTeamEntry, ChangePrimaryDoctor, RemoveCareTeamMember,
};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::auth::CurrentActor;
use crate::error::{ApiResult, Problem};
use crate::routes::common::{PageQuery, PageResponse, utc};
use crate::state::AppState;

/// A doctor on a patient's care team.
#[derive(Debug, Serialize, ToSchema)]
pub struct CareTeamMemberResponse {
    pub doctor_id: i32,
    #[schema(example = "Gregory")]
    pub first_name: String,
    pub middle_name: Option<String>,
    #[schema(example = "House")]
    pub last_name: String,
    pub specialty_id: i32,
    #[schema(example = "Internal Medicine")]
    pub specialty_name: String,
    /// The patient's primary doctor (at most one per patient).
    pub is_primary: bool,
    /// When the doctor joined the team.
    #[serde(serialize_with = "utc")]
    pub added_at: DateTime<Utc>,
}

impl From<CareTeamEntry> for CareTeamMemberResponse {
    fn from(e: CareTeamEntry) -> Self {
        Self {
            doctor_id: e.doctor_id,
            first_name: e.first_name,
            middle_name: e.middle_name,
            last_name: e.last_name,
            specialty_id: e.specialty_id,
            specialty_name: e.specialty_name,
            is_primary: e.is_primary,
            added_at: e.added_at,
        }
    }
}

/// A doctor to add to the care team.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AddCareTeamMemberRequest {
    pub doctor_id: i32,
    /// Make them the primary doctor, demoting the current one.
    #[serde(default)]
    #[schema(default = false)]
    pub is_primary: bool,
}

/// The doctor to make primary.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PrimaryDoctorRequest {
    pub doctor_id: i32,
}

/// A patient's care team, the primary doctor first: admins, staff, the doctors who treat the
/// patient and the patient themself.
#[utoipa::path(
    tag = "care team",
    security(("bearer" = [])),
    params(("id" = i32, Path, description = "Patient id"), PageQuery),
    responses(
        (status = 200, description = "One page of the team", body = PageResponse<CareTeamMemberResponse>),
        (status = 400, description = "Malformed query", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such patient, or not yours to see", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid paging", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/patients/{id}/doctors")]
pub async fn list_care_team(
    state: web::Data<AppState>,
    actor: CurrentActor,
    id: web::Path<i32>,
    paging: crate::http::Query<PageQuery>,
) -> ApiResult<HttpResponse> {
    let page = paging.request()?;
    let page = care_team::read_team(
        &actor,
        id.into_inner(),
        page,
        &*state.care_teams,
        &*state.reads,
    )
    .await?;
    Ok(HttpResponse::Ok().json(PageResponse::from_page(page, CareTeamMemberResponse::from)))
}

/// Adds a doctor to the care team, optionally as the primary doctor: admins and staff.
#[utoipa::path(
    tag = "care team",
    security(("bearer" = [])),
    params(("id" = i32, Path, description = "Patient id")),
    request_body = AddCareTeamMemberRequest,
    responses(
        (status = 201, description = "Added", body = CareTeamMemberResponse),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not admin or staff", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such patient", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The doctor is already on the team (`already_in_care_team`)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "No such doctor (`doctor_id`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/patients/{id}/doctors")]
pub async fn add_care_team_member(
    state: web::Data<AppState>,
    actor: CurrentActor,
    id: web::Path<i32>,
    body: crate::http::Json<AddCareTeamMemberRequest>,
) -> ApiResult<HttpResponse> {
    let cmd = AddCareTeamMember {
        patient_id: id.into_inner(),
        doctor_id: body.doctor_id,
        primary: body.is_primary,
    };
    let entry = care_team::add_member(&actor, cmd, &*state.clock, &*state.care_teams).await?;
    Ok(HttpResponse::Created().json(CareTeamMemberResponse::from(entry)))
}

/// Takes a doctor off the care team; removing the primary doctor leaves the patient without
/// one. Admins and staff.
#[utoipa::path(
    tag = "care team",
    security(("bearer" = [])),
    params(
        ("id" = i32, Path, description = "Patient id"),
        ("doctor_id" = i32, Path, description = "Doctor id"),
    ),
    responses(
        (status = 204, description = "Removed"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not admin or staff", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such patient, or the doctor is not on the team", body = Problem, content_type = "application/problem+json"),
    )
)]
#[delete("/patients/{id}/doctors/{doctor_id}")]
pub async fn remove_care_team_member(
    state: web::Data<AppState>,
    actor: CurrentActor,
    path: web::Path<(i32, i32)>,
) -> ApiResult<HttpResponse> {
    let (patient_id, doctor_id) = path.into_inner();
    let cmd = RemoveCareTeamMember {
        patient_id,
        doctor_id,
    };
    care_team::remove_member(&actor, cmd, &*state.clock, &*state.care_teams).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Makes a doctor the patient's primary doctor, adding them to the team if needed and
/// demoting the previous primary doctor, in one transaction. Admins and staff.
#[utoipa::path(
    tag = "care team",
    security(("bearer" = [])),
    params(("id" = i32, Path, description = "Patient id")),
    request_body = PrimaryDoctorRequest,
    responses(
        (status = 200, description = "The primary doctor's membership", body = CareTeamMemberResponse),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not admin or staff", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such patient", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "A concurrent change got in the way; try again", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "No such doctor (`doctor_id`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[put("/patients/{id}/primary-doctor")]
pub async fn set_primary_doctor(
    state: web::Data<AppState>,
    actor: CurrentActor,
    id: web::Path<i32>,
    body: crate::http::Json<PrimaryDoctorRequest>,
) -> ApiResult<HttpResponse> {
    let cmd = ChangePrimaryDoctor {
        patient_id: id.into_inner(),
        doctor_id: body.doctor_id,
    };
    let entry = care_team::change_primary(&actor, cmd, &*state.clock, &*state.care_teams).await?;
    Ok(HttpResponse::Ok().json(CareTeamMemberResponse::from(entry)))
}
