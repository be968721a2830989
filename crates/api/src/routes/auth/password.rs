//! `PUT /auth/password`.

use actix_web::{HttpResponse, put, web};
use clinic_domain::identity::throttle;
use clinic_domain::identity::{PasswordCheck, PasswordPolicy};

use super::dto::ChangePasswordRequest;
use crate::auth::CurrentActor;
use crate::error::{ApiError, ApiResult, Problem};
use crate::routes::common::validate;
use crate::state::AppState;

/// Changes the signed-in user's password. Every session is revoked and their access tokens
/// stop working at once: sign in again afterwards. Attempts are counted per account before
/// the current password is checked (a stolen access token is no oracle for the password):
/// too many answer 429.
#[utoipa::path(
    tag = "auth",
    security(("bearer" = [])),
    request_body = ChangePasswordRequest,
    responses(
        (status = 204, description = "Changed; all sessions are revoked"),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Wrong current password or a weak new one", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many attempts for this account; see `Retry-After`", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "Too many password hashes at once, or the database is unavailable; see `Retry-After`", body = Problem, content_type = "application/problem+json"),
    )
)]
#[put("/auth/password")]
pub async fn change_password(
    state: web::Data<AppState>,
    actor: CurrentActor,
    body: crate::http::Json<ChangePasswordRequest>,
) -> ApiResult<HttpResponse> {
    validate(&*body)?;
    throttle::admit_password_change(
        actor.user_id,
        &state.throttle_limits,
        state.clock.now(),
        &*state.attempts,
    )
    .await?;
    let user = state.users.get(actor.user_id).await?;
    PasswordPolicy::check(&body.new_password, Some(&user.username), Some(&user.email))
        .map_err(|e| e.with_field("new_password"))?;
    let stored = state.users.password_hash(actor.user_id).await?;
    let ChangePasswordRequest {
        current_password,
        new_password,
    } = body.into_inner();
    let hasher = state.passwords.clone();
    let new_hash = state
        .password_slots
        .run(move || {
            let current_ok = stored.as_deref().is_some_and(|hash| {
                matches!(
                    hasher.verify(&current_password, hash),
                    Ok(PasswordCheck::Valid { .. })
                )
            });
            current_ok.then(|| hasher.hash(&new_password))
        })
        .await?;
    let Some(new_hash) = new_hash else {
        return Err(ApiError::invalid_field(
            "current_password",
            "is not your current password",
        ));
    };
    state
        .users
        .change_password(actor.user_id, new_hash.map_err(ApiError::internal)?)
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
