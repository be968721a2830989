//! Who may request, see, decide and withdraw a specialist approval.

use super::{ApprovalDecision, ApprovalStatus, approve, cancel, deny};
use crate::access::{Action, Actor, Decision, PatientFacts, authorize};
use crate::error::DomainError;
use crate::identity::Role;
use crate::string_enum::string_enum;

/// The patient and the two doctors of a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ApprovalParties {
    pub patient_id: i32,
    pub requesting_doctor_id: i32,
    pub specialist_id: i32,
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
    /// The transition this action makes from `from`.
    ///
    /// # Errors
    /// `InvalidTransition` unless `from` is pending: decided requests stay decided.
    pub fn apply(self, from: ApprovalStatus) -> Result<ApprovalDecision, DomainError> {
        match self {
            Self::Approve => approve(from),
            Self::Deny => deny(from),
            Self::Cancel => cancel(from),
        }
    }
}

/// Whether `actor` may ask for a specialist for the patient. The policy
/// (`RequestSpecialist`) admits doctors who treat the patient and hides the patient from other
/// doctors; of the doctors it admits, only members of the patient's care team refer — a doctor
/// who merely has an appointment with the patient is refused (403).
#[must_use]
pub fn may_request(actor: &Actor, facts: PatientFacts, in_care_team: bool) -> Decision {
    match authorize(actor, Action::RequestSpecialist(facts)) {
        Decision::Allow if in_care_team => Decision::Allow,
        Decision::Allow => Decision::Forbidden,
        other => other,
    }
}

/// Whether `actor` may see a request: whoever may read the patient's approvals (staff,
/// admins, the patient, doctors who treat the patient), plus the requesting doctor and the
/// specialist it is addressed to.
#[must_use]
pub fn may_view(actor: &Actor, parties: ApprovalParties, facts: PatientFacts) -> bool {
    authorize(actor, Action::ReadApprovals(facts)) == Decision::Allow
        || actor.is_doctor(parties.requesting_doctor_id)
        || actor.is_doctor(parties.specialist_id)
}

/// Whether `actor`, who sees the request when `visible`, may perform `action` on it: the
/// specialist it is addressed to, or an admin, approves or denies; only the requester
/// withdraws. Anyone else who sees it is refused (403); anyone who does not, is told it does
/// not exist (404).
#[must_use]
pub fn may_act(
    actor: &Actor,
    action: ApprovalAction,
    parties: ApprovalParties,
    visible: bool,
) -> Decision {
    let entitled = match action {
        ApprovalAction::Approve | ApprovalAction::Deny => {
            actor.role == Role::Admin || actor.is_doctor(parties.specialist_id)
        }
        ApprovalAction::Cancel => actor.is_doctor(parties.requesting_doctor_id),
    };
    match (entitled, visible) {
        (true, _) => Decision::Allow,
        (false, true) => Decision::Forbidden,
        (false, false) => Decision::Hidden,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PARTIES: ApprovalParties = ApprovalParties {
        patient_id: 7,
        requesting_doctor_id: 5,
        specialist_id: 6,
    };

    fn facts(treated_by_actor: bool) -> PatientFacts {
        PatientFacts {
            patient_id: 7,
            treated_by_actor,
        }
    }

    #[test]
    fn only_care_team_doctors_request() {
        let doctor = Actor::test(Role::Doctor, Some(5), None);
        assert_eq!(may_request(&doctor, facts(true), true), Decision::Allow);
        assert_eq!(
            may_request(&doctor, facts(true), false),
            Decision::Forbidden
        );
        assert_eq!(may_request(&doctor, facts(false), false), Decision::Hidden);
        for role in [Role::Admin, Role::Staff] {
            assert_eq!(
                may_request(&Actor::test(role, None, None), facts(false), false),
                Decision::Forbidden
            );
        }
        let patient = Actor::test(Role::Patient, None, Some(7));
        assert_eq!(
            may_request(&patient, facts(false), false),
            Decision::Forbidden
        );
    }

    #[test]
    fn the_specialist_and_the_requester_see_a_request_without_treating_the_patient() {
        for doctor_id in [5, 6] {
            let doctor = Actor::test(Role::Doctor, Some(doctor_id), None);
            assert!(may_view(&doctor, PARTIES, facts(false)));
        }
        assert!(!may_view(
            &Actor::test(Role::Doctor, Some(9), None),
            PARTIES,
            facts(false)
        ));
        assert!(may_view(
            &Actor::test(Role::Doctor, Some(9), None),
            PARTIES,
            facts(true)
        ));
        assert!(may_view(
            &Actor::test(Role::Staff, None, None),
            PARTIES,
            facts(false)
        ));
        assert!(may_view(
            &Actor::test(Role::Patient, None, Some(7)),
            PARTIES,
            facts(false)
        ));
        assert!(!may_view(
            &Actor::test(Role::Patient, None, Some(8)),
            PARTIES,
            facts(false)
        ));
    }

    #[test]
    fn the_specialist_or_an_admin_decides() {
        let specialist = Actor::test(Role::Doctor, Some(6), None);
        let requester = Actor::test(Role::Doctor, Some(5), None);
        let admin = Actor::test(Role::Admin, None, None);
        for action in [ApprovalAction::Approve, ApprovalAction::Deny] {
            assert_eq!(may_act(&specialist, action, PARTIES, true), Decision::Allow);
            assert_eq!(may_act(&admin, action, PARTIES, true), Decision::Allow);
            assert_eq!(
                may_act(&requester, action, PARTIES, true),
                Decision::Forbidden
            );
        }
    }

    #[test]
    fn only_the_requester_withdraws() {
        let requester = Actor::test(Role::Doctor, Some(5), None);
        let specialist = Actor::test(Role::Doctor, Some(6), None);
        let cancel = ApprovalAction::Cancel;
        assert_eq!(may_act(&requester, cancel, PARTIES, true), Decision::Allow);
        assert_eq!(
            may_act(&specialist, cancel, PARTIES, true),
            Decision::Forbidden
        );
        let admin = Actor::test(Role::Admin, None, None);
        assert_eq!(may_act(&admin, cancel, PARTIES, true), Decision::Forbidden);
    }

    #[test]
    fn those_who_cannot_see_a_request_are_told_it_does_not_exist() {
        let stranger = Actor::test(Role::Patient, None, Some(8));
        for action in ApprovalAction::ALL {
            assert_eq!(
                may_act(&stranger, *action, PARTIES, false),
                Decision::Hidden
            );
        }
        let own = Actor::test(Role::Patient, None, Some(7));
        assert_eq!(
            may_act(&own, ApprovalAction::Approve, PARTIES, true),
            Decision::Forbidden
        );
    }

    #[test]
    fn each_action_makes_its_transition_from_pending_only() {
        assert_eq!(
            ApprovalAction::Approve
                .apply(ApprovalStatus::Pending)
                .map(|d| d.status),
            Ok(ApprovalStatus::Approved)
        );
        assert_eq!(
            ApprovalAction::Cancel
                .apply(ApprovalStatus::Pending)
                .map(|d| d.status),
            Ok(ApprovalStatus::Cancelled)
        );
        assert_eq!(
            ApprovalAction::Deny
                .apply(ApprovalStatus::Approved)
                .unwrap_err()
                .code(),
            "invalid_transition"
        );
    }
}
