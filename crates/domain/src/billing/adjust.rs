//! Changing the amount of a bill that has no payments yet (staff, admins).

use super::Bill;
use super::change::{BillChangeError, lock_for, notice};
use super::payment::{AdjustRefused, adjust_amount};
use super::ports::BillingStore;
use crate::access::{Action, Actor};
use crate::values::Money;

/// A new amount for a bill, as the biller wrote it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AdjustBill {
    /// The bill changed.
    pub bill_id: i32,
    /// The new amount due as written; read only once the actor may adjust bills.
    pub amount_due: String,
}

/// Why a bill kept its amount: `Refused` when it is void or has payments.
pub type AdjustBillError = BillChangeError<AdjustRefused>;

/// Changes the amount due of a bill, in one transaction with the bill locked, and tells the
/// patient the new amount. Returns the bill as it is now.
///
/// # Errors
/// `NotFound`; `Denied` for doctors and patients; `Invalid` on `amount_due`; `Refused` by
/// [`adjust_amount`]; `Store`.
pub async fn adjust_bill(
    actor: &Actor,
    cmd: AdjustBill,
    store: &dyn BillingStore,
) -> Result<Bill, AdjustBillError> {
    let mut tx = store.begin().await?;
    let facts = lock_for(&mut *tx, actor, cmd.bill_id, |_| Action::ManageBilling).await?;
    let amount_due = Money::parse_str(cmd.amount_due.trim())
        .map_err(|e| AdjustBillError::Invalid(e.on("amount_due").into()))?;
    adjust_amount(&facts.bill).map_err(AdjustBillError::Refused)?;
    let bill_id = facts.bill.bill_id;
    let message = format!("Your bill #{bill_id} was changed to {amount_due}.");
    let bill = tx
        .set_amount_due(actor, bill_id, amount_due, notice(&facts, message))
        .await?;
    tx.commit().await?;
    Ok(bill)
}
