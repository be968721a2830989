//! The identity refinements of the policy: when a decision about a user's demographics needs
//! to know who the subject is.

use super::{Action, Actor, authorize};

/// Whether the policy's answer about `action` for `actor` depends on whether the subject is a
/// patient. When it does not (admins, the user themself, roles the subject's role never
/// opens a door to), the use case need not look the subject up.
#[must_use]
pub fn subject_role_matters(actor: &Actor, action: impl Fn(bool) -> Action) -> bool {
    authorize(actor, action(false)) != authorize(actor, action(true))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::identity::Role;

    fn read(user_id: i32) -> impl Fn(bool) -> Action {
        move |subject_is_patient| Action::ReadDemographics {
            user_id,
            subject_is_patient,
        }
    }

    #[test]
    fn only_staff_reading_someone_else_need_to_know_whether_the_subject_is_a_patient() {
        let staff = Actor::test(Role::Staff, None, None);
        assert!(subject_role_matters(&staff, read(99)));
        assert!(!subject_role_matters(&staff, read(staff.user_id)));
        for role in [Role::Admin, Role::Doctor, Role::Patient] {
            let who = Actor::test(role, None, None);
            assert!(!subject_role_matters(&who, read(99)), "{role:?}");
        }
    }
}
