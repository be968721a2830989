//! HTTP answers of the messaging use cases.

use clinic_domain::messaging::ListOutboxError;

use super::ApiError;

impl From<ListOutboxError> for ApiError {
    fn from(error: ListOutboxError) -> Self {
        match error {
            ListOutboxError::Denied(denied) => denied.into(),
            ListOutboxError::Store(store) => store.into(),
        }
    }
}
