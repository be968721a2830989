//! `/specialties`: the medical specialties, whether they need a referral, and their fees.

use actix_web::{HttpResponse, get, patch, post, web};
use chrono::{DateTime, Utc};
use clinic_domain::ValidationErrors;
use clinic_domain::directory::{
    self, EditSpecialty, EntryName, NewSpecialty, Specialty, SpecialtyPatch,
};
use clinic_domain::values::Money;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_actix_web::service_config::ServiceConfig;
use validator::Validate;

use crate::auth::CurrentActor;
use crate::error::{ApiResult, Problem, draft};
use crate::routes::common::{MoneyText, utc};
use crate::state::AppState;

/// A specialty.
#[derive(Debug, Serialize, ToSchema)]
pub struct SpecialtyResponse {
    pub id: i32,
    #[schema(example = "Cardiology")]
    pub name: String,
    /// A patient needs an approved specialist referral before booking this specialty.
    pub requires_referral: bool,
    /// The default amount billed for a consultation: a decimal string with two places.
    #[schema(value_type = String, example = "120.00")]
    pub consultation_fee: Money,
    #[serde(serialize_with = "utc")]
    pub created_at: DateTime<Utc>,
    #[serde(serialize_with = "utc")]
    pub updated_at: DateTime<Utc>,
}

impl From<Specialty> for SpecialtyResponse {
    fn from(s: Specialty) -> Self {
        Self {
            id: s.specialty_id,
            name: s.name,
            requires_referral: s.requires_referral,
            consultation_fee: s.consultation_fee,
            created_at: s.created_at,
            updated_at: s.updated_at,
        }
    }
}

/// A new specialty.
#[derive(Debug, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct CreateSpecialtyRequest {
    /// Unique, case-insensitively.
    #[validate(length(min = 1, max = 100))]
    #[schema(min_length = 1, max_length = 100, example = "Allergy and Immunology")]
    pub name: String,
    /// Defaults to false.
    #[serde(default)]
    pub requires_referral: bool,
    /// A decimal string with at most two decimal places, at least 0; a JSON number is refused.
    #[schema(value_type = String, pattern = r"^\d{1,10}(\.\d{1,2})?$", example = "120.00")]
    pub consultation_fee: MoneyText,
}

/// Changes to a specialty; omitted fields stay as they are.
#[derive(Debug, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct UpdateSpecialtyRequest {
    #[validate(length(min = 1, max = 100))]
    #[schema(min_length = 1, max_length = 100)]
    pub name: Option<String>,
    pub requires_referral: Option<bool>,
    /// A decimal string with at most two decimal places.
    #[schema(value_type = Option<String>, pattern = r"^\d{1,10}(\.\d{1,2})?$", example = "135.50")]
    pub consultation_fee: Option<MoneyText>,
}

impl CreateSpecialtyRequest {
    /// The validated specialty.
    ///
    /// # Errors
    /// Every invalid field.
    fn parse(&self) -> Result<NewSpecialty, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let name = errors.capture(EntryName::specialty(&self.name));
        let fee = errors.capture(self.consultation_fee.parse("consultation_fee"));
        match (name, fee) {
            (Some(name), Some(consultation_fee)) if errors.is_empty() => Ok(NewSpecialty {
                name,
                requires_referral: self.requires_referral,
                consultation_fee,
            }),
            _ => Err(errors),
        }
    }
}

impl UpdateSpecialtyRequest {
    /// The validated changes.
    ///
    /// # Errors
    /// Every invalid field.
    fn parse(&self) -> Result<SpecialtyPatch, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let patch = SpecialtyPatch {
            name: self
                .name
                .as_deref()
                .and_then(|n| errors.capture(EntryName::specialty(n))),
            requires_referral: self.requires_referral,
            consultation_fee: self
                .consultation_fee
                .as_ref()
                .and_then(|fee| errors.capture(fee.parse("consultation_fee"))),
        };
        errors.into_result().map(|()| patch)
    }
}

/// Every specialty, by name. Any signed-in user.
#[utoipa::path(
    tag = "specialties",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Every specialty, ordered by name", body = Vec<SpecialtyResponse>),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/specialties")]
pub async fn list_specialties(
    state: web::Data<AppState>,
    actor: CurrentActor,
) -> ApiResult<HttpResponse> {
    let specialties = directory::list_specialties(&actor, &*state.specialties).await?;
    Ok(HttpResponse::Ok().json(
        specialties
            .into_iter()
            .map(SpecialtyResponse::from)
            .collect::<Vec<_>>(),
    ))
}

/// Creates a specialty. Admins only.
#[utoipa::path(
    tag = "specialties",
    security(("bearer" = [])),
    request_body = CreateSpecialtyRequest,
    responses(
        (status = 201, description = "Created", body = SpecialtyResponse),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an admin", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "A specialty of that name exists (`specialty_exists`)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields, listed in `errors`", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/specialties")]
pub async fn create_specialty(
    state: web::Data<AppState>,
    actor: CurrentActor,
    body: crate::http::Json<CreateSpecialtyRequest>,
) -> ApiResult<HttpResponse> {
    let new = draft(&*body, || body.parse());
    let specialty = directory::create_specialty(&actor, new, &*state.specialties).await?;
    Ok(HttpResponse::Created().json(SpecialtyResponse::from(specialty)))
}

/// Changes a specialty's name, referral requirement or fee. Admins only. A new fee applies
/// to bills created from now on.
#[utoipa::path(
    tag = "specialties",
    security(("bearer" = [])),
    params(("id" = i32, Path, description = "Specialty id")),
    request_body = UpdateSpecialtyRequest,
    responses(
        (status = 200, description = "The changed specialty", body = SpecialtyResponse),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an admin", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such specialty", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "A specialty of that name exists (`specialty_exists`)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields, listed in `errors`", body = Problem, content_type = "application/problem+json"),
    )
)]
#[patch("/specialties/{id}")]
pub async fn update_specialty(
    state: web::Data<AppState>,
    actor: CurrentActor,
    id: web::Path<i32>,
    body: crate::http::Json<UpdateSpecialtyRequest>,
) -> ApiResult<HttpResponse> {
    let cmd = EditSpecialty {
        specialty_id: id.into_inner(),
        patch: draft(&*body, || body.parse()),
    };
    let specialty = directory::edit_specialty(&actor, cmd, &*state.specialties).await?;
    Ok(HttpResponse::Ok().json(SpecialtyResponse::from(specialty)))
}

/// Registers the `/specialties` routes.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_specialties)
        .service(create_specialty)
        .service(update_specialty);
}
