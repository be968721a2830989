//! Who may read and manage availability: closures, time off, dated exceptions, the calendar.

use crate::access::{Actor, Decision, Denied};
use crate::identity::Role;

/// The doctor whose calendar `actor` may read, given the one they asked for: staff and
/// admins any (or all, `None`); a doctor only themself (their own when they name none);
/// patients never.
///
/// # Errors
/// [`Denied::Forbidden`] for a patient, and for a doctor asking for another doctor.
pub fn calendar_doctor_scope(actor: &Actor, asked: Option<i32>) -> Result<Option<i32>, Denied> {
    match actor.role {
        Role::Admin | Role::Staff => Ok(asked),
        Role::Doctor => match (asked, actor.doctor_id) {
            (None, Some(own)) => Ok(Some(own)),
            (Some(asked), Some(own)) if asked == own => Ok(Some(own)),
            _ => Err(Denied::Forbidden),
        },
        Role::Patient => Err(Denied::Forbidden),
    }
}

/// Whether `actor` may add or remove an office's closures: the front desk and admins.
#[must_use]
pub fn may_manage_closures(actor: &Actor) -> Decision {
    match actor.role {
        Role::Admin | Role::Staff => Decision::Allow,
        Role::Doctor | Role::Patient => Decision::Forbidden,
    }
}

/// Whether `actor` may read an office's closures: everyone signed in (they are public
/// holidays, and patients see them as closed days).
#[must_use]
pub fn may_read_closures(_actor: &Actor) -> Decision {
    Decision::Allow
}

/// Whether `actor` may read or manage doctor `doctor_id`'s time off and dated exceptions
/// (with the private reasons): staff and admins anyone's, a doctor their own. Patients
/// never: they learn only that the doctor is away.
#[must_use]
pub fn may_manage_doctor_time(actor: &Actor, doctor_id: i32) -> Decision {
    match actor.role {
        Role::Admin | Role::Staff => Decision::Allow,
        Role::Doctor if actor.is_doctor(doctor_id) => Decision::Allow,
        Role::Doctor | Role::Patient => Decision::Forbidden,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn actor(role: Role) -> Actor {
        Actor {
            user_id: 10,
            role,
            doctor_id: (role == Role::Doctor).then_some(5),
            patient_id: (role == Role::Patient).then_some(7),
        }
    }

    #[test]
    fn a_doctor_reads_only_their_own_calendar_and_patients_none() {
        let doctor = actor(Role::Doctor);
        assert_eq!(calendar_doctor_scope(&doctor, None), Ok(Some(5)));
        assert_eq!(calendar_doctor_scope(&doctor, Some(5)), Ok(Some(5)));
        assert_eq!(
            calendar_doctor_scope(&doctor, Some(6)),
            Err(Denied::Forbidden)
        );
        assert_eq!(
            calendar_doctor_scope(&actor(Role::Patient), None),
            Err(Denied::Forbidden)
        );
        assert_eq!(calendar_doctor_scope(&actor(Role::Staff), None), Ok(None));
        assert_eq!(
            calendar_doctor_scope(&actor(Role::Admin), Some(6)),
            Ok(Some(6))
        );
    }

    #[test]
    fn the_front_desk_manages_closures_and_everyone_reads_them() {
        for role in [Role::Admin, Role::Staff] {
            assert_eq!(may_manage_closures(&actor(role)), Decision::Allow);
        }
        for role in [Role::Doctor, Role::Patient] {
            assert_eq!(may_manage_closures(&actor(role)), Decision::Forbidden);
            assert_eq!(may_read_closures(&actor(role)), Decision::Allow);
        }
    }

    #[test]
    fn a_doctor_manages_their_own_time_off_and_staff_anyones() {
        assert_eq!(
            may_manage_doctor_time(&actor(Role::Doctor), 5),
            Decision::Allow
        );
        assert_eq!(
            may_manage_doctor_time(&actor(Role::Doctor), 6),
            Decision::Forbidden
        );
        assert_eq!(
            may_manage_doctor_time(&actor(Role::Staff), 6),
            Decision::Allow
        );
        assert_eq!(
            may_manage_doctor_time(&actor(Role::Admin), 6),
            Decision::Allow
        );
        assert_eq!(
            may_manage_doctor_time(&actor(Role::Patient), 5),
            Decision::Forbidden
        );
    }
}
