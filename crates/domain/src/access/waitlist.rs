//! Who may join the waitlist, withdraw from it, and answer its offers.
//!
//! The front desk runs the waitlist for every patient; a patient joins, withdraws and answers
//! offers for themselves. Doctors read the entries for them (a [`ListScope::Doctor`] list) but
//! do not manage them; admins read everything and change nothing (they do not schedule).

use crate::access::{Actor, Decision, Denied, ListScope};
use crate::identity::Role;

/// Whether `actor`'s role may ever change the waitlist; asked before any lookup, so a doctor
/// or an admin hears 403 whatever id they send.
///
/// # Errors
/// [`Denied::Forbidden`] for doctors and admins.
pub fn may_ever_manage_waitlist(actor: &Actor) -> Result<(), Denied> {
    match actor.role {
        Role::Staff | Role::Patient => Ok(()),
        Role::Doctor | Role::Admin => Err(Denied::Forbidden),
    }
}

/// Whether `actor` may change the waitlist entry (or answer the offer) of `patient_id`:
/// staff for anyone, a patient their own; another patient's is hidden, as if it did not exist.
#[must_use]
pub fn may_manage_waitlist_of(actor: &Actor, patient_id: i32) -> Decision {
    match actor.role {
        Role::Staff => Decision::Allow,
        Role::Patient => Decision::from_object(actor.is_patient(patient_id)),
        Role::Doctor | Role::Admin => Decision::Forbidden,
    }
}

/// The part of the waitlist (entries and offers) `actor` may read: staff and admins all of
/// it, a patient their own, a doctor the entries for them.
///
/// # Errors
/// [`Denied::Hidden`] when a patient filters by another patient.
pub fn waitlist_scope(actor: &Actor, requested_patient: Option<i32>) -> Result<ListScope, Denied> {
    ListScope::of(actor, requested_patient)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn staff_and_patients_manage_the_waitlist_doctors_and_admins_never() {
        for role in [Role::Staff, Role::Patient] {
            assert!(may_ever_manage_waitlist(&Actor::test(role, None, Some(7))).is_ok());
        }
        for role in [Role::Doctor, Role::Admin] {
            assert_eq!(
                may_ever_manage_waitlist(&Actor::test(role, Some(5), None)),
                Err(Denied::Forbidden)
            );
        }
    }

    #[test]
    fn a_patient_manages_only_their_own_entries_and_another_patients_are_hidden() {
        let patient = Actor::test(Role::Patient, None, Some(7));
        assert_eq!(may_manage_waitlist_of(&patient, 7), Decision::Allow);
        assert_eq!(may_manage_waitlist_of(&patient, 8), Decision::Hidden);
        let staff = Actor::test(Role::Staff, None, None);
        assert_eq!(may_manage_waitlist_of(&staff, 8), Decision::Allow);
        let doctor = Actor::test(Role::Doctor, Some(5), None);
        assert_eq!(may_manage_waitlist_of(&doctor, 8), Decision::Forbidden);
    }

    #[test]
    fn a_doctor_reads_the_entries_for_them_and_a_patient_their_own() {
        let doctor = Actor::test(Role::Doctor, Some(5), None);
        assert_eq!(waitlist_scope(&doctor, None), Ok(ListScope::Doctor(5)));
        let patient = Actor::test(Role::Patient, None, Some(7));
        assert_eq!(waitlist_scope(&patient, None), Ok(ListScope::OwnPatient(7)));
        assert!(waitlist_scope(&patient, Some(8)).is_err());
    }
}
