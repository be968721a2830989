//! Account administration against the in-memory users.

use super::fake::InMemoryUsers;
use super::{DeactivateUserError, Role, deactivate_user};
use crate::access::{Actor, Denied};
use crate::store::StoreError;
use crate::testing::block_on;

fn admin() -> Actor {
    Actor {
        user_id: 1,
        role: Role::Admin,
        doctor_id: None,
        patient_id: None,
    }
}

fn users() -> InMemoryUsers {
    InMemoryUsers::with(&[(1, Role::Admin), (2, Role::Staff), (3, Role::Patient)])
}

#[test]
fn an_admin_deactivates_another_account() {
    let users = users();
    let user = block_on(deactivate_user(&admin(), 2, &users)).unwrap();
    assert!(!user.is_active);
    assert!(!users.user(2).unwrap().is_active);
}

#[test]
fn an_admin_may_not_deactivate_their_own_account() {
    let users = users();
    let result = block_on(deactivate_user(&admin(), 1, &users));
    assert!(matches!(result, Err(DeactivateUserError::OwnAccount)));
    assert!(users.user(1).unwrap().is_active);
}

#[test]
fn only_admins_deactivate_accounts() {
    let users = users();
    for role in [Role::Staff, Role::Doctor, Role::Patient] {
        let who = Actor {
            user_id: 2,
            role,
            doctor_id: None,
            patient_id: None,
        };
        // Refused by role, even for their own account.
        for target in [2, 3] {
            let result = block_on(deactivate_user(&who, target, &users));
            assert!(
                matches!(result, Err(DeactivateUserError::Denied(Denied::Forbidden))),
                "{role:?}: {result:?}"
            );
        }
    }
    assert!(users.user(3).unwrap().is_active);
}

#[test]
fn deactivating_an_unknown_account_is_not_found() {
    let result = block_on(deactivate_user(&admin(), 99, &users()));
    assert!(matches!(
        result,
        Err(DeactivateUserError::Store(StoreError::Domain(
            crate::DomainError::NotFound { entity: "user" }
        )))
    ));
}
