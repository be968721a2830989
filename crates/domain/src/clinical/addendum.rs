//! Addenda: how a signed record is amended. A record is signed when it is written; after that
//! every amendment appends a versioned addendum (author, time, reason, an optional note, and
//! each changed field with its value before and after). The record's own row shows the current
//! version; the addenda are the history, append-only, so every earlier version can be read
//! back (version 1 is the record as signed: the `before` of each field's first change).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::{MedicalRecord, RecordAmendment};
use crate::error::{ValidationError, ValidationErrors};
use crate::values::free_text;

/// Longest reason, in characters (`record_addenda_reason_check`).
pub const MAX_REASON_CHARS: usize = 500;
/// Longest note, in characters (`record_addenda_note_check`).
pub const MAX_NOTE_CHARS: usize = 20_000;

/// One field an addendum changed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FieldChange {
    /// `diagnosis`, `notes` or `test_results`.
    pub field: String,
    /// The value before (`null`: none).
    pub before: Value,
    /// The value after (`null`: cleared).
    pub after: Value,
}

/// A stored addendum.
#[derive(Debug, Clone, PartialEq)]
pub struct Addendum {
    pub addendum_id: i32,
    pub record_id: i32,
    /// 2 for the first addendum; the signed record is version 1.
    pub version: i32,
    pub author_id: i32,
    pub author_name: String,
    pub created_at: DateTime<Utc>,
    pub reason: Option<String>,
    pub note: Option<String>,
    pub changes: Vec<FieldChange>,
}

/// A validated addendum, ready to append to the record it was computed from.
#[derive(Debug, Clone, PartialEq)]
pub struct NewAddendum {
    pub record_id: i32,
    pub version: i32,
    pub reason: Option<String>,
    pub note: Option<String>,
    pub changes: Vec<FieldChange>,
    /// The fields the record's row takes on.
    pub amendment: RecordAmendment,
}

/// Builds the next addendum of `current` from an amendment, a reason and a note.
///
/// `reason_required` is the `POST …/addenda` contract; `PATCH` (kept for its old clients)
/// may leave the reason out.
///
/// # Errors
/// `reason` missing when required or invalid, `note` invalid, or a `body` error when the
/// addendum would neither change a field nor add a note.
pub fn next_addendum(
    current: &MedicalRecord,
    amendment: RecordAmendment,
    reason: Option<&str>,
    note: Option<&str>,
    reason_required: bool,
) -> Result<NewAddendum, ValidationErrors> {
    let mut errors = ValidationErrors::new();
    let reason = errors.capture(free_text::optional_line("reason", reason, MAX_REASON_CHARS));
    if reason_required && matches!(reason, Some(None)) {
        errors.push(ValidationError::new(
            "reason",
            "is required: say why the record is amended",
        ));
    }
    let note = errors.capture(free_text::optional("note", note, MAX_NOTE_CHARS));
    errors.into_result()?;
    let changes = changes(current, &amendment);
    let note = note.flatten();
    if changes.is_empty() && note.is_none() {
        return Err(ValidationError::new(
            "body",
            "the addendum changes nothing: change diagnosis, notes or test_results, or add a note",
        )
        .into());
    }
    Ok(NewAddendum {
        record_id: current.record_id,
        version: current.version + 1,
        reason: reason.flatten(),
        note,
        changes,
        amendment,
    })
}

/// The fields `amendment` really changes on `current`, with their values before and after.
fn changes(current: &MedicalRecord, amendment: &RecordAmendment) -> Vec<FieldChange> {
    let text = |v: &Option<String>| v.clone().map_or(Value::Null, Value::String);
    let mut changes = Vec::new();
    let mut push = |field: &str, before: Value, after: Value| {
        if before != after {
            changes.push(FieldChange {
                field: field.to_owned(),
                before,
                after,
            });
        }
    };
    if let Some(diagnosis) = &amendment.diagnosis {
        push("diagnosis", text(&current.diagnosis), text(diagnosis));
    }
    if let Some(notes) = &amendment.notes {
        push("notes", text(&current.notes), text(notes));
    }
    if let Some(results) = &amendment.test_results {
        push(
            "test_results",
            current.test_results.to_json(),
            results.to_json(),
        );
    }
    changes
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::clinical::TestResults;

    fn signed() -> MedicalRecord {
        MedicalRecord {
            record_id: 3,
            patient_id: 7,
            doctor_id: 5,
            appointment_id: 11,
            diagnosis: Some("Influenza".into()),
            notes: None,
            test_results: TestResults::default(),
            vitals: None,
            version: 1,
            addenda: Vec::new(),
            created_at: DateTime::UNIX_EPOCH,
            updated_at: DateTime::UNIX_EPOCH,
            patient_name: "Alice".into(),
            doctor_name: "Greg House".into(),
        }
    }

    fn amend(diagnosis: Option<Option<&str>>) -> RecordAmendment {
        RecordAmendment::parse(diagnosis, None, None).unwrap()
    }

    #[test]
    fn the_first_addendum_is_version_two_and_keeps_the_value_before() {
        let addendum = next_addendum(
            &signed(),
            amend(Some(Some("COVID-19"))),
            Some("PCR came back"),
            None,
            true,
        )
        .unwrap();
        assert_eq!(addendum.version, 2);
        assert_eq!(
            addendum.changes,
            [FieldChange {
                field: "diagnosis".into(),
                before: json!("Influenza"),
                after: json!("COVID-19"),
            }]
        );
        assert_eq!(addendum.reason.as_deref(), Some("PCR came back"));
    }

    #[test]
    fn versions_count_on_from_the_current_one() {
        let mut record = signed();
        record.version = 4;
        let addendum =
            next_addendum(&record, amend(None), None, Some("Called back"), false).unwrap();
        assert_eq!(addendum.version, 5);
        assert!(addendum.changes.is_empty());
    }

    #[test]
    fn a_reason_is_required_where_the_contract_says_so() {
        let errors =
            next_addendum(&signed(), amend(Some(None)), Some("  "), None, true).unwrap_err();
        assert!(errors.has_field("reason"));
        assert!(next_addendum(&signed(), amend(Some(None)), None, None, false).is_ok());
    }

    #[test]
    fn an_addendum_that_changes_nothing_is_refused() {
        let same = amend(Some(Some("Influenza")));
        assert!(
            next_addendum(&signed(), same, Some("typo"), None, true)
                .unwrap_err()
                .has_field("body")
        );
    }
}
