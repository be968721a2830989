//! HTTP answers of the use cases of the audit log.

use clinic_domain::audit::ReadAuditLogError;

use super::ApiError;

impl From<ReadAuditLogError> for ApiError {
    fn from(error: ReadAuditLogError) -> Self {
        match error {
            ReadAuditLogError::Denied(denied) => denied.into(),
            ReadAuditLogError::Invalid(invalid) => invalid.into(),
            ReadAuditLogError::Store(store) => store.into(),
        }
    }
}
