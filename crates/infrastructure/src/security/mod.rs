//! Password hashing and access tokens: the identity ports' adapters.

pub mod password;
pub mod token;

pub use password::Argon2PasswordHasher;
pub use token::{JwtSettings, JwtTokenIssuer};
