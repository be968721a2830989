//! Access tokens: HS256 JWTs with the algorithm pinned, issuer and audience checked, 15 minutes,
//! naming their session (`sid`) so that ending the session ends them.

use std::sync::Arc;

use chrono::{DateTime, TimeZone, Utc};
use clinic_domain::Clock;
use clinic_domain::identity::{AccessClaims, Role, SessionId, TokenError, TokenIssuer};
use jsonwebtoken::errors::ErrorKind;
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation, decode, encode};
use serde::{Deserialize, Serialize};

/// The `iss` claim of every token.
pub const ISSUER: &str = "clinic";
/// The `aud` claim of every token.
pub const AUDIENCE: &str = "clinic-api";

/// How tokens are signed.
#[derive(Clone)]
pub struct JwtSettings {
    /// The HMAC key (at least 32 bytes; the configuration checks it).
    pub secret: Vec<u8>,
}

impl std::fmt::Debug for JwtSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("JwtSettings { secret: [redacted] }")
    }
}

/// Seconds a token is still accepted after its `exp`, for clocks a little apart.
const LEEWAY_SECONDS: i64 = 5;

/// Signs and checks access tokens. Expiry is judged by the application's clock, the one that
/// stamped `iat` and `exp`.
pub struct JwtTokenIssuer {
    encoding: EncodingKey,
    decoding: DecodingKey,
    validation: Validation,
    clock: Arc<dyn Clock>,
}

#[derive(Debug, Serialize, Deserialize)]
struct Claims {
    sub: String,
    role: String,
    /// The session (refresh-token family) the token was issued for.
    sid: String,
    iat: i64,
    exp: i64,
    iss: String,
    aud: String,
}

impl JwtTokenIssuer {
    /// An issuer with the given key, telling the time by `clock`.
    #[must_use]
    pub fn new(settings: &JwtSettings, clock: Arc<dyn Clock>) -> Self {
        // Only HS256: a token that names another algorithm (including "none") is refused.
        let mut validation = Validation::new(Algorithm::HS256);
        validation.set_issuer(&[ISSUER]);
        validation.set_audience(&[AUDIENCE]);
        validation.set_required_spec_claims(&["exp", "iat", "sub", "iss", "aud"]);
        // `sid` is not a registered claim: serde requires it (a token without one is invalid).
        // `exp` is checked below against the injected clock, not the library's own.
        validation.validate_exp = false;
        Self {
            encoding: EncodingKey::from_secret(&settings.secret),
            decoding: DecodingKey::from_secret(&settings.secret),
            validation,
            clock,
        }
    }
}

fn moment(seconds: i64) -> Result<DateTime<Utc>, TokenError> {
    Utc.timestamp_opt(seconds, 0)
        .single()
        .ok_or(TokenError::Invalid)
}

impl TokenIssuer for JwtTokenIssuer {
    fn issue_access(&self, claims: &AccessClaims) -> Result<String, TokenError> {
        let claims = Claims {
            sub: claims.user_id.to_string(),
            role: claims.role.as_str().to_owned(),
            sid: claims.session.0.clone(),
            iat: claims.issued_at.timestamp(),
            exp: claims.expires_at.timestamp(),
            iss: ISSUER.to_owned(),
            aud: AUDIENCE.to_owned(),
        };
        encode(&Header::new(Algorithm::HS256), &claims, &self.encoding)
            .map_err(|e| TokenError::Signing(e.to_string()))
    }

    fn verify_access(&self, token: &str) -> Result<AccessClaims, TokenError> {
        let data =
            decode::<Claims>(token, &self.decoding, &self.validation).map_err(|e| {
                match e.kind() {
                    ErrorKind::ExpiredSignature => TokenError::Expired,
                    _ => TokenError::Invalid,
                }
            })?;
        let claims = data.claims;
        if claims.exp + LEEWAY_SECONDS < self.clock.now().timestamp() {
            return Err(TokenError::Expired);
        }
        Ok(AccessClaims {
            user_id: claims.sub.parse().map_err(|_| TokenError::Invalid)?,
            role: claims
                .role
                .parse::<Role>()
                .map_err(|_| TokenError::Invalid)?,
            session: SessionId(claims.sid),
            issued_at: moment(claims.iat)?,
            expires_at: moment(claims.exp)?,
        })
    }
}

#[cfg(test)]
mod tests {
    use chrono::Duration;

    use super::*;

    fn issuer(secret: &str) -> JwtTokenIssuer {
        JwtTokenIssuer::new(
            &JwtSettings {
                secret: secret.as_bytes().to_vec(),
            },
            Arc::new(clinic_domain::SystemClock),
        )
    }

    const KEY: &str = "0123456789abcdef0123456789abcdef";

    fn claims(expires_in: Duration) -> AccessClaims {
        let now = Utc::now();
        AccessClaims {
            user_id: 42,
            role: Role::Doctor,
            session: SessionId("a-session".into()),
            issued_at: now - Duration::seconds(1),
            expires_at: now + expires_in,
        }
    }

    #[test]
    fn a_token_round_trips_its_claims() {
        let issuer = issuer(KEY);
        let token = issuer.issue_access(&claims(Duration::minutes(15))).unwrap();
        let back = issuer.verify_access(&token).unwrap();
        assert_eq!((back.user_id, back.role), (42, Role::Doctor));
        assert_eq!(back.session, SessionId("a-session".into()));
    }

    #[test]
    fn an_expired_token_is_refused_as_expired() {
        let issuer = issuer(KEY);
        let token = issuer.issue_access(&claims(Duration::minutes(-5))).unwrap();
        assert_eq!(issuer.verify_access(&token), Err(TokenError::Expired));
    }

    #[test]
    fn expiry_is_judged_by_the_injected_clock() {
        let token = issuer(KEY)
            .issue_access(&claims(Duration::minutes(15)))
            .unwrap();
        let later = Utc::now() + Duration::minutes(16);
        let checked_later = JwtTokenIssuer::new(
            &JwtSettings {
                secret: KEY.as_bytes().to_vec(),
            },
            Arc::new(clinic_domain::FixedClock::at(later)),
        );
        assert_eq!(
            checked_later.verify_access(&token),
            Err(TokenError::Expired)
        );
    }

    #[test]
    fn a_token_signed_with_another_key_or_tampered_with_is_invalid() {
        let token = issuer("another key that is long enough!!")
            .issue_access(&claims(Duration::minutes(5)))
            .unwrap();
        assert_eq!(issuer(KEY).verify_access(&token), Err(TokenError::Invalid));
        let genuine = issuer(KEY)
            .issue_access(&claims(Duration::minutes(5)))
            .unwrap();
        let mut parts: Vec<String> = genuine.split('.').map(str::to_owned).collect();
        parts[1] = parts[1].chars().rev().collect();
        assert_eq!(
            issuer(KEY).verify_access(&parts.join(".")),
            Err(TokenError::Invalid)
        );
    }
}
