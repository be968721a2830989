//! The postal address of request and response bodies (offices; patients' addresses share it).

use clinic_domain::values::{Address, AddressInput};
use clinic_domain::{ValidationError, ValidationErrors};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::Validate;

/// A postal address. Errors name its parts `address.line1`, `address.country`, ...
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct AddressBody {
    #[validate(length(min = 1, max = 200))]
    #[schema(min_length = 1, max_length = 200, example = "1 Main Street")]
    pub line1: String,
    #[validate(length(max = 200))]
    #[schema(max_length = 200, example = "Suite 4")]
    pub line2: Option<String>,
    #[validate(length(min = 1, max = 100))]
    #[schema(min_length = 1, max_length = 100, example = "Springfield")]
    pub city: String,
    #[validate(length(max = 100))]
    #[schema(max_length = 100, example = "IL")]
    pub state: Option<String>,
    /// Letters, digits, spaces and `-`.
    #[validate(length(max = 20))]
    #[schema(max_length = 20, example = "62701")]
    pub postal_code: Option<String>,
    /// ISO 3166-1 alpha-2, any case; answered upper-case.
    #[validate(length(min = 2, max = 2))]
    #[schema(min_length = 2, max_length = 2, example = "US")]
    pub country: String,
}

impl AddressBody {
    /// Validates into the domain value, naming errors `address.<part>`.
    ///
    /// # Errors
    /// Every invalid part.
    pub fn parse(&self) -> Result<Address, ValidationErrors> {
        Address::parse(AddressInput {
            line1: &self.line1,
            line2: self.line2.as_deref(),
            city: &self.city,
            state: self.state.as_deref(),
            postal_code: self.postal_code.as_deref(),
            country: &self.country,
        })
        .map_err(|errors| {
            let renamed = errors.into_vec().into_iter().map(|e| {
                let part = e.field.strip_prefix("address_").unwrap_or(&e.field);
                ValidationError::new(format!("address.{part}"), e.message)
            });
            ValidationErrors::from(renamed.collect::<Vec<_>>())
        })
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
        let errors = body.parse().unwrap_err();
        for field in ["address.line1", "address.postal_code", "address.country"] {
            assert!(errors.has_field(field), "{field}: {errors}");
        }
    }
}
