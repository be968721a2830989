//! A patient's registration as the front desk sees it, how the list is scoped and filtered,
//! and what an edit may change.

use chrono::{DateTime, NaiveDate, Utc};

use crate::access::Actor;
use crate::error::ValidationErrors;
use crate::identity::Role;
use crate::values::person_name::MAX_NAME_PART_CHARS;
use crate::values::{Address, EmailAddress, PhoneNumber, free_text};

/// A postal address as stored (already validated when it was written).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PostalAddress {
    pub line1: String,
    pub line2: Option<String>,
    pub city: String,
    pub state: Option<String>,
    pub postal_code: Option<String>,
    /// ISO 3166-1 alpha-2, upper case.
    pub country: String,
}

/// A patient's profile: the patient row, the account's contact data and the date of birth.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Patient {
    pub patient_id: i32,
    pub user_id: i32,
    pub first_name: String,
    pub middle_name: Option<String>,
    pub last_name: String,
    pub address: Option<PostalAddress>,
    /// The account's e-mail address.
    pub email: String,
    pub phone_country_code: Option<String>,
    pub phone_number: Option<String>,
    pub phone_extension: Option<String>,
    /// From the demographics, when recorded.
    pub dob: Option<NaiveDate>,
    /// The care-team doctor marked primary.
    pub primary_doctor_id: Option<i32>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// Which patients a list may show to its reader.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PatientScope {
    /// Every patient (admins and staff).
    All,
    /// Only the patients this doctor treats: in their care team or with an appointment.
    TreatedBy(i32),
    /// No patient at all (e.g. a doctor account without a doctor profile).
    Nobody,
    /// Only this patient: a patient's own compartment (the FHIR search).
    Themself(i32),
}

impl PatientScope {
    /// The patients `actor` may list. Patients may not list patients at all; the access policy
    /// refuses them before a list is ever built, and their scope is empty regardless.
    #[must_use]
    pub fn of(actor: &Actor) -> Self {
        match (actor.role, actor.doctor_id) {
            (Role::Admin | Role::Staff, _) => Self::All,
            (Role::Doctor, Some(doctor_id)) => Self::TreatedBy(doctor_id),
            (Role::Doctor, None) | (Role::Patient, _) => Self::Nobody,
        }
    }
}

/// Filters of the patient list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatientFilter {
    pub scope: PatientScope,
    /// What was typed into the search, classified ([`classify_search`](super::classify_search)).
    pub term: Option<super::PatientSearchTerm>,
    /// Exactly this date of birth.
    pub dob: Option<NaiveDate>,
    /// Structured filters, combined with AND.
    pub fields: PatientFields,
}

/// Filters on the parts of a registration, as FHIR searches a Patient: every one given must
/// hold. Text matches the start of a name part, ignoring case (FHIR's `string` search).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PatientFields {
    /// Exactly this patient (FHIR `_id` and `identifier`).
    pub patient_id: Option<i32>,
    /// The start of any name part: first, middle or last.
    pub name: Option<String>,
    /// The start of the last name.
    pub family: Option<String>,
    /// The start of the first or the middle name.
    pub given: Option<String>,
    /// This gender code (demographics); only for readers of demographics.
    pub gender: Option<i16>,
    /// Born on this day or later.
    pub born_from: Option<NaiveDate>,
    /// Born before this day.
    pub born_before: Option<NaiveDate>,
}

/// New name parts of a patient; `None` keeps a part as it is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NameChange {
    pub first: Option<String>,
    /// `Some(None)` removes the middle name.
    pub middle: Option<Option<String>>,
    pub last: Option<String>,
}

impl NameChange {
    /// Validates the given parts with the rules of [`PersonName`](crate::values::PersonName),
    /// reporting `first_name`, `middle_name` and `last_name`. A blank middle name removes it.
    ///
    /// # Errors
    /// Every invalid part.
    pub fn parse(
        first: Option<&str>,
        middle: Option<Option<&str>>,
        last: Option<&str>,
    ) -> Result<NameChange, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let required = |field, raw| free_text::required_line(field, raw, MAX_NAME_PART_CHARS);
        let change = NameChange {
            first: first.and_then(|raw| errors.capture(required("first_name", raw))),
            middle: middle.and_then(|raw| {
                errors.capture(free_text::optional_line(
                    "middle_name",
                    raw,
                    MAX_NAME_PART_CHARS,
                ))
            }),
            last: last.and_then(|raw| errors.capture(required("last_name", raw))),
        };
        errors.into_result().map(|()| change)
    }

    /// True when no part changes.
    pub fn is_empty(&self) -> bool {
        self.first.is_none() && self.middle.is_none() && self.last.is_none()
    }
}

/// Changes to a patient's registration and to their account's contact data; `None` leaves a
/// field as it is.
#[derive(Debug, Clone, Default)]
pub struct PatientPatch {
    pub name: NameChange,
    /// `Some(None)` removes the address.
    pub address: Option<Option<Address>>,
    pub email: Option<EmailAddress>,
    /// `Some(None)` removes the phone number.
    pub phone: Option<Option<PhoneNumber>>,
}

impl PatientPatch {
    /// True when the `patients` row changes.
    pub fn changes_patient(&self) -> bool {
        !self.name.is_empty() || self.address.is_some()
    }

    /// True when the account (`users` row) changes.
    pub fn changes_account(&self) -> bool {
        self.email.is_some() || self.phone.is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn actor(role: Role, doctor_id: Option<i32>) -> Actor {
        Actor {
            user_id: 1,
            role,
            doctor_id,
            patient_id: None,
        }
    }

    #[test]
    fn admins_and_staff_list_everyone_and_doctors_only_their_patients() {
        assert_eq!(
            PatientScope::of(&actor(Role::Admin, None)),
            PatientScope::All
        );
        assert_eq!(
            PatientScope::of(&actor(Role::Staff, None)),
            PatientScope::All
        );
        assert_eq!(
            PatientScope::of(&actor(Role::Doctor, Some(4))),
            PatientScope::TreatedBy(4)
        );
        assert_eq!(
            PatientScope::of(&actor(Role::Doctor, None)),
            PatientScope::Nobody
        );
        assert_eq!(
            PatientScope::of(&actor(Role::Patient, None)),
            PatientScope::Nobody
        );
    }

    #[test]
    fn a_name_change_validates_only_the_parts_given() {
        let change = NameChange::parse(Some(" Ada "), None, None).unwrap();
        assert_eq!(change.first.as_deref(), Some("Ada"));
        assert_eq!((change.middle, change.last), (None, None));
        assert!(NameChange::parse(None, None, None).unwrap().is_empty());
    }

    #[test]
    fn a_blank_or_null_middle_name_removes_it() {
        for middle in [None, Some("  ")] {
            let change = NameChange::parse(None, Some(middle), None).unwrap();
            assert_eq!(change.middle, Some(None));
            assert!(!change.is_empty());
        }
    }

    #[test]
    fn every_invalid_name_part_is_reported() {
        let errors =
            NameChange::parse(Some(" "), Some(Some("a\nb")), Some(&"x".repeat(101))).unwrap_err();
        for field in ["first_name", "middle_name", "last_name"] {
            assert!(errors.has_field(field), "{field}");
        }
    }

    #[test]
    fn a_patch_knows_which_tables_it_touches() {
        let mut patch = PatientPatch::default();
        assert!(!patch.changes_patient() && !patch.changes_account());
        patch.address = Some(None);
        assert!(patch.changes_patient() && !patch.changes_account());
        patch.phone = Some(None);
        assert!(patch.changes_account());
    }
}
