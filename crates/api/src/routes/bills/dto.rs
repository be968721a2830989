//! Bodies and queries of `/bills`.

use chrono::{DateTime, NaiveDate, Utc};
use clinic_domain::billing::{
    Adjustment, Bill, BillAction, BillDetails, BillEntries, BillTotals, Payment, PaymentEntry,
    PaymentEntryKind, PaymentMethod, PaymentStatus, Refund,
};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

use crate::routes::common::{utc, utc_opt};

/// A bill's status, derived from its amounts, due date and voiding on the day you ask.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum PaymentStatusDto {
    Unpaid,
    PartiallyPaid,
    Paid,
    Overdue,
    Void,
}

impl From<PaymentStatus> for PaymentStatusDto {
    fn from(status: PaymentStatus) -> Self {
        match status {
            PaymentStatus::Unpaid => Self::Unpaid,
            PaymentStatus::PartiallyPaid => Self::PartiallyPaid,
            PaymentStatus::Paid => Self::Paid,
            PaymentStatus::Overdue => Self::Overdue,
            PaymentStatus::Void => Self::Void,
        }
    }
}

impl From<PaymentStatusDto> for PaymentStatus {
    fn from(status: PaymentStatusDto) -> Self {
        match status {
            PaymentStatusDto::Unpaid => Self::Unpaid,
            PaymentStatusDto::PartiallyPaid => Self::PartiallyPaid,
            PaymentStatusDto::Paid => Self::Paid,
            PaymentStatusDto::Overdue => Self::Overdue,
            PaymentStatusDto::Void => Self::Void,
        }
    }
}

/// How a payment was made. Staff record `cash`, `card_present`, `insurance`, `cheque` (and
/// `card`, `transfer`, `other`); a patient pays only `online`, through the clinic's payment
/// provider, with the provider's `payment_token`.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, ToSchema, PartialEq, Eq, Default)]
#[serde(rename_all = "snake_case")]
pub enum PaymentMethodDto {
    Cash,
    Card,
    Insurance,
    Transfer,
    #[default]
    Other,
    CardPresent,
    Cheque,
    Online,
}

impl From<PaymentMethodDto> for PaymentMethod {
    fn from(method: PaymentMethodDto) -> Self {
        match method {
            PaymentMethodDto::Cash => Self::Cash,
            PaymentMethodDto::Card => Self::Card,
            PaymentMethodDto::Insurance => Self::Insurance,
            PaymentMethodDto::Transfer => Self::Transfer,
            PaymentMethodDto::Other => Self::Other,
            PaymentMethodDto::CardPresent => Self::CardPresent,
            PaymentMethodDto::Cheque => Self::Cheque,
            PaymentMethodDto::Online => Self::Online,
        }
    }
}

impl From<PaymentMethod> for PaymentMethodDto {
    fn from(method: PaymentMethod) -> Self {
        match method {
            PaymentMethod::Cash => Self::Cash,
            PaymentMethod::Card => Self::Card,
            PaymentMethod::Insurance => Self::Insurance,
            PaymentMethod::Transfer => Self::Transfer,
            PaymentMethod::Other => Self::Other,
            PaymentMethod::CardPresent => Self::CardPresent,
            PaymentMethod::Cheque => Self::Cheque,
            PaymentMethod::Online => Self::Online,
        }
    }
}

/// Something the caller may do with a bill now.
#[derive(Debug, Clone, Copy, Serialize, ToSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum BillActionDto {
    /// Record money the clinic received (staff).
    RecordPayment,
    /// Pay online (the patient, where a payment provider is configured).
    PayOnline,
    /// Refund (part of) a payment.
    Refund,
    /// Change the amount due.
    Adjust,
    /// Void the bill.
    Void,
}

impl From<BillAction> for BillActionDto {
    fn from(action: BillAction) -> Self {
        match action {
            BillAction::RecordPayment => Self::RecordPayment,
            BillAction::PayOnline => Self::PayOnline,
            BillAction::Refund => Self::Refund,
            BillAction::Adjust => Self::Adjust,
            BillAction::Void => Self::Void,
        }
    }
}

/// A payment.
#[derive(Debug, Serialize, ToSchema)]
pub struct PaymentResponse {
    pub id: i32,
    pub bill_id: i32,
    /// Decimal string with two places.
    #[schema(value_type = String, example = "50.00")]
    pub amount: String,
    pub method: PaymentMethodDto,
    #[serde(serialize_with = "utc")]
    pub paid_at: DateTime<Utc>,
    pub recorded_by: Option<i32>,
    /// The username of who took it.
    #[schema(example = "frontdesk")]
    pub recorded_by_name: Option<String>,
    /// The desk's reference (a terminal slip, a cheque number).
    #[schema(example = "slip 0042")]
    pub reference: Option<String>,
    /// How much of it was refunded so far.
    #[schema(value_type = String, example = "0.00")]
    pub amount_refunded: String,
    /// The payment provider's reference of an online payment.
    pub provider_reference: Option<String>,
}

impl From<Payment> for PaymentResponse {
    fn from(p: Payment) -> Self {
        Self {
            id: p.payment_id,
            bill_id: p.bill_id,
            amount: p.amount.to_string(),
            method: p.method.into(),
            paid_at: p.paid_at,
            recorded_by: p.recorded_by,
            recorded_by_name: p.recorded_by_name,
            reference: p.reference,
            amount_refunded: p.amount_refunded.to_string(),
            provider_reference: p.provider_reference,
        }
    }
}

/// Money given back on a payment.
#[derive(Debug, Serialize, ToSchema)]
pub struct RefundResponse {
    pub id: i32,
    pub bill_id: i32,
    pub payment_id: i32,
    #[schema(value_type = String, example = "20.00")]
    pub amount: String,
    #[schema(example = "Charged twice")]
    pub reason: String,
    /// The payment provider's reference when the money went back online.
    pub provider_reference: Option<String>,
    #[serde(serialize_with = "utc")]
    pub refunded_at: DateTime<Utc>,
    pub recorded_by: i32,
    /// The username of who gave it back.
    pub recorded_by_name: String,
}

impl From<Refund> for RefundResponse {
    fn from(r: Refund) -> Self {
        Self {
            id: r.refund_id,
            bill_id: r.bill_id,
            payment_id: r.payment_id,
            amount: r.amount.to_string(),
            reason: r.reason,
            provider_reference: r.provider_reference,
            refunded_at: r.refunded_at,
            recorded_by: r.recorded_by,
            recorded_by_name: r.recorded_by_name,
        }
    }
}

/// A change of a bill's amount due.
#[derive(Debug, Serialize, ToSchema)]
pub struct AdjustmentResponse {
    pub id: i32,
    pub bill_id: i32,
    #[schema(value_type = String, example = "120.00")]
    pub amount_due_before: String,
    #[schema(value_type = String, example = "90.00")]
    pub amount_due_after: String,
    #[schema(example = "Follow-up visit rate")]
    pub reason: String,
    #[serde(serialize_with = "utc")]
    pub adjusted_at: DateTime<Utc>,
    pub adjusted_by: i32,
}

impl From<Adjustment> for AdjustmentResponse {
    fn from(a: Adjustment) -> Self {
        Self {
            id: a.adjustment_id,
            bill_id: a.bill_id,
            amount_due_before: a.amount_due_before.to_string(),
            amount_due_after: a.amount_due_after.to_string(),
            reason: a.reason,
            adjusted_at: a.adjusted_at,
            adjusted_by: a.adjusted_by,
        }
    }
}

/// A bill. Amounts are decimal strings with two places.
#[derive(Debug, Serialize, ToSchema)]
pub struct BillResponse {
    pub id: i32,
    /// The bill's human number, unique, assigned when it was issued.
    #[schema(example = "INV-2026-000123", pattern = r"^INV-\d{4}-\d{6,}$")]
    pub invoice_number: String,
    pub patient_id: i32,
    #[schema(example = "Alice Smith")]
    pub patient_name: String,
    pub appointment_id: i32,
    #[serde(serialize_with = "utc")]
    pub visit_at: DateTime<Utc>,
    #[schema(example = "Greg House")]
    pub doctor_name: String,
    /// The office of the visit, as a receipt names it.
    #[schema(example = "Downtown Clinic")]
    pub office_name: String,
    /// The office's address on one line.
    #[schema(example = "1 Main St, Springfield, IL 62701, US")]
    pub office_address: String,
    /// The office's IANA time zone: show the bill's times in it.
    #[schema(example = "America/Chicago")]
    pub office_time_zone: String,
    #[schema(value_type = String, example = "120.00")]
    pub amount_due: String,
    #[schema(value_type = String, example = "50.00")]
    pub amount_paid: String,
    /// What is still owed.
    #[schema(value_type = String, example = "70.00")]
    pub balance: String,
    pub status: PaymentStatusDto,
    pub billing_due: NaiveDate,
    #[serde(serialize_with = "utc_opt")]
    pub voided_at: Option<DateTime<Utc>>,
    pub void_reason: Option<String>,
    #[serde(serialize_with = "utc")]
    pub created_at: DateTime<Utc>,
    #[serde(serialize_with = "utc")]
    pub updated_at: DateTime<Utc>,
    /// What the caller may do with the bill now.
    pub allowed_actions: Vec<BillActionDto>,
    /// The payments, oldest first (only on `GET /bills/{id}` and after a payment or refund).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub payments: Option<Vec<PaymentResponse>>,
    /// The refunds, oldest first (where `payments` is).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub refunds: Option<Vec<RefundResponse>>,
    /// The changes of the amount due, oldest first (where `payments` is).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub adjustments: Option<Vec<AdjustmentResponse>>,
}

impl BillResponse {
    /// The bill as seen on `today`, with what the caller may do with it and, when given, its
    /// entries.
    #[must_use]
    pub fn of(
        bill: Bill,
        today: NaiveDate,
        actions: Vec<BillAction>,
        entries: Option<BillEntries>,
    ) -> Self {
        let (payments, refunds, adjustments) = match entries {
            Some(e) => (Some(e.payments), Some(e.refunds), Some(e.adjustments)),
            None => (None, None, None),
        };
        Self {
            allowed_actions: actions.into_iter().map(Into::into).collect(),
            status: bill.status(today).into(),
            balance: bill.balance().to_string(),
            id: bill.bill_id,
            invoice_number: bill.invoice_number,
            patient_id: bill.patient_id,
            patient_name: bill.patient_name,
            appointment_id: bill.appointment_id,
            visit_at: bill.visit_at,
            doctor_name: bill.doctor_name,
            office_name: bill.office.name,
            office_address: bill.office.address,
            office_time_zone: bill.office.time_zone,
            amount_due: bill.amount_due.to_string(),
            amount_paid: bill.amount_paid.to_string(),
            billing_due: bill.billing_due,
            voided_at: bill.voided_at,
            void_reason: bill.void_reason,
            created_at: bill.created_at,
            updated_at: bill.updated_at,
            payments: payments.map(|p| p.into_iter().map(PaymentResponse::from).collect()),
            refunds: refunds.map(|r| r.into_iter().map(RefundResponse::from).collect()),
            adjustments: adjustments.map(|a| a.into_iter().map(AdjustmentResponse::from).collect()),
        }
    }

    /// The bill and its entries as seen on `today`.
    #[must_use]
    pub fn with_entries(details: BillDetails, today: NaiveDate, actions: Vec<BillAction>) -> Self {
        Self::of(details.bill, today, actions, Some(details.entries))
    }
}

/// Filters of the bill list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct BillQuery {
    pub patient_id: Option<i32>,
    /// The derived status today (an unpaid bill past its due date is `overdue`).
    pub status: Option<PaymentStatusDto>,
    /// Part of the patient's name or of the invoice number, any case (at most 100
    /// characters).
    #[param(max_length = 100, example = "INV-2026")]
    pub q: Option<String>,
    /// Only the bill of this visit.
    pub appointment_id: Option<i32>,
    /// Issued on or after this day (the office's calendar).
    pub issued_from: Option<NaiveDate>,
    /// Issued on or before this day (the office's calendar); not before `issued_from`.
    pub issued_to: Option<NaiveDate>,
}

/// Sums over every bill the filter selects (not only this page). Decimal strings.
#[derive(Debug, Serialize, ToSchema)]
pub struct BillTotalsResponse {
    /// Bills selected.
    pub count: u64,
    /// The amounts due of the bills not void.
    #[schema(value_type = String, example = "480.00")]
    pub billed: String,
    /// Payments received, before refunds.
    #[schema(value_type = String, example = "200.00")]
    pub paid: String,
    /// Refunds given back.
    #[schema(value_type = String, example = "20.00")]
    pub refunded: String,
    /// Still owed on the bills not void: billed - paid + refunded.
    #[schema(value_type = String, example = "300.00")]
    pub outstanding: String,
}

impl From<BillTotals> for BillTotalsResponse {
    fn from(t: BillTotals) -> Self {
        let text = |d: rust_decimal::Decimal| format!("{:.2}", d);
        Self {
            count: t.count,
            billed: text(t.billed),
            paid: text(t.paid),
            refunded: text(t.refunded),
            outstanding: text(t.outstanding),
        }
    }
}

/// One page of bills, and the totals of the whole filtered set.
#[derive(Debug, Serialize, ToSchema)]
pub struct BillListResponse {
    pub items: Vec<BillResponse>,
    /// This page's number, from 1.
    pub page: u32,
    /// The page size asked for.
    pub per_page: u32,
    /// How many bills match, counted up to 10 000 (then 10 001, `total_exact` false).
    pub total: u64,
    /// Whether `total` is exact.
    pub total_exact: bool,
    /// Sums over every bill the filter selects.
    pub totals: BillTotalsResponse,
}

/// Whether a payment history line is money received or given back.
#[derive(Debug, Clone, Copy, Serialize, ToSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum PaymentEntryKindDto {
    Payment,
    Refund,
}

/// One payment or refund on a patient's bills.
#[derive(Debug, Serialize, ToSchema)]
pub struct PaymentHistoryResponse {
    pub kind: PaymentEntryKindDto,
    /// The payment's or the refund's id.
    pub id: i32,
    /// The payment (for a refund, the one it gave back on).
    pub payment_id: i32,
    pub bill_id: i32,
    #[schema(example = "INV-2026-000123")]
    pub invoice_number: String,
    #[serde(serialize_with = "utc")]
    pub at: DateTime<Utc>,
    #[schema(value_type = String, example = "50.00")]
    pub amount: String,
    /// How the money moved (a refund goes back the way its payment came).
    pub method: PaymentMethodDto,
    /// Who took or gave back the money.
    pub recorded_by_name: Option<String>,
    /// The desk's or the payment provider's reference.
    pub reference: Option<String>,
    /// Why, for a refund.
    pub reason: Option<String>,
}

impl From<PaymentEntry> for PaymentHistoryResponse {
    fn from(e: PaymentEntry) -> Self {
        Self {
            kind: match e.kind {
                PaymentEntryKind::Payment => PaymentEntryKindDto::Payment,
                PaymentEntryKind::Refund => PaymentEntryKindDto::Refund,
            },
            id: e.entry_id,
            payment_id: e.payment_id,
            bill_id: e.bill_id,
            invoice_number: e.invoice_number,
            at: e.at,
            amount: e.amount.to_string(),
            method: e.method.into(),
            recorded_by_name: e.recorded_by_name,
            reference: e.reference,
            reason: e.reason,
        }
    }
}

/// The bill of a visit the desk checks out.
#[derive(Debug, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct IssueBillRequest {
    /// The amount due; left out, the visit's standard fee (its specialty's consultation fee).
    #[validate(length(min = 1, max = 20))]
    #[schema(example = "120.00", pattern = r"^\d{1,10}(\.\d{1,2})?$")]
    pub amount_due: Option<String>,
}

/// A payment towards a bill.
#[derive(Debug, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct PaymentRequest {
    /// A positive decimal string with at most two places, not above the balance.
    #[validate(length(min = 1, max = 20))]
    #[schema(example = "50.00", pattern = r"^\d{1,10}(\.\d{1,2})?$")]
    pub amount: String,
    #[serde(default)]
    pub method: PaymentMethodDto,
    /// For `online`: the one-time token the payment provider's form gave the payer.
    #[validate(length(min = 1, max = 200))]
    #[schema(example = "tok_visa", min_length = 1, max_length = 200)]
    pub payment_token: Option<String>,
    /// The desk's reference for money it received (a card terminal's slip, a cheque number):
    /// one line, at most 100 characters.
    #[validate(length(min = 1, max = 100))]
    #[schema(example = "slip 0042", min_length = 1, max_length = 100)]
    pub reference: Option<String>,
}

/// A new amount for a bill, at any time before it is void, not below what is paid.
#[derive(Debug, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct AdjustBillRequest {
    #[validate(length(min = 1, max = 20))]
    #[schema(example = "150.00", pattern = r"^\d{1,10}(\.\d{1,2})?$")]
    pub amount_due: String,
    /// Why the amount changes; kept with the adjustment.
    #[validate(length(min = 1, max = 1000))]
    #[schema(min_length = 1, max_length = 1000, example = "Follow-up visit rate")]
    pub reason: String,
}

/// A refund of (part of) one payment of the bill.
#[derive(Debug, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct RefundRequest {
    /// The payment refunded; one of this bill's.
    pub payment_id: i32,
    /// A positive decimal string, not above what is left of the payment.
    #[validate(length(min = 1, max = 20))]
    #[schema(example = "20.00", pattern = r"^\d{1,10}(\.\d{1,2})?$")]
    pub amount: String,
    /// Why; kept with the refund.
    #[validate(length(min = 1, max = 1000))]
    #[schema(min_length = 1, max_length = 1000, example = "Charged twice")]
    pub reason: String,
}

/// Why a bill is voided.
#[derive(Debug, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct VoidBillRequest {
    #[validate(length(min = 1, max = 1000))]
    #[schema(min_length = 1, max_length = 1000, example = "Billed in error")]
    pub reason: String,
}
