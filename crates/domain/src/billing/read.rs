//! Reading one bill and listing bills: patients see their own, staff and admins everyone's,
//! doctors none.

use super::ports::BillingStore;
use chrono::NaiveDate;

use super::{Bill, BillDetails, BillFilter, BillTotals, PaymentEntry, PaymentStatus};
use crate::access::{Action, Actor, Denied, ListScope, authorize, may_ever};
use crate::clock::Clock;
use crate::error::{ValidationError, ValidationErrors};
use crate::pagination::{Page, PageRequest};
use crate::store::StoreError;

/// Why a bill was not shown.
#[derive(Debug, thiserror::Error)]
pub enum ReadBillError {
    /// There is no such bill.
    #[error("bill not found")]
    NotFound,
    /// Doctors do not see bills; a patient sees only their own.
    #[error(transparent)]
    Denied(#[from] Denied),
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// One bill with its payments, refunds and adjustments.
///
/// # Errors
/// [`ReadBillError::NotFound`]; [`ReadBillError::Denied`] for a doctor, or a patient reading
/// another's bill (hidden); [`ReadBillError::Store`].
pub async fn read_bill(
    actor: &Actor,
    bill_id: i32,
    store: &dyn BillingStore,
) -> Result<BillDetails, ReadBillError> {
    may_ever(actor, Action::ReadBilling)?;
    let facts = store
        .bill(actor, bill_id)
        .await?
        .ok_or(ReadBillError::NotFound)?;
    authorize(actor, Action::ReadBilling(facts.patient())).check("bill")?;
    let entries = store.entries(bill_id).await?;
    Ok(BillDetails {
        bill: facts.bill,
        entries,
    })
}

/// The bill list a client asked for.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ListBills {
    /// Only this patient's bills.
    pub patient_id: Option<i32>,
    /// Part of the patient's name or of the invoice number (trimmed; blank is no filter).
    pub search: Option<String>,
    /// Only the bill of this visit.
    pub appointment_id: Option<i32>,
    /// Issued on or after this day (the office's calendar).
    pub issued_from: Option<NaiveDate>,
    /// Issued on or before this day (the office's calendar).
    pub issued_to: Option<NaiveDate>,
    /// Only bills with this status today.
    pub status: Option<PaymentStatus>,
    /// Only bills still owed today: unpaid, partially paid or overdue (FHIR's `issued`).
    pub owing: bool,
    /// The page number as asked (from 1); checked after the access rules, so a refusal never
    /// depends on the paging.
    pub page: Option<u32>,
    /// Items per page as asked.
    pub per_page: Option<u32>,
}

/// Why the bill list was not shown.
#[derive(Debug, thiserror::Error)]
pub enum ListBillsError {
    /// Doctors do not see bills; a patient naming another patient finds no such patient.
    #[error(transparent)]
    Denied(#[from] Denied),
    /// The patient filtered by does not exist.
    #[error("patient not found")]
    PatientNotFound,
    /// The paging is out of range.
    #[error("invalid input: {0}")]
    Invalid(ValidationErrors),
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// A page of bills and the totals of every bill the filter selects.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BillList {
    pub page: Page<Bill>,
    pub totals: BillTotals,
}

/// One page of bills, newest first, within what the access policy lets `actor` read, filtered
/// by the status each bill has today, the patient's name or the invoice number, the visit, and
/// the day issued; with the totals of the whole filtered set.
///
/// # Errors
/// [`ListBillsError::Denied`] for doctors (forbidden) and for a patient naming another patient
/// (hidden); [`ListBillsError::PatientNotFound`]; [`ListBillsError::Invalid`] on the paging or
/// a date range that ends before it starts; [`ListBillsError::Store`].
pub async fn list_bills(
    actor: &Actor,
    query: ListBills,
    clock: &dyn Clock,
    store: &dyn BillingStore,
) -> Result<BillList, ListBillsError> {
    authorize(actor, Action::ListBills).check("bill")?;
    let scope = ListScope::of(actor, query.patient_id)?;
    if let Some(patient_id) = query.patient_id {
        let facts = store
            .patient_facts(actor, patient_id)
            .await?
            .ok_or(ListBillsError::PatientNotFound)?;
        authorize(actor, Action::ReadBilling(facts)).check("patient")?;
    }
    let page = PageRequest::parse(query.page, query.per_page).map_err(ListBillsError::Invalid)?;
    if let (Some(from), Some(to)) = (query.issued_from, query.issued_to)
        && to < from
    {
        return Err(ListBillsError::Invalid(
            ValidationError::new("issued_to", "must not be before issued_from").into(),
        ));
    }
    if query
        .search
        .as_deref()
        .is_some_and(|q| q.chars().any(char::is_control))
    {
        return Err(ListBillsError::Invalid(
            ValidationError::new("q", "must be one line of text").into(),
        ));
    }
    let Some(narrowing) = scope.narrow(query.patient_id) else {
        return Ok(BillList {
            page: Page::new(Vec::new(), page, 0),
            totals: BillTotals::default(),
        });
    };
    if narrowing.doctor_id.is_some() {
        // Bills have no doctor's view to narrow to; the policy refuses doctors above, and a
        // list must never widen silently should it change.
        return Err(Denied::Forbidden.into());
    }
    let filter = BillFilter {
        patient_id: narrowing.patient_id,
        status: query.status,
        owing: query.owing,
        today: clock.today(),
        search: query
            .search
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty()),
        appointment_id: query.appointment_id,
        issued_from: query.issued_from,
        issued_to: query.issued_to,
    };
    let totals = store.totals(&filter).await?;
    let page = store.list(&filter, page).await?;
    Ok(BillList { page, totals })
}

/// One page of the payments and refunds on a patient's bills, newest first: staff and admins
/// for anyone, a patient their own (another's is hidden), doctors never (as with bills).
///
/// # Errors
/// [`ListBillsError::Denied`]; [`ListBillsError::PatientNotFound`];
/// [`ListBillsError::Invalid`] on the paging; [`ListBillsError::Store`].
pub async fn patient_payments(
    actor: &Actor,
    patient_id: i32,
    paging: (Option<u32>, Option<u32>),
    store: &dyn BillingStore,
) -> Result<Page<PaymentEntry>, ListBillsError> {
    may_ever(actor, Action::ReadBilling)?;
    let facts = store
        .patient_facts(actor, patient_id)
        .await?
        .ok_or(ListBillsError::PatientNotFound)?;
    authorize(actor, Action::ReadBilling(facts)).check("patient")?;
    let page = PageRequest::parse(paging.0, paging.1).map_err(ListBillsError::Invalid)?;
    Ok(store.payment_history(patient_id, page).await?)
}
