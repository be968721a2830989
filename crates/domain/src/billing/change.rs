//! What the changes of a bill (a payment, a refund, an adjustment, a void) share: how they fail,
//! how they begin (the bill locked and the access policy asked), and how the patient is told.

use super::ports::{BillFacts, BillingTx};
use super::provider::ProviderError;
use crate::access::{Action, Actor, Denied, PatientFacts, authorize, may_ever};
use crate::error::ValidationErrors;
use crate::notification::{NotificationDraft, NotificationType};
use crate::store::StoreError;

/// Why a change to a bill was not made. `R` is the refusal of the change's rule
/// ([`PaymentRefused`](super::PaymentRefused), [`RefundRefused`](super::RefundRefused),
/// [`AdjustRefused`](super::AdjustRefused), [`VoidRefused`](super::VoidRefused)).
#[derive(Debug, thiserror::Error)]
pub enum BillChangeError<R: std::error::Error + 'static> {
    /// There is no such bill.
    #[error("bill not found")]
    NotFound,
    /// The actor may not make this change, or may not know the bill exists.
    #[error(transparent)]
    Denied(#[from] Denied),
    /// The input is not valid (an amount that is not money, a blank reason).
    #[error("invalid input: {0}")]
    Invalid(ValidationErrors),
    /// The bill's rule refuses the change.
    #[error(transparent)]
    Refused(R),
    /// Money would move online (a patient's payment, the refund of an online charge), but no
    /// payment provider is configured. Only payments and refunds fail so.
    #[error("online payment is not available at this clinic; pay at the front desk")]
    OnlineUnavailable,
    /// The payment provider moved no money. Only payments and refunds fail so.
    #[error(transparent)]
    Provider(#[from] ProviderError),
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Locks bill `bill_id` in `tx` and asks the policy whether `actor` may perform the action
/// `action` builds from the bill's patient.
///
/// # Errors
/// [`BillChangeError::NotFound`], [`BillChangeError::Denied`] (entity `bill`),
/// [`BillChangeError::Store`].
pub(super) async fn lock_for<R: std::error::Error + 'static>(
    tx: &mut (dyn BillingTx + '_),
    actor: &Actor,
    bill_id: i32,
    action: fn(PatientFacts) -> Action,
) -> Result<BillFacts, BillChangeError<R>> {
    // A role that may never do this hears 403 before the bill is looked up: whether the id
    // exists is no business of theirs.
    may_ever(actor, action)?;
    let facts = tx
        .lock_bill(actor, bill_id)
        .await?
        .ok_or(BillChangeError::NotFound)?;
    authorize(actor, action(facts.patient())).check("bill")?;
    Ok(facts)
}

/// The billing notification telling the bill's patient `message`.
pub(super) fn notice(facts: &BillFacts, message: String) -> NotificationDraft {
    NotificationDraft::new(
        facts.patient_user_id,
        NotificationType::Billing,
        message,
        "bills",
        facts.bill.bill_id,
    )
}
