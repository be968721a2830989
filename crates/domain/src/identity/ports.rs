//! What identity needs from the outside world: hashing passwords and signing access tokens.
//!
//! Both are CPU work, so the traits are synchronous; an async caller runs them on a blocking
//! thread (Argon2 takes tens of milliseconds on purpose).

use chrono::{DateTime, Utc};

use crate::identity::{Role, SessionId};

/// The outcome of comparing a password with a stored hash.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PasswordCheck {
    /// The password matches. `needs_rehash` is true when the hash was made with weaker
    /// parameters than today's, so the caller should store a fresh hash now that it has the
    /// password in hand.
    Valid {
        /// Store a new hash of this password.
        needs_rehash: bool,
    },
    /// The password does not match.
    Invalid,
}

/// Why hashing or verifying could not be done at all (not "wrong password").
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PasswordHashError {
    /// The stored hash is not in a format the hasher understands.
    #[error("stored password hash is malformed: {0}")]
    MalformedHash(String),
    /// The hashing library failed, e.g. could not allocate its memory.
    #[error("password hashing failed: {0}")]
    Backend(String),
}

/// Turns passwords into slow salted hashes and checks passwords against them.
pub trait PasswordHasher: Send + Sync {
    /// A new salted hash of `password`, in a self-describing format (e.g. PHC string).
    ///
    /// # Errors
    /// [`PasswordHashError::Backend`] when the hashing library fails.
    fn hash(&self, password: &str) -> Result<String, PasswordHashError>;

    /// Whether `password` matches `hash`.
    ///
    /// # Errors
    /// [`PasswordHashError::MalformedHash`] when `hash` cannot be read, and
    /// [`PasswordHashError::Backend`] when the library fails. A wrong password is
    /// `Ok(PasswordCheck::Invalid)`, not an error.
    fn verify(&self, password: &str, hash: &str) -> Result<PasswordCheck, PasswordHashError>;
}

/// What a short-lived access token says about its bearer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccessClaims {
    /// `users.user_id` of the bearer.
    pub user_id: i32,
    /// The bearer's role when the token was issued.
    pub role: Role,
    /// The session (sign-in) the token belongs to; it stops working when that ends.
    pub session: SessionId,
    /// When the token was issued.
    pub issued_at: DateTime<Utc>,
    /// When the token stops being accepted.
    pub expires_at: DateTime<Utc>,
}

/// Why a token was not issued or not accepted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TokenError {
    /// The token was genuine but its `expires_at` has passed.
    #[error("token expired")]
    Expired,
    /// Malformed, tampered with, signed with another key, or otherwise unacceptable.
    #[error("token invalid")]
    Invalid,
    /// Signing a new token failed (a configuration problem, never the client's fault).
    #[error("token signing failed: {0}")]
    Signing(String),
}

/// Issues and verifies access tokens.
pub trait TokenIssuer: Send + Sync {
    /// A signed token carrying `claims`.
    ///
    /// # Errors
    /// [`TokenError::Signing`] when the signing key or library fails.
    fn issue_access(&self, claims: &AccessClaims) -> Result<String, TokenError>;

    /// The claims of a genuine, unexpired token.
    ///
    /// # Errors
    /// [`TokenError::Expired`] for a genuine token past its expiry, [`TokenError::Invalid`] for
    /// anything else that is not a genuine token.
    fn verify_access(&self, token: &str) -> Result<AccessClaims, TokenError>;
}
