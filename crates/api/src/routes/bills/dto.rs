//! Bodies and queries of `/bills`.

use chrono::{DateTime, NaiveDate, Utc};
use clinic_domain::billing::{Bill, BillDetails, Payment, PaymentMethod, PaymentStatus};
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

/// How a payment was made.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, ToSchema, PartialEq, Eq, Default)]
#[serde(rename_all = "snake_case")]
pub enum PaymentMethodDto {
    Cash,
    Card,
    Insurance,
    Transfer,
    #[default]
    Other,
}

impl From<PaymentMethodDto> for PaymentMethod {
    fn from(method: PaymentMethodDto) -> Self {
        match method {
            PaymentMethodDto::Cash => Self::Cash,
            PaymentMethodDto::Card => Self::Card,
            PaymentMethodDto::Insurance => Self::Insurance,
            PaymentMethodDto::Transfer => Self::Transfer,
            PaymentMethodDto::Other => Self::Other,
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
        }
    }
}

/// A bill. Amounts are decimal strings with two places.
#[derive(Debug, Serialize, ToSchema)]
pub struct BillResponse {
    pub id: i32,
    pub patient_id: i32,
    #[schema(example = "Alice Smith")]
    pub patient_name: String,
    pub appointment_id: i32,
    #[serde(serialize_with = "utc")]
    pub visit_at: DateTime<Utc>,
    #[schema(example = "Greg House")]
    pub doctor_name: String,
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
    /// The payments, oldest first (only on `GET /bills/{id}` and after a payment).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub payments: Option<Vec<PaymentResponse>>,
}

impl BillResponse {
    /// The bill as seen on `today`.
    #[must_use]
    pub fn of(bill: Bill, today: NaiveDate, payments: Option<Vec<Payment>>) -> Self {
        Self {
            status: bill.status(today).into(),
            balance: bill.balance().to_string(),
            id: bill.bill_id,
            patient_id: bill.patient_id,
            patient_name: bill.patient_name,
            appointment_id: bill.appointment_id,
            visit_at: bill.visit_at,
            doctor_name: bill.doctor_name,
            amount_due: bill.amount_due.to_string(),
            amount_paid: bill.amount_paid.to_string(),
            billing_due: bill.billing_due,
            voided_at: bill.voided_at,
            void_reason: bill.void_reason,
            created_at: bill.created_at,
            updated_at: bill.updated_at,
            payments: payments.map(|p| p.into_iter().map(PaymentResponse::from).collect()),
        }
    }

    /// The bill and its payments as seen on `today`.
    #[must_use]
    pub fn with_payments(details: BillDetails, today: NaiveDate) -> Self {
        Self::of(details.bill, today, Some(details.payments))
    }
}

/// Filters of the bill list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct BillQuery {
    pub patient_id: Option<i32>,
    /// The derived status today (an unpaid bill past its due date is `overdue`).
    pub status: Option<PaymentStatusDto>,
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
}

/// A new amount for a bill that has no payments yet.
#[derive(Debug, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct AdjustBillRequest {
    #[validate(length(min = 1, max = 20))]
    #[schema(example = "150.00", pattern = r"^\d{1,10}(\.\d{1,2})?$")]
    pub amount_due: String,
}

/// Why a bill is voided.
#[derive(Debug, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct VoidBillRequest {
    #[validate(length(min = 1, max = 1000))]
    #[schema(min_length = 1, max_length = 1000, example = "Billed in error")]
    pub reason: String,
}
