//! The name a person logs in with.

use std::fmt;
use std::hash::{Hash, Hasher};

use crate::error::ValidationError;

/// Shortest accepted username.
pub const MIN_USERNAME_CHARS: usize = 3;
/// Longest accepted username.
pub const MAX_USERNAME_CHARS: usize = 50;

/// A username: 3–50 ASCII letters, digits, `.`, `_` or `-`, starting with a letter or digit.
///
/// The spelling the person chose is kept for display, but two usernames that differ only in
/// case are the same account (`==` and `Hash` use [`Username::normalized`]), matching the
/// case-insensitive unique index on `users.username`.
#[derive(Debug, Clone)]
pub struct Username(String);

impl Username {
    /// Trims and checks `raw`.
    ///
    /// # Errors
    /// A [`ValidationError`] on field `username`.
    pub fn parse(raw: &str) -> Result<Username, ValidationError> {
        let name = raw.trim();
        let invalid = |message: &str| Err(ValidationError::new("username", message));
        if !(MIN_USERNAME_CHARS..=MAX_USERNAME_CHARS).contains(&name.chars().count()) {
            return invalid("must be 3 to 50 characters");
        }
        if !name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
        {
            return invalid("may contain only letters, digits, '.', '_' and '-'");
        }
        if !name.starts_with(|c: char| c.is_ascii_alphanumeric()) {
            return invalid("must start with a letter or digit");
        }
        Ok(Username(name.to_owned()))
    }

    /// The spelling the person chose.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Lower-cased form used for lookups and uniqueness.
    pub fn normalized(&self) -> String {
        self.0.to_ascii_lowercase()
    }
}

impl PartialEq for Username {
    fn eq(&self, other: &Self) -> bool {
        self.0.eq_ignore_ascii_case(&other.0)
    }
}

impl Eq for Username {}

impl Hash for Username {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.normalized().hash(state);
    }
}

impl AsRef<str> for Username {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Username {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_username_keeps_its_case_but_compares_without_it() {
        let name = Username::parse(" Dr.Who_1-x ").unwrap();
        assert_eq!(name.as_str(), "Dr.Who_1-x");
        assert_eq!(name.normalized(), "dr.who_1-x");
        assert_eq!(name, Username::parse("DR.WHO_1-X").unwrap());
        assert_ne!(name, Username::parse("dr.who_1-y").unwrap());
    }

    #[test]
    fn three_to_fifty_characters_are_accepted() {
        assert!(Username::parse("ab").is_err());
        assert!(Username::parse("abc").is_ok());
        assert!(Username::parse(&"a".repeat(50)).is_ok());
        assert!(Username::parse(&"a".repeat(51)).is_err());
    }

    #[test]
    fn a_username_must_start_with_a_letter_or_digit() {
        assert!(Username::parse(".ada").is_err());
        assert!(Username::parse("_ada").is_err());
        assert!(Username::parse("-ada").is_err());
        assert!(Username::parse("1ada").is_ok());
    }

    #[test]
    fn spaces_at_signs_and_non_ascii_letters_are_rejected() {
        for bad in ["ada lovelace", "ada@home", "josé", "ada\u{0000}x"] {
            let err = Username::parse(bad).expect_err(bad);
            assert_eq!(err.field, "username");
        }
    }
}
