//! `/visit-types`: what is booked, how long it lasts, which specialty offers it and the
//! colour the schedule draws it in.

use actix_web::{HttpResponse, get, patch, post, web};
use chrono::{DateTime, Utc};
use clinic_domain::ValidationErrors;
use clinic_domain::scheduling::visit_types::{parse_colour, parse_length, parse_name};
use clinic_domain::scheduling::{
    NewVisitType, VisitType, VisitTypePatch, create_visit_type, list_visit_types, update_visit_type,
};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_actix_web::service_config::ServiceConfig;
use validator::Validate;

use crate::auth::CurrentActor;
use crate::error::{ApiResult, Problem, draft};
use crate::routes::common::{nullable, utc};
use crate::state::AppState;

/// A visit type.
#[derive(Debug, Serialize, ToSchema)]
pub struct VisitTypeResponse {
    pub id: i32,
    #[schema(example = "Consultation 30")]
    pub name: String,
    /// What a visit of this type lasts, 5 to 480 minutes.
    #[schema(example = 30)]
    pub duration_minutes: u32,
    /// Only doctors of this specialty offer it; `null`: any doctor.
    pub specialty_id: Option<i32>,
    pub specialty_name: Option<String>,
    /// `#rrggbb`.
    #[schema(example = "#2563eb")]
    pub colour: String,
    /// Offered for booking; an inactive type stays on the visits booked as it.
    pub is_active: bool,
    #[serde(serialize_with = "utc")]
    pub created_at: DateTime<Utc>,
    #[serde(serialize_with = "utc")]
    pub updated_at: DateTime<Utc>,
}

impl From<VisitType> for VisitTypeResponse {
    fn from(t: VisitType) -> Self {
        Self {
            id: t.visit_type_id,
            name: t.name,
            duration_minutes: t.duration.minutes(),
            specialty_id: t.specialty_id,
            specialty_name: t.specialty_name,
            colour: t.colour,
            is_active: t.active,
            created_at: t.created_at,
            updated_at: t.updated_at,
        }
    }
}

/// A new visit type.
#[derive(Debug, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct CreateVisitTypeRequest {
    /// Unique, case-insensitively.
    #[schema(min_length = 1, max_length = 100, example = "Follow-up 15")]
    pub name: String,
    #[schema(minimum = 5, maximum = 480, example = 15)]
    pub duration_minutes: u32,
    /// Booked with doctors of this specialty only; leave out for any doctor.
    pub specialty_id: Option<i32>,
    #[schema(pattern = "^#[0-9a-fA-F]{6}$", example = "#16a34a")]
    pub colour: String,
}

/// Changes to a visit type; omitted fields stay as they are.
#[derive(Debug, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct UpdateVisitTypeRequest {
    #[schema(min_length = 1, max_length = 100)]
    pub name: Option<String>,
    #[schema(minimum = 5, maximum = 480)]
    pub duration_minutes: Option<u32>,
    /// `null` makes it bookable with any doctor.
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<i32>)]
    pub specialty_id: Option<Option<i32>>,
    #[schema(pattern = "^#[0-9a-fA-F]{6}$")]
    pub colour: Option<String>,
    /// `false` retires it (no longer offered), `true` offers it again.
    pub is_active: Option<bool>,
}

impl CreateVisitTypeRequest {
    fn parse(&self) -> Result<NewVisitType, ValidationErrors> {
        NewVisitType::parse(
            &self.name,
            self.duration_minutes,
            self.specialty_id,
            &self.colour,
        )
    }
}

impl UpdateVisitTypeRequest {
    fn parse(&self) -> Result<VisitTypePatch, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let patch = VisitTypePatch {
            name: self
                .name
                .as_deref()
                .and_then(|n| errors.capture(parse_name(n))),
            duration: self
                .duration_minutes
                .and_then(|m| errors.capture(parse_length(m))),
            specialty_id: self.specialty_id,
            colour: self
                .colour
                .as_deref()
                .and_then(|c| errors.capture(parse_colour(c))),
            active: self.is_active,
        };
        errors.into_result().map(|()| patch)
    }
}

/// Which visit types to list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct VisitTypeQuery {
    /// Admins only: list retired ones too.
    pub include_inactive: Option<bool>,
}

/// The visit types offered, by name. Anyone signed in (booking needs them); retired ones
/// too for an admin who asks.
#[utoipa::path(
    tag = "visit-types",
    security(("bearer" = [])),
    params(VisitTypeQuery),
    responses(
        (status = 200, description = "Visit types, by name", body = Vec<VisitTypeResponse>),
        (status = 400, description = "Malformed query", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Retired visit types are for admins", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/visit-types")]
pub async fn list(
    state: web::Data<AppState>,
    actor: CurrentActor,
    query: crate::http::Query<VisitTypeQuery>,
) -> ApiResult<HttpResponse> {
    let all = query.include_inactive.unwrap_or(false);
    let types = list_visit_types(&actor, all, &*state.visit_types).await?;
    Ok(HttpResponse::Ok().json(
        types
            .into_iter()
            .map(VisitTypeResponse::from)
            .collect::<Vec<_>>(),
    ))
}

/// Creates a visit type. Admins only: the front desk books visit types, the admin decides
/// what the clinic offers. Audited.
#[utoipa::path(
    tag = "visit-types",
    security(("bearer" = [])),
    request_body = CreateVisitTypeRequest,
    responses(
        (status = 201, description = "Created", body = VisitTypeResponse),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an admin", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "A visit type of that name exists (`visit_type_exists`)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields, listed in `errors`", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/visit-types")]
pub async fn create(
    state: web::Data<AppState>,
    actor: CurrentActor,
    body: crate::http::Json<CreateVisitTypeRequest>,
) -> ApiResult<HttpResponse> {
    let new = draft(&*body, || body.parse());
    let created = create_visit_type(&actor, new, &*state.clock, &*state.visit_types).await?;
    Ok(HttpResponse::Created().json(VisitTypeResponse::from(created)))
}

/// Changes, retires (`is_active: false`) or re-offers a visit type. Admins only. Visits
/// already booked keep their length. Audited.
#[utoipa::path(
    tag = "visit-types",
    security(("bearer" = [])),
    params(("id" = i32, Path, description = "Visit type id")),
    request_body = UpdateVisitTypeRequest,
    responses(
        (status = 200, description = "The changed visit type", body = VisitTypeResponse),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an admin", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such visit type", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "A visit type of that name exists (`visit_type_exists`)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields, listed in `errors`", body = Problem, content_type = "application/problem+json"),
    )
)]
#[patch("/visit-types/{id}")]
pub async fn update(
    state: web::Data<AppState>,
    actor: CurrentActor,
    id: web::Path<i32>,
    body: crate::http::Json<UpdateVisitTypeRequest>,
) -> ApiResult<HttpResponse> {
    let patch = draft(&*body, || body.parse());
    let changed = update_visit_type(
        &actor,
        id.into_inner(),
        patch,
        &*state.clock,
        &*state.visit_types,
    )
    .await?;
    Ok(HttpResponse::Ok().json(VisitTypeResponse::from(changed)))
}

/// Registers the `/visit-types` routes.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list).service(create).service(update);
}
