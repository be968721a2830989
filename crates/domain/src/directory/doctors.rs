//! Rules about doctors' profiles: whose account may have one, and who may change which field
//! (an admin any of them, the doctor themself only their name and years of experience: the
//! license and specialty are credentials the clinic verifies).

use crate::access::{Action, Actor, Decision, authorize};
use crate::directory::values::{LicenseNumber, YearsOfExperience};
use crate::error::{ValidationError, ValidationErrors};
use crate::identity::Role;
use crate::values::free_text;
use crate::values::person_name::MAX_NAME_PART_CHARS;

/// Checks that the account a new doctor profile is for exists (`role` is its role) and has the
/// doctor role, reporting `user_id`.
///
/// # Errors
/// No such account, or an account of another role.
pub fn check_doctor_account(role: Option<Role>) -> Result<(), ValidationError> {
    match role {
        Some(Role::Doctor) => Ok(()),
        Some(other) => Err(ValidationError::new(
            "user_id",
            format!(
                "the account's role is {other}; only a doctor account can have a doctor profile"
            ),
        )),
        None => Err(ValidationError::new("user_id", "no such user account")),
    }
}

/// A field of a doctor's profile.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DoctorField {
    FirstName,
    MiddleName,
    LastName,
    LicenseNumber,
    SpecialtyId,
    YearsOfExperience,
}

impl DoctorField {
    /// Whether the doctor may change this field of their own profile.
    pub fn editable_by_self(self) -> bool {
        matches!(
            self,
            Self::FirstName | Self::MiddleName | Self::LastName | Self::YearsOfExperience
        )
    }
}

/// Decides whether `actor` may change `fields` of doctor `doctor_id`'s profile: the access
/// policy's [`Action::EditDoctor`] first (404 for another doctor's profile, 403 for staff and
/// patients), then, for a doctor editing themself, [`Decision::Forbidden`] as soon as one
/// field is not [`editable_by_self`](DoctorField::editable_by_self).
pub fn authorize_doctor_edit(actor: &Actor, doctor_id: i32, fields: &[DoctorField]) -> Decision {
    match authorize(actor, Action::EditDoctor { doctor_id }) {
        Decision::Allow
            if actor.role != Role::Admin && !fields.iter().all(|f| f.editable_by_self()) =>
        {
            Decision::Forbidden
        }
        decision => decision,
    }
}

/// A profile change as the client sent it, before validation; `None` leaves a field alone.
#[derive(Debug, Clone, Copy, Default)]
pub struct DoctorPatchInput<'a> {
    pub first_name: Option<&'a str>,
    /// `Some(None)` (or a blank value) removes the middle name.
    pub middle_name: Option<Option<&'a str>>,
    pub last_name: Option<&'a str>,
    pub license_number: Option<&'a str>,
    pub specialty_id: Option<i32>,
    pub years_of_experience: Option<i64>,
}

impl DoctorPatchInput<'_> {
    /// The fields this change touches, for [`authorize_doctor_edit`].
    pub fn fields(&self) -> Vec<DoctorField> {
        [
            (self.first_name.is_some(), DoctorField::FirstName),
            (self.middle_name.is_some(), DoctorField::MiddleName),
            (self.last_name.is_some(), DoctorField::LastName),
            (self.license_number.is_some(), DoctorField::LicenseNumber),
            (self.specialty_id.is_some(), DoctorField::SpecialtyId),
            (
                self.years_of_experience.is_some(),
                DoctorField::YearsOfExperience,
            ),
        ]
        .into_iter()
        .filter_map(|(present, field)| present.then_some(field))
        .collect()
    }
}

/// A validated change to a doctor's profile.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DoctorPatch {
    first_name: Option<String>,
    middle_name: Option<Option<String>>,
    last_name: Option<String>,
    license_number: Option<LicenseNumber>,
    specialty_id: Option<i32>,
    years_of_experience: Option<YearsOfExperience>,
}

impl DoctorPatch {
    /// Validates every given field, reporting each by its name.
    ///
    /// # Errors
    /// Every invalid field.
    pub fn parse(input: DoctorPatchInput<'_>) -> Result<DoctorPatch, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let name_part =
            |field: &str, raw: &str| free_text::required_line(field, raw, MAX_NAME_PART_CHARS);
        let patch = DoctorPatch {
            first_name: input
                .first_name
                .and_then(|raw| errors.capture(name_part("first_name", raw))),
            middle_name: input.middle_name.and_then(|raw| {
                errors.capture(free_text::optional_line(
                    "middle_name",
                    raw,
                    MAX_NAME_PART_CHARS,
                ))
            }),
            last_name: input
                .last_name
                .and_then(|raw| errors.capture(name_part("last_name", raw))),
            license_number: input
                .license_number
                .and_then(|raw| errors.capture(LicenseNumber::parse(raw))),
            specialty_id: input.specialty_id,
            years_of_experience: input
                .years_of_experience
                .and_then(|years| errors.capture(YearsOfExperience::parse(years))),
        };
        errors.into_result().map(|()| patch)
    }

    /// True when nothing would change.
    pub fn is_empty(&self) -> bool {
        *self == DoctorPatch::default()
    }

    /// The new first name.
    pub fn first_name(&self) -> Option<&str> {
        self.first_name.as_deref()
    }

    /// The new middle name; `Some(None)` removes it.
    pub fn middle_name(&self) -> Option<Option<&str>> {
        self.middle_name.as_ref().map(Option::as_deref)
    }

    /// The new last name.
    pub fn last_name(&self) -> Option<&str> {
        self.last_name.as_deref()
    }

    /// The new license number.
    pub fn license_number(&self) -> Option<&LicenseNumber> {
        self.license_number.as_ref()
    }

    /// The new specialty.
    pub fn specialty_id(&self) -> Option<i32> {
        self.specialty_id
    }

    /// The new years of experience.
    pub fn years_of_experience(&self) -> Option<YearsOfExperience> {
        self.years_of_experience
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn actor(role: Role) -> Actor {
        Actor {
            user_id: 1,
            role,
            doctor_id: (role == Role::Doctor).then_some(5),
            patient_id: None,
        }
    }

    const NAME_AND_YEARS: [DoctorField; 4] = [
        DoctorField::FirstName,
        DoctorField::MiddleName,
        DoctorField::LastName,
        DoctorField::YearsOfExperience,
    ];

    #[test]
    fn only_an_existing_doctor_account_gets_a_profile() {
        assert_eq!(check_doctor_account(Some(Role::Doctor)), Ok(()));
        for role in [
            None,
            Some(Role::Admin),
            Some(Role::Staff),
            Some(Role::Patient),
        ] {
            assert_eq!(check_doctor_account(role).unwrap_err().field, "user_id");
        }
    }

    #[test]
    fn a_doctor_edits_their_own_name_and_experience() {
        let doctor = actor(Role::Doctor);
        assert_eq!(
            authorize_doctor_edit(&doctor, 5, &NAME_AND_YEARS),
            Decision::Allow
        );
        assert_eq!(authorize_doctor_edit(&doctor, 5, &[]), Decision::Allow);
    }

    #[test]
    fn a_doctor_may_not_change_their_license_or_specialty() {
        let doctor = actor(Role::Doctor);
        for field in [DoctorField::LicenseNumber, DoctorField::SpecialtyId] {
            let fields = [DoctorField::LastName, field];
            assert_eq!(
                authorize_doctor_edit(&doctor, 5, &fields),
                Decision::Forbidden
            );
        }
    }

    #[test]
    fn another_doctors_profile_stays_hidden_whatever_the_fields() {
        let doctor = actor(Role::Doctor);
        let fields = [DoctorField::LicenseNumber];
        assert_eq!(authorize_doctor_edit(&doctor, 6, &fields), Decision::Hidden);
    }

    #[test]
    fn admins_edit_every_field_and_staff_and_patients_none() {
        let every = [
            DoctorField::LicenseNumber,
            DoctorField::SpecialtyId,
            DoctorField::FirstName,
        ];
        assert_eq!(
            authorize_doctor_edit(&actor(Role::Admin), 6, &every),
            Decision::Allow
        );
        for role in [Role::Staff, Role::Patient] {
            let decision = authorize_doctor_edit(&actor(role), 5, &NAME_AND_YEARS);
            assert_eq!(decision, Decision::Forbidden, "{role:?}");
        }
    }

    #[test]
    fn the_fields_of_an_input_are_those_present() {
        let input = DoctorPatchInput {
            middle_name: Some(None),
            specialty_id: Some(2),
            ..DoctorPatchInput::default()
        };
        assert_eq!(
            input.fields(),
            [DoctorField::MiddleName, DoctorField::SpecialtyId]
        );
    }

    #[test]
    fn a_patch_is_validated_field_by_field() {
        let errors = DoctorPatch::parse(DoctorPatchInput {
            first_name: Some(" "),
            last_name: Some("Ok"),
            license_number: Some(""),
            years_of_experience: Some(71),
            ..DoctorPatchInput::default()
        })
        .unwrap_err();
        for field in ["first_name", "license_number", "years_of_experience"] {
            assert!(errors.has_field(field), "{field}");
        }
        assert_eq!(errors.len(), 3);
    }

    #[test]
    fn a_blank_middle_name_removes_it_and_names_are_trimmed() {
        let patch = DoctorPatch::parse(DoctorPatchInput {
            middle_name: Some(Some("  ")),
            last_name: Some(" House "),
            ..DoctorPatchInput::default()
        })
        .unwrap();
        assert_eq!(patch.middle_name(), Some(None));
        assert_eq!(patch.last_name(), Some("House"));
        assert!(!patch.is_empty());
        assert!(
            DoctorPatch::parse(DoctorPatchInput::default())
                .unwrap()
                .is_empty()
        );
    }
}
