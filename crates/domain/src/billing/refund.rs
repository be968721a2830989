//! Refunding (part of) a payment (staff, admins): an entry linked to the payment, never more
//! than is left of it, that lowers the bill's total paid so its balance and status stay exact.

use super::change::{BillChangeError, lock_for, notice};
use super::payment::{RefundRefused, apply_refund};
use super::ports::{BillingStore, NewRefund};
use super::provider::{PaymentProvider, ProviderRefund};
use super::{BillDetails, ENTRY_REASON_MAX_CHARS};
use crate::access::{Action, Actor};
use crate::clock::Clock;
use crate::error::ValidationErrors;
use crate::values::{Money, free_text};

/// A refund as the biller asked for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefundPayment {
    /// The bill refunded on.
    pub bill_id: i32,
    /// The payment (of that bill) refunded.
    pub payment_id: i32,
    /// The amount as written; read only once the actor may refund.
    pub amount: String,
    /// Why, as written.
    pub reason: String,
}

/// Why a refund was not recorded: `Refused` for another bill's payment, zero, or more than is
/// left of the payment; `OnlineUnavailable` / `Provider` for an online charge that cannot be
/// given back.
pub type RefundPaymentError = BillChangeError<RefundRefused>;

/// Refunds part or all of a payment, in one transaction with the bill (and the payment)
/// locked, so refunds and payments racing on one bill run one at a time and the totals stay
/// exact. The money of an online charge goes back through `provider`; any other refund records
/// what staff handed back. The patient is told. Returns the bill with all its entries.
///
/// # Errors
/// `NotFound`; `Denied` for doctors and patients; `Invalid` on `amount` or `reason`;
/// `Refused` by [`apply_refund`]; `OnlineUnavailable` for an online charge without a
/// provider; `Provider` when the provider gives nothing back; `Store`.
pub async fn refund_payment(
    actor: &Actor,
    cmd: RefundPayment,
    clock: &dyn Clock,
    store: &dyn BillingStore,
    provider: Option<&dyn PaymentProvider>,
) -> Result<BillDetails, RefundPaymentError> {
    let mut tx = store.begin().await?;
    let facts = lock_for(&mut *tx, actor, cmd.bill_id, |_| Action::ManageBilling).await?;
    let mut errors = ValidationErrors::new();
    let amount = Money::parse_str(cmd.amount.trim())
        .map_err(|e| errors.push(e.on("amount")))
        .ok();
    let reason = free_text::required("reason", &cmd.reason, ENTRY_REASON_MAX_CHARS)
        .map_err(|e| errors.push(e))
        .ok();
    let (Some(amount), Some(reason)) = (amount, reason) else {
        return Err(RefundPaymentError::Invalid(errors));
    };
    let bill_id = facts.bill.bill_id;
    let payment = tx
        .lock_payment(bill_id, cmd.payment_id)
        .await?
        .ok_or(RefundPaymentError::Refused(RefundRefused::NoSuchPayment))?;
    let accepted =
        apply_refund(&facts.bill, &payment, amount).map_err(RefundPaymentError::Refused)?;
    let provider_reference = match payment.provider_reference {
        Some(charge_reference) => {
            let provider = provider.ok_or(RefundPaymentError::OnlineUnavailable)?;
            let refund = ProviderRefund {
                bill_id,
                charge_reference,
                amount,
            };
            Some(provider.refund(&refund).await?.reference)
        }
        None => None,
    };
    let message = format!(
        "A refund of {} on your bill {} was issued; {} is now owed.",
        amount.for_people(),
        facts.bill.invoice_number,
        accepted.balance.for_people()
    );
    let refund = NewRefund {
        bill_id,
        payment_id: payment.payment_id,
        amount,
        reason,
        refunded_at: clock.now(),
        provider_reference,
        payment_refunded: accepted.payment_refunded,
        amount_paid: accepted.amount_paid,
    };
    let bill = tx
        .record_refund(actor, &refund, notice(&facts, message))
        .await?;
    let entries = tx.entries(bill_id).await?;
    tx.commit().await?;
    Ok(BillDetails { bill, entries })
}
