//! Account administration decided in the domain.

use super::{NewUser, User, UserFilter, UserPatch, UserRepository};
use crate::access::{Action, Actor, Denied, authorize};
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
    authorize(actor, Action::ManageUsers).check("user")?;
    Ok(users.create(actor, new).await?)
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
