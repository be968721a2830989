//! `GET, PUT /users/{id}/demographics`.

use actix_web::{HttpResponse, get, put, web};
use clinic_domain::demographics::{self, ReplaceDemographics};

use super::dto::{DemographicsBody, DemographicsResponse};
use crate::auth::CurrentActor;
use crate::error::{ApiResult, Problem};
use crate::state::AppState;

/// A user's demographics: admins, staff (for patients) and the user themself.
#[utoipa::path(
    tag = "users",
    security(("bearer" = [])),
    params(("id" = i32, Path, description = "User id")),
    responses(
        (status = 200, description = "The demographics (fields null when not recorded)", body = DemographicsResponse),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such user, or not yours to see", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/users/{id}/demographics")]
pub async fn get_demographics(
    state: web::Data<AppState>,
    actor: CurrentActor,
    id: web::Path<i32>,
) -> ApiResult<HttpResponse> {
    let demographics =
        demographics::read_demographics(&actor, id.into_inner(), &*state.users, &*state.reads)
            .await?;
    Ok(HttpResponse::Ok().json(DemographicsResponse::from(demographics)))
}

/// Replaces a user's demographics.
#[utoipa::path(
    tag = "users",
    security(("bearer" = [])),
    params(("id" = i32, Path, description = "User id")),
    request_body = DemographicsBody,
    responses(
        (status = 200, description = "The stored demographics", body = DemographicsResponse),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such user, or not yours", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Unknown code or impossible date of birth", body = Problem, content_type = "application/problem+json"),
    )
)]
#[put("/users/{id}/demographics")]
pub async fn put_demographics(
    state: web::Data<AppState>,
    actor: CurrentActor,
    id: web::Path<i32>,
    body: crate::http::Json<DemographicsBody>,
) -> ApiResult<HttpResponse> {
    let cmd = ReplaceDemographics {
        user_id: id.into_inner(),
        race: body.race,
        ethnicity: body.ethnicity,
        gender: body.gender,
        dob: body.dob,
    };
    let stored =
        demographics::replace_demographics(&actor, cmd, &*state.clock, &*state.users).await?;
    Ok(HttpResponse::Ok().json(DemographicsResponse::from(stored)))
}
