//! Reading and replacing a user's demographics: admins, staff for patients, and the user
//! themself.

use chrono::NaiveDate;

use super::DateOfBirth;
use crate::Clock;
use crate::access::{Action, Actor, Denied, authorize, subject_role_matters};
use crate::audit::{PhiRead, ReadAudit, reads_of};
use crate::error::{DomainError, ValidationError};
use crate::identity::{Demographics, DemographicsInput, Role, UserRepository};
use crate::store::{StoreError, StoreResult};

/// Why demographics were not shown.
#[derive(Debug, thiserror::Error)]
pub enum ReadDemographicsError {
    /// Not the actor's to see: answered as if the user did not exist (404).
    #[error(transparent)]
    Denied(#[from] Denied),
    /// No such user, or storage failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// A user's demographics (fields empty when not recorded).
///
/// # Errors
/// [`ReadDemographicsError::Denied`], and [`ReadDemographicsError::Store`] with
/// `NotFound { entity: "user" }`.
pub async fn read_demographics(
    actor: &Actor,
    user_id: i32,
    users: &dyn UserRepository,
    reads: &dyn ReadAudit,
) -> Result<Demographics, ReadDemographicsError> {
    let action = |subject_is_patient| Action::ReadDemographics {
        user_id,
        subject_is_patient,
    };
    let subject_is_patient = subject_is_patient(actor, user_id, &action, users).await?;
    authorize(actor, action(subject_is_patient)).check("user")?;
    let demographics = users.demographics(user_id).await?;
    let shown = [user_id.into()];
    reads
        .record(reads_of(actor, PhiRead::Demographics, shown))
        .await?;
    Ok(demographics)
}

/// New demographics of a user, as the client sent them; the whole record is replaced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReplaceDemographics {
    pub user_id: i32,
    pub race: Option<i16>,
    pub ethnicity: Option<i16>,
    pub gender: Option<i16>,
    pub dob: Option<NaiveDate>,
}

/// Why demographics were not replaced.
#[derive(Debug, thiserror::Error)]
pub enum ReplaceDemographicsError {
    /// Not the actor's to edit: answered as if the user did not exist (404).
    #[error(transparent)]
    Denied(#[from] Denied),
    /// An impossible date of birth.
    #[error(transparent)]
    Invalid(#[from] ValidationError),
    /// No such user, an unknown code (`Validation`), or storage failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Replaces a user's demographics; the date of birth is judged against `clock`'s today.
///
/// # Errors
/// [`ReplaceDemographicsError::Denied`], [`ReplaceDemographicsError::Invalid`], and
/// [`ReplaceDemographicsError::Store`] with `NotFound { entity: "user" }` or a `Validation`
/// of an unknown code.
pub async fn replace_demographics(
    actor: &Actor,
    cmd: ReplaceDemographics,
    clock: &dyn Clock,
    users: &dyn UserRepository,
) -> Result<Demographics, ReplaceDemographicsError> {
    let user_id = cmd.user_id;
    let action = |subject_is_patient| Action::EditDemographics {
        user_id,
        subject_is_patient,
    };
    let subject_is_patient = subject_is_patient(actor, user_id, &action, users).await?;
    authorize(actor, action(subject_is_patient)).check("user")?;
    let dob = cmd
        .dob
        .map(|d| DateOfBirth::parse(d, clock.today()))
        .transpose()?;
    let input = DemographicsInput {
        race: cmd.race,
        ethnicity: cmd.ethnicity,
        gender: cmd.gender,
        dob,
    };
    Ok(users.set_demographics(actor, user_id, input).await?)
}

/// Whether user `user_id` is a patient, looked up only when the policy's answer depends on it.
/// An unknown user is not a patient, so the policy hides it like any user not the actor's.
async fn subject_is_patient(
    actor: &Actor,
    user_id: i32,
    action: &impl Fn(bool) -> Action,
    users: &dyn UserRepository,
) -> StoreResult<bool> {
    if !subject_role_matters(actor, action) {
        return Ok(false);
    }
    match users.get(user_id).await {
        Ok(user) => Ok(user.role == Role::Patient),
        Err(StoreError::Domain(DomainError::NotFound { .. })) => Ok(false),
        Err(e) => Err(e),
    }
}
