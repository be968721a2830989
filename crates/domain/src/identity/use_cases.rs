//! Account administration decided in the domain.

use super::{User, UserRepository};
use crate::access::{Action, Actor, Denied, authorize};
use crate::store::StoreError;

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
