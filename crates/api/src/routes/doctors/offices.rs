//! `GET, PUT /doctors/{id}/offices`: where a doctor works.

use actix_web::{HttpResponse, get, put, web};
use clinic_domain::directory::{self, OfficeIds, OfficeSummary, SetDoctorOffices};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::Validate;

use crate::auth::CurrentActor;
use crate::error::{ApiResult, Problem, draft};
use crate::state::AppState;

/// The whole set of offices a doctor works at.
#[derive(Debug, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct DoctorOfficesRequest {
    /// Office ids, each once; `[]` removes the doctor from every office.
    #[validate(length(max = 50))]
    #[schema(max_items = 50, example = json!([1, 2]))]
    pub office_ids: Vec<i32>,
}

/// An office a doctor works at.
#[derive(Debug, Serialize, ToSchema)]
pub struct DoctorOfficeResponse {
    pub id: i32,
    #[schema(example = "Main Street Clinic")]
    pub name: String,
    #[schema(example = "Springfield")]
    pub city: String,
    #[schema(example = "America/Chicago")]
    pub time_zone: String,
    pub is_active: bool,
}

/// The offices a doctor works at: their ids (as `PUT` takes them) and a summary of each.
#[derive(Debug, Serialize, ToSchema)]
pub struct DoctorOfficesResponse {
    pub office_ids: Vec<i32>,
    /// Ordered by name.
    pub offices: Vec<DoctorOfficeResponse>,
}

impl From<Vec<OfficeSummary>> for DoctorOfficesResponse {
    fn from(offices: Vec<OfficeSummary>) -> Self {
        let mut office_ids: Vec<i32> = offices.iter().map(|o| o.office_id).collect();
        office_ids.sort_unstable();
        Self {
            office_ids,
            offices: offices
                .into_iter()
                .map(|o| DoctorOfficeResponse {
                    id: o.office_id,
                    name: o.name,
                    city: o.city,
                    time_zone: o.time_zone,
                    is_active: o.is_active,
                })
                .collect(),
        }
    }
}

/// The offices a doctor works at. Any signed-in user (the directory is public to the clinic).
#[utoipa::path(
    tag = "doctors",
    security(("bearer" = [])),
    params(("id" = i32, Path, description = "Doctor id")),
    responses(
        (status = 200, description = "The doctor's offices", body = DoctorOfficesResponse),
        (status = 400, description = "Malformed id", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such doctor", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/doctors/{id}/offices")]
pub async fn get_doctor_offices(
    state: web::Data<AppState>,
    actor: CurrentActor,
    id: web::Path<i32>,
) -> ApiResult<HttpResponse> {
    let offices = directory::doctor_offices(&actor, id.into_inner(), &*state.doctors).await?;
    Ok(HttpResponse::Ok().json(DoctorOfficesResponse::from(offices)))
}

/// Replaces the set of offices a doctor works at: an admin or the doctor themself.
/// **Removing an office also deletes the doctor's working hours at that office** (by cascade,
/// in the same transaction); offices that stay keep their hours.
#[utoipa::path(
    tag = "doctors",
    security(("bearer" = [])),
    params(("id" = i32, Path, description = "Doctor id")),
    request_body = DoctorOfficesRequest,
    responses(
        (status = 200, description = "The doctor's offices now", body = DoctorOfficesResponse),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Staff and patients", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such doctor, or another doctor's", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "An id listed twice or naming no office (`office_ids[i]`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[put("/doctors/{id}/offices")]
pub async fn put_doctor_offices(
    state: web::Data<AppState>,
    actor: CurrentActor,
    id: web::Path<i32>,
    body: crate::http::Json<DoctorOfficesRequest>,
) -> ApiResult<HttpResponse> {
    let cmd = SetDoctorOffices {
        doctor_id: id.into_inner(),
        office_ids: draft(&*body, || OfficeIds::parse(&body.office_ids)),
    };
    let offices = directory::set_doctor_offices(&actor, cmd, &*state.doctors).await?;
    Ok(HttpResponse::Ok().json(DoctorOfficesResponse::from(offices)))
}
