//! A telephone number in three columns: country code, number, extension.

use std::fmt;

use crate::error::{ValidationError, ValidationErrors};

/// A validated phone number.
///
/// The number keeps the punctuation the person typed (`(555) 123-4567`): staff read it back to
/// patients, and without a numbering-plan database the domain cannot reformat it correctly.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PhoneNumber {
    country_code: Option<String>,
    number: String,
    extension: Option<String>,
}

impl PhoneNumber {
    /// Validates all three parts, reporting `phone_country_code`, `phone_number` and
    /// `phone_extension`:
    /// - country code: optional, `+` then 1–3 digits (`+1`, `+44`, `+358`);
    /// - number: 4–20 characters of digits, spaces, `-`, `(`, `)` and `.`, with at least 4 digits;
    /// - extension: optional, 1–10 digits.
    ///
    /// Blank optional parts are absent.
    ///
    /// # Errors
    /// Every invalid part.
    pub fn parse(
        country_code: Option<&str>,
        number: &str,
        extension: Option<&str>,
    ) -> Result<PhoneNumber, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let country_code = errors.capture(parse_country_code(country_code));
        let number = errors.capture(parse_number(number));
        let extension = errors.capture(parse_extension(extension));
        match (country_code, number, extension) {
            (Some(country_code), Some(number), Some(extension)) => Ok(PhoneNumber {
                country_code,
                number,
                extension,
            }),
            _ => Err(errors),
        }
    }

    /// The country calling code with its `+`, if given.
    pub fn country_code(&self) -> Option<&str> {
        self.country_code.as_deref()
    }

    /// The number as typed, trimmed.
    pub fn number(&self) -> &str {
        &self.number
    }

    /// The extension digits, if any.
    pub fn extension(&self) -> Option<&str> {
        self.extension.as_deref()
    }
}

fn present(raw: Option<&str>) -> Option<&str> {
    raw.map(str::trim).filter(|s| !s.is_empty())
}

fn parse_country_code(raw: Option<&str>) -> Result<Option<String>, ValidationError> {
    let Some(code) = present(raw) else {
        return Ok(None);
    };
    let digits = code.strip_prefix('+').unwrap_or("");
    if (1..=3).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit()) {
        Ok(Some(code.to_owned()))
    } else {
        Err(ValidationError::new(
            "phone_country_code",
            "must be + followed by 1 to 3 digits, e.g. +1",
        ))
    }
}

fn parse_number(raw: &str) -> Result<String, ValidationError> {
    let number = raw.trim();
    let allowed = |c: char| c.is_ascii_digit() || matches!(c, ' ' | '-' | '(' | ')' | '.');
    let length = number.chars().count();
    let digits = number.chars().filter(char::is_ascii_digit).count();
    if (4..=20).contains(&length) && number.chars().all(allowed) && digits >= 4 {
        Ok(number.to_owned())
    } else {
        Err(ValidationError::new(
            "phone_number",
            "must be 4 to 20 characters of digits, spaces, -, (, ) and . with at least 4 digits",
        ))
    }
}

fn parse_extension(raw: Option<&str>) -> Result<Option<String>, ValidationError> {
    let Some(extension) = present(raw) else {
        return Ok(None);
    };
    if (1..=10).contains(&extension.len()) && extension.bytes().all(|b| b.is_ascii_digit()) {
        Ok(Some(extension.to_owned()))
    } else {
        Err(ValidationError::new(
            "phone_extension",
            "must be 1 to 10 digits",
        ))
    }
}

/// `+1 (555) 123-4567 ext. 89`.
impl fmt::Display for PhoneNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(code) = &self.country_code {
            write!(f, "{code} ")?;
        }
        f.write_str(&self.number)?;
        if let Some(extension) = &self.extension {
            write!(f, " ext. {extension}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_number_keeps_its_punctuation() {
        let phone = PhoneNumber::parse(Some(" +1 "), " (555) 123-4567 ", Some("89")).unwrap();
        assert_eq!(phone.country_code(), Some("+1"));
        assert_eq!(phone.number(), "(555) 123-4567");
        assert_eq!(phone.extension(), Some("89"));
        assert_eq!(phone.to_string(), "+1 (555) 123-4567 ext. 89");
    }

    #[test]
    fn blank_country_code_and_extension_are_absent() {
        let phone = PhoneNumber::parse(Some(""), "5551234", Some(" ")).unwrap();
        assert_eq!(phone.country_code(), None);
        assert_eq!(phone.extension(), None);
    }

    #[test]
    fn a_country_code_needs_a_plus_and_one_to_three_digits() {
        for bad in ["1", "+", "+1234", "+1a", "++1"] {
            let errors = PhoneNumber::parse(Some(bad), "5551234", None).expect_err(bad);
            assert!(errors.has_field("phone_country_code"), "{bad}");
        }
        assert!(PhoneNumber::parse(Some("+358"), "5551234", None).is_ok());
    }

    #[test]
    fn a_number_must_be_4_to_20_allowed_characters() {
        for bad in [
            "123",
            "----",
            "555-CALL-NOW",
            "555_1234",
            &"1".repeat(21),
            "1 2 3",
        ] {
            let errors = PhoneNumber::parse(None, bad, None).expect_err(bad);
            assert!(errors.has_field("phone_number"), "{bad}");
        }
        assert!(PhoneNumber::parse(None, "1234", None).is_ok());
        assert!(PhoneNumber::parse(None, &"1".repeat(20), None).is_ok());
        assert!(PhoneNumber::parse(None, "555.123.4567", None).is_ok());
    }

    #[test]
    fn an_extension_is_one_to_ten_digits() {
        assert!(PhoneNumber::parse(None, "5551234", Some("12345678901")).is_err());
        assert!(PhoneNumber::parse(None, "5551234", Some("x12")).is_err());
        assert!(PhoneNumber::parse(None, "5551234", Some("1234567890")).is_ok());
    }

    #[test]
    fn every_invalid_part_is_reported_at_once() {
        let errors = PhoneNumber::parse(Some("1"), "12", Some("x")).unwrap_err();
        assert_eq!(errors.len(), 3);
    }
}
