//! Account administration: list, create, read, edit, deactivate.

use actix_web::{HttpResponse, get, patch, post, web};
use clinic_domain::ValidationErrors;
use clinic_domain::identity::{self, Role, UserFilter, UserPatch};
use clinic_domain::values::{EmailAddress, Username};
use serde::Deserialize;
use utoipa::IntoParams;
use validator::Validate;

use super::dto::{CreateUserRequest, RoleDto, UpdateUserRequest, UserResponse};
use super::new_account::AccountFields;
use crate::auth::CurrentActor;
use crate::error::{ApiError, ApiResult, FieldError, Problem};
use crate::routes::common::{PageQuery, PageResponse, parse_nullable, search_term, validate};
use crate::state::AppState;

/// Filters of the user list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UserQuery {
    /// Only this role.
    pub role: Option<RoleDto>,
    /// Part of the username, email or the person's name, case-insensitive.
    #[param(max_length = 100)]
    pub q: Option<String>,
    /// Only active (true) or deactivated (false) accounts.
    pub is_active: Option<bool>,
}

/// Lists accounts by id. Admins only.
#[utoipa::path(
    tag = "users",
    security(("bearer" = [])),
    params(UserQuery, PageQuery),
    responses(
        (status = 200, description = "One page of accounts", body = PageResponse<UserResponse>),
        (status = 400, description = "Malformed query", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an admin", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid paging", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/users")]
pub async fn list_users(
    state: web::Data<AppState>,
    actor: CurrentActor,
    filter: crate::http::Query<UserQuery>,
    paging: crate::http::Query<PageQuery>,
) -> ApiResult<HttpResponse> {
    let filter = filter.into_inner();
    let filter = UserFilter {
        role: filter.role.map(Into::into),
        q: search_term(filter.q)?,
        is_active: filter.is_active,
    };
    let page = identity::list_users(&actor, filter, paging.request()?, &*state.users).await?;
    Ok(HttpResponse::Ok().json(PageResponse::from_page(page, UserResponse::from)))
}

/// Creates an account of any role. Admins only. Doctors also need a profile: `POST /doctors`.
#[utoipa::path(
    tag = "users",
    security(("bearer" = [])),
    request_body = CreateUserRequest,
    responses(
        (status = 201, description = "Created", body = UserResponse),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an admin", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Username or email taken", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "Too many password hashes at once, or the database is unavailable; see `Retry-After`", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/users")]
pub async fn create_user(
    state: web::Data<AppState>,
    actor: CurrentActor,
    body: crate::http::Json<CreateUserRequest>,
) -> ApiResult<HttpResponse> {
    // The role is checked with the shape of the body, so a missing role is reported together
    // with every other invalid field.
    let role = Role::chosen(body.role.map(Into::into));
    if let Err(shape) = body.validate() {
        let mut problem = ApiError::from(shape);
        if let (ApiError::Unprocessable { errors, .. }, Err(missing)) = (&mut problem, &role) {
            errors.push(FieldError {
                field: missing.field.clone(),
                message: missing.message.clone(),
            });
            errors.sort_by(|a, b| a.field.cmp(&b.field));
        }
        return Err(problem);
    }
    identity::may_create_user(&actor)?;
    let mut errors = ValidationErrors::new();
    let account = AccountFields {
        username: &body.username,
        email: &body.email,
        password: body.password.as_deref(),
        phone: body.phone.as_ref(),
    }
    .parse(&mut errors);
    let role = errors.capture(role);
    errors.into_result()?;
    let (Some(account), Some(role)) = (account, role) else {
        return Err(ApiError::internal("validated fields missing"));
    };
    let new = account.into_new_user(&state, role).await?;
    let user = identity::create_user(&actor, new, &*state.users).await?;
    Ok(HttpResponse::Created().json(UserResponse::from(user)))
}

/// One account: admins see any, everyone else only their own.
#[utoipa::path(
    tag = "users",
    security(("bearer" = [])),
    params(("id" = i32, Path, description = "User id")),
    responses(
        (status = 200, description = "The account", body = UserResponse),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such account, or not yours", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/users/{id}")]
pub async fn get_user(
    state: web::Data<AppState>,
    actor: CurrentActor,
    id: web::Path<i32>,
) -> ApiResult<HttpResponse> {
    let user = identity::read_user(&actor, id.into_inner(), &*state.users).await?;
    Ok(HttpResponse::Ok().json(UserResponse::from(user)))
}

/// Edits an account: username, email, phone, role. Admins only; a role change takes effect on
/// the user's next request.
#[utoipa::path(
    tag = "users",
    security(("bearer" = [])),
    params(("id" = i32, Path, description = "User id")),
    request_body = UpdateUserRequest,
    responses(
        (status = 200, description = "The changed account", body = UserResponse),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an admin", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such account", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Username or email taken", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
    )
)]
#[patch("/users/{id}")]
pub async fn update_user(
    state: web::Data<AppState>,
    actor: CurrentActor,
    id: web::Path<i32>,
    body: crate::http::Json<UpdateUserRequest>,
) -> ApiResult<HttpResponse> {
    validate(&*body)?;
    let mut errors = ValidationErrors::new();
    let patch = UserPatch {
        username: body
            .username
            .as_deref()
            .and_then(|u| errors.capture(Username::parse(u))),
        email: body
            .email
            .as_deref()
            .and_then(|e| errors.capture(EmailAddress::parse(e))),
        phone: parse_nullable(body.phone.as_ref(), |p| {
            errors.capture_all(p.parse("phone"))
        }),
        role: body.role.map(Into::into),
    };
    errors.into_result()?;
    let user = identity::update_user(&actor, id.into_inner(), patch, &*state.users).await?;
    Ok(HttpResponse::Ok().json(UserResponse::from(user)))
}

/// Deactivates an account: it can no longer sign in and its tokens stop working at once.
#[utoipa::path(
    tag = "users",
    security(("bearer" = [])),
    params(("id" = i32, Path, description = "User id")),
    responses(
        (status = 200, description = "The deactivated account", body = UserResponse),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an admin", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such account", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Admins cannot deactivate themselves", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/users/{id}/deactivate")]
pub async fn deactivate_user(
    state: web::Data<AppState>,
    actor: CurrentActor,
    id: web::Path<i32>,
) -> ApiResult<HttpResponse> {
    let user = identity::deactivate_user(&actor, id.into_inner(), &*state.users).await?;
    Ok(HttpResponse::Ok().json(UserResponse::from(user)))
}

/// Reactivates a deactivated account so it can sign in again. Its old sessions stay ended: the
/// user signs in afresh. Reactivating an active account changes nothing.
#[utoipa::path(
    tag = "users",
    security(("bearer" = [])),
    params(("id" = i32, Path, description = "User id")),
    responses(
        (status = 200, description = "The active account", body = UserResponse),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an admin", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such account", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/users/{id}/reactivate")]
pub async fn reactivate_user(
    state: web::Data<AppState>,
    actor: CurrentActor,
    id: web::Path<i32>,
) -> ApiResult<HttpResponse> {
    let user = identity::reactivate_user(&actor, id.into_inner(), &*state.users).await?;
    Ok(HttpResponse::Ok().json(UserResponse::from(user)))
}
