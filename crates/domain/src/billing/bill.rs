//! Bills and payments as the use cases see them.

use chrono::{DateTime, NaiveDate, Utc};

use super::{PaymentStatus, derive_status};
use crate::string_enum::string_enum;
use crate::values::Money;

string_enum! {
    /// How a payment was made.
    pub enum PaymentMethod (kind = "payment method") {
        Cash = "cash",
        Card = "card",
        Insurance = "insurance",
        Transfer = "transfer",
        Other = "other",
    }
}

/// A bill, one per completed appointment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bill {
    pub bill_id: i32,
    pub patient_id: i32,
    pub patient_name: String,
    pub appointment_id: i32,
    pub visit_at: DateTime<Utc>,
    pub doctor_name: String,
    pub amount_due: Money,
    pub amount_paid: Money,
    pub billing_due: NaiveDate,
    pub voided_at: Option<DateTime<Utc>>,
    pub void_reason: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Bill {
    /// The bill's status on `today`, by the one rule that decides it.
    #[must_use]
    pub fn status(&self, today: NaiveDate) -> PaymentStatus {
        derive_status(
            self.amount_due,
            self.amount_paid,
            self.billing_due,
            self.voided_at.is_some(),
            today,
        )
    }

    /// What is still owed (zero for a void bill).
    #[must_use]
    pub fn balance(&self) -> Money {
        if self.voided_at.is_some() {
            return Money::ZERO;
        }
        self.amount_due
            .checked_sub(self.amount_paid)
            .unwrap_or(Money::ZERO)
    }
}

/// A payment towards a bill.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Payment {
    pub payment_id: i32,
    pub bill_id: i32,
    pub amount: Money,
    pub method: PaymentMethod,
    pub paid_at: DateTime<Utc>,
    pub recorded_by: Option<i32>,
}

/// Filters of the bill list. `status` is the derived status on `today`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BillFilter {
    pub patient_id: Option<i32>,
    pub status: Option<PaymentStatus>,
    pub today: NaiveDate,
}

/// A bill with its payments, oldest first, as one bill is shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BillDetails {
    pub bill: Bill,
    pub payments: Vec<Payment>,
}
