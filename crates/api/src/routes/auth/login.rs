//! `POST /auth/login`.

use std::sync::OnceLock;

use actix_web::{HttpRequest, HttpResponse, http::header, post, web};
use clinic_domain::identity::throttle::{self, LoginTarget};
use clinic_domain::identity::{PasswordCheck, PasswordHasher};

use super::dto::{LoginRequest, TokenResponse, issue_tokens};
use crate::error::{ApiError, ApiResult, Problem};
use crate::http::client_address;
use crate::routes::common::validate;
use crate::state::AppState;

/// A hash to verify against when the account does not exist, so an unknown login takes as long
/// as a wrong password and the two cannot be told apart by timing.
pub(super) fn decoy_hash(hasher: &dyn PasswordHasher) -> Option<&'static str> {
    static DECOY: OnceLock<Option<String>> = OnceLock::new();
    DECOY
        .get_or_init(|| hasher.hash("decoy password that never matches").ok())
        .as_deref()
}

fn invalid_credentials() -> ApiError {
    ApiError::Unauthorized {
        code: "invalid_credentials",
        detail: "the login or the password is wrong".into(),
    }
}

/// Signs in with a username or email and a password. Unknown login and wrong password answer
/// the same 401. Attempts are counted before the password is checked: too many for one
/// account or from one address answer 429 (an account is not locked from an address it
/// signed in from before); when every password check is busy, 503.
#[utoipa::path(
    tag = "auth",
    request_body = LoginRequest,
    responses(
        (status = 200, description = "Signed in", body = TokenResponse),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Wrong login or password, or a deactivated account", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Empty fields", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many attempts; see `Retry-After`", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "Too many password checks at once, or the database is unavailable; see `Retry-After`", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/auth/login")]
pub async fn login(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: crate::http::Json<LoginRequest>,
) -> ApiResult<HttpResponse> {
    validate(&*body)?;
    let address = client_address::of(&req);
    let account = state.users.find_for_login(&body.login).await?;
    let target = account.as_ref().map_or_else(
        || LoginTarget::Unknown(body.login.clone()),
        |a| LoginTarget::Account(a.user_id),
    );
    let now = state.clock.now();
    let admitted = throttle::admit_login(
        &target,
        address,
        &state.throttle_limits,
        now,
        &*state.attempts,
    )
    .await?;

    let stored_hash = account.as_ref().and_then(|a| a.password_hash.clone());
    let hash = match stored_hash {
        Some(hash) => Some(hash),
        None => {
            let hasher = state.passwords.clone();
            state
                .password_slots
                .run(move || decoy_hash(hasher.as_ref()).map(str::to_owned))
                .await?
        }
    };
    let check = match hash {
        Some(hash) => Some(
            state
                .password_slots
                .verify(&state.passwords, body.password.clone(), hash)
                .await?,
        ),
        None => None,
    };

    let verified = match (&account, check) {
        (Some(account), Some(Ok(PasswordCheck::Valid { needs_rehash })))
            if account.password_hash.is_some() =>
        {
            Some((account, needs_rehash))
        }
        (_, Some(Err(e))) if account.as_ref().is_some_and(|a| a.password_hash.is_some()) => {
            tracing::error!(error = %e, "a stored password hash could not be checked");
            None
        }
        _ => None,
    };
    let Some((account, needs_rehash)) = verified else {
        state
            .users
            .record_failed_login(account.map(|a| a.user_id))
            .await?;
        return Err(invalid_credentials());
    };
    if !account.is_active {
        state
            .users
            .record_failed_login(Some(account.user_id))
            .await?;
        return Err(ApiError::Unauthorized {
            code: "account_inactive",
            detail: "this account has been deactivated".into(),
        });
    }
    throttle::login_succeeded(admitted, account.user_id, address, now, &*state.attempts).await?;
    let rehash = if needs_rehash {
        state
            .password_slots
            .hash(&state.passwords, body.password.clone())
            .await
            .ok()
    } else {
        None
    };
    state.users.record_login(account.user_id, rehash).await?;
    let user_agent = req
        .headers()
        .get(header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .map(|v| v.chars().take(300).collect());
    let tokens = issue_tokens(&state, account.user_id, account.role, user_agent).await?;
    Ok(HttpResponse::Ok().json(tokens))
}
