//! Account administration against the in-memory users.

use super::fake::InMemoryUsers;
use super::{
    DeactivateUserError, NewUser, Role, UserAccessError, UserFilter, UserPatch, create_user,
    deactivate_user, list_users, reactivate_user, read_user, update_user,
};
use crate::access::{Actor, Denied};
use crate::pagination::PageRequest;
use crate::store::StoreError;
use crate::testing::block_on;
use crate::values::{EmailAddress, Username};

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

#[test]
fn an_admin_reactivates_a_deactivated_account() {
    let users = users();
    block_on(deactivate_user(&admin(), 2, &users)).unwrap();
    let user = block_on(reactivate_user(&admin(), 2, &users)).unwrap();
    assert!(user.is_active);
    assert!(users.user(2).unwrap().is_active);
}

#[test]
fn only_admins_reactivate_accounts_and_an_unknown_one_is_not_found() {
    let users = users();
    block_on(deactivate_user(&admin(), 3, &users)).unwrap();
    for role in [Role::Staff, Role::Doctor, Role::Patient] {
        let result = block_on(reactivate_user(&someone(role), 3, &users));
        assert!(
            matches!(result, Err(UserAccessError::Denied(Denied::Forbidden))),
            "{role:?}: {result:?}"
        );
    }
    assert!(!users.user(3).unwrap().is_active);
    let result = block_on(reactivate_user(&admin(), 99, &users));
    assert!(matches!(
        result,
        Err(UserAccessError::Store(StoreError::Domain(
            crate::DomainError::NotFound { entity: "user" }
        )))
    ));
}

fn someone(role: Role) -> Actor {
    Actor {
        user_id: 2,
        role,
        doctor_id: None,
        patient_id: None,
    }
}

fn forbidden<T: std::fmt::Debug>(result: Result<T, UserAccessError>) {
    assert!(
        matches!(result, Err(UserAccessError::Denied(Denied::Forbidden))),
        "{result:?}"
    );
}

fn new_user() -> NewUser {
    NewUser {
        username: Username::parse("newdoctor").unwrap(),
        email: EmailAddress::parse("newdoctor@example.org").unwrap(),
        phone: None,
        role: Role::Doctor,
        password_hash: None,
    }
}

fn promotion() -> UserPatch {
    UserPatch {
        role: Some(Role::Admin),
        ..UserPatch::default()
    }
}

#[test]
fn an_admin_lists_accounts_with_the_filter_asked_for() {
    let users = users();
    let filter = UserFilter {
        role: Some(Role::Staff),
        ..UserFilter::default()
    };
    let page = block_on(list_users(&admin(), filter, PageRequest::default(), &users)).unwrap();
    assert_eq!(page.total, 3);
    let asked = users.last_filter.lock().unwrap().clone().unwrap();
    assert_eq!(asked.role, Some(Role::Staff));
}

#[test]
fn only_admins_list_accounts() {
    let users = users();
    for role in [Role::Staff, Role::Doctor, Role::Patient] {
        let filter = UserFilter::default();
        forbidden(block_on(list_users(
            &someone(role),
            filter,
            PageRequest::default(),
            &users,
        )));
    }
    assert!(users.last_filter.lock().unwrap().is_none());
}

#[test]
fn an_admin_creates_an_account_of_any_role() {
    let users = users();
    let user = block_on(create_user(&admin(), new_user(), &users)).unwrap();
    assert_eq!(user.role, Role::Doctor);
    assert_eq!(users.user(user.user_id).unwrap().username, "newdoctor");
}

#[test]
fn only_admins_create_accounts() {
    let users = users();
    for role in [Role::Staff, Role::Doctor, Role::Patient] {
        forbidden(block_on(create_user(&someone(role), new_user(), &users)));
    }
    assert_eq!(users.users.lock().unwrap().len(), 3);
}

#[test]
fn an_admin_reads_any_account_and_everyone_else_only_their_own() {
    let users = users();
    assert_eq!(block_on(read_user(&admin(), 3, &users)).unwrap().user_id, 3);
    for role in [Role::Staff, Role::Doctor, Role::Patient] {
        let own = block_on(read_user(&someone(role), 2, &users)).unwrap();
        assert_eq!(own.user_id, 2);
        let other = block_on(read_user(&someone(role), 3, &users));
        assert!(
            matches!(
                other,
                Err(UserAccessError::Denied(Denied::Hidden { entity: "user" }))
            ),
            "{role:?}: {other:?}"
        );
    }
}

#[test]
fn reading_an_unknown_account_is_not_found() {
    let result = block_on(read_user(&admin(), 99, &users()));
    assert!(matches!(
        result,
        Err(UserAccessError::Store(StoreError::Domain(
            crate::DomainError::NotFound { entity: "user" }
        )))
    ));
}

#[test]
fn an_admin_changes_an_accounts_role() {
    let users = users();
    let user = block_on(update_user(&admin(), 2, promotion(), &users)).unwrap();
    assert_eq!(user.role, Role::Admin);
    assert_eq!(users.user(2).unwrap().role, Role::Admin);
}

#[test]
fn only_admins_change_accounts_not_even_their_own() {
    let users = users();
    for role in [Role::Staff, Role::Doctor, Role::Patient] {
        forbidden(block_on(update_user(
            &someone(role),
            2,
            promotion(),
            &users,
        )));
    }
    assert_eq!(users.user(2).unwrap().role, Role::Staff);
}

mod sign_up {
    use chrono::NaiveDate;

    use super::*;
    use crate::demographics::DateOfBirth;
    use crate::identity::{NewPatientAccount, SignUpOutcome, sign_up};
    use crate::values::PersonName;
    use crate::{ConflictCode, DomainError};

    fn signing_up(username: &str, email: &str) -> NewPatientAccount {
        NewPatientAccount {
            user: NewUser {
                username: Username::parse(username).unwrap(),
                email: EmailAddress::parse(email).unwrap(),
                phone: None,
                role: Role::Patient,
                password_hash: Some("hash".into()),
            },
            name: PersonName::parse("Ada", None, "Lovelace").unwrap(),
            address: None,
            dob: DateOfBirth::parse(
                NaiveDate::from_ymd_opt(1990, 5, 1).unwrap(),
                NaiveDate::from_ymd_opt(2030, 1, 1).unwrap(),
            )
            .unwrap(),
        }
    }

    #[test]
    fn a_fresh_email_creates_the_patient() {
        let users = users();
        let outcome = block_on(sign_up(signing_up("ada", "ada@example.org"), &users)).unwrap();
        let SignUpOutcome::Created(user) = outcome else {
            panic!("{outcome:?}")
        };
        assert_eq!(user.role, Role::Patient);
        assert!(users.user(user.user_id).is_some());
    }

    #[test]
    fn a_taken_email_is_an_outcome_and_creates_nothing() {
        let users = users();
        let before = users.users.lock().unwrap().len();
        let outcome = block_on(sign_up(signing_up("ada", "USER3@example.org"), &users)).unwrap();
        assert_eq!(outcome, SignUpOutcome::EmailTaken);
        assert_eq!(users.users.lock().unwrap().len(), before);
    }

    #[test]
    fn a_taken_username_is_a_conflict_even_when_the_email_is_taken_too() {
        let users = users();
        for email in ["fresh@example.org", "user2@example.org"] {
            let result = block_on(sign_up(signing_up("USER3", email), &users));
            assert!(
                matches!(
                    result,
                    Err(StoreError::Domain(DomainError::Conflict {
                        code: ConflictCode::UsernameTaken,
                        ..
                    }))
                ),
                "{email}: {result:?}"
            );
        }
    }
}

#[test]
fn only_admins_may_create_accounts_before_any_password_is_hashed() {
    assert!(super::may_create_user(&admin()).is_ok());
    for role in [Role::Staff, Role::Doctor, Role::Patient] {
        let who = Actor {
            user_id: 2,
            role,
            doctor_id: None,
            patient_id: None,
        };
        assert!(matches!(
            super::may_create_user(&who),
            Err(UserAccessError::Denied(Denied::Forbidden))
        ));
    }
}
