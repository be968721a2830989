//! Specialist approvals as the use cases see them.

use chrono::{DateTime, Utc};

use super::{ApprovalRequest, ApprovalStatus};
use crate::access::{ApprovalParties, PatientFacts};
use crate::error::{ValidationError, ValidationErrors};
use crate::values::free_text;

/// Longest reason for a request, in characters (`specialist_approvals_reason_check`).
pub const MAX_REASON_CHARS: usize = 2000;
/// Longest decision note, in characters (`specialist_approvals_decision_note_check`).
pub const MAX_NOTE_CHARS: usize = 2000;

/// A stored request, with the names a referral list shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpecialistApproval {
    pub approval_id: i32,
    pub patient_id: i32,
    pub requesting_doctor_id: i32,
    pub specialist_id: i32,
    pub reason: String,
    pub status: ApprovalStatus,
    pub requested_at: DateTime<Utc>,
    /// Set when approved.
    pub approved_at: Option<DateTime<Utc>>,
    /// Set by every decision: approval, denial or cancellation.
    pub decided_at: Option<DateTime<Utc>>,
    /// The user who decided (the specialist, an admin, or the requester who cancelled).
    pub decided_by: Option<i32>,
    pub decision_note: Option<String>,
    pub patient_name: String,
    pub requesting_doctor_name: String,
    pub specialist_name: String,
}

impl SpecialistApproval {
    /// The patient and the two doctors, as the access rules see them.
    #[must_use]
    pub fn parties(&self) -> ApprovalParties {
        ApprovalParties {
            patient_id: self.patient_id,
            requesting_doctor_id: self.requesting_doctor_id,
            specialist_id: self.specialist_id,
        }
    }
}

/// A request that passed validation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewApproval {
    pub request: ApprovalRequest,
    pub reason: String,
}

impl NewApproval {
    /// Validates a request of `requesting_doctor_id` for `patient_id` to see `specialist_id`.
    ///
    /// # Errors
    /// `specialist_id` when it is the requester, `reason` when blank, too long or with control
    /// characters other than line breaks; both reported together.
    pub fn parse(
        patient_id: i32,
        requesting_doctor_id: i32,
        specialist_id: i32,
        reason: &str,
    ) -> Result<NewApproval, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let request = errors.capture(ApprovalRequest::new(
            patient_id,
            requesting_doctor_id,
            specialist_id,
        ));
        let reason = errors.capture(free_text::required("reason", reason, MAX_REASON_CHARS));
        match (request, reason) {
            (Some(request), Some(reason)) => Ok(NewApproval { request, reason }),
            _ => Err(errors),
        }
    }
}

/// Validates an optional decision note.
///
/// # Errors
/// A [`ValidationError`] on `note`.
pub fn parse_note(raw: Option<&str>) -> Result<Option<String>, ValidationError> {
    free_text::optional("note", raw, MAX_NOTE_CHARS)
}

/// What the request rules need to know about a new request, read under the patient's lock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RequestFacts {
    /// How the requester relates to the patient; a patient that does not exist is one nobody
    /// treats, so the policy hides it like any patient that is not the requester's.
    pub patient: PatientFacts,
    /// The requesting doctor is on the patient's care team (`patient_doctors`).
    pub requester_in_care_team: bool,
    /// The specialist's user account, to notify them; `None` when no doctor has this id.
    pub specialist_user_id: Option<i32>,
    /// A request for this patient and this specialist is pending already.
    pub already_pending: bool,
}

/// Filters of the approval list; all optional, combined with AND.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ApprovalFilter {
    pub status: Option<ApprovalStatus>,
    pub patient_id: Option<i32>,
    /// Restricts a doctor's view to the requests they made, those addressed to them and those
    /// of patients they treat. Set from the actor's [`ListScope`](crate::access::ListScope),
    /// never by the client.
    pub visible_to_doctor: Option<i32>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_request_needs_another_doctor_and_a_reason() {
        let errors = NewApproval::parse(1, 5, 5, " ").unwrap_err();
        assert!(errors.has_field("specialist_id"));
        assert!(errors.has_field("reason"));
        let new = NewApproval::parse(1, 5, 6, " chest pain\n on exertion ").unwrap();
        assert_eq!(new.reason, "chest pain\n on exertion");
        assert_eq!(new.request.specialist_id(), 6);
    }

    #[test]
    fn a_note_is_optional_but_bounded() {
        assert_eq!(parse_note(None), Ok(None));
        assert_eq!(parse_note(Some("  ")), Ok(None));
        assert_eq!(
            parse_note(Some(&"x".repeat(MAX_NOTE_CHARS + 1)))
                .unwrap_err()
                .field,
            "note"
        );
    }
}
