//! Insurance policies: `GET, POST /patients/{id}/insurances` and `GET, PATCH /insurances/{id}`.
//! Read with the patient's profile; written by admins, staff and the patient themself.
//! Policies are deactivated, never deleted.

use actix_web::{HttpResponse, get, patch, post, web};
use clinic_domain::patients::{self, AddInsurance, InsuranceInput, InsurancePatchInput};
use utoipa_actix_web::service_config::ServiceConfig;

use crate::auth::CurrentActor;
use crate::error::{ApiResult, Problem};
use crate::routes::common::{PageQuery, PageResponse, validate};
use crate::state::AppState;

pub mod dto;

use dto::{CreateInsuranceRequest, InsuranceResponse, UpdateInsuranceRequest};

/// Registers the insurance routes.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_insurances)
        .service(create_insurance)
        .service(get_insurance)
        .service(update_insurance);
}

/// A patient's policies, active first, then the latest cover first.
#[utoipa::path(
    tag = "insurances",
    security(("bearer" = [])),
    params(("id" = i32, Path, description = "Patient id"), PageQuery),
    responses(
        (status = 200, description = "One page of policies", body = PageResponse<InsuranceResponse>),
        (status = 400, description = "Malformed query", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such patient, or not yours to see", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid paging", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/patients/{id}/insurances")]
pub async fn list_insurances(
    state: web::Data<AppState>,
    actor: CurrentActor,
    id: web::Path<i32>,
    paging: crate::http::Query<PageQuery>,
) -> ApiResult<HttpResponse> {
    let page = patients::list_insurances(
        &actor,
        id.into_inner(),
        paging.request()?,
        &*state.access,
        &*state.insurances,
        &*state.reads,
    )
    .await?;
    Ok(HttpResponse::Ok().json(PageResponse::from_page(page, InsuranceResponse::from)))
}

/// Adds a policy to a patient: admins, staff and the patient themself.
#[utoipa::path(
    tag = "insurances",
    security(("bearer" = [])),
    params(("id" = i32, Path, description = "Patient id")),
    request_body = CreateInsuranceRequest,
    responses(
        (status = 201, description = "Added", body = InsuranceResponse),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Doctors may not edit insurances", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such patient, or not yours", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The same provider and policy number are on file (`insurance_exists`)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields, e.g. valid_to before valid_from; listed in `errors`", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/patients/{id}/insurances")]
pub async fn create_insurance(
    state: web::Data<AppState>,
    actor: CurrentActor,
    id: web::Path<i32>,
    body: crate::http::Json<CreateInsuranceRequest>,
) -> ApiResult<HttpResponse> {
    validate(&*body)?;
    let cmd = AddInsurance {
        patient_id: id.into_inner(),
        terms: InsuranceInput {
            provider_name: &body.provider_name,
            policy_number: &body.policy_number,
            group_number: body.group_number.as_deref(),
            holder_name: &body.holder_name,
            holder_relationship: &body.holder_relationship,
            valid_from: body.valid_from,
            valid_to: body.valid_to,
        },
        is_active: body.is_active,
    };
    let insurance =
        patients::add_insurance(&actor, cmd, &*state.access, &*state.insurances).await?;
    Ok(HttpResponse::Created().json(InsuranceResponse::from(insurance)))
}

/// One policy: whoever may read its patient's profile.
#[utoipa::path(
    tag = "insurances",
    security(("bearer" = [])),
    params(("id" = i32, Path, description = "Insurance id")),
    responses(
        (status = 200, description = "The policy", body = InsuranceResponse),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such policy, or not yours to see", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/insurances/{id}")]
pub async fn get_insurance(
    state: web::Data<AppState>,
    actor: CurrentActor,
    id: web::Path<i32>,
) -> ApiResult<HttpResponse> {
    let insurance = patients::read_insurance(
        &actor,
        id.into_inner(),
        &*state.access,
        &*state.insurances,
        &*state.reads,
    )
    .await?;
    Ok(HttpResponse::Ok().json(InsuranceResponse::from(insurance)))
}

/// Edits or deactivates (`"is_active": false`) a policy: admins, staff and the patient
/// themself.
#[utoipa::path(
    tag = "insurances",
    security(("bearer" = [])),
    params(("id" = i32, Path, description = "Insurance id")),
    request_body = UpdateInsuranceRequest,
    responses(
        (status = 200, description = "The changed policy", body = InsuranceResponse),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Doctors may not edit insurances", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such policy, or not yours", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The same provider and policy number are on file (`insurance_exists`)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields, e.g. cover ending before it starts; listed in `errors`", body = Problem, content_type = "application/problem+json"),
    )
)]
#[patch("/insurances/{id}")]
pub async fn update_insurance(
    state: web::Data<AppState>,
    actor: CurrentActor,
    id: web::Path<i32>,
    body: crate::http::Json<UpdateInsuranceRequest>,
) -> ApiResult<HttpResponse> {
    validate(&*body)?;
    let changes = InsurancePatchInput {
        provider_name: body.provider_name.as_deref(),
        policy_number: body.policy_number.as_deref(),
        group_number: body.group_number.as_ref().map(Option::as_deref),
        holder_name: body.holder_name.as_deref(),
        holder_relationship: body.holder_relationship.as_deref(),
        valid_from: body.valid_from,
        valid_to: body.valid_to,
        is_active: body.is_active,
    };
    let insurance = patients::update_insurance(
        &actor,
        id.into_inner(),
        changes,
        &*state.access,
        &*state.insurances,
    )
    .await?;
    Ok(HttpResponse::Ok().json(InsuranceResponse::from(insurance)))
}
