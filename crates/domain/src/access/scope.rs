//! Whose rows a list shows its reader: decided here, once, and applied by the adapters.

use super::{Actor, Denied};
use crate::identity::Role;

/// The part of a list an actor may read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListScope {
    /// Every row (staff and admins); the client's patient filter may narrow it.
    All,
    /// Only the rows of this patient: a patient reading their own.
    OwnPatient(i32),
    /// Only what concerns this doctor; each list documents what that is (their own rows and
    /// those of the patients they [`treat`](super::treats)).
    Doctor(i32),
    /// No row at all: an account whose role lacks its profile.
    Nobody,
}

/// What a list applies once the scope and the client's patient filter are combined.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ListNarrowing {
    /// Rows of this patient only.
    pub patient_id: Option<i32>,
    /// Rows that concern this doctor only.
    pub doctor_id: Option<i32>,
}

impl ListScope {
    /// The scope of `actor`'s lists, given the patient the client filters by.
    ///
    /// # Errors
    /// [`Denied::Hidden`] when a patient filters by another patient: nobody learns whether
    /// that patient exists.
    pub fn of(actor: &Actor, requested_patient: Option<i32>) -> Result<Self, Denied> {
        match (actor.role, actor.patient_id, actor.doctor_id) {
            (Role::Admin | Role::Staff, _, _) => Ok(Self::All),
            (Role::Doctor, _, Some(doctor_id)) => Ok(Self::Doctor(doctor_id)),
            (Role::Patient, Some(own), _) => match requested_patient {
                Some(other) if other != own => Err(Denied::Hidden { entity: "patient" }),
                _ => Ok(Self::OwnPatient(own)),
            },
            (Role::Patient, None, _) if requested_patient.is_some() => {
                Err(Denied::Hidden { entity: "patient" })
            }
            (Role::Doctor | Role::Patient, _, _) => Ok(Self::Nobody),
        }
    }

    /// The filters a list applies, with the client's `requested_patient`; `None` when the
    /// list is empty without asking the database.
    #[must_use]
    pub fn narrow(self, requested_patient: Option<i32>) -> Option<ListNarrowing> {
        match self {
            Self::All => Some(ListNarrowing {
                patient_id: requested_patient,
                doctor_id: None,
            }),
            Self::OwnPatient(own) => Some(ListNarrowing {
                patient_id: Some(own),
                doctor_id: None,
            }),
            Self::Doctor(doctor_id) => Some(ListNarrowing {
                patient_id: requested_patient,
                doctor_id: Some(doctor_id),
            }),
            Self::Nobody => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn staff_and_admins_see_every_row_narrowed_only_by_their_filter() {
        for role in [Role::Staff, Role::Admin] {
            let scope = ListScope::of(&Actor::test(role, None, None), Some(3)).unwrap();
            assert_eq!(scope, ListScope::All);
            assert_eq!(
                scope.narrow(Some(3)),
                Some(ListNarrowing {
                    patient_id: Some(3),
                    doctor_id: None
                })
            );
        }
    }

    #[test]
    fn a_patient_sees_only_their_own_rows_and_another_patient_is_hidden() {
        let patient = Actor::test(Role::Patient, None, Some(7));
        let scope = ListScope::of(&patient, None).unwrap();
        assert_eq!(scope, ListScope::OwnPatient(7));
        assert_eq!(scope.narrow(None).unwrap().patient_id, Some(7));
        assert_eq!(
            ListScope::of(&patient, Some(7)),
            Ok(ListScope::OwnPatient(7))
        );
        assert_eq!(
            ListScope::of(&patient, Some(8)),
            Err(Denied::Hidden { entity: "patient" })
        );
    }

    #[test]
    fn a_doctor_sees_what_concerns_them_within_their_filter() {
        let doctor = Actor::test(Role::Doctor, Some(5), None);
        let scope = ListScope::of(&doctor, Some(7)).unwrap();
        assert_eq!(scope, ListScope::Doctor(5));
        assert_eq!(
            scope.narrow(Some(7)),
            Some(ListNarrowing {
                patient_id: Some(7),
                doctor_id: Some(5)
            })
        );
    }

    #[test]
    fn an_account_without_its_profile_sees_nothing() {
        let doctor = Actor::test(Role::Doctor, None, None);
        assert_eq!(ListScope::of(&doctor, None), Ok(ListScope::Nobody));
        assert_eq!(ListScope::Nobody.narrow(Some(1)), None);
        let patient = Actor::test(Role::Patient, None, None);
        assert_eq!(ListScope::of(&patient, None), Ok(ListScope::Nobody));
    }
}
