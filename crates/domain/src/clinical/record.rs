//! Medical records: what a doctor wrote about a visit, and when a visit may have one.

use chrono::{DateTime, Utc};
use serde_json::Value;

use super::{Addendum, TestResults, Vitals};
use crate::access::{ClinicalParties, PatientFacts};
use crate::error::{ValidationError, ValidationErrors};
use crate::scheduling::AppointmentStatus;
use crate::values::free_text;

/// Longest diagnosis, in characters (`medical_records_diagnosis_check`).
pub const MAX_DIAGNOSIS_CHARS: usize = 2000;
/// Longest notes, in characters (`medical_records_notes_check`).
pub const MAX_NOTES_CHARS: usize = 20_000;

/// A stored medical record, with the names a chart shows.
#[derive(Debug, Clone, PartialEq)]
pub struct MedicalRecord {
    pub record_id: i32,
    pub patient_id: i32,
    pub doctor_id: i32,
    pub appointment_id: i32,
    pub diagnosis: Option<String>,
    pub notes: Option<String>,
    pub test_results: TestResults,
    /// The vital signs taken at the visit.
    pub vitals: Option<Vitals>,
    /// 1 as signed, one more per addendum.
    pub version: i32,
    /// The amendments, oldest first.
    pub addenda: Vec<Addendum>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub patient_name: String,
    pub doctor_name: String,
}

/// A validated diagnosis, notes and test results: what a new record says.
#[derive(Debug, Clone, PartialEq)]
pub struct RecordContent {
    pub diagnosis: Option<String>,
    pub notes: Option<String>,
    pub test_results: TestResults,
    pub vitals: Option<Vitals>,
}

impl RecordContent {
    /// Validates a new record's content; absent test results are an empty list.
    ///
    /// # Errors
    /// Every invalid field (test results by path, e.g. `test_results[1].name`, vitals as
    /// `vitals.pulse_bpm`), or a `body` error when the record would say nothing at all.
    pub fn parse(
        diagnosis: Option<&str>,
        notes: Option<&str>,
        test_results: Option<Value>,
        vitals: Option<&Value>,
    ) -> Result<RecordContent, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let diagnosis = errors.capture(parse_diagnosis(diagnosis));
        let notes = errors.capture(parse_notes(notes));
        let test_results = match test_results {
            None | Some(Value::Null) => Some(TestResults::default()),
            Some(raw) => errors.capture_all(TestResults::parse(raw)),
        };
        let vitals = match vitals {
            None | Some(Value::Null) => Some(None),
            Some(raw) => errors.capture_all(Vitals::parse(raw)).map(Some),
        };
        let (Some(diagnosis), Some(notes), Some(test_results), Some(vitals)) =
            (diagnosis, notes, test_results, vitals)
        else {
            return Err(errors);
        };
        if diagnosis.is_none()
            && notes.is_none()
            && test_results.as_slice().is_empty()
            && vitals.is_none()
        {
            return Err(ValidationError::new(
                "body",
                "a record needs a diagnosis, notes, test results or vitals",
            )
            .into());
        }
        Ok(RecordContent {
            diagnosis,
            notes,
            test_results,
            vitals,
        })
    }
}

/// Which records to list: always one patient's, optionally of one visit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RecordFilter {
    pub patient_id: i32,
    pub appointment_id: Option<i32>,
}

/// An amendment of a record: `None` keeps a field, `Some(None)` clears a text field.
#[derive(Debug, Clone, PartialEq)]
pub struct RecordAmendment {
    pub diagnosis: Option<Option<String>>,
    pub notes: Option<Option<String>>,
    pub test_results: Option<TestResults>,
}

impl RecordAmendment {
    /// Validates an amendment's fields; whether it changes anything is the addendum's
    /// question ([`super::next_addendum`]).
    ///
    /// # Errors
    /// Every invalid field.
    pub fn parse(
        diagnosis: Option<Option<&str>>,
        notes: Option<Option<&str>>,
        test_results: Option<Value>,
    ) -> Result<RecordAmendment, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let diagnosis = diagnosis.map(|d| errors.capture(parse_diagnosis(d)));
        let notes = notes.map(|n| errors.capture(parse_notes(n)));
        let test_results = test_results.map(|raw| errors.capture_all(TestResults::parse(raw)));
        errors.into_result()?;
        // Every captured value is `Some` once no error was recorded.
        Ok(RecordAmendment {
            diagnosis: diagnosis.flatten(),
            notes: notes.flatten(),
            test_results: test_results.flatten(),
        })
    }
}

fn parse_diagnosis(raw: Option<&str>) -> Result<Option<String>, ValidationError> {
    free_text::optional("diagnosis", raw, MAX_DIAGNOSIS_CHARS)
}

fn parse_notes(raw: Option<&str>) -> Result<Option<String>, ValidationError> {
    free_text::optional("notes", raw, MAX_NOTES_CHARS)
}

/// A visit as the clinical rules and the patient's notification see it, loaded (and locked) in
/// the transaction of the write that depends on it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VisitFacts {
    pub appointment_id: i32,
    /// The visit's patient and doctor (for a record's visit: the record's).
    pub parties: ClinicalParties,
    pub status: AppointmentStatus,
    /// Whether the acting doctor treats the visit's patient.
    pub treated_by_actor: bool,
    /// The patient's account, which is notified.
    pub patient_user_id: i32,
    /// The visit's doctor, as the patient knows them ("Greg House").
    pub doctor_name: String,
    /// When the visit starts, in its office's time zone (`Tue, Mar 5, 2030, 10:00 AM CET`).
    pub starts_label: String,
}

impl VisitFacts {
    /// What the access policy needs to know about the visit's patient.
    #[must_use]
    pub fn patient_facts(&self) -> PatientFacts {
        PatientFacts {
            patient_id: self.parties.patient_id,
            treated_by_actor: self.treated_by_actor,
        }
    }
}

/// A record asked for before the visit took place, or for a visit that did not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error(
    "a record is written once the patient is checked in or the visit completed; \
     this appointment is {status}"
)]
pub struct VisitNotInProgress {
    /// The visit's status.
    pub status: AppointmentStatus,
}

/// A record is written about a visit that took place: once the patient is checked in, or after
/// the visit is completed. Before (scheduled, confirmed) or instead (cancelled, no-show) there
/// is nothing to record.
///
/// # Errors
/// [`VisitNotInProgress`] for any other status.
pub fn ensure_recordable(status: AppointmentStatus) -> Result<(), VisitNotInProgress> {
    match status {
        AppointmentStatus::CheckedIn | AppointmentStatus::Completed => Ok(()),
        status => Err(VisitNotInProgress { status }),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn only_a_checked_in_or_completed_visit_gets_a_record() {
        use AppointmentStatus as S;
        assert!(ensure_recordable(S::CheckedIn).is_ok());
        assert!(ensure_recordable(S::Completed).is_ok());
        for status in [S::Scheduled, S::Confirmed, S::Cancelled, S::NoShow] {
            assert_eq!(
                ensure_recordable(status),
                Err(VisitNotInProgress { status })
            );
        }
    }

    #[test]
    fn content_is_trimmed_and_results_default_to_none() {
        let content = RecordContent::parse(Some(" Flu "), None, None, None).unwrap();
        assert_eq!(content.diagnosis.as_deref(), Some("Flu"));
        assert!(content.test_results.as_slice().is_empty());
    }

    #[test]
    fn an_empty_record_is_refused() {
        let errors = RecordContent::parse(Some("  "), None, Some(json!([])), None).unwrap_err();
        assert!(errors.has_field("body"));
    }

    #[test]
    fn vitals_alone_make_a_record() {
        let content =
            RecordContent::parse(None, None, None, Some(&json!({"pulse_bpm": 72}))).unwrap();
        assert_eq!(content.vitals.unwrap().readings().len(), 1);
    }

    #[test]
    fn every_content_error_is_reported_with_its_path() {
        let long = "x".repeat(MAX_DIAGNOSIS_CHARS + 1);
        let errors = RecordContent::parse(
            Some(&long),
            Some("a\u{0}"),
            Some(json!([{"name": "K", "value": 4}, {"value": 1}])),
            Some(&json!({"pulse_bpm": -1})),
        )
        .unwrap_err();
        for field in [
            "diagnosis",
            "notes",
            "test_results[1].name",
            "vitals.pulse_bpm",
        ] {
            assert!(errors.has_field(field), "{field}: {errors}");
        }
    }

    #[test]
    fn an_amendment_keeps_clears_or_replaces_each_field() {
        let amendment =
            RecordAmendment::parse(Some(None), None, Some(json!([{"name": "K", "value": 4}])))
                .unwrap();
        assert_eq!(amendment.diagnosis, Some(None));
        assert_eq!(amendment.notes, None);
        assert_eq!(amendment.test_results.unwrap().as_slice().len(), 1);
    }

    #[test]
    fn an_invalid_amendment_names_its_fields() {
        let errors =
            RecordAmendment::parse(Some(Some("ok")), None, Some(json!("not a list"))).unwrap_err();
        assert!(errors.has_field("test_results"));
    }
}
