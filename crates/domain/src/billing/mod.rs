//! Billing: a bill's derived payment status, payments, refunds, adjustments and voiding.
//!
//! Each operation is a use case in its own file ([`pay`], [`refund`], [`adjust`], [`void`],
//! [`read`], [`issue`]): it
//! loads the bill through [`BillingStore`] (locked, in one transaction, for a change), asks the
//! access policy, decides by the pure rules of [`payment`] and [`status`], and hands the
//! decision with its notification to the store.

pub mod actions;
pub mod adjust;
pub mod bill;
pub mod change;
#[cfg(test)]
pub(crate) mod fake;
pub mod invoice;
pub mod issue;
pub mod pay;
pub mod payment;
pub mod ports;
pub mod provider;
pub mod read;
pub mod refund;
pub mod status;
#[cfg(test)]
mod tests;
pub mod totals;
pub mod void;

pub use actions::{BillAction, allowed_actions};
pub use adjust::{AdjustBill, AdjustBillError, ENTRY_REASON_MAX_CHARS, adjust_bill};
pub use bill::{
    Adjustment, Bill, BillDetails, BillEntries, BillFilter, BillOffice, Payment, PaymentEntry,
    PaymentEntryKind, PaymentMethod, Refund,
};
pub use change::BillChangeError;
pub use invoice::{invoice_number, is_invoice_number};
pub use issue::{
    IssueRefused, IssueVisitBill, IssueVisitBillError, issue_visit_bill, may_bill_visit,
};
pub use pay::{
    PAYMENT_REFERENCE_MAX_CHARS, PAYMENT_TOKEN_MAX_CHARS, PayBillError, RecordPayment, pay_bill,
};
pub use payment::{
    AcceptedPayment, AcceptedRefund, AdjustRefused, DEFAULT_DUE_DAYS, PaymentRefused,
    RefundRefused, VoidRefused, adjust_amount, apply_payment, apply_refund, default_due_date,
    may_void,
};
pub use ports::{
    BillFacts, BillVoiding, BillingStore, BillingTx, NewAdjustment, NewBill, NewPayment, NewRefund,
    VisitToBill,
};
pub use provider::{Charge, PaymentProvider, ProviderError, ProviderReceipt, ProviderRefund};
pub use read::{
    BillList, ListBills, ListBillsError, ReadBillError, list_bills, patient_payments, read_bill,
};
pub use refund::{RefundPayment, RefundPaymentError, refund_payment};
pub use status::{PaymentStatus, derive_status};
pub use totals::BillTotals;
pub use void::{VOID_REASON_MAX_CHARS, VoidBill, VoidBillError, void_bill};
