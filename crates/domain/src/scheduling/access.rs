//! Who may move an appointment through its status machine.

use super::AppointmentAction;
use crate::access::{Actor, Decision};
use crate::identity::Role;

/// The two parties of an appointment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AppointmentParties {
    pub patient_id: i32,
    pub doctor_id: i32,
}

/// Whether `actor` may perform `action` on an appointment between `parties`.
///
/// Staff run the front desk: they confirm, check in, cancel and mark no-shows. The
/// appointment's doctor does all of that and is the only one who completes a visit. The
/// patient confirms or cancels their own. Admins do not schedule.
#[must_use]
pub fn may_act(actor: &Actor, action: AppointmentAction, parties: AppointmentParties) -> Decision {
    use AppointmentAction::{Cancel, CheckIn, Complete, Confirm, NoShow};
    let own_doctor = actor.is_doctor(parties.doctor_id);
    let own_patient = actor.is_patient(parties.patient_id);
    match (actor.role, action) {
        (Role::Admin, _) => Decision::Forbidden,
        (Role::Staff, Complete) => Decision::Forbidden,
        (Role::Staff, _) => Decision::Allow,
        (Role::Doctor, _) => {
            if own_doctor {
                Decision::Allow
            } else {
                Decision::Hidden
            }
        }
        (Role::Patient, Confirm | Cancel) => {
            if own_patient {
                Decision::Allow
            } else {
                Decision::Hidden
            }
        }
        (Role::Patient, CheckIn | Complete | NoShow) => {
            if own_patient {
                Decision::Forbidden
            } else {
                Decision::Hidden
            }
        }
    }
}

/// Whether `actor` may see the appointment at all.
#[must_use]
pub fn may_view(actor: &Actor, parties: AppointmentParties, doctor_treats_patient: bool) -> bool {
    match actor.role {
        Role::Admin | Role::Staff => true,
        Role::Doctor => actor.is_doctor(parties.doctor_id) || doctor_treats_patient,
        Role::Patient => actor.is_patient(parties.patient_id),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PARTIES: AppointmentParties = AppointmentParties {
        patient_id: 7,
        doctor_id: 5,
    };

    #[test]
    fn only_the_visits_doctor_completes_it() {
        let own = Actor::test(Role::Doctor, Some(5), None);
        let other = Actor::test(Role::Doctor, Some(6), None);
        assert_eq!(
            may_act(&own, AppointmentAction::Complete, PARTIES),
            Decision::Allow
        );
        assert_eq!(
            may_act(&other, AppointmentAction::Complete, PARTIES),
            Decision::Hidden
        );
        let staff = Actor::test(Role::Staff, None, None);
        assert_eq!(
            may_act(&staff, AppointmentAction::Complete, PARTIES),
            Decision::Forbidden
        );
        assert_eq!(
            may_act(&staff, AppointmentAction::CheckIn, PARTIES),
            Decision::Allow
        );
    }

    #[test]
    fn a_patient_confirms_or_cancels_only_their_own() {
        let own = Actor::test(Role::Patient, None, Some(7));
        let other = Actor::test(Role::Patient, None, Some(8));
        assert_eq!(
            may_act(&own, AppointmentAction::Cancel, PARTIES),
            Decision::Allow
        );
        assert_eq!(
            may_act(&own, AppointmentAction::CheckIn, PARTIES),
            Decision::Forbidden
        );
        assert_eq!(
            may_act(&other, AppointmentAction::Cancel, PARTIES),
            Decision::Hidden
        );
    }

    #[test]
    fn admins_do_not_schedule_but_see_everything() {
        let admin = Actor::test(Role::Admin, None, None);
        assert_eq!(
            may_act(&admin, AppointmentAction::Cancel, PARTIES),
            Decision::Forbidden
        );
        assert!(may_view(&admin, PARTIES, false));
        assert!(!may_view(
            &Actor::test(Role::Doctor, Some(6), None),
            PARTIES,
            false
        ));
        assert!(may_view(
            &Actor::test(Role::Doctor, Some(6), None),
            PARTIES,
            true
        ));
    }
}
