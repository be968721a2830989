//! HTTP answers of the use cases of bills, payments and voids.

use clinic_domain::ConflictCode;
use clinic_domain::billing::{
    AdjustRefused, BillChangeError, IssueRefused, IssueVisitBillError, ListBillsError,
    PaymentRefused, ProviderError, ReadBillError, RefundRefused, VoidRefused,
};

use super::ApiError;

/// A 409 with `code`, whose detail is the refusal's own wording.
fn conflict(code: ConflictCode, refusal: impl ToString) -> ApiError {
    ApiError::Conflict {
        code: code.as_str(),
        detail: refusal.to_string(),
        conflicts: None,
    }
}

impl From<PaymentRefused> for ApiError {
    fn from(refused: PaymentRefused) -> Self {
        match refused {
            PaymentRefused::BillVoid => conflict(ConflictCode::BillVoid, refused),
            PaymentRefused::NotPositive | PaymentRefused::ExceedsBalance { .. } => {
                Self::invalid_field("amount", refused.to_string())
            }
        }
    }
}

impl From<AdjustRefused> for ApiError {
    fn from(refused: AdjustRefused) -> Self {
        match refused {
            AdjustRefused::BillVoid => conflict(ConflictCode::BillVoid, refused),
            AdjustRefused::BelowPaid { .. } => {
                Self::invalid_field("amount_due", refused.to_string())
            }
        }
    }
}

impl From<RefundRefused> for ApiError {
    fn from(refused: RefundRefused) -> Self {
        match refused {
            RefundRefused::NoSuchPayment => Self::invalid_field("payment_id", refused.to_string()),
            RefundRefused::NotPositive => Self::invalid_field("amount", refused.to_string()),
            RefundRefused::ExceedsPayment { .. } => {
                conflict(ConflictCode::RefundExceedsPayment, refused)
            }
        }
    }
}

impl From<ProviderError> for ApiError {
    fn from(error: ProviderError) -> Self {
        match error {
            ProviderError::Declined { .. } => conflict(ConflictCode::PaymentDeclined, error),
            // The provider's own words may name its internals: log them, say only that it failed.
            ProviderError::Unavailable(cause) => {
                tracing::warn!(%cause, "payment provider unavailable");
                Self::Unavailable {
                    detail:
                        "the payment provider is unavailable; nothing was charged, try again later"
                            .into(),
                }
            }
        }
    }
}

impl From<VoidRefused> for ApiError {
    fn from(refused: VoidRefused) -> Self {
        match refused {
            VoidRefused::AlreadyVoid => conflict(ConflictCode::BillVoid, refused),
            VoidRefused::HasPayments => conflict(ConflictCode::BillHasPayments, refused),
        }
    }
}

impl<R> From<BillChangeError<R>> for ApiError
where
    R: std::error::Error + Into<ApiError> + 'static,
{
    fn from(error: BillChangeError<R>) -> Self {
        match error {
            BillChangeError::NotFound => Self::not_found("bill"),
            BillChangeError::Denied(denied) => denied.into(),
            BillChangeError::Invalid(errors) => errors.into(),
            BillChangeError::Refused(refused) => refused.into(),
            BillChangeError::OnlineUnavailable => {
                conflict(ConflictCode::OnlinePaymentUnavailable, &error)
            }
            BillChangeError::Provider(provider) => provider.into(),
            BillChangeError::Store(store) => store.into(),
        }
    }
}

impl From<ReadBillError> for ApiError {
    fn from(error: ReadBillError) -> Self {
        match error {
            ReadBillError::NotFound => Self::not_found("bill"),
            ReadBillError::Denied(denied) => denied.into(),
            ReadBillError::Store(store) => store.into(),
        }
    }
}

impl From<ListBillsError> for ApiError {
    fn from(error: ListBillsError) -> Self {
        match error {
            ListBillsError::Denied(denied) => denied.into(),
            ListBillsError::PatientNotFound => Self::not_found("patient"),
            ListBillsError::Invalid(errors) => errors.into(),
            ListBillsError::Store(store) => store.into(),
        }
    }
}

impl From<IssueVisitBillError> for ApiError {
    fn from(error: IssueVisitBillError) -> Self {
        match error {
            IssueVisitBillError::Denied(denied) => denied.into(),
            IssueVisitBillError::NotFound => Self::not_found("appointment"),
            IssueVisitBillError::Invalid(errors) => errors.into(),
            IssueVisitBillError::Refused(refused @ IssueRefused::AlreadyBilled { .. }) => {
                conflict(ConflictCode::BillExists, refused)
            }
            IssueVisitBillError::Refused(refused @ IssueRefused::NotBillable(_)) => {
                conflict(ConflictCode::VisitNotBillable, refused)
            }
            IssueVisitBillError::Store(store) => store.into(),
        }
    }
}
