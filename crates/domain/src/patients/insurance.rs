//! A patient's insurance policies: who insures them, under which policy, held by whom, and when
//! the cover is valid. Policies are deactivated, never deleted.

use chrono::{DateTime, NaiveDate, Utc};

use crate::error::{ValidationError, ValidationErrors};
use crate::string_enum::string_enum;
use crate::values::free_text;

/// Longest provider or holder name, in characters.
pub const MAX_NAME_CHARS: usize = 200;
/// Longest policy or group number, in characters.
pub const MAX_NUMBER_CHARS: usize = 100;

string_enum! {
    /// How the policy holder is related to the patient.
    pub enum HolderRelationship (kind = "holder relationship") {
        /// The patient holds the policy themself.
        Own = "self",
        Spouse = "spouse",
        Parent = "parent",
        Child = "child",
        Other = "other",
    }
}

/// A stored policy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Insurance {
    pub insurance_id: i32,
    pub patient_id: i32,
    pub provider_name: String,
    pub policy_number: String,
    pub group_number: Option<String>,
    pub holder_name: String,
    pub holder_relationship: HolderRelationship,
    pub valid_from: NaiveDate,
    /// `None`: valid until further notice.
    pub valid_to: Option<NaiveDate>,
    pub is_active: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// Checks that cover does not end before it starts (a policy of one day has `valid_to ==
/// valid_from`).
///
/// # Errors
/// A [`ValidationError`] on `valid_to`.
pub fn check_validity(
    valid_from: NaiveDate,
    valid_to: Option<NaiveDate>,
) -> Result<(), ValidationError> {
    match valid_to {
        Some(to) if to < valid_from => Err(ValidationError::new(
            "valid_to",
            "must not be before valid_from",
        )),
        _ => Ok(()),
    }
}

/// A new policy as typed, before validation.
#[derive(Debug, Clone, Copy)]
pub struct InsuranceInput<'a> {
    pub provider_name: &'a str,
    pub policy_number: &'a str,
    pub group_number: Option<&'a str>,
    pub holder_name: &'a str,
    pub holder_relationship: &'a str,
    pub valid_from: NaiveDate,
    pub valid_to: Option<NaiveDate>,
}

/// The validated terms of a policy: every text part trimmed and within its length, a known
/// relationship, and cover that does not end before it starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InsuranceTerms {
    provider_name: String,
    policy_number: String,
    group_number: Option<String>,
    holder_name: String,
    holder_relationship: HolderRelationship,
    valid_from: NaiveDate,
    valid_to: Option<NaiveDate>,
}

impl InsuranceTerms {
    /// Validates every field, reporting each by its name.
    ///
    /// # Errors
    /// Every invalid field.
    pub fn parse(input: InsuranceInput<'_>) -> Result<InsuranceTerms, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let provider_name = errors.capture(provider_name(input.provider_name));
        let policy_number = errors.capture(policy_number(input.policy_number));
        let group_number = errors.capture(group_number(input.group_number));
        let holder_name = errors.capture(holder_name(input.holder_name));
        let holder_relationship = errors.capture(relationship(input.holder_relationship));
        let validity = errors.capture(check_validity(input.valid_from, input.valid_to));
        match (
            provider_name,
            policy_number,
            group_number,
            holder_name,
            holder_relationship,
            validity,
        ) {
            (
                Some(provider_name),
                Some(policy_number),
                Some(group_number),
                Some(holder_name),
                Some(holder_relationship),
                Some(()),
            ) => Ok(InsuranceTerms {
                provider_name,
                policy_number,
                group_number,
                holder_name,
                holder_relationship,
                valid_from: input.valid_from,
                valid_to: input.valid_to,
            }),
            _ => Err(errors),
        }
    }

    pub fn provider_name(&self) -> &str {
        &self.provider_name
    }

    pub fn policy_number(&self) -> &str {
        &self.policy_number
    }

    pub fn group_number(&self) -> Option<&str> {
        self.group_number.as_deref()
    }

    pub fn holder_name(&self) -> &str {
        &self.holder_name
    }

    pub fn holder_relationship(&self) -> HolderRelationship {
        self.holder_relationship
    }

    pub fn valid_from(&self) -> NaiveDate {
        self.valid_from
    }

    pub fn valid_to(&self) -> Option<NaiveDate> {
        self.valid_to
    }
}

/// Changes to a policy as typed; `None` keeps a field, `Some(None)` clears an optional one.
#[derive(Debug, Clone, Copy, Default)]
pub struct InsurancePatchInput<'a> {
    pub provider_name: Option<&'a str>,
    pub policy_number: Option<&'a str>,
    pub group_number: Option<Option<&'a str>>,
    pub holder_name: Option<&'a str>,
    pub holder_relationship: Option<&'a str>,
    pub valid_from: Option<NaiveDate>,
    pub valid_to: Option<Option<NaiveDate>>,
    pub is_active: Option<bool>,
}

/// Validated changes to a policy. Whether the dates still fit together is only known against
/// the stored policy: see [`InsurancePatch::apply_to`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct InsurancePatch {
    provider_name: Option<String>,
    policy_number: Option<String>,
    group_number: Option<Option<String>>,
    holder_name: Option<String>,
    holder_relationship: Option<HolderRelationship>,
    valid_from: Option<NaiveDate>,
    valid_to: Option<Option<NaiveDate>>,
    is_active: Option<bool>,
}

impl InsurancePatch {
    /// Validates the fields given.
    ///
    /// # Errors
    /// Every invalid field.
    pub fn parse(input: InsurancePatchInput<'_>) -> Result<InsurancePatch, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let patch = InsurancePatch {
            provider_name: input
                .provider_name
                .and_then(|v| errors.capture(provider_name(v))),
            policy_number: input
                .policy_number
                .and_then(|v| errors.capture(policy_number(v))),
            group_number: input
                .group_number
                .and_then(|v| errors.capture(group_number(v))),
            holder_name: input
                .holder_name
                .and_then(|v| errors.capture(holder_name(v))),
            holder_relationship: input
                .holder_relationship
                .and_then(|v| errors.capture(relationship(v))),
            valid_from: input.valid_from,
            valid_to: input.valid_to,
            is_active: input.is_active,
        };
        if let (Some(from), Some(to)) = (patch.valid_from, patch.valid_to) {
            errors.capture(check_validity(from, to));
        }
        errors.into_result().map(|()| patch)
    }

    /// The policy with these changes made.
    ///
    /// # Errors
    /// The changed cover would end before it starts; reported on `valid_to` when the patch sets
    /// it, else on `valid_from`.
    pub fn apply_to(&self, current: &Insurance) -> Result<Insurance, ValidationErrors> {
        let mut changed = current.clone();
        let text = |new: &Option<String>, old: &mut String| {
            if let Some(new) = new {
                old.clone_from(new);
            }
        };
        text(&self.provider_name, &mut changed.provider_name);
        text(&self.policy_number, &mut changed.policy_number);
        text(&self.holder_name, &mut changed.holder_name);
        if let Some(group_number) = &self.group_number {
            changed.group_number.clone_from(group_number);
        }
        changed.holder_relationship = self
            .holder_relationship
            .unwrap_or(changed.holder_relationship);
        changed.valid_from = self.valid_from.unwrap_or(changed.valid_from);
        changed.valid_to = self.valid_to.unwrap_or(changed.valid_to);
        changed.is_active = self.is_active.unwrap_or(changed.is_active);
        check_validity(changed.valid_from, changed.valid_to).map_err(|error| {
            if self.valid_to.is_some() {
                error
            } else {
                error.with_field("valid_from")
            }
        })?;
        Ok(changed)
    }
}

fn provider_name(raw: &str) -> Result<String, ValidationError> {
    free_text::required_line("provider_name", raw, MAX_NAME_CHARS)
}

fn policy_number(raw: &str) -> Result<String, ValidationError> {
    free_text::required_line("policy_number", raw, MAX_NUMBER_CHARS)
}

fn group_number(raw: Option<&str>) -> Result<Option<String>, ValidationError> {
    free_text::optional_line("group_number", raw, MAX_NUMBER_CHARS)
}

fn holder_name(raw: &str) -> Result<String, ValidationError> {
    free_text::required_line("holder_name", raw, MAX_NAME_CHARS)
}

fn relationship(raw: &str) -> Result<HolderRelationship, ValidationError> {
    raw.parse::<HolderRelationship>()
        .map_err(|e| e.on("holder_relationship"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn input() -> InsuranceInput<'static> {
        InsuranceInput {
            provider_name: " Acme Health ",
            policy_number: "P-123",
            group_number: Some(" "),
            holder_name: "Ada Lovelace",
            holder_relationship: "self",
            valid_from: date(2025, 1, 1),
            valid_to: Some(date(2025, 12, 31)),
        }
    }

    fn stored() -> Insurance {
        let terms = InsuranceTerms::parse(input()).unwrap();
        Insurance {
            insurance_id: 1,
            patient_id: 2,
            provider_name: terms.provider_name().to_owned(),
            policy_number: terms.policy_number().to_owned(),
            group_number: None,
            holder_name: terms.holder_name().to_owned(),
            holder_relationship: terms.holder_relationship(),
            valid_from: terms.valid_from(),
            valid_to: terms.valid_to(),
            is_active: true,
            created_at: DateTime::from_timestamp(0, 0).unwrap(),
            updated_at: DateTime::from_timestamp(0, 0).unwrap(),
        }
    }

    #[test]
    fn valid_terms_are_trimmed_and_a_blank_group_number_is_absent() {
        let terms = InsuranceTerms::parse(input()).unwrap();
        assert_eq!(terms.provider_name(), "Acme Health");
        assert_eq!(terms.group_number(), None);
        assert_eq!(terms.holder_relationship(), HolderRelationship::Own);
    }

    #[test]
    fn cover_may_last_one_day_but_not_end_before_it_starts() {
        let day = date(2025, 3, 1);
        assert!(check_validity(day, Some(day)).is_ok());
        assert!(check_validity(day, None).is_ok());
        let error = check_validity(day, Some(date(2025, 2, 28))).unwrap_err();
        assert_eq!(error.field, "valid_to");
    }

    #[test]
    fn the_relationships_are_the_five_the_schema_allows() {
        let spellings: Vec<_> = HolderRelationship::ALL.iter().map(|r| r.as_str()).collect();
        assert_eq!(spellings, ["self", "spouse", "parent", "child", "other"]);
    }

    #[test]
    fn every_invalid_field_of_new_terms_is_reported() {
        let errors = InsuranceTerms::parse(InsuranceInput {
            provider_name: "",
            policy_number: &"9".repeat(101),
            group_number: Some("a\nb"),
            holder_name: " ",
            holder_relationship: "cousin",
            valid_from: date(2025, 1, 2),
            valid_to: Some(date(2025, 1, 1)),
        })
        .unwrap_err();
        for field in [
            "provider_name",
            "policy_number",
            "group_number",
            "holder_name",
            "holder_relationship",
            "valid_to",
        ] {
            assert!(errors.has_field(field), "{field}");
        }
    }

    #[test]
    fn a_patch_changes_only_what_it_names() {
        let patch = InsurancePatch::parse(InsurancePatchInput {
            is_active: Some(false),
            group_number: Some(Some("G-7")),
            ..InsurancePatchInput::default()
        })
        .unwrap();
        let changed = patch.apply_to(&stored()).unwrap();
        assert!(!changed.is_active);
        assert_eq!(changed.group_number.as_deref(), Some("G-7"));
        assert_eq!(changed.provider_name, "Acme Health");
    }

    #[test]
    fn a_patch_can_make_cover_open_ended() {
        let patch = InsurancePatch::parse(InsurancePatchInput {
            valid_to: Some(None),
            ..InsurancePatchInput::default()
        })
        .unwrap();
        assert_eq!(patch.apply_to(&stored()).unwrap().valid_to, None);
    }

    #[test]
    fn a_start_moved_past_the_stored_end_is_reported_on_valid_from() {
        let patch = InsurancePatch::parse(InsurancePatchInput {
            valid_from: Some(date(2026, 1, 1)),
            ..InsurancePatchInput::default()
        })
        .unwrap();
        let errors = patch.apply_to(&stored()).unwrap_err();
        assert!(errors.has_field("valid_from"));
    }

    #[test]
    fn an_end_moved_before_the_stored_start_is_reported_on_valid_to() {
        let patch = InsurancePatch::parse(InsurancePatchInput {
            valid_to: Some(Some(date(2024, 12, 31))),
            ..InsurancePatchInput::default()
        })
        .unwrap();
        assert!(patch.apply_to(&stored()).unwrap_err().has_field("valid_to"));
    }

    #[test]
    fn a_patch_with_both_dates_wrong_way_round_fails_at_once() {
        let errors = InsurancePatch::parse(InsurancePatchInput {
            valid_from: Some(date(2025, 5, 1)),
            valid_to: Some(Some(date(2025, 4, 1))),
            holder_relationship: Some("friend"),
            ..InsurancePatchInput::default()
        })
        .unwrap_err();
        assert!(errors.has_field("valid_to"));
        assert!(errors.has_field("holder_relationship"));
    }
}
