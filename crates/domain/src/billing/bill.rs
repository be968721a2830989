//! Bills and payments as the use cases see them.

use chrono::{DateTime, NaiveDate, Utc};

use super::{PaymentStatus, derive_status};
use crate::string_enum::string_enum;
use crate::values::Money;

string_enum! {
    /// How a payment was made. Every method but [`PaymentMethod::Online`] is money the clinic
    /// received in person or from a third party, so only staff record it (see
    /// [`may_record_payment`](crate::access::may_record_payment)); `Online` is a charge a
    /// [`PaymentProvider`](super::PaymentProvider) made with the payer's own token.
    pub enum PaymentMethod (kind = "payment method") {
        /// Cash at the desk.
        Cash = "cash",
        /// A card, as recorded before card-present and online were told apart (kept valid for
        /// stored payments; staff-recorded).
        Card = "card",
        /// Paid by the patient's insurer.
        Insurance = "insurance",
        /// A bank transfer the clinic received.
        Transfer = "transfer",
        /// Anything else staff received.
        Other = "other",
        /// A card presented at the desk's terminal.
        CardPresent = "card_present",
        /// A cheque the clinic received.
        Cheque = "cheque",
        /// Charged online through the configured payment provider, by the patient.
        Online = "online",
    }
}

impl PaymentMethod {
    /// Whether money moves through the payment provider (the only method a patient uses);
    /// every other method is a record of money staff received.
    #[must_use]
    pub fn is_online(self) -> bool {
        self == Self::Online
    }
}

/// A bill, one per completed appointment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bill {
    pub bill_id: i32,
    /// The human number of the bill (`INV-2026-000123`), unique, assigned when it is issued.
    pub invoice_number: String,
    pub patient_id: i32,
    pub patient_name: String,
    pub appointment_id: i32,
    pub visit_at: DateTime<Utc>,
    pub doctor_name: String,
    /// Where the visit was: the office's name, its address on one line, and its IANA time
    /// zone (receipts and statements show dates in it).
    pub office: BillOffice,
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

/// The office a bill's visit was at, as a receipt names it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct BillOffice {
    pub name: String,
    /// The address on one line (`12 Main St, Springfield, IL 62701, US`).
    pub address: String,
    /// IANA time zone.
    pub time_zone: String,
}

/// A payment towards a bill. What the bill counts as paid is `amount - amount_refunded`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Payment {
    pub payment_id: i32,
    pub bill_id: i32,
    pub amount: Money,
    pub method: PaymentMethod,
    pub paid_at: DateTime<Utc>,
    pub recorded_by: Option<i32>,
    /// The name of who recorded it (`None` when no one is on record).
    pub recorded_by_name: Option<String>,
    /// The desk's reference (a terminal slip, a cheque number), when given.
    pub reference: Option<String>,
    /// How much of it was refunded so far (the sum of its [`Refund`]s).
    pub amount_refunded: Money,
    /// The payment provider's reference of an online charge; `None` for any other method.
    pub provider_reference: Option<String>,
}

impl Payment {
    /// What may still be refunded of this payment.
    #[must_use]
    pub fn refundable(&self) -> Money {
        // The store keeps `amount_refunded <= amount` (a CHECK), so this never saturates.
        self.amount
            .checked_sub(self.amount_refunded)
            .unwrap_or(Money::ZERO)
    }
}

/// Money given back on a payment: an entry of its own, so the payment stays as it was
/// received and the bill's `amount_paid` is the payments net of their refunds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refund {
    pub refund_id: i32,
    pub bill_id: i32,
    /// The payment refunded (on the same bill).
    pub payment_id: i32,
    pub amount: Money,
    /// Why, in the biller's words.
    pub reason: String,
    /// The payment provider's reference when the money went back online.
    pub provider_reference: Option<String>,
    pub refunded_at: DateTime<Utc>,
    pub recorded_by: i32,
    /// The name of who gave it back.
    pub recorded_by_name: String,
}

/// A change of a bill's amount due, kept as an entry so every amount the bill ever asked for
/// is on record with who changed it and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Adjustment {
    pub adjustment_id: i32,
    pub bill_id: i32,
    pub amount_due_before: Money,
    pub amount_due_after: Money,
    pub reason: String,
    pub adjusted_at: DateTime<Utc>,
    pub adjusted_by: i32,
}

/// Everything recorded against a bill, each list oldest first.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct BillEntries {
    pub payments: Vec<Payment>,
    pub refunds: Vec<Refund>,
    pub adjustments: Vec<Adjustment>,
}

/// Filters of the bill list. `status` is the derived status on `today`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BillFilter {
    pub patient_id: Option<i32>,
    pub status: Option<PaymentStatus>,
    /// Only bills still owed on `today`: unpaid, partially paid or overdue.
    pub owing: bool,
    pub today: NaiveDate,
    /// Part of the patient's name (any case), or of the invoice number.
    pub search: Option<String>,
    /// Only the bill of this visit.
    pub appointment_id: Option<i32>,
    /// Issued on or after this day, in the office's zone.
    pub issued_from: Option<NaiveDate>,
    /// Issued on or before this day, in the office's zone.
    pub issued_to: Option<NaiveDate>,
}

/// Whether a payment history line is money received or money given back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PaymentEntryKind {
    /// A payment.
    Payment,
    /// A refund of (part of) a payment.
    Refund,
}

/// One line of a patient's payment history: a payment or a refund, with its bill.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaymentEntry {
    pub kind: PaymentEntryKind,
    /// The payment's or the refund's id.
    pub entry_id: i32,
    /// For a refund, the payment it gave back on; for a payment, its own id.
    pub payment_id: i32,
    pub bill_id: i32,
    pub invoice_number: String,
    pub at: DateTime<Utc>,
    pub amount: Money,
    /// How the money moved (a refund goes back the way its payment came).
    pub method: PaymentMethod,
    /// Who took or gave back the money.
    pub recorded_by_name: Option<String>,
    /// The desk's or the provider's reference.
    pub reference: Option<String>,
    /// Why, for a refund.
    pub reason: Option<String>,
}

/// A bill with its payments, refunds and adjustments, as one bill is shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BillDetails {
    pub bill: Bill,
    pub entries: BillEntries,
}
