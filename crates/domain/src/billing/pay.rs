//! Recording a payment towards a bill: staff for any bill, a patient for their own.

use super::change::{BillChangeError, lock_for, notice};
use super::payment::{PaymentRefused, apply_payment};
use super::ports::{BillingStore, NewPayment};
use super::{BillDetails, PaymentMethod};
use crate::access::{Action, Actor};
use crate::clock::Clock;
use crate::values::Money;

/// A payment as the payer asked for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordPayment {
    /// The bill paid towards.
    pub bill_id: i32,
    /// The amount as the payer wrote it; read only once the actor may pay this bill, so a
    /// refusal never depends on the body.
    pub amount: String,
    /// How it was paid.
    pub method: PaymentMethod,
}

/// Why a payment was not recorded: `Refused` when the bill is void, or the amount is zero or
/// more than the balance.
pub type PayBillError = BillChangeError<PaymentRefused>;

/// Records a payment towards a bill, in one transaction with the bill locked, so concurrent
/// payments never take the total past the amount due. The patient is told what remains.
/// Returns the bill with all its payments.
///
/// # Errors
/// `NotFound`; `Denied` for a doctor, or a patient paying another's bill (hidden); `Invalid`
/// on `amount`; `Refused` by [`apply_payment`]; `Store`.
pub async fn pay_bill(
    actor: &Actor,
    cmd: RecordPayment,
    clock: &dyn Clock,
    store: &dyn BillingStore,
) -> Result<BillDetails, PayBillError> {
    let mut tx = store.begin().await?;
    let facts = lock_for(&mut *tx, actor, cmd.bill_id, Action::PayBill).await?;
    let amount = Money::parse_str(cmd.amount.trim())
        .map_err(|e| PayBillError::Invalid(e.on("amount").into()))?;
    let accepted = apply_payment(&facts.bill, amount).map_err(PayBillError::Refused)?;
    let bill_id = facts.bill.bill_id;
    let message = format!(
        "A payment of {amount} towards your bill #{bill_id} was received; {} remains.",
        accepted.balance
    );
    let payment = NewPayment {
        bill_id,
        amount,
        method: cmd.method,
        paid_at: clock.now(),
        amount_paid: accepted.amount_paid,
    };
    let bill = tx
        .record_payment(actor, &payment, notice(&facts, message))
        .await?;
    let payments = tx.payments(bill_id).await?;
    tx.commit().await?;
    Ok(BillDetails { bill, payments })
}
