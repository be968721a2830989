//! A postal address: of an office, a patient, a pharmacy.

use crate::error::{ValidationError, ValidationErrors};
use crate::values::country::CountryCode;
use crate::values::free_text;

/// Longest street line, in characters.
pub const MAX_LINE_CHARS: usize = 200;
/// Longest city or state, in characters.
pub const MAX_PLACE_CHARS: usize = 100;
/// Longest postal code; the longest national formats are about 10.
pub const MAX_POSTAL_CODE_CHARS: usize = 20;

/// The parts of an address as typed, before validation.
#[derive(Debug, Clone, Copy, Default)]
pub struct AddressInput<'a> {
    /// Street and number.
    pub line1: &'a str,
    /// Flat, suite, building.
    pub line2: Option<&'a str>,
    /// City or town.
    pub city: &'a str,
    /// State, province or region, where the country has them.
    pub state: Option<&'a str>,
    /// Postal code, where the country has them.
    pub postal_code: Option<&'a str>,
    /// ISO 3166-1 alpha-2 code, any case.
    pub country: &'a str,
}

/// A validated postal address. Text parts are trimmed single lines; the country is an assigned
/// ISO 3166-1 alpha-2 code. State and postal code are optional because many countries have none.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Address {
    line1: String,
    line2: Option<String>,
    city: String,
    state: Option<String>,
    postal_code: Option<String>,
    country: CountryCode,
}

impl Address {
    /// Validates every part, reporting `address_line1`, `address_line2`, `city`, `state`,
    /// `postal_code` and `country` (the column names).
    ///
    /// # Errors
    /// Every invalid part.
    pub fn parse(input: AddressInput<'_>) -> Result<Address, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let line1 = errors.capture(free_text::required_line(
            "address_line1",
            input.line1,
            MAX_LINE_CHARS,
        ));
        let line2 = errors.capture(free_text::optional_line(
            "address_line2",
            input.line2,
            MAX_LINE_CHARS,
        ));
        let city = errors.capture(free_text::required_line(
            "city",
            input.city,
            MAX_PLACE_CHARS,
        ));
        let state = errors.capture(free_text::optional_line(
            "state",
            input.state,
            MAX_PLACE_CHARS,
        ));
        let postal_code = errors.capture(parse_postal_code(input.postal_code));
        let country = errors.capture(CountryCode::parse(input.country));
        match (line1, line2, city, state, postal_code, country) {
            (
                Some(line1),
                Some(line2),
                Some(city),
                Some(state),
                Some(postal_code),
                Some(country),
            ) => Ok(Address {
                line1,
                line2,
                city,
                state,
                postal_code,
                country,
            }),
            _ => Err(errors),
        }
    }

    /// Street and number.
    pub fn line1(&self) -> &str {
        &self.line1
    }

    /// Second street line.
    pub fn line2(&self) -> Option<&str> {
        self.line2.as_deref()
    }

    /// City or town.
    pub fn city(&self) -> &str {
        &self.city
    }

    /// State, province or region.
    pub fn state(&self) -> Option<&str> {
        self.state.as_deref()
    }

    /// Postal code.
    pub fn postal_code(&self) -> Option<&str> {
        self.postal_code.as_deref()
    }

    /// Country.
    pub fn country(&self) -> CountryCode {
        self.country
    }
}

fn parse_postal_code(raw: Option<&str>) -> Result<Option<String>, ValidationError> {
    let code = free_text::optional_line("postal_code", raw, MAX_POSTAL_CODE_CHARS)?;
    match code {
        Some(code)
            if !code
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == ' ' || c == '-') =>
        {
            Err(ValidationError::new(
                "postal_code",
                "may contain only letters, digits, spaces and '-'",
            ))
        }
        code => Ok(code),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn valid() -> AddressInput<'static> {
        AddressInput {
            line1: " 1 Main St ",
            line2: Some(""),
            city: "Springfield",
            state: Some("IL"),
            postal_code: Some("62701"),
            country: "us",
        }
    }

    #[test]
    fn a_valid_address_is_trimmed_and_its_country_upper_cased() {
        let address = Address::parse(valid()).unwrap();
        assert_eq!(address.line1(), "1 Main St");
        assert_eq!(address.line2(), None);
        assert_eq!(address.country().as_str(), "US");
        assert_eq!(address.postal_code(), Some("62701"));
    }

    #[test]
    fn state_and_postal_code_are_optional() {
        let address = Address::parse(AddressInput {
            state: None,
            postal_code: None,
            ..valid()
        })
        .unwrap();
        assert_eq!(address.state(), None);
    }

    #[test]
    fn every_invalid_part_is_reported_by_column_name() {
        let errors = Address::parse(AddressInput {
            line1: "",
            line2: Some("a\u{0000}"),
            city: " ",
            state: Some(&"s".repeat(101)),
            postal_code: Some("12#45"),
            country: "USA",
        })
        .unwrap_err();
        for field in [
            "address_line1",
            "address_line2",
            "city",
            "state",
            "postal_code",
            "country",
        ] {
            assert!(errors.has_field(field), "{field}");
        }
    }

    #[test]
    fn a_postal_code_with_a_space_or_hyphen_is_accepted() {
        for code in ["SW1A 1AA", "12345-6789"] {
            let input = AddressInput {
                postal_code: Some(code),
                ..valid()
            };
            assert!(Address::parse(input).is_ok(), "{code}");
        }
    }
}
