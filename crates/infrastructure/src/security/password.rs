//! Argon2id at OWASP's parameters (19 MiB, 2 iterations, 1 lane).

use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher as _, PasswordVerifier as _};
use argon2::{Algorithm, Argon2, Params, Version};
use clinic_domain::identity::{PasswordCheck, PasswordHashError, PasswordHasher};

/// Hashes with Argon2id; verifying a hash made with other parameters asks for a rehash.
#[derive(Debug, Clone, Default)]
pub struct Argon2PasswordHasher {
    params: Params,
}

impl Argon2PasswordHasher {
    /// A hasher with explicit parameters (tests use weaker ones to prove rehashing).
    ///
    /// # Errors
    /// When the parameters are out of Argon2's range.
    pub fn with_params(m_cost: u32, t_cost: u32, p_cost: u32) -> Result<Self, PasswordHashError> {
        let params = Params::new(m_cost, t_cost, p_cost, None)
            .map_err(|e| PasswordHashError::Backend(e.to_string()))?;
        Ok(Self { params })
    }

    fn argon2(&self) -> Argon2<'static> {
        Argon2::new(Algorithm::Argon2id, Version::V0x13, self.params.clone())
    }

    fn is_current(&self, hash: &PasswordHash) -> bool {
        let Ok(params) = Params::try_from(hash) else {
            return false;
        };
        hash.algorithm.as_str() == Algorithm::Argon2id.ident().as_str()
            && hash.version == Some(Version::V0x13.into())
            && params.m_cost() == self.params.m_cost()
            && params.t_cost() == self.params.t_cost()
            && params.p_cost() == self.params.p_cost()
    }
}

impl PasswordHasher for Argon2PasswordHasher {
    fn hash(&self, password: &str) -> Result<String, PasswordHashError> {
        self.argon2()
            .hash_password(password.as_bytes())
            .map(|hash| hash.to_string())
            .map_err(|e| PasswordHashError::Backend(e.to_string()))
    }

    fn verify(&self, password: &str, hash: &str) -> Result<PasswordCheck, PasswordHashError> {
        let parsed =
            PasswordHash::new(hash).map_err(|e| PasswordHashError::MalformedHash(e.to_string()))?;
        // Verification uses the parameters stored in the hash, not ours.
        match self.argon2().verify_password(password.as_bytes(), &parsed) {
            Ok(()) => Ok(PasswordCheck::Valid {
                needs_rehash: !self.is_current(&parsed),
            }),
            Err(argon2::password_hash::Error::PasswordInvalid) => Ok(PasswordCheck::Invalid),
            Err(e) => Err(PasswordHashError::Backend(e.to_string())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hash_verifies_its_password_and_rejects_another() {
        let hasher = Argon2PasswordHasher::default();
        let hash = hasher.hash("correct horse battery").unwrap();
        assert!(
            hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{hash}"
        );
        assert_eq!(
            hasher.verify("correct horse battery", &hash).unwrap(),
            PasswordCheck::Valid {
                needs_rehash: false
            }
        );
        assert_eq!(
            hasher.verify("wrong horse battery", &hash).unwrap(),
            PasswordCheck::Invalid
        );
    }

    #[test]
    fn a_hash_made_with_weaker_parameters_asks_for_a_rehash() {
        let weak = Argon2PasswordHasher::with_params(4096, 1, 1).unwrap();
        let hash = weak.hash("correct horse battery").unwrap();
        let current = Argon2PasswordHasher::default();
        assert_eq!(
            current.verify("correct horse battery", &hash).unwrap(),
            PasswordCheck::Valid { needs_rehash: true }
        );
    }

    #[test]
    fn a_malformed_hash_is_an_error_not_a_wrong_password() {
        let hasher = Argon2PasswordHasher::default();
        assert!(matches!(
            hasher.verify("x", "not-a-hash"),
            Err(PasswordHashError::MalformedHash(_))
        ));
    }
}
