//! Voiding a bill that holds no money, net of refunds (staff, admins): a bill with payments is
//! refunded first, so voiding never hides money the clinic kept.

use super::Bill;
use super::change::{BillChangeError, lock_for, notice};
use super::payment::{VoidRefused, may_void};
use super::ports::{BillVoiding, BillingStore};
use crate::access::{Action, Actor};
use crate::clock::Clock;
use crate::values::free_text;

/// Most characters of a void reason.
pub const VOID_REASON_MAX_CHARS: usize = 1000;

/// A request to void a bill.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VoidBill {
    /// The bill voided.
    pub bill_id: i32,
    /// Why, as written; read only once the actor may void bills.
    pub reason: String,
}

/// Why a bill was not voided: `Refused` when it is already void or has payments.
pub type VoidBillError = BillChangeError<VoidRefused>;

/// Voids a bill, in one transaction with the bill locked, and tells the patient they owe
/// nothing for it. Returns the bill as it is now.
///
/// # Errors
/// `NotFound`; `Denied` for doctors and patients; `Invalid` on `reason` (blank, too long, or
/// with control characters); `Refused` by [`may_void`]; `Store`.
pub async fn void_bill(
    actor: &Actor,
    cmd: VoidBill,
    clock: &dyn Clock,
    store: &dyn BillingStore,
) -> Result<Bill, VoidBillError> {
    let mut tx = store.begin().await?;
    let facts = lock_for(&mut *tx, actor, cmd.bill_id, |_| Action::ManageBilling).await?;
    let reason = free_text::required("reason", &cmd.reason, VOID_REASON_MAX_CHARS)
        .map_err(|e| VoidBillError::Invalid(e.into()))?;
    may_void(&facts.bill).map_err(VoidBillError::Refused)?;
    let bill_id = facts.bill.bill_id;
    let message = format!(
        "Your bill {} was voided; you owe nothing for it.",
        facts.bill.invoice_number
    );
    let voiding = BillVoiding {
        bill_id,
        reason,
        voided_at: clock.now(),
    };
    let bill = tx.void(actor, &voiding, notice(&facts, message)).await?;
    tx.commit().await?;
    Ok(bill)
}
