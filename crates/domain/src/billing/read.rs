//! Reading one bill and listing bills: patients see their own, staff and admins everyone's,
//! doctors none.

use super::ports::BillingStore;
use super::{Bill, BillDetails, BillFilter, PaymentStatus};
use crate::access::{Action, Actor, Denied, ListScope, authorize, may_ever};
use crate::clock::Clock;
use crate::error::ValidationErrors;
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ListBills {
    /// Only this patient's bills.
    pub patient_id: Option<i32>,
    /// Only bills with this status today.
    pub status: Option<PaymentStatus>,
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

/// One page of bills, newest first, within what the access policy lets `actor` read, filtered
/// by the status each bill has today.
///
/// # Errors
/// [`ListBillsError::Denied`] for doctors (forbidden) and for a patient naming another patient
/// (hidden); [`ListBillsError::PatientNotFound`]; [`ListBillsError::Invalid`] on the paging;
/// [`ListBillsError::Store`].
pub async fn list_bills(
    actor: &Actor,
    query: ListBills,
    clock: &dyn Clock,
    store: &dyn BillingStore,
) -> Result<Page<Bill>, ListBillsError> {
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
    let Some(narrowing) = scope.narrow(query.patient_id) else {
        return Ok(Page::new(Vec::new(), page, 0));
    };
    if narrowing.doctor_id.is_some() {
        // Bills have no doctor's view to narrow to; the policy refuses doctors above, and a
        // list must never widen silently should it change.
        return Err(Denied::Forbidden.into());
    }
    let filter = BillFilter {
        patient_id: narrowing.patient_id,
        status: query.status,
        today: clock.today(),
    };
    Ok(store.list(&filter, page).await?)
}
