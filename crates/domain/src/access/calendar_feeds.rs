//! Who may manage calendar feeds: a doctor, their own. Staff, admins and patients never may
//! (a feed is a doctor's personal calendar), so they hear 403 before any lookup.

use crate::access::{Actor, Decision, Denied};
use crate::identity::Role;

/// The doctor whose feeds `actor` manages.
///
/// # Errors
/// [`Denied::Forbidden`] for anyone but a doctor with a doctor profile.
pub fn feed_manager(actor: &Actor) -> Result<i32, Denied> {
    match (actor.role, actor.doctor_id) {
        (Role::Doctor, Some(doctor_id)) => Ok(doctor_id),
        _ => Err(Denied::Forbidden),
    }
}

/// Whether `actor` may revoke a feed of `feed_doctor_id`: only its own doctor; another
/// doctor's feed is hidden (404), as if it did not exist.
#[must_use]
pub fn may_manage_feed(actor: &Actor, feed_doctor_id: i32) -> Decision {
    match feed_manager(actor) {
        Err(_) => Decision::Forbidden,
        Ok(doctor_id) => Decision::from_object(doctor_id == feed_doctor_id),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_doctor_manages_feeds_and_only_their_own() {
        let doctor = Actor::test(Role::Doctor, Some(5), None);
        assert_eq!(feed_manager(&doctor), Ok(5));
        assert_eq!(may_manage_feed(&doctor, 5), Decision::Allow);
        assert_eq!(may_manage_feed(&doctor, 6), Decision::Hidden);
        for role in [Role::Admin, Role::Staff, Role::Patient] {
            let other = Actor::test(role, None, Some(7));
            assert_eq!(feed_manager(&other), Err(Denied::Forbidden), "{role:?}");
            assert_eq!(may_manage_feed(&other, 5), Decision::Forbidden, "{role:?}");
        }
        let profileless = Actor::test(Role::Doctor, None, None);
        assert_eq!(feed_manager(&profileless), Err(Denied::Forbidden));
    }
}
