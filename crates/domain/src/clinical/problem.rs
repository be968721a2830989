//! A patient's problem list: conditions, active or resolved, with their onset.

use chrono::{DateTime, NaiveDate, Utc};

use crate::error::{ValidationError, ValidationErrors};
use crate::string_enum::string_enum;
use crate::values::free_text;

/// Longest condition, in characters (`problems_condition_check`).
pub const MAX_CONDITION_CHARS: usize = 300;

string_enum! {
    /// Whether a problem is still being managed.
    pub enum ProblemStatus (kind = "problem status") {
        Active = "active",
        Resolved = "resolved",
    }
}

/// A stored problem.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    pub problem_id: i32,
    pub patient_id: i32,
    pub condition: String,
    pub status: ProblemStatus,
    pub onset_date: Option<NaiveDate>,
    pub noted_by: i32,
    pub noted_by_name: String,
    pub noted_at: DateTime<Utc>,
}

/// A validated new problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewProblem {
    pub patient_id: i32,
    pub condition: String,
    pub status: ProblemStatus,
    pub onset_date: Option<NaiveDate>,
}

impl NewProblem {
    /// Validates a problem of `patient_id`; the onset may not lie after `today`.
    ///
    /// # Errors
    /// Every invalid field: `condition`, `status`, `onset_date`.
    pub fn parse(
        patient_id: i32,
        condition: &str,
        status: Option<&str>,
        onset_date: Option<NaiveDate>,
        today: NaiveDate,
    ) -> Result<NewProblem, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let condition = errors.capture(free_text::required_line(
            "condition",
            condition,
            MAX_CONDITION_CHARS,
        ));
        let status = errors.capture(status.map_or(Ok(ProblemStatus::Active), parse_status));
        let onset_date = errors.capture(parse_onset(onset_date, today));
        match (condition, status, onset_date) {
            (Some(condition), Some(status), Some(onset_date)) => Ok(NewProblem {
                patient_id,
                condition,
                status,
                onset_date,
            }),
            _ => Err(errors),
        }
    }
}

/// A change of a problem: its status (resolve or reactivate) and/or onset.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ProblemChange {
    pub status: Option<ProblemStatus>,
    pub onset_date: Option<Option<NaiveDate>>,
}

impl ProblemChange {
    /// Validates a change; at least one field.
    ///
    /// # Errors
    /// An invalid field, or a `body` error when nothing would change.
    pub fn parse(
        status: Option<&str>,
        onset_date: Option<Option<NaiveDate>>,
        today: NaiveDate,
    ) -> Result<ProblemChange, ValidationErrors> {
        if status.is_none() && onset_date.is_none() {
            return Err(
                ValidationError::new("body", "name at least one of status and onset_date").into(),
            );
        }
        let mut errors = ValidationErrors::new();
        let status = status.map(|s| errors.capture(parse_status(s)));
        let onset_date = onset_date.map(|d| errors.capture(parse_onset(d, today)));
        errors.into_result()?;
        Ok(ProblemChange {
            status: status.flatten(),
            onset_date: onset_date.flatten(),
        })
    }
}

fn parse_status(raw: &str) -> Result<ProblemStatus, ValidationError> {
    raw.trim()
        .parse()
        .map_err(|_| ValidationError::new("status", "must be active or resolved"))
}

fn parse_onset(
    onset: Option<NaiveDate>,
    today: NaiveDate,
) -> Result<Option<NaiveDate>, ValidationError> {
    match onset {
        Some(date) if date > today => Err(ValidationError::new(
            "onset_date",
            "must not be in the future",
        )),
        other => Ok(other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2030, 3, 5).unwrap()
    }

    #[test]
    fn a_problem_is_active_unless_said_otherwise() {
        let p = NewProblem::parse(7, "Asthma", None, None, today()).unwrap();
        assert_eq!(p.status, ProblemStatus::Active);
    }

    #[test]
    fn every_invalid_problem_field_is_reported() {
        let tomorrow = today().succ_opt();
        let errors = NewProblem::parse(7, "", Some("gone"), tomorrow, today()).unwrap_err();
        for field in ["condition", "status", "onset_date"] {
            assert!(errors.has_field(field), "{field}");
        }
    }

    #[test]
    fn a_problem_change_resolves_or_must_change_something() {
        assert!(
            ProblemChange::parse(None, None, today())
                .unwrap_err()
                .has_field("body")
        );
        let change = ProblemChange::parse(Some("resolved"), None, today()).unwrap();
        assert_eq!(change.status, Some(ProblemStatus::Resolved));
    }
}
