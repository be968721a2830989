//! Bodies of the `/auth` routes, and issuing a token pair.

use crate::routes::common::chars;
use clinic_domain::identity::PasswordPolicy;
use clinic_domain::identity::{ACCESS_TOKEN_LIFETIME, AccessClaims, Role, SessionTokens};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::Validate;

use crate::error::{ApiError, ApiResult};
use crate::state::AppState;

/// A fresh pair of tokens.
#[derive(Debug, Serialize, ToSchema)]
pub struct TokenResponse {
    /// A JWT for `Authorization: Bearer …`.
    pub access_token: String,
    /// Always `Bearer`.
    #[schema(example = "Bearer")]
    pub token_type: &'static str,
    /// Seconds until the access token expires.
    #[schema(example = 900)]
    pub expires_in: i64,
    /// Opaque, single use: trade it for a new pair at `POST /auth/refresh`.
    pub refresh_token: String,
}

/// The signed pair of `tokens`.
///
/// # Errors
/// 500 when signing fails.
pub fn signed_pair(state: &AppState, tokens: SessionTokens) -> ApiResult<TokenResponse> {
    let access_token = state
        .tokens
        .issue_access(&tokens.claims)
        .map_err(ApiError::internal)?;
    Ok(TokenResponse {
        access_token,
        token_type: "Bearer",
        expires_in: ACCESS_TOKEN_LIFETIME.num_seconds(),
        refresh_token: tokens.refresh_token,
    })
}

/// Starts a session (a refresh-token family) and issues its first token pair.
///
/// # Errors
/// 500 when signing fails; 503 when the database is unavailable.
pub async fn issue_tokens(
    state: &AppState,
    user_id: i32,
    role: Role,
    user_agent: Option<String>,
) -> ApiResult<TokenResponse> {
    let started = state
        .sessions
        .start(user_id, user_agent, state.session_lifetime)
        .await?;
    let claims = AccessClaims::for_session(user_id, role, started.session, state.clock.now());
    signed_pair(
        state,
        SessionTokens {
            claims,
            refresh_token: started.refresh_token,
        },
    )
}

/// Credentials: a username or an email, and the password.
#[derive(Debug, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct LoginRequest {
    /// Username or email address.
    #[validate(length(min = 1, max = 254))]
    #[schema(min_length = 1, max_length = 254, example = "alice")]
    pub login: String,
    #[validate(length(min = 1, max = 1024))]
    #[schema(
        min_length = 1,
        max_length = 1024,
        example = "correct horse battery staple"
    )]
    pub password: String,
}

/// A refresh token to trade or revoke.
#[derive(Debug, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct RefreshRequest {
    #[validate(length(min = 1, max = 256))]
    #[schema(min_length = 1, max_length = 256)]
    pub refresh_token: String,
}

/// A password change.
#[derive(Debug, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct ChangePasswordRequest {
    #[validate(length(min = 1, max = 1024))]
    #[schema(min_length = 1, max_length = 1024)]
    pub current_password: String,
    /// 12 to 128 characters, not a common password.
    #[validate(length(min = chars(PasswordPolicy::MIN_CHARS), max = chars(PasswordPolicy::MAX_CHARS)))]
    #[schema(min_length = 12, max_length = 128)]
    pub new_password: String,
}
