//! Invoice: a bill for a visit, with its payment state. Staff and admins read every bill, a
//! patient their own (another's is hidden: 404), doctors none (403).
//!
//! | FHIR | ours |
//! | --- | --- |
//! | `id` | `bills.bill_id` |
//! | `identifier` (`urn:clinic:invoice`) | the invoice number `INV-YYYY-NNNNNN` |
//! | `status` | the bill's status today, see [`status_code`] |
//! | `cancelledReason` | the void reason |
//! | `subject` | `Patient/{patient_id}` |
//! | `date` | when the bill was issued (`created_at`) |
//! | `participant` | the visit's doctor (by name) |
//! | `issuer` | `Organization/clinic` |
//! | `lineItem` | one line, the visit (date, doctor, office), priced at the amount due (`priceComponent` `base`) |
//! | `totalNet`, `totalGross` | the amount due (no taxes or discounts are kept apart) |
//! | extensions [`PAYMENT_STATUS`], [`AMOUNT_PAID`], [`BALANCE`] | our status (unpaid, partially_paid, paid, overdue, void), the amount paid net of refunds, what is still owed |
//! | `paymentTerms` | "Due {billing_due}" |
//!
//! Money is in USD (the clinic's only currency).
//!
//! Status: unpaid, partially_paid, overdue → `issued`; paid → `balanced`; void → `cancelled`.
//! `draft` and `entered-in-error` are never used (a bill is issued when it is created).

use clinic_domain::billing::{self, Bill, ListBills, PaymentStatus};
use clinic_domain::values::Money;
use serde_json::{Value, json};

use super::coverage::required_patient;
use crate::error::{ApiError, ApiResult};
use crate::fhir::bundle::Found;
use crate::fhir::search::Search;
use crate::fhir::{Fhir, prune};

/// The identifier system of invoice numbers.
pub const INVOICE_SYSTEM: &str = "urn:clinic:invoice";
/// Our payment status of the bill today (a code of ours).
pub const PAYMENT_STATUS: &str = "urn:clinic:fhir:StructureDefinition:invoice-payment-status";
/// What was paid, net of refunds.
pub const AMOUNT_PAID: &str = "urn:clinic:fhir:StructureDefinition:invoice-amount-paid";
/// What is still owed (zero once paid or void).
pub const BALANCE: &str = "urn:clinic:fhir:StructureDefinition:invoice-balance";
/// The clinic's currency.
pub const CURRENCY: &str = "USD";

/// Our status as FHIR's `InvoiceStatus`.
pub fn status_code(status: PaymentStatus) -> &'static str {
    match status {
        PaymentStatus::Unpaid | PaymentStatus::PartiallyPaid | PaymentStatus::Overdue => "issued",
        PaymentStatus::Paid => "balanced",
        PaymentStatus::Void => "cancelled",
    }
}

/// FHIR Money of an amount of ours.
fn money(amount: Money) -> Value {
    // The decimal's own text (`120.00`) read as a JSON number: Money always writes digits,
    // so this cannot fail; a zero in its place would misstate a bill.
    let number: serde_json::Number = amount
        .to_string()
        .parse()
        .expect("Money writes a decimal number");
    json!({"value": number, "currency": CURRENCY})
}

/// `GET /fhir/R4/Invoice/{id}`.
pub async fn read(fhir: &Fhir<'_>, id: i32) -> ApiResult<Value> {
    let details = billing::read_bill(fhir.actor, id, &*fhir.state.bills).await?;
    Ok(to_fhir(&details.bill, fhir.state.clock.today()))
}

/// What a `status` search asks of the list: `(status, owing)`; `None` when nothing matches.
fn status_filter(code: &str) -> Option<(Option<PaymentStatus>, bool)> {
    let code = code
        .strip_prefix("http://hl7.org/fhir/invoice-status|")
        .unwrap_or(code);
    match code {
        "issued" => Some((None, true)),
        "balanced" => Some((Some(PaymentStatus::Paid), false)),
        "cancelled" => Some((Some(PaymentStatus::Void), false)),
        _ => None,
    }
}

/// `GET /fhir/R4/Invoice?…`: `patient` is required.
pub async fn search(fhir: &Fhir<'_>, search: &Search) -> ApiResult<Found> {
    let Ok(Some(patient_id)) = required_patient(search)?.filter() else {
        return Ok(Found::none());
    };
    let Ok(by_id) = search.id()?.filter() else {
        return Ok(Found::none());
    };
    let (status, owing) = match search.single("status")? {
        None => (None, false),
        Some(code) => match status_filter(code) {
            Some(wanted) => wanted,
            None => return Ok(Found::none()),
        },
    };
    let dates = search.dates("date")?;
    if dates.is_empty() {
        return Ok(Found::none());
    }
    let (issued_from, before) = dates.days();
    let issued_to = before.and_then(|d| d.pred_opt());
    if let (Some(from), Some(to)) = (issued_from, issued_to)
        && to < from
    {
        return Ok(Found::none());
    }
    let state = fhir.state;
    let today = state.clock.today();
    if let Some(id) = by_id {
        return one_bill(fhir, search, id, patient_id, |bill| {
            let day = bill.created_at.date_naive();
            status.is_none_or(|s| bill.status(today) == s)
                && (!owing || bill.status(today).is_owing())
                && issued_from.is_none_or(|from| day >= from)
                && issued_to.is_none_or(|to| day <= to)
        })
        .await;
    }
    let query = ListBills {
        patient_id: Some(patient_id),
        status,
        owing,
        issued_from,
        issued_to,
        page: Some(search.page),
        per_page: Some(search.count),
        ..ListBills::default()
    };
    let list = billing::list_bills(fhir.actor, query, &*state.clock, &*state.bills).await?;
    Ok(Found {
        total: list.page.total,
        matches: list.page.items.iter().map(|b| to_fhir(b, today)).collect(),
        included: Vec::new(),
    })
}

/// The search by `_id`: the bill, if it is the patient's and `keep` holds.
async fn one_bill(
    fhir: &Fhir<'_>,
    search: &Search,
    id: i32,
    patient_id: i32,
    keep: impl Fn(&Bill) -> bool,
) -> ApiResult<Found> {
    let bill = match billing::read_bill(fhir.actor, id, &*fhir.state.bills).await {
        Ok(details) => details.bill,
        Err(e) => match ApiError::from(e) {
            ApiError::NotFound { .. } => return Ok(Found::none()),
            other => return Err(other),
        },
    };
    if bill.patient_id != patient_id || !keep(&bill) {
        return Ok(Found::none());
    }
    let today = fhir.state.clock.today();
    Ok(Found {
        total: 1,
        matches: if search.page == 1 {
            vec![to_fhir(&bill, today)]
        } else {
            Vec::new()
        },
        included: Vec::new(),
    })
}

/// One bill as a FHIR Invoice, its status as it is on `today`.
pub fn to_fhir(bill: &Bill, today: chrono::NaiveDate) -> Value {
    let status = bill.status(today);
    let visit = format!(
        "Visit on {} with {} at {}",
        bill.visit_at.date_naive(),
        bill.doctor_name,
        bill.office.name
    );
    let resource = json!({
        "resourceType": "Invoice",
        "id": bill.bill_id.to_string(),
        "meta": {"lastUpdated": super::instant(bill.updated_at)},
        "extension": [
            {"url": PAYMENT_STATUS, "valueCode": status.as_str()},
            {"url": AMOUNT_PAID, "valueMoney": money(bill.amount_paid)},
            {"url": BALANCE, "valueMoney": money(bill.balance())},
        ],
        "identifier": [{"system": INVOICE_SYSTEM, "value": bill.invoice_number}],
        "status": status_code(status),
        "cancelledReason": (status == PaymentStatus::Void)
            .then_some(bill.void_reason.as_deref())
            .flatten(),
        "subject": {"reference": format!("Patient/{}", bill.patient_id), "display": bill.patient_name},
        "date": super::instant(bill.created_at),
        "participant": [{"actor": {"display": bill.doctor_name}}],
        "issuer": {"reference": format!("Organization/{}", super::CLINIC_ORGANIZATION_ID)},
        "lineItem": [{
            "sequence": 1,
            "chargeItemCodeableConcept": {"text": visit},
            "priceComponent": [{"type": "base", "amount": money(bill.amount_due)}],
        }],
        "totalNet": money(bill.amount_due),
        "totalGross": money(bill.amount_due),
        "paymentTerms": format!("Due {}", bill.billing_due),
    });
    prune(resource).unwrap_or_default()
}
