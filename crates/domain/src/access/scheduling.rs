//! Who may book, see, move and change appointments.

use crate::access::{Actor, Decision, PatientFacts};
use crate::identity::Role;
use crate::scheduling::{AppointmentAction, ConflictingAppointment};

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

/// Whether `actor` may book an appointment for `patient` with doctor `doctor_id`.
///
/// Staff run the front desk and book for any doctor. A patient books for themselves (the
/// referral gate applies, see [`referral_gate_applies`]). A doctor books only their own
/// appointments, and only for patients they already treat: booking with another doctor would
/// skip the referral gate and open the patient's chart to that doctor, and booking a stranger
/// with themselves would open it to the booking doctor. A patient the doctor does not treat is
/// hidden (404, like any chart they may not see); a patient they treat, booked with another
/// doctor, is forbidden (403: they see the patient, but may not do this). Admins do not
/// schedule.
#[must_use]
pub fn may_book(actor: &Actor, patient: PatientFacts, doctor_id: i32) -> Decision {
    match actor.role {
        Role::Staff => Decision::Allow,
        Role::Patient => Decision::from_object(actor.is_patient(patient.patient_id)),
        Role::Doctor if !patient.treated_by_actor => Decision::Hidden,
        Role::Doctor if actor.is_doctor(doctor_id) => Decision::Allow,
        Role::Doctor | Role::Admin => Decision::Forbidden,
    }
}

/// The ids of the conflicting appointments a refused booking may name to `actor`: those they
/// may see by [`may_view_appointment`] (staff and admins all, a doctor their own and those of
/// patients they treat, a patient their own). The others stay unnamed: a conflict must not
/// reveal another patient's appointments.
#[must_use]
pub fn visible_conflicts(actor: &Actor, conflicts: &[ConflictingAppointment]) -> Vec<i32> {
    conflicts
        .iter()
        .filter(|c| may_view_appointment(actor, c.parties, c.treated_by_actor))
        .map(|c| c.appointment_id)
        .collect()
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
    fn a_doctor_books_only_their_own_appointments_with_patients_they_treat() {
        let doctor = Actor::test(Role::Doctor, Some(5), None);
        let treated = PatientFacts {
            patient_id: 7,
            treated_by_actor: true,
        };
        let stranger = PatientFacts {
            patient_id: 7,
            treated_by_actor: false,
        };
        assert_eq!(may_book(&doctor, treated, 5), Decision::Allow);
        assert_eq!(may_book(&doctor, treated, 6), Decision::Forbidden);
        assert_eq!(may_book(&doctor, stranger, 5), Decision::Hidden);
        assert_eq!(may_book(&doctor, stranger, 6), Decision::Hidden);
        let staff = Actor::test(Role::Staff, None, None);
        assert_eq!(may_book(&staff, stranger, 6), Decision::Allow);
        let patient = Actor::test(Role::Patient, None, Some(7));
        assert_eq!(may_book(&patient, stranger, 6), Decision::Allow);
        let other = Actor::test(Role::Patient, None, Some(8));
        assert_eq!(may_book(&other, stranger, 6), Decision::Hidden);
        let admin = Actor::test(Role::Admin, None, None);
        assert_eq!(may_book(&admin, treated, 5), Decision::Forbidden);
    }

    #[test]
    fn a_conflict_names_only_the_appointments_the_actor_may_see() {
        let conflict =
            |appointment_id, patient_id, doctor_id, treated_by_actor| ConflictingAppointment {
                appointment_id,
                parties: AppointmentParties {
                    patient_id,
                    doctor_id,
                },
                treated_by_actor,
                starts_at: chrono::DateTime::UNIX_EPOCH,
                of_patient: false,
            };
        let conflicts = [
            conflict(1, 7, 5, false),
            conflict(2, 8, 6, false),
            conflict(3, 9, 6, true),
        ];
        let staff = Actor::test(Role::Staff, None, None);
        assert_eq!(visible_conflicts(&staff, &conflicts), vec![1, 2, 3]);
        let doctor = Actor::test(Role::Doctor, Some(5), None);
        assert_eq!(visible_conflicts(&doctor, &conflicts), vec![1, 3]);
        let patient = Actor::test(Role::Patient, None, Some(8));
        assert_eq!(visible_conflicts(&patient, &conflicts), vec![2]);
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
