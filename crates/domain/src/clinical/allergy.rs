//! A patient's allergies, and the check a prescription passes against them.

use chrono::{DateTime, Utc};

use crate::error::{ValidationError, ValidationErrors};
use crate::string_enum::string_enum;
use crate::values::free_text;

/// Longest substance, in characters (`allergies_substance_check`).
pub const MAX_SUBSTANCE_CHARS: usize = 200;
/// Longest reaction, in characters (`allergies_reaction_check`).
pub const MAX_REACTION_CHARS: usize = 500;
/// Longest allergy override reason (`prescriptions_allergy_override_reason_check`).
pub const MAX_OVERRIDE_REASON_CHARS: usize = 500;

string_enum! {
    /// How bad a reaction is.
    pub enum AllergySeverity (kind = "allergy severity") {
        Mild = "mild",
        Moderate = "moderate",
        Severe = "severe",
    }
}

/// A stored allergy.
#[derive(Debug, Clone, PartialEq)]
pub struct Allergy {
    pub allergy_id: i32,
    pub patient_id: i32,
    pub substance: String,
    pub reaction: Option<String>,
    pub severity: AllergySeverity,
    /// Inactive allergies (ruled out, outgrown) stay on the list but are not checked.
    pub active: bool,
    pub noted_by: i32,
    pub noted_by_name: String,
    pub noted_at: DateTime<Utc>,
}

/// A validated new allergy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAllergy {
    pub patient_id: i32,
    pub substance: String,
    pub reaction: Option<String>,
    pub severity: AllergySeverity,
}

impl NewAllergy {
    /// Validates an allergy of patient `patient_id`.
    ///
    /// # Errors
    /// Every invalid field: `substance` (required, one line), `reaction`, `severity`.
    pub fn parse(
        patient_id: i32,
        substance: &str,
        reaction: Option<&str>,
        severity: &str,
    ) -> Result<NewAllergy, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let substance = errors.capture(free_text::required_line(
            "substance",
            substance,
            MAX_SUBSTANCE_CHARS,
        ));
        let reaction = errors.capture(free_text::optional_line(
            "reaction",
            reaction,
            MAX_REACTION_CHARS,
        ));
        let severity = errors.capture(parse_severity(severity));
        match (substance, reaction, severity) {
            (Some(substance), Some(reaction), Some(severity)) => Ok(NewAllergy {
                patient_id,
                substance,
                reaction,
                severity,
            }),
            _ => Err(errors),
        }
    }
}

/// A change of an allergy: `None` keeps a field.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AllergyChange {
    pub active: Option<bool>,
    pub severity: Option<AllergySeverity>,
    pub reaction: Option<Option<String>>,
}

impl AllergyChange {
    /// Validates a change; at least one field.
    ///
    /// # Errors
    /// An invalid field, or a `body` error when nothing would change.
    pub fn parse(
        active: Option<bool>,
        severity: Option<&str>,
        reaction: Option<Option<&str>>,
    ) -> Result<AllergyChange, ValidationErrors> {
        if active.is_none() && severity.is_none() && reaction.is_none() {
            return Err(ValidationError::new(
                "body",
                "name at least one of active, severity and reaction",
            )
            .into());
        }
        let mut errors = ValidationErrors::new();
        let severity = severity.map(|s| errors.capture(parse_severity(s)));
        let reaction = reaction
            .map(|r| errors.capture(free_text::optional_line("reaction", r, MAX_REACTION_CHARS)));
        errors.into_result()?;
        Ok(AllergyChange {
            active,
            severity: severity.flatten(),
            reaction: reaction.flatten(),
        })
    }
}

fn parse_severity(raw: &str) -> Result<AllergySeverity, ValidationError> {
    raw.trim()
        .parse()
        .map_err(|_| ValidationError::new("severity", "must be mild, moderate or severe"))
}

/// The words of a name, lowercased: letters and digits, everything else separates.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

fn contains_run(haystack: &[String], needle: &[String]) -> bool {
    !needle.is_empty() && haystack.windows(needle.len()).any(|w| w == needle)
}

/// Whether a medication name matches an allergy's substance: compared case-insensitively word
/// by word, the substance's words appear in a row in the medication's name ("penicillin" in
/// "Penicillin V potassium"), or the medication's in the substance's ("Aspirin" for "aspirin
/// (ASA)"). No drug classes or brand names: "penicillin" does not match "Amoxicillin".
#[must_use]
pub fn matches_medication(substance: &str, medication_name: &str) -> bool {
    let (substance, medication) = (words(substance), words(medication_name));
    contains_run(&medication, &substance) || contains_run(&substance, &medication)
}

/// The active allergies `medication_name` matches.
#[must_use]
pub fn conflicting<'a>(allergies: &'a [Allergy], medication_name: &str) -> Vec<&'a Allergy> {
    allergies
        .iter()
        .filter(|a| a.active && matches_medication(&a.substance, medication_name))
        .collect()
}

/// The override reason a prescription gives for an allergy it matches, validated.
///
/// # Errors
/// A reason that is not one line of at most 500 characters, on `allergy_override_reason`.
pub fn parse_override_reason(raw: Option<&str>) -> Result<Option<String>, ValidationError> {
    free_text::optional_line("allergy_override_reason", raw, MAX_OVERRIDE_REASON_CHARS)
}

/// The refusal of a prescription matching an active allergy without an override reason. The
/// message names no substance: errors carry no clinical text (the chart's banner shows it).
#[must_use]
pub fn allergy_refusal() -> ValidationError {
    ValidationError::new(
        "allergy_override_reason",
        "matches an active allergy on the patient's list; to prescribe it anyway, give a reason",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn allergy(substance: &str, active: bool) -> Allergy {
        Allergy {
            allergy_id: 1,
            patient_id: 7,
            substance: substance.into(),
            reaction: None,
            severity: AllergySeverity::Severe,
            active,
            noted_by: 1,
            noted_by_name: "Greg House".into(),
            noted_at: DateTime::UNIX_EPOCH,
        }
    }

    #[test]
    fn a_medication_matches_a_substance_word_by_word_ignoring_case() {
        assert!(matches_medication("Penicillin", "penicillin V potassium"));
        assert!(matches_medication("penicillin", "PENICILLIN"));
        assert!(matches_medication("aspirin (ASA)", "Aspirin"));
        assert!(matches_medication("Sulfa drugs", "sulfa drugs 500"));
        assert!(!matches_medication("Penicillin", "Amoxicillin"));
        assert!(!matches_medication("Codeine", "Co-codamol"));
        assert!(!matches_medication("", "Ibuprofen"));
    }

    #[test]
    fn only_active_allergies_conflict() {
        let list = [allergy("Penicillin", true), allergy("Ibuprofen", false)];
        assert_eq!(conflicting(&list, "Penicillin G").len(), 1);
        assert!(conflicting(&list, "Ibuprofen").is_empty());
    }

    #[test]
    fn an_allergy_needs_a_substance_and_a_known_severity() {
        let errors = NewAllergy::parse(7, " ", None, "deadly").unwrap_err();
        assert!(errors.has_field("substance") && errors.has_field("severity"));
        let ok = NewAllergy::parse(7, " Latex ", Some("Hives"), "moderate").unwrap();
        assert_eq!(ok.substance, "Latex");
        assert_eq!(ok.severity, AllergySeverity::Moderate);
    }

    #[test]
    fn an_allergy_change_must_change_something() {
        assert!(
            AllergyChange::parse(None, None, None)
                .unwrap_err()
                .has_field("body")
        );
        assert_eq!(
            AllergyChange::parse(Some(false), None, None)
                .unwrap()
                .active,
            Some(false)
        );
    }
}
