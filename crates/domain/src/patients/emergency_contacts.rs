//! Whom to call when something happens to a patient: up to ten people, each with a distinct
//! priority from 1 (call first) to 10.

use crate::error::{ValidationError, ValidationErrors};
use crate::values::{PhoneNumber, free_text};

/// Most contacts a patient may list.
pub const MAX_EMERGENCY_CONTACTS: usize = 10;
/// The lowest priority (called last).
pub const MAX_PRIORITY: i16 = 10;
/// Longest contact name, in characters.
pub const MAX_CONTACT_NAME_CHARS: usize = 200;
/// Longest relationship ("mother", "neighbour"), in characters.
pub const MAX_RELATIONSHIP_CHARS: usize = 50;

/// A stored emergency contact.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmergencyContact {
    pub contact_id: i32,
    pub name: String,
    pub relationship: String,
    pub phone_country_code: Option<String>,
    pub phone_number: String,
    pub phone_extension: Option<String>,
    /// 1 is called first.
    pub priority: i16,
}

/// One contact as typed, before validation.
#[derive(Debug, Clone, Copy)]
pub struct EmergencyContactInput<'a> {
    pub name: &'a str,
    pub relationship: &'a str,
    pub phone_country_code: Option<&'a str>,
    pub phone_number: &'a str,
    pub phone_extension: Option<&'a str>,
    pub priority: i64,
}

/// A validated contact, ready to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewEmergencyContact {
    pub name: String,
    pub relationship: String,
    pub phone: PhoneNumber,
    pub priority: i16,
}

/// Validates a patient's whole list of contacts. Errors name `emergency_contacts` for the list
/// and `emergency_contacts[i].name`, `.relationship`, `.phone.phone_number` (and the other phone
/// parts) and `.priority` for the contact at index `i`.
///
/// # Errors
/// Every invalid field: more than ten contacts, a priority outside 1..=10 or used twice, and
/// each invalid name, relationship or phone part.
pub fn parse_emergency_contacts(
    inputs: &[EmergencyContactInput<'_>],
) -> Result<Vec<NewEmergencyContact>, ValidationErrors> {
    let mut errors = ValidationErrors::new();
    if inputs.len() > MAX_EMERGENCY_CONTACTS {
        errors.push(ValidationError::new(
            "emergency_contacts",
            format!("at most {MAX_EMERGENCY_CONTACTS} contacts"),
        ));
    }
    let mut contacts = Vec::with_capacity(inputs.len());
    for (index, input) in inputs.iter().enumerate() {
        let at = |field: &str| format!("emergency_contacts[{index}].{field}");
        let name = free_text::required_line(&at("name"), input.name, MAX_CONTACT_NAME_CHARS);
        let relationship = free_text::required_line(
            &at("relationship"),
            input.relationship,
            MAX_RELATIONSHIP_CHARS,
        );
        let name = errors.capture(name);
        let relationship = errors.capture(relationship);
        let phone = PhoneNumber::parse(
            input.phone_country_code,
            input.phone_number,
            input.phone_extension,
        );
        let phone = match phone {
            Ok(phone) => Some(phone),
            Err(phone_errors) => {
                errors.extend_prefixed(&at("phone"), phone_errors);
                None
            }
        };
        let priority = errors.capture(priority_of(input.priority, &at("priority")));
        if let Some(earlier) = inputs[..index]
            .iter()
            .position(|other| other.priority == input.priority)
        {
            errors.push(ValidationError::new(
                at("priority"),
                format!(
                    "priority {} is already used by contact {earlier}",
                    input.priority
                ),
            ));
        }
        if let (Some(name), Some(relationship), Some(phone), Some(priority)) =
            (name, relationship, phone, priority)
        {
            contacts.push(NewEmergencyContact {
                name,
                relationship,
                phone,
                priority,
            });
        }
    }
    errors.into_result().map(|()| contacts)
}

fn priority_of(raw: i64, field: &str) -> Result<i16, ValidationError> {
    i16::try_from(raw)
        .ok()
        .filter(|p| (1..=MAX_PRIORITY).contains(p))
        .ok_or_else(|| ValidationError::new(field, "must be from 1 to 10"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn contact(priority: i64) -> EmergencyContactInput<'static> {
        EmergencyContactInput {
            name: " Grace Hopper ",
            relationship: "aunt",
            phone_country_code: Some("+1"),
            phone_number: "555-0100",
            phone_extension: None,
            priority,
        }
    }

    #[test]
    fn a_valid_list_is_trimmed_and_kept_in_order() {
        let contacts = parse_emergency_contacts(&[contact(2), contact(1)]).unwrap();
        assert_eq!(contacts.len(), 2);
        assert_eq!(contacts[0].name, "Grace Hopper");
        assert_eq!(contacts[0].priority, 2);
        assert_eq!(contacts[1].phone.number(), "555-0100");
    }

    #[test]
    fn an_empty_list_removes_every_contact() {
        assert_eq!(parse_emergency_contacts(&[]).unwrap(), Vec::new());
    }

    #[test]
    fn a_priority_used_twice_is_reported_on_the_later_contact() {
        let errors = parse_emergency_contacts(&[contact(1), contact(3), contact(1)]).unwrap_err();
        assert_eq!(errors.len(), 1);
        assert!(errors.has_field("emergency_contacts[2].priority"));
    }

    #[test]
    fn priorities_run_from_one_to_ten() {
        for bad in [0, 11, -1, i64::MAX] {
            let errors = parse_emergency_contacts(&[contact(bad)]).unwrap_err();
            assert!(errors.has_field("emergency_contacts[0].priority"), "{bad}");
        }
        assert!(parse_emergency_contacts(&[contact(10)]).is_ok());
    }

    #[test]
    fn more_than_ten_contacts_are_refused() {
        let eleven: Vec<_> = (1..=11).map(|p| contact(p.min(10))).collect();
        let errors = parse_emergency_contacts(&eleven).unwrap_err();
        assert!(errors.has_field("emergency_contacts"));
        let ten: Vec<_> = (1..=10).map(contact).collect();
        assert_eq!(parse_emergency_contacts(&ten).unwrap().len(), 10);
    }

    #[test]
    fn every_invalid_field_of_a_contact_is_reported_under_its_index() {
        let bad = EmergencyContactInput {
            name: "",
            relationship: &"r".repeat(51),
            phone_country_code: Some("1"),
            phone_number: "12",
            phone_extension: None,
            priority: 1,
        };
        let errors = parse_emergency_contacts(&[contact(2), bad]).unwrap_err();
        for field in [
            "emergency_contacts[1].name",
            "emergency_contacts[1].relationship",
            "emergency_contacts[1].phone.phone_country_code",
            "emergency_contacts[1].phone.phone_number",
        ] {
            assert!(errors.has_field(field), "{field}: {errors}");
        }
    }
}
