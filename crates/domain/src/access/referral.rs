//! Who may request, see, decide and withdraw a specialist approval: the refinements of the
//! policy that depend on who made a request and to whom it is addressed.

use super::{Action, Actor, Decision, Denied, PatientFacts, authorize};
use crate::identity::Role;
use crate::referral::ApprovalAction;

/// The patient and the two doctors of a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ApprovalParties {
    pub patient_id: i32,
    pub requesting_doctor_id: i32,
    pub specialist_id: i32,
}

/// The doctor who would ask for a specialist for `patient_id`: only a doctor refers, so every
/// other role, and a doctor account without its doctor profile, is refused (403) before
/// anything about the patient is looked up.
///
/// # Errors
/// [`Denied::Forbidden`].
pub fn requesting_doctor(actor: &Actor, patient_id: i32) -> Result<i32, Denied> {
    // The role gate of the policy, asked as if the actor treated the patient: what is left to
    // decide once the patient's facts are known is [`may_request`]'s.
    let as_if_treating = PatientFacts {
        patient_id,
        treated_by_actor: true,
    };
    if authorize(actor, Action::RequestSpecialist(as_if_treating)) == Decision::Forbidden {
        return Err(Denied::Forbidden);
    }
    actor.doctor_id.ok_or(Denied::Forbidden)
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
/// specialist it is addressed to. Anyone else is told it does not exist.
#[must_use]
pub fn may_view(actor: &Actor, parties: ApprovalParties, facts: PatientFacts) -> Decision {
    let visible = authorize(actor, Action::ReadApprovals(facts)) == Decision::Allow
        || actor.is_doctor(parties.requesting_doctor_id)
        || actor.is_doctor(parties.specialist_id);
    if visible {
        Decision::Allow
    } else {
        Decision::Hidden
    }
}

/// Whether `actor` may perform `action` on a request: the specialist it is addressed to, or an
/// admin, approves or denies; only the requester withdraws. Anyone else who may see the
/// request is refused (403); anyone who may not is told it does not exist (404).
#[must_use]
pub fn may_act(
    actor: &Actor,
    action: ApprovalAction,
    parties: ApprovalParties,
    facts: PatientFacts,
) -> Decision {
    let entitled = match action {
        ApprovalAction::Approve | ApprovalAction::Deny => {
            actor.role == Role::Admin || actor.is_doctor(parties.specialist_id)
        }
        ApprovalAction::Cancel => actor.is_doctor(parties.requesting_doctor_id),
    };
    match (entitled, may_view(actor, parties, facts)) {
        (true, _) => Decision::Allow,
        (false, Decision::Allow) => Decision::Forbidden,
        (false, _) => Decision::Hidden,
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
    fn only_a_doctor_with_a_doctor_profile_may_make_a_request() {
        let doctor = Actor::test(Role::Doctor, Some(5), None);
        assert_eq!(requesting_doctor(&doctor, 7), Ok(5));
        let without_profile = Actor::test(Role::Doctor, None, None);
        assert_eq!(
            requesting_doctor(&without_profile, 7),
            Err(Denied::Forbidden)
        );
        for role in [Role::Admin, Role::Staff, Role::Patient] {
            let actor = Actor::test(role, None, Some(7));
            assert_eq!(
                requesting_doctor(&actor, 7),
                Err(Denied::Forbidden),
                "{role:?}"
            );
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
        let sees = |actor: Actor, treated: bool| may_view(&actor, PARTIES, facts(treated));
        for doctor_id in [5, 6] {
            let doctor = Actor::test(Role::Doctor, Some(doctor_id), None);
            assert_eq!(sees(doctor, false), Decision::Allow);
        }
        let other_doctor = || Actor::test(Role::Doctor, Some(9), None);
        assert_eq!(sees(other_doctor(), false), Decision::Hidden);
        assert_eq!(sees(other_doctor(), true), Decision::Allow);
        assert_eq!(
            sees(Actor::test(Role::Staff, None, None), false),
            Decision::Allow
        );
        assert_eq!(
            sees(Actor::test(Role::Patient, None, Some(7)), false),
            Decision::Allow
        );
        assert_eq!(
            sees(Actor::test(Role::Patient, None, Some(8)), false),
            Decision::Hidden
        );
    }

    #[test]
    fn the_specialist_or_an_admin_decides() {
        let specialist = Actor::test(Role::Doctor, Some(6), None);
        let requester = Actor::test(Role::Doctor, Some(5), None);
        let admin = Actor::test(Role::Admin, None, None);
        for action in [ApprovalAction::Approve, ApprovalAction::Deny] {
            assert_eq!(
                may_act(&specialist, action, PARTIES, facts(false)),
                Decision::Allow
            );
            assert_eq!(
                may_act(&admin, action, PARTIES, facts(false)),
                Decision::Allow
            );
            assert_eq!(
                may_act(&requester, action, PARTIES, facts(true)),
                Decision::Forbidden
            );
        }
    }

    #[test]
    fn only_the_requester_withdraws() {
        let requester = Actor::test(Role::Doctor, Some(5), None);
        let specialist = Actor::test(Role::Doctor, Some(6), None);
        let cancel = ApprovalAction::Cancel;
        assert_eq!(
            may_act(&requester, cancel, PARTIES, facts(true)),
            Decision::Allow
        );
        assert_eq!(
            may_act(&specialist, cancel, PARTIES, facts(false)),
            Decision::Forbidden
        );
        let admin = Actor::test(Role::Admin, None, None);
        assert_eq!(
            may_act(&admin, cancel, PARTIES, facts(false)),
            Decision::Forbidden
        );
    }

    #[test]
    fn those_who_cannot_see_a_request_are_told_it_does_not_exist() {
        let stranger = Actor::test(Role::Patient, None, Some(8));
        let other_doctor = Actor::test(Role::Doctor, Some(9), None);
        for action in ApprovalAction::ALL {
            for actor in [&stranger, &other_doctor] {
                assert_eq!(
                    may_act(actor, *action, PARTIES, facts(false)),
                    Decision::Hidden
                );
            }
        }
        let own = Actor::test(Role::Patient, None, Some(7));
        assert_eq!(
            may_act(&own, ApprovalAction::Approve, PARTIES, facts(false)),
            Decision::Forbidden
        );
    }
}
