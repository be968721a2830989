//! HTTP answers of the use cases of accounts and demographics.

use clinic_domain::ConflictCode;
use clinic_domain::demographics::{ReadDemographicsError, ReplaceDemographicsError};
use clinic_domain::identity::{DeactivateUserError, RefreshSessionError, UserAccessError};

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

impl From<RefreshSessionError> for ApiError {
    fn from(error: RefreshSessionError) -> Self {
        let code = match error {
            RefreshSessionError::Reused => {
                tracing::warn!("a spent refresh token was presented again; its session is revoked");
                "refresh_token_reused"
            }
            RefreshSessionError::Invalid => "invalid_refresh_token",
            RefreshSessionError::MissingAccount => return Self::internal(error.to_string()),
            RefreshSessionError::Store(e) => return e.into(),
        };
        Self::Unauthorized {
            code,
            detail: error.to_string(),
        }
    }
}
