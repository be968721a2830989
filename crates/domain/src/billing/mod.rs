//! Billing: a bill's derived payment status, payments, adjustments and voiding.
//!
//! Each operation is a use case in its own file ([`pay`], [`adjust`], [`void`], [`read`]): it
//! loads the bill through [`BillingStore`] (locked, in one transaction, for a change), asks the
//! access policy, decides by the pure rules of [`payment`] and [`status`], and hands the
//! decision with its notification to the store.

pub mod adjust;
pub mod bill;
pub mod change;
#[cfg(test)]
pub(crate) mod fake;
pub mod pay;
pub mod payment;
pub mod ports;
pub mod read;
pub mod status;
#[cfg(test)]
mod tests;
pub mod void;

pub use adjust::{AdjustBill, AdjustBillError, adjust_bill};
pub use bill::{Bill, BillDetails, BillFilter, Payment, PaymentMethod};
pub use change::BillChangeError;
pub use pay::{PayBillError, RecordPayment, pay_bill};
pub use payment::{
    AcceptedPayment, AdjustRefused, DEFAULT_DUE_DAYS, PaymentRefused, VoidRefused, adjust_amount,
    apply_payment, default_due_date, may_void,
};
pub use ports::{BillFacts, BillVoiding, BillingStore, BillingTx, NewPayment};
pub use read::{ListBills, ListBillsError, ReadBillError, list_bills, read_bill};
pub use status::{PaymentStatus, derive_status};
pub use void::{VOID_REASON_MAX_CHARS, VoidBill, VoidBillError, void_bill};
