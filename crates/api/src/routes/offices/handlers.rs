//! Office handlers: list, create, read, edit.

use actix_web::{HttpResponse, get, patch, post, web};
use clinic_domain::directory::{self, EditOffice, OfficeFilter};
use serde::Deserialize;
use utoipa::IntoParams;

use super::dto::{CreateOfficeRequest, OfficeResponse, UpdateOfficeRequest};
use crate::auth::CurrentActor;
use crate::error::{ApiResult, Problem, draft};
use crate::routes::common::{PageQuery, PageResponse, search_term};
use crate::state::AppState;

/// Filters of the office list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct OfficeQuery {
    /// Part of the name or the city, case-insensitive.
    #[param(max_length = 100)]
    pub q: Option<String>,
    /// Only active (true) or inactive (false) offices.
    pub is_active: Option<bool>,
}

/// Lists offices by name, with their services. Any signed-in user.
#[utoipa::path(
    tag = "offices",
    security(("bearer" = [])),
    params(OfficeQuery, PageQuery),
    responses(
        (status = 200, description = "One page of offices", body = PageResponse<OfficeResponse>),
        (status = 400, description = "Malformed query", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid paging or search term", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/offices")]
pub async fn list_offices(
    state: web::Data<AppState>,
    actor: CurrentActor,
    query: crate::http::Query<OfficeQuery>,
    paging: crate::http::Query<PageQuery>,
) -> ApiResult<HttpResponse> {
    let query = query.into_inner();
    let filter = OfficeFilter {
        q: search_term(query.q)?,
        is_active: query.is_active,
        office_id: None,
    };
    let page = directory::list_offices(&actor, &filter, paging.request()?, &*state.offices).await?;
    Ok(HttpResponse::Ok().json(PageResponse::from_page(page, OfficeResponse::from)))
}

/// Creates an office with its services. Admins only.
#[utoipa::path(
    tag = "offices",
    security(("bearer" = [])),
    request_body = CreateOfficeRequest,
    responses(
        (status = 201, description = "Created", body = OfficeResponse),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an admin", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "An office of that name exists (`office_exists`)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields (unknown time zone, country, a service listed twice, ...), listed in `errors`", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/offices")]
pub async fn create_office(
    state: web::Data<AppState>,
    actor: CurrentActor,
    body: crate::http::Json<CreateOfficeRequest>,
) -> ApiResult<HttpResponse> {
    let new = draft(&*body, || body.parse());
    let office = directory::create_office(&actor, new, &*state.offices).await?;
    Ok(HttpResponse::Created().json(OfficeResponse::from(office)))
}

/// One office with its services. Any signed-in user.
#[utoipa::path(
    tag = "offices",
    security(("bearer" = [])),
    params(("id" = i32, Path, description = "Office id")),
    responses(
        (status = 200, description = "The office", body = OfficeResponse),
        (status = 400, description = "Malformed id", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such office", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/offices/{id}")]
pub async fn get_office(
    state: web::Data<AppState>,
    actor: CurrentActor,
    id: web::Path<i32>,
) -> ApiResult<HttpResponse> {
    let office = directory::get_office(&actor, id.into_inner(), &*state.offices).await?;
    Ok(HttpResponse::Ok().json(OfficeResponse::from(office)))
}

/// Edits an office. When `services` is given, the office's whole list is replaced in the
/// same transaction. Admins only.
#[utoipa::path(
    tag = "offices",
    security(("bearer" = [])),
    params(("id" = i32, Path, description = "Office id")),
    request_body = UpdateOfficeRequest,
    responses(
        (status = 200, description = "The changed office", body = OfficeResponse),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an admin", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such office", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "An office of that name exists (`office_exists`)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields, listed in `errors`", body = Problem, content_type = "application/problem+json"),
    )
)]
#[patch("/offices/{id}")]
pub async fn update_office(
    state: web::Data<AppState>,
    actor: CurrentActor,
    id: web::Path<i32>,
    body: crate::http::Json<UpdateOfficeRequest>,
) -> ApiResult<HttpResponse> {
    let cmd = EditOffice {
        office_id: id.into_inner(),
        patch: draft(&*body, || body.parse()),
    };
    let office = directory::edit_office(&actor, cmd, &*state.offices).await?;
    Ok(HttpResponse::Ok().json(OfficeResponse::from(office)))
}
