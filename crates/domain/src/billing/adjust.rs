//! Changing the amount a bill asks for (staff, admins), at any time before it is void and
//! never below what is paid; each change is kept as an entry with its reason.

use super::Bill;
use super::change::{BillChangeError, lock_for, notice};
use super::payment::{AdjustRefused, adjust_amount};
use super::ports::{BillingStore, NewAdjustment};
use crate::access::{Action, Actor};
use crate::clock::Clock;
use crate::error::ValidationErrors;
use crate::values::{Money, free_text};

/// Most characters of the reason of an adjustment or a refund.
pub const ENTRY_REASON_MAX_CHARS: usize = 1000;

/// A new amount for a bill, as the biller wrote it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AdjustBill {
    /// The bill changed.
    pub bill_id: i32,
    /// The new amount due as written; read only once the actor may adjust bills.
    pub amount_due: String,
    /// Why, as written.
    pub reason: String,
}

/// Why a bill kept its amount: `Refused` when it is void or the amount is below what is paid.
pub type AdjustBillError = BillChangeError<AdjustRefused>;

/// Changes the amount due of a bill, in one transaction with the bill locked (so a payment or
/// refund racing it sees the new amount or the old, never half), records the adjustment, and
/// tells the patient the new amount. Returns the bill as it is now.
///
/// # Errors
/// `NotFound`; `Denied` for doctors and patients; `Invalid` on `amount_due` or `reason`;
/// `Refused` by [`adjust_amount`]; `Store`.
pub async fn adjust_bill(
    actor: &Actor,
    cmd: AdjustBill,
    clock: &dyn Clock,
    store: &dyn BillingStore,
) -> Result<Bill, AdjustBillError> {
    let mut tx = store.begin().await?;
    let facts = lock_for(&mut *tx, actor, cmd.bill_id, |_| Action::ManageBilling).await?;
    let mut errors = ValidationErrors::new();
    let amount_due = Money::parse_str(cmd.amount_due.trim())
        .map_err(|e| errors.push(e.on("amount_due")))
        .ok();
    let reason = free_text::required("reason", &cmd.reason, ENTRY_REASON_MAX_CHARS)
        .map_err(|e| errors.push(e))
        .ok();
    let (Some(amount_due), Some(reason)) = (amount_due, reason) else {
        return Err(AdjustBillError::Invalid(errors));
    };
    adjust_amount(&facts.bill, amount_due).map_err(AdjustBillError::Refused)?;
    let bill_id = facts.bill.bill_id;
    let message = format!(
        "Your bill {} was changed to {}.",
        facts.bill.invoice_number,
        amount_due.for_people()
    );
    let adjustment = NewAdjustment {
        bill_id,
        amount_due_before: facts.bill.amount_due,
        amount_due_after: amount_due,
        reason,
        adjusted_at: clock.now(),
    };
    let bill = tx
        .adjust(actor, &adjustment, notice(&facts, message))
        .await?;
    tx.commit().await?;
    Ok(bill)
}
