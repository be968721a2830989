//! HTTP answers of the clinic settings' use cases.

use clinic_domain::settings::ClinicSettingsError;

use super::ApiError;

impl From<ClinicSettingsError> for ApiError {
    fn from(error: ClinicSettingsError) -> Self {
        match error {
            ClinicSettingsError::Denied(denied) => denied.into(),
            ClinicSettingsError::Invalid(errors) => errors.into(),
            ClinicSettingsError::Store(store) => store.into(),
        }
    }
}
