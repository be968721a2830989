//! Specialist approvals (referrals): a doctor asks that a patient may see a specialist, and the
//! specialist approves or denies. Only a pending request can be decided or withdrawn.

use crate::error::ValidationError;
use crate::string_enum::string_enum;

string_enum! {
    /// Where a specialist approval stands, stored as the `approval_status` database enum.
    pub enum ApprovalStatus (kind = "approval status") {
        /// Awaiting the specialist's decision.
        Pending = "pending",
        /// The patient may book the specialist.
        Approved = "approved",
        /// The specialist declined.
        Denied = "denied",
        /// Withdrawn by the requester before a decision.
        Cancelled = "cancelled",
    }
}

string_enum! {
    /// A decision on a pending request (`POST /specialist-approvals/{id}/…`).
    pub enum ApprovalAction (kind = "approval action") {
        /// pending → approved; the specialist joins the care team.
        Approve = "approve",
        /// pending → denied.
        Deny = "deny",
        /// pending → cancelled, by the requester.
        Cancel = "cancel",
    }
}

impl ApprovalAction {
    /// The status this action leads to.
    #[must_use]
    pub fn target(self) -> ApprovalStatus {
        match self {
            Self::Approve => ApprovalStatus::Approved,
            Self::Deny => ApprovalStatus::Denied,
            Self::Cancel => ApprovalStatus::Cancelled,
        }
    }

    /// The transition this action makes from `from`.
    ///
    /// # Errors
    /// [`AlreadyDecided`] unless `from` is pending: decided requests stay decided.
    pub fn apply(self, from: ApprovalStatus) -> Result<ApprovalDecision, AlreadyDecided> {
        decide(from, self.target())
    }
}

/// The outcome of deciding or withdrawing a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ApprovalDecision {
    /// The new status.
    pub status: ApprovalStatus,
    /// `approved_at` must be set to the time of the decision (only when approved).
    pub sets_approved_at: bool,
}

impl ApprovalDecision {
    /// Whether the specialist joins the patient's care team with this decision: an approval
    /// adds them, as an ordinary member, unless they are on the team already.
    #[must_use]
    pub fn adds_specialist_to_care_team(self, specialist_on_care_team: bool) -> bool {
        self.status == ApprovalStatus::Approved && !specialist_on_care_team
    }
}

/// A decided request cannot be decided or withdrawn again.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("a specialist approval that is {from} cannot be {to}")]
pub struct AlreadyDecided {
    /// Where the request stands.
    pub from: ApprovalStatus,
    /// Where it was asked to go.
    pub to: ApprovalStatus,
}

fn decide(from: ApprovalStatus, to: ApprovalStatus) -> Result<ApprovalDecision, AlreadyDecided> {
    if from != ApprovalStatus::Pending {
        return Err(AlreadyDecided { from, to });
    }
    Ok(ApprovalDecision {
        status: to,
        sets_approved_at: to == ApprovalStatus::Approved,
    })
}

/// The specialist approves a pending request.
///
/// # Errors
/// [`AlreadyDecided`] unless `from` is pending.
pub fn approve(from: ApprovalStatus) -> Result<ApprovalDecision, AlreadyDecided> {
    decide(from, ApprovalStatus::Approved)
}

/// The specialist denies a pending request.
///
/// # Errors
/// [`AlreadyDecided`] unless `from` is pending.
pub fn deny(from: ApprovalStatus) -> Result<ApprovalDecision, AlreadyDecided> {
    decide(from, ApprovalStatus::Denied)
}

/// The requester withdraws a pending request.
///
/// # Errors
/// [`AlreadyDecided`] unless `from` is pending.
pub fn cancel(from: ApprovalStatus) -> Result<ApprovalDecision, AlreadyDecided> {
    decide(from, ApprovalStatus::Cancelled)
}

/// A new request: which doctor asks for which patient to see which specialist.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ApprovalRequest {
    patient_id: i32,
    requesting_doctor_id: i32,
    specialist_id: i32,
}

impl ApprovalRequest {
    /// A request; a doctor cannot refer a patient to themself.
    ///
    /// # Errors
    /// A [`ValidationError`] on `specialist_id` when it is the requesting doctor.
    pub fn new(
        patient_id: i32,
        requesting_doctor_id: i32,
        specialist_id: i32,
    ) -> Result<ApprovalRequest, ValidationError> {
        if specialist_id == requesting_doctor_id {
            return Err(ValidationError::new(
                "specialist_id",
                "must be a doctor other than the one requesting",
            ));
        }
        Ok(ApprovalRequest {
            patient_id,
            requesting_doctor_id,
            specialist_id,
        })
    }

    /// The patient to be seen.
    pub fn patient_id(&self) -> i32 {
        self.patient_id
    }

    /// The doctor asking.
    pub fn requesting_doctor_id(&self) -> i32 {
        self.requesting_doctor_id
    }

    /// The specialist asked to see the patient.
    pub fn specialist_id(&self) -> i32 {
        self.specialist_id
    }
}

/// True if a patient may book this doctor: the doctor's specialty needs no referral, or the
/// doctor is already on the patient's care team, or an approval for this patient and specialist
/// has been granted.
pub fn may_book_specialist(
    requires_referral: bool,
    in_care_team: bool,
    has_approved_approval: bool,
) -> bool {
    !requires_referral || in_care_team || has_approved_approval
}

#[cfg(test)]
mod tests {
    use super::*;
    use ApprovalStatus as S;

    #[test]
    fn approval_statuses_use_the_database_spellings() {
        let spellings: Vec<_> = S::ALL.iter().map(|s| s.as_str()).collect();
        assert_eq!(spellings, ["pending", "approved", "denied", "cancelled"]);
    }

    #[test]
    fn approving_a_pending_request_sets_approved_at() {
        assert_eq!(
            approve(S::Pending),
            Ok(ApprovalDecision {
                status: S::Approved,
                sets_approved_at: true
            })
        );
    }

    #[test]
    fn denying_or_cancelling_leaves_approved_at_empty() {
        assert_eq!(
            deny(S::Pending).map(|d| (d.status, d.sets_approved_at)),
            Ok((S::Denied, false))
        );
        assert_eq!(
            cancel(S::Pending).map(|d| (d.status, d.sets_approved_at)),
            Ok((S::Cancelled, false))
        );
    }

    #[test]
    fn a_decided_request_cannot_be_decided_again() {
        for from in [S::Approved, S::Denied, S::Cancelled] {
            for action in ApprovalAction::ALL {
                assert_eq!(
                    action.apply(from),
                    Err(AlreadyDecided {
                        from,
                        to: action.target()
                    }),
                    "{from}"
                );
            }
        }
    }

    #[test]
    fn a_refused_transition_names_both_statuses() {
        let refused = cancel(S::Approved).unwrap_err();
        assert_eq!(
            refused.to_string(),
            "a specialist approval that is approved cannot be cancelled"
        );
    }

    #[test]
    fn each_action_makes_its_transition_from_pending_only() {
        assert_eq!(
            ApprovalAction::Approve.apply(S::Pending).map(|d| d.status),
            Ok(S::Approved)
        );
        assert_eq!(
            ApprovalAction::Deny.apply(S::Pending).map(|d| d.status),
            Ok(S::Denied)
        );
        assert_eq!(
            ApprovalAction::Cancel.apply(S::Pending).map(|d| d.status),
            Ok(S::Cancelled)
        );
    }

    #[test]
    fn only_an_approval_adds_the_specialist_and_only_if_not_on_the_team() {
        let approved = approve(S::Pending).unwrap();
        assert!(approved.adds_specialist_to_care_team(false));
        assert!(!approved.adds_specialist_to_care_team(true));
        for decision in [deny(S::Pending).unwrap(), cancel(S::Pending).unwrap()] {
            assert!(!decision.adds_specialist_to_care_team(false));
        }
    }

    #[test]
    fn a_doctor_cannot_refer_a_patient_to_themself() {
        assert_eq!(
            ApprovalRequest::new(1, 5, 5).unwrap_err().field,
            "specialist_id"
        );
        assert_eq!(ApprovalRequest::new(1, 5, 6).unwrap().specialist_id(), 6);
    }

    #[test]
    fn a_referral_is_needed_only_for_a_specialist_outside_the_care_team() {
        assert!(may_book_specialist(false, false, false));
        assert!(may_book_specialist(true, true, false));
        assert!(may_book_specialist(true, false, true));
        assert!(!may_book_specialist(true, false, false));
    }
}
