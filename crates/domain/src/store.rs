//! The error every port that stores or loads data returns.

use crate::error::DomainError;

/// Why a repository call failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StoreError {
    /// A rule said no (a constraint the database enforces is mapped to the same errors).
    #[error(transparent)]
    Domain(#[from] DomainError),
    /// The database could not be reached; the caller may retry later.
    #[error("the database is unavailable")]
    Unavailable,
    /// Anything else: a bug or an operational fault, logged and answered with 500.
    #[error("unexpected storage failure: {0}")]
    Unexpected(String),
}

impl StoreError {
    /// A not-found error for `entity`.
    #[must_use]
    pub fn not_found(entity: &'static str) -> Self {
        Self::Domain(DomainError::NotFound { entity })
    }
}

impl From<crate::error::ValidationErrors> for StoreError {
    fn from(errors: crate::error::ValidationErrors) -> Self {
        Self::Domain(DomainError::Validation(errors))
    }
}

impl From<crate::error::ValidationError> for StoreError {
    fn from(error: crate::error::ValidationError) -> Self {
        Self::Domain(error.into())
    }
}

/// Result of a repository call.
pub type StoreResult<T> = Result<T, StoreError>;
