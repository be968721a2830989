//! Sessions: what an access token says and how long it lasts, and trading a refresh token for
//! a new pair.

use chrono::{DateTime, Duration, Utc};

use super::{
    AccessClaims, RefreshOutcome, Role, SessionId, SessionLifetime, SessionRepository,
    UserRepository,
};
use crate::clock::Clock;
use crate::store::StoreError;

/// How long an access token is accepted. Short, because it is checked by signature; the
/// per-request actor load still ends it at once when its session ends.
pub const ACCESS_TOKEN_LIFETIME: Duration = Duration::minutes(15);

impl AccessClaims {
    /// The claims of a new access token of `session`, issued `now` to `user_id` with `role`.
    #[must_use]
    pub fn for_session(user_id: i32, role: Role, session: SessionId, now: DateTime<Utc>) -> Self {
        Self {
            user_id,
            role,
            session,
            issued_at: now,
            expires_at: now + ACCESS_TOKEN_LIFETIME,
        }
    }
}

/// A session's next access token (its claims, to be signed) and its refresh token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionTokens {
    pub claims: AccessClaims,
    pub refresh_token: String,
}

/// Why a refresh token bought nothing.
#[derive(Debug, thiserror::Error)]
pub enum RefreshSessionError {
    /// The token had been spent already: somebody replayed it, and its session is revoked.
    #[error("this refresh token was already used; sign in again")]
    Reused,
    /// Unknown, expired (idle or absolute) or revoked.
    #[error("the refresh token is not valid; sign in again")]
    Invalid,
    /// The session belongs to an account that no longer loads: a broken invariant.
    #[error("refresh token of a missing user")]
    MissingAccount,
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Spends `token` and issues the next pair of its session. The new access token names the
/// account's role as stored now, not as it was at sign-in.
///
/// # Errors
/// [`RefreshSessionError::Reused`], [`RefreshSessionError::Invalid`],
/// [`RefreshSessionError::MissingAccount`], [`RefreshSessionError::Store`].
pub async fn refresh_session(
    token: &str,
    lifetime: SessionLifetime,
    clock: &dyn Clock,
    sessions: &dyn SessionRepository,
    users: &dyn UserRepository,
) -> Result<SessionTokens, RefreshSessionError> {
    let (user_id, session, refresh_token) = match sessions.rotate(token, lifetime).await? {
        RefreshOutcome::Rotated {
            user_id,
            session,
            refresh_token,
        } => (user_id, session, refresh_token),
        RefreshOutcome::Reused => return Err(RefreshSessionError::Reused),
        RefreshOutcome::Invalid => return Err(RefreshSessionError::Invalid),
    };
    let record = users
        .load_actor(user_id, &session)
        .await?
        .ok_or(RefreshSessionError::MissingAccount)?;
    Ok(SessionTokens {
        claims: AccessClaims::for_session(user_id, record.actor.role, session, clock.now()),
        refresh_token,
    })
}

#[cfg(test)]
mod tests {
    use std::sync::Mutex;

    use async_trait::async_trait;
    use chrono::TimeZone;

    use super::*;
    use crate::clock::FixedClock;
    use crate::identity::StartedSession;
    use crate::identity::fake::InMemoryUsers;
    use crate::store::StoreResult;
    use crate::testing::block_on;

    /// Answers every rotation with `outcome`.
    struct Rotating {
        outcome: Mutex<Option<RefreshOutcome>>,
    }

    #[async_trait]
    impl SessionRepository for Rotating {
        async fn start(
            &self,
            _user_id: i32,
            _user_agent: Option<String>,
            _lifetime: SessionLifetime,
        ) -> StoreResult<StartedSession> {
            Err(StoreError::Unexpected("not part of the fake".into()))
        }

        async fn rotate(&self, _token: &str, _: SessionLifetime) -> StoreResult<RefreshOutcome> {
            Ok(self.outcome.lock().unwrap().take().expect("one rotation"))
        }

        async fn revoke(&self, _token: &str) -> StoreResult<()> {
            Ok(())
        }
    }

    fn refresh(
        outcome: RefreshOutcome,
        users: &InMemoryUsers,
    ) -> Result<SessionTokens, RefreshSessionError> {
        let sessions = Rotating {
            outcome: Mutex::new(Some(outcome)),
        };
        let clock = FixedClock::at(Utc.with_ymd_and_hms(2030, 3, 1, 8, 0, 0).unwrap());
        block_on(refresh_session(
            "token",
            SessionLifetime::DEFAULT,
            &clock,
            &sessions,
            users,
        ))
    }

    fn rotated(user_id: i32) -> RefreshOutcome {
        RefreshOutcome::Rotated {
            user_id,
            session: SessionId("family-1".into()),
            refresh_token: "next".into(),
        }
    }

    #[test]
    fn a_refresh_names_the_role_stored_now_and_lasts_fifteen_minutes() {
        let users = InMemoryUsers::with(&[(4, Role::Staff)]);
        users.users.lock().unwrap()[0].role = Role::Admin;
        let tokens = refresh(rotated(4), &users).unwrap();
        let now = Utc.with_ymd_and_hms(2030, 3, 1, 8, 0, 0).unwrap();
        assert_eq!(
            tokens,
            SessionTokens {
                claims: AccessClaims {
                    user_id: 4,
                    role: Role::Admin,
                    session: SessionId("family-1".into()),
                    issued_at: now,
                    expires_at: now + Duration::minutes(15),
                },
                refresh_token: "next".into(),
            }
        );
    }

    #[test]
    fn a_replayed_an_invalid_or_an_orphaned_token_buys_nothing() {
        let users = InMemoryUsers::with(&[(4, Role::Staff)]);
        assert!(matches!(
            refresh(RefreshOutcome::Reused, &users),
            Err(RefreshSessionError::Reused)
        ));
        assert!(matches!(
            refresh(RefreshOutcome::Invalid, &users),
            Err(RefreshSessionError::Invalid)
        ));
        assert!(matches!(
            refresh(rotated(9), &users),
            Err(RefreshSessionError::MissingAccount)
        ));
    }
}
