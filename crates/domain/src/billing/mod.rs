//! Billing: a bill's derived payment status, payments, adjustments and voiding.

pub mod payment;
pub mod status;

pub use payment::{DEFAULT_DUE_DAYS, adjust_amount, apply_payment, default_due_date, void};
pub use status::{PaymentStatus, derive_status};
