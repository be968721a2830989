//! Billing: a bill's derived payment status, payments, refunds, adjustments and voiding.
//!
//! Each operation is a use case in its own file ([`pay`], [`refund`], [`adjust`], [`void`],
//! [`read`]): it
//! loads the bill through [`BillingStore`] (locked, in one transaction, for a change), asks the
//! access policy, decides by the pure rules of [`payment`] and [`status`], and hands the
//! decision with its notification to the store.

pub mod actions;
pub mod adjust;
pub mod bill;
pub mod change;
#[cfg(test)]
pub(crate) mod fake;
pub mod pay;
pub mod payment;
pub mod ports;
pub mod provider;
pub mod read;
pub mod refund;
pub mod status;
#[cfg(test)]
mod tests;
pub mod void;

pub use actions::{BillAction, allowed_actions};
pub use adjust::{AdjustBill, AdjustBillError, ENTRY_REASON_MAX_CHARS, adjust_bill};
pub use bill::{
    Adjustment, Bill, BillDetails, BillEntries, BillFilter, Payment, PaymentMethod, Refund,
};
pub use change::BillChangeError;
pub use pay::{PAYMENT_TOKEN_MAX_CHARS, PayBillError, RecordPayment, pay_bill};
pub use payment::{
    AcceptedPayment, AcceptedRefund, AdjustRefused, DEFAULT_DUE_DAYS, PaymentRefused,
    RefundRefused, VoidRefused, adjust_amount, apply_payment, apply_refund, default_due_date,
    may_void,
};
pub use ports::{
    BillFacts, BillVoiding, BillingStore, BillingTx, NewAdjustment, NewPayment, NewRefund,
};
pub use provider::{Charge, PaymentProvider, ProviderError, ProviderReceipt, ProviderRefund};
pub use read::{ListBills, ListBillsError, ReadBillError, list_bills, read_bill};
pub use refund::{RefundPayment, RefundPaymentError, refund_payment};
pub use status::{PaymentStatus, derive_status};
pub use void::{VOID_REASON_MAX_CHARS, VoidBill, VoidBillError, void_bill};
