//! Account administration decided in the domain.

use super::{NewPatientAccount, NewUser, User, UserFilter, UserPatch, UserRepository};
use crate::access::{Action, Actor, Denied, authorize};
use crate::error::{ConflictCode, DomainError};
use crate::pagination::{Page, PageRequest};
use crate::store::StoreError;

/// Why accounts were not listed, created, shown or changed.
#[derive(Debug, thiserror::Error)]
pub enum UserAccessError {
    /// Not an admin (403), or, reading one account, not the actor's own (404).
    #[error(transparent)]
    Denied(#[from] Denied),
    /// No such account, a taken username or email, or storage failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Why the account list was not shown.
pub type ListUsersError = UserAccessError;
/// Why an account was not created.
pub type CreateUserError = UserAccessError;
/// Why an account was not shown.
pub type ReadUserError = UserAccessError;
/// Why an account was not changed.
pub type UpdateUserError = UserAccessError;

/// One page of the accounts `filter` selects, by id. Admins only.
///
/// # Errors
/// [`UserAccessError::Denied`] (`Forbidden`); [`UserAccessError::Store`].
pub async fn list_users(
    actor: &Actor,
    filter: UserFilter,
    page: PageRequest,
    users: &dyn UserRepository,
) -> Result<Page<User>, ListUsersError> {
    authorize(actor, Action::ManageUsers).check("user")?;
    Ok(users.list(&filter, page).await?)
}

/// Creates an account of any role, its password already hashed. Admins only.
///
/// # Errors
/// [`UserAccessError::Denied`] (`Forbidden`); [`UserAccessError::Store`] with the
/// `username_taken` / `email_taken` conflicts.
pub async fn create_user(
    actor: &Actor,
    new: NewUser,
    users: &dyn UserRepository,
) -> Result<User, CreateUserError> {
    may_create_user(actor)?;
    Ok(users.create(actor, new).await?)
}

/// Whether `actor` may create accounts at all, asked before the new password is hashed so a
/// refused caller costs no Argon2 hash.
///
/// # Errors
/// [`UserAccessError::Denied`] (`Forbidden`).
pub fn may_create_user(actor: &Actor) -> Result<(), CreateUserError> {
    authorize(actor, Action::ManageUsers).check("user")?;
    Ok(())
}

/// One account: admins see any, everyone else only their own (another's is reported as no
/// such user).
///
/// # Errors
/// [`UserAccessError::Denied`] (`Hidden`); [`UserAccessError::Store`] with
/// `NotFound { entity: "user" }`.
pub async fn read_user(
    actor: &Actor,
    user_id: i32,
    users: &dyn UserRepository,
) -> Result<User, ReadUserError> {
    authorize(actor, Action::ReadUser { user_id }).check("user")?;
    Ok(users.get(user_id).await?)
}

/// Changes an account's username, email, phone or role. Admins only; a role change takes
/// effect on the user's next request.
///
/// # Errors
/// [`UserAccessError::Denied`] (`Forbidden`); [`UserAccessError::Store`] with `NotFound` or
/// the `username_taken` / `email_taken` conflicts.
pub async fn update_user(
    actor: &Actor,
    user_id: i32,
    patch: UserPatch,
    users: &dyn UserRepository,
) -> Result<User, UpdateUserError> {
    authorize(actor, Action::ManageUsers).check("user")?;
    Ok(users.update(actor, user_id, patch).await?)
}

/// Why an account was not deactivated.
#[derive(Debug, thiserror::Error)]
pub enum DeactivateUserError {
    /// Not an admin (403).
    #[error(transparent)]
    Denied(#[from] Denied),
    /// An admin asked to deactivate their own account: nobody might be left to undo it.
    #[error("an admin cannot deactivate their own account")]
    OwnAccount,
    /// No such account, or storage failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Deactivates account `user_id`: it can no longer sign in and its tokens stop working at
/// once. Admins only, and never their own account.
///
/// # Errors
/// [`DeactivateUserError::Denied`], [`DeactivateUserError::OwnAccount`], and
/// [`DeactivateUserError::Store`] with `NotFound { entity: "user" }`.
pub async fn deactivate_user(
    actor: &Actor,
    user_id: i32,
    users: &dyn UserRepository,
) -> Result<User, DeactivateUserError> {
    authorize(actor, Action::ManageUsers).check("user")?;
    if user_id == actor.user_id {
        return Err(DeactivateUserError::OwnAccount);
    }
    Ok(users.deactivate(actor, user_id).await?)
}

/// Why an account was not reactivated.
pub type ReactivateUserError = UserAccessError;

/// Reactivates account `user_id` so it may sign in again. Admins only. Its sessions ended at
/// deactivation stay ended: the user signs in afresh, and no token from before works again.
/// Reactivating an active account changes nothing.
///
/// # Errors
/// [`UserAccessError::Denied`] (`Forbidden`); [`UserAccessError::Store`] with
/// `NotFound { entity: "user" }`.
pub async fn reactivate_user(
    actor: &Actor,
    user_id: i32,
    users: &dyn UserRepository,
) -> Result<User, ReactivateUserError> {
    authorize(actor, Action::ManageUsers).check("user")?;
    Ok(users.reactivate(actor, user_id).await?)
}

/// What a patient's sign-up led to. The client is told the same in both cases (who is a
/// patient here is itself protected information); only the server knows which.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignUpOutcome {
    /// The account, patient profile and date of birth were created.
    Created(Box<User>),
    /// The email address belongs to an account already; nothing was created. Until email
    /// delivery exists the owner is not told (see `docs/security.md`).
    EmailTaken,
}

/// A patient signs up: account, patient profile and date of birth together. A taken email is
/// an outcome, not an error, so the answer cannot tell a taken address from a fresh one. A
/// taken username is still a conflict: usernames are chosen, not personal data, and the
/// adapter reports it before the email so the username answer says nothing about the email.
///
/// # Errors
/// [`StoreError`] with the `username_taken` conflict, or when storage fails.
pub async fn sign_up(
    new: NewPatientAccount,
    users: &dyn UserRepository,
) -> Result<SignUpOutcome, StoreError> {
    match users.register_patient(new).await {
        Ok(user) => Ok(SignUpOutcome::Created(Box::new(user))),
        Err(StoreError::Domain(DomainError::Conflict {
            code: ConflictCode::EmailTaken,
            ..
        })) => Ok(SignUpOutcome::EmailTaken),
        Err(e) => Err(e),
    }
}
