//! The ports of billing: what the use cases ask of the store that keeps bills and their
//! entries (payments, refunds, adjustments). The online payment provider is a port of its own,
//! [`PaymentProvider`](super::PaymentProvider).

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::{Bill, BillEntries, BillFilter, BillTotals, Payment, PaymentEntry, PaymentMethod};
use crate::access::{Actor, PatientFacts};
use crate::notification::NotificationDraft;
use crate::pagination::{Page, PageRequest};
use crate::scheduling::AppointmentStatus;
use crate::store::StoreResult;
use crate::values::Money;

/// A bill and what the access policy and the notifications need to know about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BillFacts {
    /// The bill as it is.
    pub bill: Bill,
    /// `users.user_id` of the bill's patient, who is told about every change.
    pub patient_user_id: i32,
    /// Whether the acting doctor [`treats`](crate::access::treats) the bill's patient.
    pub treated_by_actor: bool,
}

impl BillFacts {
    /// The facts the access policy decides on.
    #[must_use]
    pub fn patient(&self) -> PatientFacts {
        PatientFacts {
            patient_id: self.bill.patient_id,
            treated_by_actor: self.treated_by_actor,
        }
    }
}

/// A payment the bill accepted, as the store records it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewPayment {
    /// The bill paid towards.
    pub bill_id: i32,
    /// The amount paid now.
    pub amount: Money,
    /// How it was paid.
    pub method: PaymentMethod,
    /// When it was received.
    pub paid_at: DateTime<Utc>,
    /// The bill's new total paid, as the rule computed it.
    pub amount_paid: Money,
    /// The payment provider's reference of an online charge (`Some` exactly when `method` is
    /// online).
    pub provider_reference: Option<String>,
    /// The desk's reference (a terminal slip, a cheque number).
    pub reference: Option<String>,
}

/// A visit as billing it needs: who, in what status, what its specialty charges, and whether
/// it has a bill already.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VisitToBill {
    pub appointment_id: i32,
    pub patient_id: i32,
    /// `users.user_id` of the patient, told about the bill.
    pub patient_user_id: i32,
    pub status: AppointmentStatus,
    /// The consultation fee of the doctor's specialty.
    pub visit_fee: Money,
    pub doctor_name: String,
    /// The visit's bill, when it has one.
    pub bill_id: Option<i32>,
}

/// A bill the desk issues for a visit, as the store records it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewBill {
    pub appointment_id: i32,
    pub patient_id: i32,
    pub amount_due: Money,
    pub billing_due: chrono::NaiveDate,
}

/// A refund the bill accepted, as the store records it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewRefund {
    /// The bill refunded on.
    pub bill_id: i32,
    /// The payment refunded.
    pub payment_id: i32,
    /// The amount refunded now.
    pub amount: Money,
    /// Why.
    pub reason: String,
    /// When.
    pub refunded_at: DateTime<Utc>,
    /// The provider's reference when the money went back online.
    pub provider_reference: Option<String>,
    /// The payment's new total refunded, as the rule computed it.
    pub payment_refunded: Money,
    /// The bill's new total paid, net of refunds, as the rule computed it.
    pub amount_paid: Money,
}

/// A change of a bill's amount due, as the store records it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAdjustment {
    /// The bill changed.
    pub bill_id: i32,
    /// The amount due before.
    pub amount_due_before: Money,
    /// The new amount due.
    pub amount_due_after: Money,
    /// Why.
    pub reason: String,
    /// When.
    pub adjusted_at: DateTime<Utc>,
}

/// A decision to void a bill.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BillVoiding {
    /// The bill voided.
    pub bill_id: i32,
    /// Why, in the biller's words.
    pub reason: String,
    /// When.
    pub voided_at: DateTime<Utc>,
}

/// Stores bills and payments.
#[async_trait]
pub trait BillingStore: Send + Sync {
    /// Begins the transaction of one change to a bill; dropping it without
    /// [`BillingTx::commit`] rolls everything back.
    ///
    /// # Errors
    /// `Unavailable` / `Unexpected` only.
    async fn begin(&self) -> StoreResult<Box<dyn BillingTx + '_>>;

    /// One bill and its facts as `actor` sees them, or `None` when there is no such bill.
    ///
    /// # Errors
    /// `Unavailable` / `Unexpected` only.
    async fn bill(&self, actor: &Actor, bill_id: i32) -> StoreResult<Option<BillFacts>>;

    /// The payments, refunds and adjustments of a bill, oldest first.
    ///
    /// # Errors
    /// `Unavailable` / `Unexpected` only.
    async fn entries(&self, bill_id: i32) -> StoreResult<BillEntries>;

    /// How `actor` relates to patient `patient_id`, or `None` when there is no such patient.
    ///
    /// # Errors
    /// `Unavailable` / `Unexpected` only.
    async fn patient_facts(
        &self,
        actor: &Actor,
        patient_id: i32,
    ) -> StoreResult<Option<PatientFacts>>;

    /// One page of the bills `filter` selects, newest first.
    ///
    /// # Errors
    /// `Unavailable` / `Unexpected` only.
    async fn list(&self, filter: &BillFilter, page: PageRequest) -> StoreResult<Page<Bill>>;

    /// The totals of every bill `filter` selects (not only one page), by the rule of
    /// [`BillTotals::of`].
    ///
    /// # Errors
    /// `Unavailable` / `Unexpected` only.
    async fn totals(&self, filter: &BillFilter) -> StoreResult<BillTotals>;

    /// One page of the payments and refunds on patient `patient_id`'s bills, newest first.
    ///
    /// # Errors
    /// `Unavailable` / `Unexpected` only.
    async fn payment_history(
        &self,
        patient_id: i32,
        page: PageRequest,
    ) -> StoreResult<Page<PaymentEntry>>;
}

/// One change to a bill, in one transaction: the bill is locked when it is read, and every
/// write lands with its audit rows and notifications at [`BillingTx::commit`], or not at all.
#[async_trait]
pub trait BillingTx: Send {
    /// Locks the bill (`FOR NO KEY UPDATE`, so concurrent changes to it run one at a time)
    /// and returns it with its facts as `actor` sees them; `None` when there is no such bill.
    ///
    /// # Errors
    /// `Unavailable` / `Unexpected` only.
    async fn lock_bill(&mut self, actor: &Actor, bill_id: i32) -> StoreResult<Option<BillFacts>>;

    /// Records `payment` by `actor`, sets the bill's total paid, queues `notice`, and returns
    /// the bill as it is now.
    ///
    /// # Errors
    /// `Domain(Validation)` when the database refuses the total (`bills_not_overpaid`), else
    /// `Unavailable` / `Unexpected`.
    async fn record_payment(
        &mut self,
        actor: &Actor,
        payment: &NewPayment,
        notice: NotificationDraft,
    ) -> StoreResult<Bill>;

    /// Records `adjustment` by `actor`, sets the bill's amount due to its new amount, queues
    /// `notice`, and returns the bill as it is now.
    ///
    /// # Errors
    /// `Domain(Validation)` when the database refuses the amount (`bills_not_overpaid`), else
    /// `Unavailable` / `Unexpected`.
    async fn adjust(
        &mut self,
        actor: &Actor,
        adjustment: &NewAdjustment,
        notice: NotificationDraft,
    ) -> StoreResult<Bill>;

    /// Locks payment `payment_id` of bill `bill_id` (the bill is locked already) and returns
    /// it; `None` when the bill has no such payment.
    ///
    /// # Errors
    /// `Unavailable` / `Unexpected` only.
    async fn lock_payment(&mut self, bill_id: i32, payment_id: i32)
    -> StoreResult<Option<Payment>>;

    /// Records `refund` by `actor`, sets the payment's total refunded and the bill's total
    /// paid, queues `notice`, and returns the bill as it is now.
    ///
    /// # Errors
    /// `Domain(Validation)` when the database refuses a total (`payments_not_over_refunded`),
    /// else `Unavailable` / `Unexpected`.
    async fn record_refund(
        &mut self,
        actor: &Actor,
        refund: &NewRefund,
        notice: NotificationDraft,
    ) -> StoreResult<Bill>;

    /// Voids the bill, queues `notice`, and returns the bill as it is now.
    ///
    /// # Errors
    /// `Unavailable` / `Unexpected` only.
    async fn void(
        &mut self,
        actor: &Actor,
        voiding: &BillVoiding,
        notice: NotificationDraft,
    ) -> StoreResult<Bill>;

    /// The payments, refunds and adjustments of a bill, oldest first, as this transaction
    /// sees them.
    ///
    /// # Errors
    /// `Unavailable` / `Unexpected` only.
    async fn entries(&mut self, bill_id: i32) -> StoreResult<BillEntries>;

    /// Locks appointment `appointment_id` (`FOR NO KEY UPDATE`, as completing it does, so the
    /// desk's bill and the doctor's completion run one at a time) and returns it as billing
    /// sees it; `None` when there is no such appointment.
    ///
    /// # Errors
    /// `Unavailable` / `Unexpected` only.
    async fn lock_visit(&mut self, appointment_id: i32) -> StoreResult<Option<VisitToBill>>;

    /// Issues `bill` by `actor` (its invoice number assigned by the insert), queues the
    /// notification `notice` words for the bill as issued, and returns the bill.
    ///
    /// # Errors
    /// `Domain(Conflict(BillExists))` when the visit has a bill already
    /// (`bills_appointment_id_key`), else `Unavailable` / `Unexpected`.
    async fn issue_bill(
        &mut self,
        actor: &Actor,
        bill: &NewBill,
        notice: &(dyn for<'b> Fn(&'b Bill) -> NotificationDraft + Sync),
    ) -> StoreResult<Bill>;

    /// Writes the audit rows and notifications of the changes, and commits.
    ///
    /// # Errors
    /// `Unavailable` / `Unexpected` only.
    async fn commit(self: Box<Self>) -> StoreResult<()>;
}
