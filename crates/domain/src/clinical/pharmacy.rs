//! Where a prescription is to be filled, stored as `prescriptions.pharmacy_details` (jsonb).

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::clinical::json_fields::{optional_string, reject_unknown_keys, required_string};
use crate::error::{ValidationError, ValidationErrors};

const FIELD: &str = "pharmacy_details";
const MAX_NAME_CHARS: usize = 200;
const MAX_ADDRESS_CHARS: usize = 300;
const MAX_PHONE_CHARS: usize = 30;

/// A pharmacy: `{"name": "...", "address": "...", "phone": "..."}`; address and phone optional.
///
/// `Deserialize` reads stored documents; client input goes through [`PharmacyDetails::parse`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PharmacyDetails {
    name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    address: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    phone: Option<String>,
}

impl PharmacyDetails {
    /// Validates a client's `pharmacy_details` JSON, naming errors like
    /// `pharmacy_details.name`. The phone may use digits, spaces and `+ - ( ) .`.
    ///
    /// # Errors
    /// Not an object, an unknown key, or any invalid field; all reported together.
    pub fn parse(raw: &Value) -> Result<PharmacyDetails, ValidationErrors> {
        let Value::Object(object) = raw else {
            return Err(ValidationError::new(FIELD, "must be an object").into());
        };
        let mut errors = ValidationErrors::new();
        reject_unknown_keys(object, &["name", "address", "phone"], FIELD, &mut errors);
        let name = required_string(object, "name", FIELD, MAX_NAME_CHARS, &mut errors);
        let address = optional_string(object, "address", FIELD, MAX_ADDRESS_CHARS, &mut errors);
        let phone = optional_string(object, "phone", FIELD, MAX_PHONE_CHARS, &mut errors);
        let phone = phone.and_then(|phone| match phone {
            Some(p) if !is_phone_like(&p) => {
                errors.push(ValidationError::new(
                    format!("{FIELD}.phone"),
                    "must be digits with optional spaces and + - ( ) .",
                ));
                None
            }
            p => Some(p),
        });
        match (name, address, phone) {
            (Some(name), Some(address), Some(phone)) if errors.is_empty() => Ok(PharmacyDetails {
                name,
                address,
                phone,
            }),
            _ => Err(errors),
        }
    }

    /// The pharmacy's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Its address, as one line.
    pub fn address(&self) -> Option<&str> {
        self.address.as_deref()
    }

    /// Its phone number.
    pub fn phone(&self) -> Option<&str> {
        self.phone.as_deref()
    }
}

fn is_phone_like(phone: &str) -> bool {
    phone
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '+' | '-' | '(' | ')' | '.'))
        && phone.chars().filter(char::is_ascii_digit).count() >= 4
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn a_pharmacy_with_only_a_name_is_enough() {
        let pharmacy = PharmacyDetails::parse(&json!({"name": " Corner Pharmacy "})).unwrap();
        assert_eq!(pharmacy.name(), "Corner Pharmacy");
        assert_eq!(pharmacy.phone(), None);
    }

    #[test]
    fn a_full_pharmacy_round_trips() {
        let raw = json!({"name": "Corner", "address": "1 Main St", "phone": "+1 (555) 010-0000"});
        let pharmacy = PharmacyDetails::parse(&raw).unwrap();
        assert_eq!(serde_json::to_value(&pharmacy).unwrap(), raw);
    }

    #[test]
    fn every_invalid_field_is_reported_with_its_path() {
        let errors = PharmacyDetails::parse(&json!({
            "name": "", "address": "a\u{0000}", "phone": "call me", "fax": "1"
        }))
        .unwrap_err();
        for field in [
            "pharmacy_details.fax",
            "pharmacy_details.name",
            "pharmacy_details.address",
            "pharmacy_details.phone",
        ] {
            assert!(errors.has_field(field), "{field}");
        }
    }

    #[test]
    fn anything_but_an_object_is_refused() {
        assert!(
            PharmacyDetails::parse(&json!("Corner"))
                .unwrap_err()
                .has_field("pharmacy_details")
        );
    }
}
