//! HTTP answers of the use cases of accounts and demographics.

use clinic_domain::ConflictCode;
use clinic_domain::demographics::{ReadDemographicsError, ReplaceDemographicsError};
use clinic_domain::identity::{DeactivateUserError, UserAccessError};

use super::ApiError;

impl From<DeactivateUserError> for ApiError {
    fn from(error: DeactivateUserError) -> Self {
        match error {
            DeactivateUserError::Denied(denied) => denied.into(),
            DeactivateUserError::OwnAccount => Self::Conflict {
                code: ConflictCode::CannotDeactivateSelf.as_str(),
                detail: error.to_string(),
                conflicts: None,
            },
            DeactivateUserError::Store(e) => e.into(),
        }
    }
}

impl From<ReadDemographicsError> for ApiError {
    fn from(error: ReadDemographicsError) -> Self {
        match error {
            ReadDemographicsError::Denied(denied) => denied.into(),
            ReadDemographicsError::Store(e) => e.into(),
        }
    }
}

impl From<ReplaceDemographicsError> for ApiError {
    fn from(error: ReplaceDemographicsError) -> Self {
        match error {
            ReplaceDemographicsError::Denied(denied) => denied.into(),
            ReplaceDemographicsError::Invalid(e) => e.into(),
            ReplaceDemographicsError::Store(e) => e.into(),
        }
    }
}

impl From<UserAccessError> for ApiError {
    fn from(error: UserAccessError) -> Self {
        match error {
            UserAccessError::Denied(denied) => denied.into(),
            UserAccessError::Store(e) => e.into(),
        }
    }
}
