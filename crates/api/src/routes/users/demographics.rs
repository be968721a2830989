//! `GET, PUT /users/{id}/demographics`.

use actix_web::{HttpResponse, get, put, web};
use clinic_domain::access::{Action, authorize};
use clinic_domain::demographics::DateOfBirth;
use clinic_domain::identity::{DemographicsInput, Role};

use super::dto::{DemographicsBody, DemographicsResponse};
use crate::auth::CurrentActor;
use crate::error::{ApiResult, Problem, allowed};
use crate::state::AppState;

async fn subject_is_patient(
    state: &AppState,
    actor: &CurrentActor,
    user_id: i32,
) -> ApiResult<bool> {
    // Only staff's answer depends on the subject's role; others need no lookup.
    if actor.role != Role::Staff {
        return Ok(false);
    }
    match state.users.get(user_id).await {
        Ok(user) => Ok(user.role == Role::Patient),
        Err(clinic_domain::StoreError::Domain(clinic_domain::DomainError::NotFound { .. })) => {
            Ok(false)
        }
        Err(e) => Err(e.into()),
    }
}

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
    let user_id = id.into_inner();
    let subject_is_patient = subject_is_patient(&state, &actor, user_id).await?;
    allowed(
        authorize(
            &actor,
            Action::ReadDemographics {
                user_id,
                subject_is_patient,
            },
        ),
        "user",
    )?;
    let demographics = state.users.demographics(user_id).await?;
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
    body: web::Json<DemographicsBody>,
) -> ApiResult<HttpResponse> {
    let user_id = id.into_inner();
    let subject_is_patient = subject_is_patient(&state, &actor, user_id).await?;
    allowed(
        authorize(
            &actor,
            Action::EditDemographics {
                user_id,
                subject_is_patient,
            },
        ),
        "user",
    )?;
    let dob = body
        .dob
        .map(|d| DateOfBirth::parse(d, state.clock.today()))
        .transpose()?;
    let input = DemographicsInput {
        race: body.race,
        ethnicity: body.ethnicity,
        gender: body.gender,
        dob,
    };
    let stored = state.users.set_demographics(&actor, user_id, input).await?;
    Ok(HttpResponse::Ok().json(DemographicsResponse::from(stored)))
}
