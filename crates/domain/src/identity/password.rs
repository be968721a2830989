//! What a new password must be: long, not well known, not the person's own name.
//!
//! Following NIST SP 800-63B: a length minimum and a block-list of known passwords, and no
//! composition rules (they make passwords harder to remember without making them harder to guess).

use std::collections::HashSet;
use std::sync::LazyLock;

use crate::error::ValidationError;

/// Well-known passwords, one per line, lower-case; lines starting with `#` are comments.
static COMMON_PASSWORDS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    include_str!("common_passwords.txt")
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .collect()
});

/// The rules a new password must meet.
#[derive(Debug, Clone, Copy, Default)]
pub struct PasswordPolicy;

impl PasswordPolicy {
    /// Fewest characters accepted.
    pub const MIN_CHARS: usize = 12;
    /// Most characters accepted; bounds the work of hashing an attacker's megabyte "password".
    pub const MAX_CHARS: usize = 128;

    /// Checks a new password. Length is counted in characters, not bytes, and the password is
    /// not trimmed (spaces are legitimate in passphrases). `username` and `email` are the
    /// account's, when known: a password equal to either (ignoring case) is refused.
    ///
    /// # Errors
    /// A [`ValidationError`] on field `password` naming the first rule broken.
    pub fn check(
        password: &str,
        username: Option<&str>,
        email: Option<&str>,
    ) -> Result<(), ValidationError> {
        let invalid = |message: &str| Err(ValidationError::new("password", message));
        let length = password.chars().count();
        if length < Self::MIN_CHARS {
            return invalid("must be at least 12 characters");
        }
        if length > Self::MAX_CHARS {
            return invalid("must be at most 128 characters");
        }
        let lowered = password.to_lowercase();
        if COMMON_PASSWORDS.contains(lowered.as_str()) {
            return invalid("is too common; choose a less predictable password");
        }
        let same_as =
            |other: &str| !other.trim().is_empty() && lowered == other.trim().to_lowercase();
        if username.is_some_and(same_as) {
            return invalid("must not be your username");
        }
        let local_part = email.map(|e| e.rsplit_once('@').map_or(e, |(local, _)| local));
        if local_part.is_some_and(same_as) {
            return invalid("must not be your e-mail address name");
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(password: &str) -> Result<(), ValidationError> {
        PasswordPolicy::check(password, None, None)
    }

    #[test]
    fn the_common_password_list_holds_about_a_thousand_lower_case_entries() {
        assert!((900..=1100).contains(&COMMON_PASSWORDS.len()));
        assert!(
            COMMON_PASSWORDS
                .iter()
                .all(|p| *p == p.to_lowercase() && p.len() >= 8)
        );
        assert!(COMMON_PASSWORDS.contains("password"));
    }

    #[test]
    fn twelve_characters_is_the_shortest_accepted_password() {
        assert!(check("tulip-meadow").is_ok());
        assert_eq!(check("tulip-meado").unwrap_err().field, "password");
    }

    #[test]
    fn length_is_counted_in_characters_not_bytes() {
        // 11 characters but 22 bytes: still too short.
        assert!(check(&"é".repeat(11)).is_err());
        // 128 characters but 256 bytes: still accepted.
        assert!(check(&"é".repeat(128)).is_ok());
    }

    #[test]
    fn more_than_128_characters_is_refused() {
        assert!(check(&"x".repeat(128)).is_ok());
        assert!(check(&"x".repeat(129)).is_err());
    }

    #[test]
    fn a_common_password_is_refused_whatever_its_case() {
        assert!(check("qwerty123456").is_err());
        assert!(check("QWERTY123456").is_err());
        assert!(check("1qaz2wsx3edc").is_err());
    }

    #[test]
    fn a_password_equal_to_the_username_is_refused_whatever_its_case() {
        let result = PasswordPolicy::check("Ada.Lovelace1815", Some("ada.lovelace1815"), None);
        assert_eq!(result.unwrap_err().message, "must not be your username");
    }

    #[test]
    fn a_password_equal_to_the_email_name_is_refused() {
        let result = PasswordPolicy::check(
            "ADA.LOVELACE1815",
            None,
            Some("ada.lovelace1815@example.org"),
        );
        assert!(result.is_err());
    }

    #[test]
    fn a_password_merely_containing_the_username_is_accepted() {
        assert!(
            PasswordPolicy::check(
                "ada.lovelace1815!",
                Some("ada.lovelace1815"),
                Some("x@y.org")
            )
            .is_ok()
        );
    }
}
