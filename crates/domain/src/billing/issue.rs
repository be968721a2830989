//! Issuing the bill of a visit at the front desk (checkout): staff bill a visit the patient
//! came to (checked in or completed) that has no bill yet, at the specialty's fee or an amount
//! they type. A doctor completing the visit later issues no second bill.

use super::ports::{BillingStore, NewBill, VisitToBill};
use super::{BillDetails, default_due_date};
use crate::access::{Action, Actor, Denied, authorize};
use crate::clock::Clock;
use crate::error::ValidationErrors;
use crate::notification::{NotificationDraft, NotificationType};
use crate::scheduling::AppointmentStatus;
use crate::store::StoreError;
use crate::values::Money;

/// The desk's request to bill a visit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssueVisitBill {
    /// The visit billed.
    pub appointment_id: i32,
    /// The amount as typed; `None` bills the specialty's consultation fee.
    pub amount_due: Option<String>,
}

/// Why a visit is not billed now.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IssueRefused {
    /// Only a visit the patient came to is billed (not one scheduled, cancelled or missed).
    #[error("a {0} visit is not billed; check the patient in first")]
    NotBillable(AppointmentStatus),
    /// The visit has its bill already.
    #[error("this visit already has a bill")]
    AlreadyBilled {
        /// The visit's bill.
        bill_id: i32,
    },
}

/// Why the bill was not issued.
#[derive(Debug, thiserror::Error)]
pub enum IssueVisitBillError {
    /// Only staff and admins bill.
    #[error(transparent)]
    Denied(#[from] Denied),
    /// There is no such appointment.
    #[error("appointment not found")]
    NotFound,
    /// The amount is not money.
    #[error("invalid input: {0}")]
    Invalid(ValidationErrors),
    /// The visit is not billable now.
    #[error(transparent)]
    Refused(IssueRefused),
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Whether `visit` may be billed now: the patient came, and no bill exists.
///
/// # Errors
/// [`IssueRefused`].
pub fn may_bill_visit(visit: &VisitToBill) -> Result<(), IssueRefused> {
    if let Some(bill_id) = visit.bill_id {
        return Err(IssueRefused::AlreadyBilled { bill_id });
    }
    match visit.status {
        AppointmentStatus::CheckedIn | AppointmentStatus::Completed => Ok(()),
        other => Err(IssueRefused::NotBillable(other)),
    }
}

/// Issues the bill of a visit (staff, admins), with the appointment locked so a doctor's
/// completion cannot bill it at the same time; the patient is told. The invoice number is
/// assigned by the store's insert. Returns the new bill (no entries yet).
///
/// # Errors
/// `Denied(Forbidden)` for doctors and patients (before any lookup); `NotFound`; `Refused`
/// by [`may_bill_visit`]; `Invalid` for an amount that is not money; `Store` (a bill
/// issued by a race is `Store(Domain(Conflict(BillExists)))`).
pub async fn issue_visit_bill(
    actor: &Actor,
    cmd: IssueVisitBill,
    clock: &dyn Clock,
    store: &dyn BillingStore,
) -> Result<BillDetails, IssueVisitBillError> {
    authorize(actor, Action::ManageBilling).check("appointment")?;
    let mut tx = store.begin().await?;
    let visit = tx
        .lock_visit(cmd.appointment_id)
        .await?
        .ok_or(IssueVisitBillError::NotFound)?;
    may_bill_visit(&visit).map_err(IssueVisitBillError::Refused)?;
    let amount_due = match cmd.amount_due.as_deref().map(str::trim) {
        None | Some("") => visit.visit_fee,
        Some(raw) => Money::parse_str(raw)
            .map_err(|e| IssueVisitBillError::Invalid(e.on("amount_due").into()))?,
    };
    let billing_due = default_due_date(clock.today());
    let new = NewBill {
        appointment_id: visit.appointment_id,
        patient_id: visit.patient_id,
        amount_due,
        billing_due,
    };
    let doctor = visit.doctor_name.clone();
    let patient_user_id = visit.patient_user_id;
    let told = move |bill: &super::Bill| {
        NotificationDraft::new(
            patient_user_id,
            NotificationType::Billing,
            format!(
                "Bill {} of {} for your visit with Dr. {doctor} is due on {}.",
                bill.invoice_number,
                bill.amount_due.for_people(),
                crate::values::day_label(bill.billing_due)
            ),
            "bills",
            bill.bill_id,
        )
    };
    let bill = tx.issue_bill(actor, &new, &told).await?;
    tx.commit().await?;
    Ok(BillDetails {
        bill,
        entries: super::BillEntries::default(),
    })
}
