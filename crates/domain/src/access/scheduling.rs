//! Who may book, see, move and change appointments.

use crate::access::{Actor, Decision};
use crate::identity::Role;
use crate::scheduling::AppointmentAction;

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
pub fn may_act_on_appointment(
    actor: &Actor,
    action: AppointmentAction,
    parties: AppointmentParties,
) -> Decision {
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
pub fn may_view_appointment(
    actor: &Actor,
    parties: AppointmentParties,
    doctor_treats_patient: bool,
) -> bool {
    match actor.role {
        Role::Admin | Role::Staff => true,
        Role::Doctor => actor.is_doctor(parties.doctor_id) || doctor_treats_patient,
        Role::Patient => actor.is_patient(parties.patient_id),
    }
}

/// Whether `actor` may book over a conflict on purpose (with a reason): the front desk, who
/// see the whole schedule and answer for it.
#[must_use]
pub fn may_overbook(actor: &Actor) -> bool {
    actor.role == Role::Staff
}

/// Whether the referral gate applies to a booking by `actor`: patients booking for
/// themselves need an approved referral to see a specialist; staff and doctors book on a
/// clinician's word.
#[must_use]
pub fn referral_gate_applies(actor: &Actor) -> bool {
    actor.role == Role::Patient
}

/// Whether `actor` may cancel (or move) an appointment late: inside the clinic's
/// late-cancellation window or after its start. The front desk and the visit's doctor may,
/// saying why (the reason is stored and audited); a patient may not, so a patient cannot turn
/// a missed visit into a cancellation: they call the front desk.
#[must_use]
pub fn may_cancel_late(actor: &Actor) -> bool {
    matches!(actor.role, Role::Staff | Role::Doctor)
}

/// Whether a booking by `actor` is held to the patient limits (the clinic's booking horizon
/// and cap on future active appointments): patients booking for themselves are; staff and
/// doctors book on the clinic's behalf (recalls a year ahead, a course of treatment) and are
/// not.
#[must_use]
pub fn patient_booking_limits_apply(actor: &Actor) -> bool {
    actor.role == Role::Patient
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
            may_act_on_appointment(&own, AppointmentAction::Complete, PARTIES),
            Decision::Allow
        );
        assert_eq!(
            may_act_on_appointment(&other, AppointmentAction::Complete, PARTIES),
            Decision::Hidden
        );
        let staff = Actor::test(Role::Staff, None, None);
        assert_eq!(
            may_act_on_appointment(&staff, AppointmentAction::Complete, PARTIES),
            Decision::Forbidden
        );
        assert_eq!(
            may_act_on_appointment(&staff, AppointmentAction::CheckIn, PARTIES),
            Decision::Allow
        );
    }

    #[test]
    fn a_patient_confirms_or_cancels_only_their_own() {
        let own = Actor::test(Role::Patient, None, Some(7));
        let other = Actor::test(Role::Patient, None, Some(8));
        assert_eq!(
            may_act_on_appointment(&own, AppointmentAction::Cancel, PARTIES),
            Decision::Allow
        );
        assert_eq!(
            may_act_on_appointment(&own, AppointmentAction::CheckIn, PARTIES),
            Decision::Forbidden
        );
        assert_eq!(
            may_act_on_appointment(&other, AppointmentAction::Cancel, PARTIES),
            Decision::Hidden
        );
    }

    #[test]
    fn only_staff_overbook_and_only_patients_face_the_referral_gate() {
        for role in [Role::Admin, Role::Doctor, Role::Staff, Role::Patient] {
            let actor = Actor::test(role, Some(5), Some(7));
            assert_eq!(may_overbook(&actor), role == Role::Staff, "{role:?}");
            assert_eq!(
                referral_gate_applies(&actor),
                role == Role::Patient,
                "{role:?}"
            );
        }
    }

    #[test]
    fn admins_do_not_schedule_but_see_everything() {
        let admin = Actor::test(Role::Admin, None, None);
        assert_eq!(
            may_act_on_appointment(&admin, AppointmentAction::Cancel, PARTIES),
            Decision::Forbidden
        );
        assert!(may_view_appointment(&admin, PARTIES, false));
        assert!(!may_view_appointment(
            &Actor::test(Role::Doctor, Some(6), None),
            PARTIES,
            false
        ));
        assert!(may_view_appointment(
            &Actor::test(Role::Doctor, Some(6), None),
            PARTIES,
            true
        ));
    }

    #[test]
    fn only_patients_are_held_to_the_late_window_and_the_booking_limits() {
        for role in [Role::Staff, Role::Doctor] {
            let who = Actor::test(role, Some(3), None);
            assert!(may_cancel_late(&who));
            assert!(!patient_booking_limits_apply(&who));
        }
        let patient = Actor::test(Role::Patient, None, Some(7));
        assert!(!may_cancel_late(&patient));
        assert!(patient_booking_limits_apply(&patient));
        assert!(!may_cancel_late(&Actor::test(Role::Admin, None, None)));
    }
}
