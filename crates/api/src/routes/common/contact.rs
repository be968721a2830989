//! How to reach someone: a phone number and a postal address, shared by patients, accounts
//! and offices. The value objects check every part; these bodies only carry them.

use clinic_domain::patients::PostalAddress;
use clinic_domain::values::{Address, AddressInput, PhoneNumber};
use clinic_domain::{ValidationError, ValidationErrors};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// A phone number: optional country code and extension.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Phone {
    /// E.g. `+1`.
    #[schema(example = "+1", max_length = 4)]
    pub country_code: Option<String>,
    /// Digits, spaces and `-().` as the person writes it.
    #[schema(example = "555-0100", min_length = 4, max_length = 20)]
    pub number: String,
    /// Digits only.
    #[schema(example = "12", max_length = 10)]
    pub extension: Option<String>,
}

impl Phone {
    /// Validates into the domain value.
    ///
    /// # Errors
    /// Each invalid part, under `prefix` (e.g. `phone.number`).
    pub fn parse(&self, prefix: &str) -> Result<PhoneNumber, ValidationErrors> {
        PhoneNumber::parse(
            self.country_code.as_deref(),
            &self.number,
            self.extension.as_deref(),
        )
        .map_err(|errors| {
            let mut prefixed = ValidationErrors::new();
            prefixed.extend_prefixed(prefix, errors);
            prefixed
        })
    }

    /// The stored parts as a DTO; `None` when no number is on file.
    #[must_use]
    pub fn from_parts(
        country_code: Option<String>,
        number: Option<String>,
        extension: Option<String>,
    ) -> Option<Self> {
        number.map(|number| Self {
            country_code,
            number,
            extension,
        })
    }
}

/// A postal address. Errors name its parts under the field that holds it, e.g.
/// `address.line1`, `address.country`.
// One type for offices and patients (the document had room for only one `AddressBody`).
// `clinic_domain::values::Address` checks every part; utoipa takes only literals, so the
// schema's numbers repeat the domain's constants and `openapi::limits` tests that they agree.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct AddressBody {
    /// Street and number.
    #[schema(example = "1 Main Street", min_length = 1, max_length = 200)]
    pub line1: String,
    /// Flat, suite, building.
    #[schema(example = "Suite 4", max_length = 200)]
    pub line2: Option<String>,
    #[schema(example = "Springfield", min_length = 1, max_length = 100)]
    pub city: String,
    /// State, province or region.
    #[schema(example = "IL", max_length = 100)]
    pub state: Option<String>,
    /// Letters, digits, spaces and `-`.
    #[schema(example = "62701", max_length = 20)]
    pub postal_code: Option<String>,
    /// ISO 3166-1 alpha-2 code, any case; answered upper-case.
    #[schema(example = "US", min_length = 2, max_length = 2)]
    pub country: String,
}

impl AddressBody {
    /// Validates into the domain value.
    ///
    /// # Errors
    /// Each invalid part, as `{prefix}.line1`, `{prefix}.city`, ...
    pub fn parse(&self, prefix: &str) -> Result<Address, ValidationErrors> {
        Address::parse(AddressInput {
            line1: &self.line1,
            line2: self.line2.as_deref(),
            city: &self.city,
            state: self.state.as_deref(),
            postal_code: self.postal_code.as_deref(),
            country: &self.country,
        })
        .map_err(|errors| {
            // The value object names the columns (`address_line1`); clients sent `line1`.
            errors
                .into_vec()
                .into_iter()
                .map(|e| {
                    let part = e.field.strip_prefix("address_").unwrap_or(&e.field);
                    let field = format!("{prefix}.{part}");
                    ValidationError::new(field, e.message)
                })
                .collect::<Vec<_>>()
                .into()
        })
    }
}

impl From<PostalAddress> for AddressBody {
    fn from(address: PostalAddress) -> Self {
        Self {
            line1: address.line1,
            line2: address.line2,
            city: address.city,
            state: address.state,
            postal_code: address.postal_code,
            country: address.country,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn address_errors_are_named_under_address() {
        let body = AddressBody {
            line1: " ".into(),
            line2: None,
            city: "Town".into(),
            state: None,
            postal_code: Some("1#2".into()),
            country: "XX".into(),
        };
        let errors = body.parse("address").unwrap_err();
        for field in ["address.line1", "address.postal_code", "address.country"] {
            assert!(errors.has_field(field), "{field}: {errors}");
        }
    }
}
