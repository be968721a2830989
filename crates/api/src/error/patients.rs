//! HTTP answers of the use cases of patients' registrations, contacts and policies.

use clinic_domain::patients::{EditPatientError, ReadPatientError};

use super::ApiError;

impl From<ReadPatientError> for ApiError {
    fn from(error: ReadPatientError) -> Self {
        match error {
            ReadPatientError::Denied(denied) => denied.into(),
            ReadPatientError::Store(store) => store.into(),
        }
    }
}

impl From<EditPatientError> for ApiError {
    fn from(error: EditPatientError) -> Self {
        match error {
            EditPatientError::Denied(denied) => denied.into(),
            EditPatientError::Invalid(errors) => errors.into(),
            EditPatientError::Store(store) => store.into(),
        }
    }
}
