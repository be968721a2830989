//! HTTP answers of the use cases of medical records and prescriptions.

use clinic_domain::ConflictCode;
use clinic_domain::clinical::{
    AmendRecordError, ChartError, IssuePrescriptionError, ListClinicalError, ReadClinicalError,
    WriteRecordError,
};

use super::ApiError;

impl From<WriteRecordError> for ApiError {
    fn from(error: WriteRecordError) -> Self {
        match error {
            WriteRecordError::Denied(denied) => denied.into(),
            WriteRecordError::Invalid(errors) => errors.into(),
            WriteRecordError::VisitNotInProgress(e) => Self::Conflict {
                code: ConflictCode::VisitNotInProgress.as_str(),
                detail: e.to_string(),
                conflicts: None,
            },
            WriteRecordError::Store(e) => e.into(),
        }
    }
}

impl From<AmendRecordError> for ApiError {
    fn from(error: AmendRecordError) -> Self {
        match error {
            AmendRecordError::Denied(denied) => denied.into(),
            AmendRecordError::Invalid(errors) => errors.into(),
            AmendRecordError::Store(e) => e.into(),
        }
    }
}

impl From<IssuePrescriptionError> for ApiError {
    fn from(error: IssuePrescriptionError) -> Self {
        match error {
            IssuePrescriptionError::Denied(denied) => denied.into(),
            IssuePrescriptionError::Invalid(errors) => errors.into(),
            IssuePrescriptionError::Store(e) => e.into(),
        }
    }
}

impl From<ReadClinicalError> for ApiError {
    fn from(error: ReadClinicalError) -> Self {
        match error {
            ReadClinicalError::Denied(denied) => denied.into(),
            ReadClinicalError::Store(e) => e.into(),
        }
    }
}

impl From<ListClinicalError> for ApiError {
    fn from(error: ListClinicalError) -> Self {
        match error {
            ListClinicalError::Denied(denied) => denied.into(),
            ListClinicalError::PatientRequired => {
                Self::invalid_field("patient_id", "is required: name a patient you treat")
            }
            ListClinicalError::Store(e) => e.into(),
        }
    }
}

impl From<ChartError> for ApiError {
    fn from(error: ChartError) -> Self {
        match error {
            ChartError::Denied(denied) => denied.into(),
            ChartError::Invalid(errors) => errors.into(),
            ChartError::Store(e) => e.into(),
        }
    }
}
