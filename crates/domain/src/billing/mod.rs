//! Billing: a bill's derived payment status, payments, adjustments and voiding.

pub mod bill;
pub mod payment;
pub mod status;

pub use bill::{Bill, BillFilter, BillRepository, Payment, PaymentMethod};
pub use payment::{DEFAULT_DUE_DAYS, adjust_amount, apply_payment, default_due_date, void};
pub use status::{PaymentStatus, derive_status};
