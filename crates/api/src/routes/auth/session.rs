//! `POST /auth/refresh`, `POST /auth/logout`, `GET /auth/me`.

use actix_web::{HttpResponse, get, post, web};
use clinic_domain::identity;

use super::dto::{RefreshRequest, TokenResponse, signed_pair};
use crate::auth::CurrentActor;
use crate::error::{ApiResult, Problem};
use crate::routes::common::validate;
use crate::routes::users::dto::UserResponse;
use crate::state::AppState;

/// Trades a refresh token for a new pair. The old refresh token is spent; presenting a spent
/// one again revokes every token of that sign-in. A sign-in lasts 30 days at most, however
/// often it is refreshed.
#[utoipa::path(
    tag = "auth",
    request_body = RefreshRequest,
    responses(
        (status = 200, description = "A new token pair", body = TokenResponse),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Unknown, expired (idle or past the session's absolute lifetime), revoked or already used refresh token", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Empty token", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/auth/refresh")]
pub async fn refresh(
    state: web::Data<AppState>,
    body: crate::http::Json<RefreshRequest>,
) -> ApiResult<HttpResponse> {
    validate(&*body)?;
    let refreshed = identity::refresh_session(
        &body.refresh_token,
        state.session_lifetime,
        &*state.clock,
        &*state.sessions,
        &*state.users,
    )
    .await?;
    let tokens = signed_pair(&state, refreshed)?;
    Ok(HttpResponse::Ok().json(tokens))
}

/// Signs out: revokes the refresh token and every token of its sign-in; the access tokens of
/// that sign-in stop working at once.
#[utoipa::path(
    tag = "auth",
    request_body = RefreshRequest,
    responses(
        (status = 204, description = "Signed out (also when the token was already invalid)"),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Empty token", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/auth/logout")]
pub async fn logout(
    state: web::Data<AppState>,
    body: crate::http::Json<RefreshRequest>,
) -> ApiResult<HttpResponse> {
    validate(&*body)?;
    state.sessions.revoke(&body.refresh_token).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// The signed-in user.
#[utoipa::path(
    tag = "auth",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The signed-in user's account", body = UserResponse),
        (status = 401, description = "Missing, invalid or expired access token", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/auth/me")]
pub async fn me(state: web::Data<AppState>, actor: CurrentActor) -> ApiResult<HttpResponse> {
    let user = state.users.get(actor.user_id).await?;
    Ok(HttpResponse::Ok().json(UserResponse::from(user)))
}
