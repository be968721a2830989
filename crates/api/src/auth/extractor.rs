//! `CurrentActor`: the authenticated user, as a typed handler argument.
//!
//! The bearer token says who signed in; the database says who they are now. Loading the
//! account on every request makes a deactivation or a role change take effect at once; the
//! same statement checks that the token's session is still open, so signing out, a password
//! change or a replayed refresh token end its access tokens at once.

use std::future::Future;
use std::pin::Pin;

use actix_web::{FromRequest, HttpRequest, dev::Payload, http::header, web};
use clinic_domain::access::Actor;
use clinic_domain::identity::TokenError;

use crate::error::ApiError;
use crate::state::AppState;

/// The authenticated actor of a request.
#[derive(Debug, Clone)]
pub struct CurrentActor(pub Actor);

impl std::ops::Deref for CurrentActor {
    type Target = Actor;
    fn deref(&self) -> &Actor {
        &self.0
    }
}

fn unauthorized(code: &'static str, detail: &str) -> ApiError {
    ApiError::Unauthorized {
        code,
        detail: detail.to_owned(),
    }
}

/// The token of an `Authorization: Bearer …` header.
fn bearer_token(req: &HttpRequest) -> Result<String, ApiError> {
    let value = req.headers().get(header::AUTHORIZATION).ok_or_else(|| {
        unauthorized(
            "missing_token",
            "send an access token as Authorization: Bearer <token>",
        )
    })?;
    let value = value
        .to_str()
        .map_err(|_| unauthorized("invalid_token", "the Authorization header is not text"))?;
    let (scheme, token) = value
        .split_once(' ')
        .ok_or_else(|| unauthorized("invalid_token", "expected Authorization: Bearer <token>"))?;
    if !scheme.eq_ignore_ascii_case("bearer") || token.trim().is_empty() {
        return Err(unauthorized(
            "invalid_token",
            "expected Authorization: Bearer <token>",
        ));
    }
    Ok(token.trim().to_owned())
}

async fn authenticate(state: web::Data<AppState>, token: String) -> Result<CurrentActor, ApiError> {
    let claims = state.tokens.verify_access(&token).map_err(|e| match e {
        TokenError::Expired => {
            unauthorized("token_expired", "the access token has expired; refresh it")
        }
        _ => unauthorized("invalid_token", "the access token is not valid"),
    })?;
    let record = state
        .users
        .load_actor(claims.user_id, &claims.session)
        .await?
        .ok_or_else(|| unauthorized("invalid_token", "the access token is not valid"))?;
    if !record.is_active {
        return Err(unauthorized(
            "account_inactive",
            "this account has been deactivated",
        ));
    }
    // Tokens carry whole seconds; one issued in the same second as a password change stays
    // valid by this check, but its session was revoked by the change.
    let issued_before_change = record
        .tokens_valid_after
        .is_some_and(|after| claims.issued_at.timestamp() < after.timestamp());
    if issued_before_change || !record.session_open {
        return Err(unauthorized(
            "token_revoked",
            "the access token was revoked; sign in again",
        ));
    }
    Ok(CurrentActor(record.actor))
}

impl FromRequest for CurrentActor {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Self::Error>>>>;

    fn from_request(req: &HttpRequest, _payload: &mut Payload) -> Self::Future {
        let state = req.app_data::<web::Data<AppState>>().cloned();
        let token = bearer_token(req);
        Box::pin(async move {
            let state = state.ok_or_else(|| ApiError::internal("application state missing"))?;
            authenticate(state, token?).await
        })
    }
}
