//! HTTP answers of the use cases of specialist approvals (referrals).

use clinic_domain::referral::{
    AlreadyDecided, DecideApprovalError, ListApprovalsError, ReadApprovalError,
    RequestSpecialistError,
};
use clinic_domain::{ConflictCode, DomainError};

use super::ApiError;

/// 404, as for any request the actor may not know of.
fn no_such_approval() -> ApiError {
    ApiError::not_found("specialist approval")
}

/// 409 `invalid_transition`, worded as every refused transition is.
fn already_decided(refused: AlreadyDecided) -> ApiError {
    DomainError::InvalidTransition {
        entity: "specialist_approval",
        from: refused.from.as_str().to_owned(),
        to: refused.to.as_str().to_owned(),
    }
    .into()
}

impl From<RequestSpecialistError> for ApiError {
    fn from(error: RequestSpecialistError) -> Self {
        match error {
            RequestSpecialistError::Denied(denied) => denied.into(),
            RequestSpecialistError::Invalid(errors) => errors.into(),
            RequestSpecialistError::AlreadyPending => {
                DomainError::conflict(ConflictCode::ApprovalAlreadyPending, error.to_string())
                    .into()
            }
            RequestSpecialistError::Store(store) => store.into(),
        }
    }
}

impl From<DecideApprovalError> for ApiError {
    fn from(error: DecideApprovalError) -> Self {
        match error {
            DecideApprovalError::NotFound => no_such_approval(),
            DecideApprovalError::Denied(denied) => denied.into(),
            DecideApprovalError::Invalid(invalid) => invalid.into(),
            DecideApprovalError::AlreadyDecided(refused) => already_decided(refused),
            DecideApprovalError::Store(store) => store.into(),
        }
    }
}

impl From<ReadApprovalError> for ApiError {
    fn from(error: ReadApprovalError) -> Self {
        match error {
            ReadApprovalError::NotFound => no_such_approval(),
            ReadApprovalError::Denied(denied) => denied.into(),
            ReadApprovalError::Store(store) => store.into(),
        }
    }
}

impl From<ListApprovalsError> for ApiError {
    fn from(error: ListApprovalsError) -> Self {
        match error {
            ListApprovalsError::Denied(denied) => denied.into(),
            ListApprovalsError::Store(store) => store.into(),
        }
    }
}
