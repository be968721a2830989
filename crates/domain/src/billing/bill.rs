//! Bills and payments as the use cases see them, and the port that stores them.

use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};

use super::{PaymentStatus, derive_status};
use crate::access::Actor;
use crate::pagination::{Page, PageRequest};
use crate::store::StoreResult;
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

/// Stores bills. Every write locks the bill, commits with its audit rows and notifications.
#[async_trait]
pub trait BillRepository: Send + Sync {
    /// One page of bills, newest first.
    ///
    /// # Errors
    /// `Unavailable` / `Unexpected` only.
    async fn list(&self, filter: &BillFilter, page: PageRequest) -> StoreResult<Page<Bill>>;

    /// One bill.
    ///
    /// # Errors
    /// `NotFound { entity: "bill" }`.
    async fn get(&self, bill_id: i32) -> StoreResult<Bill>;

    /// The payments of a bill, oldest first.
    ///
    /// # Errors
    /// `Unavailable` / `Unexpected` only.
    async fn payments(&self, bill_id: i32) -> StoreResult<Vec<Payment>>;

    /// Records a payment; concurrent payments are serialised on the bill so the total never
    /// passes the amount due.
    ///
    /// # Errors
    /// `NotFound`, `Validation { amount }` past the balance, `Conflict { bill_void }`.
    async fn pay(
        &self,
        actor: &Actor,
        bill_id: i32,
        amount: Money,
        method: PaymentMethod,
        today: NaiveDate,
    ) -> StoreResult<(Bill, Payment)>;

    /// Changes the amount of a bill that has no payments yet.
    ///
    /// # Errors
    /// `NotFound`, `Conflict { bill_has_payments | bill_void }`.
    async fn adjust(
        &self,
        actor: &Actor,
        bill_id: i32,
        amount_due: Money,
        today: NaiveDate,
    ) -> StoreResult<Bill>;

    /// Voids a bill that has no payments.
    ///
    /// # Errors
    /// `NotFound`, `Conflict { bill_has_payments | bill_void }`.
    async fn void(&self, actor: &Actor, bill_id: i32, reason: String) -> StoreResult<Bill>;
}
