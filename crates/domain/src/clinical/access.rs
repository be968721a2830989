//! Who may write clinical content about a visit.

use crate::access::{Action, Actor, Decision, PatientFacts, authorize};

/// The patient and doctor of a visit, and so of the record written about it and of the
/// record's prescriptions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClinicalParties {
    pub patient_id: i32,
    pub doctor_id: i32,
}

/// Whether `actor` may write a record of a visit between `parties`, amend it, or prescribe on
/// it. The policy (`WriteClinical`) admits doctors who treat the patient and hides the patient
/// from other doctors; of the doctors it admits, only the visit's own doctor writes — another
/// doctor of the care team reads the chart but is refused (403). Everyone else is refused by
/// role.
#[must_use]
pub fn may_write(actor: &Actor, parties: ClinicalParties, facts: PatientFacts) -> Decision {
    match authorize(actor, Action::WriteClinical(facts)) {
        Decision::Allow if actor.is_doctor(parties.doctor_id) => Decision::Allow,
        Decision::Allow => Decision::Forbidden,
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::identity::Role;

    const PARTIES: ClinicalParties = ClinicalParties {
        patient_id: 7,
        doctor_id: 5,
    };

    fn facts(treated_by_actor: bool) -> PatientFacts {
        PatientFacts {
            patient_id: 7,
            treated_by_actor,
        }
    }

    #[test]
    fn only_the_visits_doctor_writes() {
        let own = Actor::test(Role::Doctor, Some(5), None);
        assert_eq!(may_write(&own, PARTIES, facts(true)), Decision::Allow);
        let colleague = Actor::test(Role::Doctor, Some(6), None);
        assert_eq!(
            may_write(&colleague, PARTIES, facts(true)),
            Decision::Forbidden
        );
        assert_eq!(
            may_write(&colleague, PARTIES, facts(false)),
            Decision::Hidden
        );
    }

    #[test]
    fn patients_staff_and_admins_never_write() {
        for who in [
            Actor::test(Role::Patient, None, Some(7)),
            Actor::test(Role::Staff, None, None),
            Actor::test(Role::Admin, None, None),
        ] {
            assert_eq!(may_write(&who, PARTIES, facts(false)), Decision::Forbidden);
        }
    }
}
