//! HTTP answers of the waitlist's use cases.

use clinic_domain::ConflictCode;
use clinic_domain::scheduling::waitlist::{AnswerOfferError, WaitlistError};

use super::ApiError;

fn conflict(code: ConflictCode, detail: String) -> ApiError {
    ApiError::Conflict {
        code: code.as_str(),
        detail,
        conflicts: None,
    }
}

impl From<WaitlistError> for ApiError {
    fn from(error: WaitlistError) -> Self {
        let detail = error.to_string();
        match error {
            WaitlistError::Denied(denied) => denied.into(),
            WaitlistError::Invalid(errors) => errors.into(),
            WaitlistError::AlreadyWaiting { .. } => {
                conflict(ConflictCode::WaitlistAlreadyWaiting, detail)
            }
            WaitlistError::EntryClosed { .. } => {
                conflict(ConflictCode::WaitlistEntryClosed, detail)
            }
            WaitlistError::Store(store) => store.into(),
        }
    }
}

impl From<AnswerOfferError> for ApiError {
    fn from(error: AnswerOfferError) -> Self {
        let detail = error.to_string();
        match error {
            AnswerOfferError::Denied(denied) => denied.into(),
            AnswerOfferError::Taken => conflict(ConflictCode::WaitlistOfferTaken, detail),
            AnswerOfferError::Expired { .. } => {
                conflict(ConflictCode::WaitlistOfferExpired, detail)
            }
            AnswerOfferError::Closed { .. } => conflict(ConflictCode::WaitlistOfferClosed, detail),
            AnswerOfferError::Booking(refusal) => refusal.into(),
            AnswerOfferError::Store(store) => store.into(),
        }
    }
}
