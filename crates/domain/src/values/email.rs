//! An e-mail address used to log in and to be reached.

use std::fmt;

use crate::error::ValidationError;

/// Longest address SMTP can carry (RFC 5321 path limit less the angle brackets).
pub const MAX_EMAIL_CHARS: usize = 254;
/// Longest local part SMTP guarantees to carry (RFC 5321).
pub const MAX_LOCAL_PART_CHARS: usize = 64;

/// A plausible, lower-cased e-mail address.
///
/// Only a confirmation mail proves an address works; this check catches typos and keeps the
/// case-insensitive uniqueness of `users.email` simple by storing one spelling.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EmailAddress(String);

impl EmailAddress {
    /// Trims, lower-cases and checks `raw`: at most 254 characters, exactly one `@`, a non-empty
    /// local part of at most 64 characters, a domain with a dot and no empty label, and no
    /// whitespace or control characters anywhere.
    ///
    /// # Errors
    /// A [`ValidationError`] on field `email`.
    pub fn parse(raw: &str) -> Result<EmailAddress, ValidationError> {
        let invalid = |message: &str| Err(ValidationError::new("email", message));
        let email = raw.trim().to_lowercase();
        if email.is_empty() {
            return invalid("must not be empty");
        }
        if email.chars().count() > MAX_EMAIL_CHARS {
            return invalid("must be at most 254 characters");
        }
        if email.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return invalid("must not contain spaces or control characters");
        }
        let Some((local, domain)) = email.split_once('@') else {
            return invalid("must contain an @");
        };
        if domain.contains('@') {
            return invalid("must contain exactly one @");
        }
        if local.is_empty() {
            return invalid("must have a name before the @");
        }
        if local.chars().count() > MAX_LOCAL_PART_CHARS {
            return invalid("must have at most 64 characters before the @");
        }
        if !domain.contains('.') || domain.split('.').any(str::is_empty) {
            return invalid("must have a domain such as example.org after the @");
        }
        Ok(EmailAddress(email))
    }

    /// The normalised address.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The part before the `@`; the password policy refuses passwords equal to it.
    pub fn local_part(&self) -> &str {
        self.0
            .split_once('@')
            .map_or(self.0.as_str(), |(local, _)| local)
    }

    /// The part after the `@`.
    pub fn domain(&self) -> &str {
        self.0.split_once('@').map_or("", |(_, domain)| domain)
    }
}

impl AsRef<str> for EmailAddress {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for EmailAddress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_is_trimmed_and_lowercased() {
        let email = EmailAddress::parse("  Ada.Lovelace@Example.ORG ").unwrap();
        assert_eq!(email.as_str(), "ada.lovelace@example.org");
        assert_eq!(email.local_part(), "ada.lovelace");
        assert_eq!(email.domain(), "example.org");
    }

    #[test]
    fn malformed_addresses_are_rejected() {
        for raw in [
            "",
            "ada",
            "@example.org",
            "ada@",
            "ada@example",
            "ada@@example.org",
            "ada@b@example.org",
            "ada lovelace@example.org",
            "ada@example..org",
            "ada@.example.org",
            "ada@example.org.",
            "ada\u{0000}@example.org",
        ] {
            let err = EmailAddress::parse(raw).expect_err(raw);
            assert_eq!(err.field, "email");
        }
    }

    #[test]
    fn an_address_longer_than_254_characters_is_rejected() {
        let domain = format!("{}.org", "d".repeat(250));
        assert!(EmailAddress::parse(&format!("a@{domain}")).is_err());
        let fits = format!("a@{}.org", "d".repeat(248));
        assert_eq!(fits.len(), 254);
        assert!(EmailAddress::parse(&fits).is_ok());
    }

    #[test]
    fn a_local_part_longer_than_64_characters_is_rejected() {
        assert!(EmailAddress::parse(&format!("{}@example.org", "a".repeat(64))).is_ok());
        assert!(EmailAddress::parse(&format!("{}@example.org", "a".repeat(65))).is_err());
    }
}
