//! The clinical refinements of the policy: who may read and write clinical content about a
//! visit, and whose clinical lists an actor reads.

use super::{Action, Actor, Decision, Denied, ListScope, PatientFacts, authorize};

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

/// Refuses, before anything is looked up, a role the policy never lets perform `action`
/// whatever the patient: the policy is asked about the most favourable patient (the actor's
/// own, treated by the actor), and a `Forbidden` answer then holds for every patient. So staff
/// learn nothing, not even whether a record exists.
///
/// # Errors
/// [`Denied::Forbidden`].
pub fn may_ever(actor: &Actor, action: fn(PatientFacts) -> Action) -> Result<(), Denied> {
    let most_favourable = PatientFacts {
        patient_id: actor.patient_id.unwrap_or_default(),
        treated_by_actor: true,
    };
    match authorize(actor, action(most_favourable)) {
        Decision::Forbidden => Err(Denied::Forbidden),
        Decision::Allow | Decision::Hidden => Ok(()),
    }
}

/// The scope of a list of clinical content (records, prescriptions) for `actor`, given the
/// patient the client names. Staff and admins never read clinical content; a patient reads
/// their own; a doctor reads the chart of a patient they treat, which the caller checks once it
/// knows the patient ([`ListScope::Doctor`]).
///
/// # Errors
/// [`Denied::Forbidden`] for staff and admins, [`Denied::Hidden`] for a patient naming another.
pub fn clinical_list_scope(
    actor: &Actor,
    requested_patient: Option<i32>,
) -> Result<ListScope, Denied> {
    may_ever(actor, Action::ReadClinical)?;
    ListScope::of(actor, requested_patient)
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
            assert_eq!(
                may_ever(&who, Action::WriteClinical),
                Err(Denied::Forbidden)
            );
        }
    }

    #[test]
    fn staff_and_admins_are_refused_every_clinical_list_before_any_lookup() {
        for role in [Role::Staff, Role::Admin] {
            let who = Actor::test(role, None, None);
            assert_eq!(clinical_list_scope(&who, Some(7)), Err(Denied::Forbidden));
        }
    }

    #[test]
    fn patients_list_their_own_chart_and_doctors_a_chart_they_name() {
        let patient = Actor::test(Role::Patient, None, Some(7));
        assert_eq!(
            clinical_list_scope(&patient, None),
            Ok(ListScope::OwnPatient(7))
        );
        assert_eq!(
            clinical_list_scope(&patient, Some(8)),
            Err(Denied::Hidden { entity: "patient" })
        );
        let doctor = Actor::test(Role::Doctor, Some(5), None);
        assert_eq!(
            clinical_list_scope(&doctor, Some(7)),
            Ok(ListScope::Doctor(5))
        );
    }
}
