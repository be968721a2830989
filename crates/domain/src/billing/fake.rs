//! An in-memory billing store for the use-case tests: the rules run against it in
//! microseconds, without PostgreSQL.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Mutex, PoisonError};

use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, TimeZone, Utc};

use super::ports::{
    BillFacts, BillVoiding, BillingStore, BillingTx, NewAdjustment, NewBill, NewPayment, NewRefund,
    VisitToBill,
};
use super::provider::{Charge, PaymentProvider, ProviderError, ProviderReceipt, ProviderRefund};
use super::{
    Adjustment, Bill, BillEntries, BillFilter, BillOffice, BillTotals, Payment, PaymentEntry,
    PaymentEntryKind, Refund, invoice_number,
};
use crate::access::{Actor, PatientFacts};
use crate::notification::NotificationDraft;
use crate::pagination::{Page, PageRequest};
use crate::store::StoreResult;
use crate::values::Money;

/// `s` as money; panics on a typo in a test.
pub(crate) fn money(s: &str) -> Money {
    Money::parse_str(s).unwrap()
}

/// The moment the fixtures were created.
pub(crate) fn created() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2030, 6, 1, 9, 0, 0).unwrap()
}

/// An unpaid bill of `amount_due` for patient `patient_id`, due on 2030-07-01.
pub(crate) fn bill(bill_id: i32, patient_id: i32, amount_due: &str) -> Bill {
    Bill {
        bill_id,
        invoice_number: invoice_number(2030, u64::try_from(bill_id).unwrap()),
        patient_id,
        patient_name: format!("Patient {patient_id}"),
        appointment_id: bill_id,
        visit_at: created(),
        doctor_name: "Greg House".into(),
        office: BillOffice {
            name: "Downtown".into(),
            address: "1 Main St, Springfield, US".into(),
            time_zone: "America/Chicago".into(),
        },
        amount_due: money(amount_due),
        amount_paid: Money::ZERO,
        billing_due: NaiveDate::from_ymd_opt(2030, 7, 1).unwrap(),
        voided_at: None,
        void_reason: None,
        created_at: created(),
        updated_at: created(),
    }
}

/// What the store holds.
#[derive(Debug, Clone, Default)]
pub(crate) struct State {
    /// Bills by id.
    pub bills: BTreeMap<i32, Bill>,
    /// Payments, in the order they were recorded.
    pub payments: Vec<Payment>,
    /// Refunds, in the order they were recorded.
    pub refunds: Vec<Refund>,
    /// Adjustments, in the order they were recorded.
    pub adjustments: Vec<Adjustment>,
    /// Notifications committed.
    pub notifications: Vec<NotificationDraft>,
    /// `patient_id` → `user_id`.
    pub patients: BTreeMap<i32, i32>,
    /// `(doctor_id, patient_id)` pairs where the doctor treats the patient.
    pub treats: BTreeSet<(i32, i32)>,
    /// Visits by appointment id, as billing sees them (their `bill_id` kept up to date).
    pub visits: BTreeMap<i32, VisitToBill>,
    /// Invoice numbers handed out so far (the sequence).
    pub invoices_issued: u64,
}

impl State {
    fn facts(&self, actor: &Actor, bill_id: i32) -> Option<BillFacts> {
        let bill = self.bills.get(&bill_id)?.clone();
        let patient_user_id = self.patients[&bill.patient_id];
        let treated_by_actor = self.treated(actor, bill.patient_id);
        Some(BillFacts {
            bill,
            patient_user_id,
            treated_by_actor,
        })
    }

    fn treated(&self, actor: &Actor, patient_id: i32) -> bool {
        actor
            .doctor_id
            .is_some_and(|d| self.treats.contains(&(d, patient_id)))
    }

    fn entries_of(&self, bill_id: i32) -> BillEntries {
        BillEntries {
            payments: of_bill(&self.payments, bill_id, |p| p.bill_id),
            refunds: of_bill(&self.refunds, bill_id, |r| r.bill_id),
            adjustments: of_bill(&self.adjustments, bill_id, |a| a.bill_id),
        }
    }

    /// The bills `filter` selects, newest first.
    fn select(&self, filter: &BillFilter) -> Vec<Bill> {
        let search = filter.search.as_deref().map(str::to_lowercase);
        let mut bills: Vec<Bill> = self
            .bills
            .values()
            .filter(|b| filter.patient_id.is_none_or(|p| b.patient_id == p))
            .filter(|b| filter.status.is_none_or(|s| b.status(filter.today) == s))
            .filter(|b| !filter.owing || b.status(filter.today).is_owing())
            .filter(|b| filter.appointment_id.is_none_or(|a| b.appointment_id == a))
            .filter(|b| {
                filter
                    .issued_from
                    .is_none_or(|d| b.created_at.date_naive() >= d)
            })
            .filter(|b| {
                filter
                    .issued_to
                    .is_none_or(|d| b.created_at.date_naive() <= d)
            })
            .filter(|b| {
                search.as_deref().is_none_or(|q| {
                    b.patient_name.to_lowercase().contains(q)
                        || b.invoice_number.to_lowercase().contains(q)
                })
            })
            .cloned()
            .collect();
        bills.sort_by_key(|b| std::cmp::Reverse((b.created_at, b.bill_id)));
        bills
    }

    fn bill_mut(&mut self, bill_id: i32) -> &mut Bill {
        self.bills
            .get_mut(&bill_id)
            .expect("a use case writes only a bill it locked")
    }
}

fn of_bill<T: Clone>(entries: &[T], bill_id: i32, bill_of: impl Fn(&T) -> i32) -> Vec<T> {
    entries
        .iter()
        .filter(|e| bill_of(e) == bill_id)
        .cloned()
        .collect()
}

fn next_id(len: usize) -> i32 {
    i32::try_from(len).unwrap() + 1
}

/// Bills in memory. A transaction works on a copy and replaces the store's state on commit, so
/// a use case that fails part-way leaves nothing behind.
#[derive(Debug, Default)]
pub(crate) struct InMemoryBilling {
    state: Mutex<State>,
}

impl InMemoryBilling {
    /// A store holding patients `patient_id` → user `100 + patient_id` for each bill's patient,
    /// and `bills`.
    pub(crate) fn with(bills: impl IntoIterator<Item = Bill>) -> Self {
        let mut state = State::default();
        for bill in bills {
            state
                .patients
                .insert(bill.patient_id, 100 + bill.patient_id);
            state.bills.insert(bill.bill_id, bill);
        }
        Self {
            state: Mutex::new(state),
        }
    }

    /// A copy of what the store holds now.
    pub(crate) fn state(&self) -> State {
        self.lock().clone()
    }

    /// Changes what the store holds, e.g. to add a patient without bills.
    pub(crate) fn edit(&self, change: impl FnOnce(&mut State)) {
        change(&mut self.lock());
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

#[async_trait]
impl BillingStore for InMemoryBilling {
    async fn begin(&self) -> StoreResult<Box<dyn BillingTx + '_>> {
        Ok(Box::new(InMemoryTx {
            store: self,
            work: self.state(),
            queued: Vec::new(),
        }))
    }

    async fn bill(&self, actor: &Actor, bill_id: i32) -> StoreResult<Option<BillFacts>> {
        Ok(self.lock().facts(actor, bill_id))
    }

    async fn entries(&self, bill_id: i32) -> StoreResult<BillEntries> {
        Ok(self.lock().entries_of(bill_id))
    }

    async fn patient_facts(
        &self,
        actor: &Actor,
        patient_id: i32,
    ) -> StoreResult<Option<PatientFacts>> {
        let state = self.lock();
        Ok(state
            .patients
            .contains_key(&patient_id)
            .then(|| PatientFacts {
                patient_id,
                treated_by_actor: state.treated(actor, patient_id),
            }))
    }

    async fn list(&self, filter: &BillFilter, page: PageRequest) -> StoreResult<Page<Bill>> {
        Ok(paged(self.lock().select(filter), page))
    }

    async fn totals(&self, filter: &BillFilter) -> StoreResult<BillTotals> {
        let state = self.lock();
        let bills = state.select(filter);
        let entries: Vec<BillEntries> = bills.iter().map(|b| state.entries_of(b.bill_id)).collect();
        Ok(BillTotals::of(bills.iter().zip(&entries)))
    }

    async fn payment_history(
        &self,
        patient_id: i32,
        page: PageRequest,
    ) -> StoreResult<Page<PaymentEntry>> {
        let state = self.lock();
        let of_patient = |bill_id: i32| {
            state
                .bills
                .get(&bill_id)
                .filter(|b| b.patient_id == patient_id)
        };
        let mut lines: Vec<PaymentEntry> = Vec::new();
        for p in &state.payments {
            if let Some(bill) = of_patient(p.bill_id) {
                lines.push(PaymentEntry {
                    kind: PaymentEntryKind::Payment,
                    entry_id: p.payment_id,
                    payment_id: p.payment_id,
                    bill_id: p.bill_id,
                    invoice_number: bill.invoice_number.clone(),
                    at: p.paid_at,
                    amount: p.amount,
                    method: p.method,
                    recorded_by_name: p.recorded_by_name.clone(),
                    reference: p.reference.clone().or_else(|| p.provider_reference.clone()),
                    reason: None,
                });
            }
        }
        for r in &state.refunds {
            if let Some(bill) = of_patient(r.bill_id) {
                let paid = state.payments.iter().find(|p| p.payment_id == r.payment_id);
                lines.push(PaymentEntry {
                    kind: PaymentEntryKind::Refund,
                    entry_id: r.refund_id,
                    payment_id: r.payment_id,
                    bill_id: r.bill_id,
                    invoice_number: bill.invoice_number.clone(),
                    at: r.refunded_at,
                    amount: r.amount,
                    method: paid.expect("a refund has its payment").method,
                    recorded_by_name: Some(r.recorded_by_name.clone()),
                    reference: r.provider_reference.clone(),
                    reason: Some(r.reason.clone()),
                });
            }
        }
        // Newest first; at one instant a refund follows the payment it gives back on.
        lines.sort_by_key(|l| {
            std::cmp::Reverse((l.at, l.kind == PaymentEntryKind::Refund, l.entry_id))
        });
        Ok(paged(lines, page))
    }
}

/// One page of `items`.
fn paged<T>(items: Vec<T>, page: PageRequest) -> Page<T> {
    let total = items.len() as u64;
    let offset = usize::try_from(page.offset()).unwrap();
    let limit = usize::try_from(page.limit()).unwrap();
    let items = items.into_iter().skip(offset).take(limit).collect();
    Page::new(items, page, total)
}

/// The name the fakes give user `user_id`.
pub(crate) fn user_name(user_id: i32) -> String {
    format!("User {user_id}")
}

struct InMemoryTx<'a> {
    store: &'a InMemoryBilling,
    work: State,
    queued: Vec<NotificationDraft>,
}

#[async_trait]
impl BillingTx for InMemoryTx<'_> {
    async fn lock_bill(&mut self, actor: &Actor, bill_id: i32) -> StoreResult<Option<BillFacts>> {
        Ok(self.work.facts(actor, bill_id))
    }

    async fn record_payment(
        &mut self,
        actor: &Actor,
        payment: &NewPayment,
        notice: NotificationDraft,
    ) -> StoreResult<Bill> {
        self.work.payments.push(Payment {
            payment_id: next_id(self.work.payments.len()),
            bill_id: payment.bill_id,
            amount: payment.amount,
            method: payment.method,
            paid_at: payment.paid_at,
            recorded_by: Some(actor.user_id),
            recorded_by_name: Some(user_name(actor.user_id)),
            reference: payment.reference.clone(),
            amount_refunded: Money::ZERO,
            provider_reference: payment.provider_reference.clone(),
        });
        let bill = self.work.bill_mut(payment.bill_id);
        bill.amount_paid = payment.amount_paid;
        let bill = bill.clone();
        self.queued.push(notice);
        Ok(bill)
    }

    async fn adjust(
        &mut self,
        actor: &Actor,
        adjustment: &NewAdjustment,
        notice: NotificationDraft,
    ) -> StoreResult<Bill> {
        self.work.adjustments.push(Adjustment {
            adjustment_id: next_id(self.work.adjustments.len()),
            bill_id: adjustment.bill_id,
            amount_due_before: adjustment.amount_due_before,
            amount_due_after: adjustment.amount_due_after,
            reason: adjustment.reason.clone(),
            adjusted_at: adjustment.adjusted_at,
            adjusted_by: actor.user_id,
        });
        let bill = self.work.bill_mut(adjustment.bill_id);
        bill.amount_due = adjustment.amount_due_after;
        let bill = bill.clone();
        self.queued.push(notice);
        Ok(bill)
    }

    async fn lock_payment(
        &mut self,
        bill_id: i32,
        payment_id: i32,
    ) -> StoreResult<Option<Payment>> {
        Ok(self
            .work
            .payments
            .iter()
            .find(|p| p.payment_id == payment_id && p.bill_id == bill_id)
            .cloned())
    }

    async fn record_refund(
        &mut self,
        actor: &Actor,
        refund: &NewRefund,
        notice: NotificationDraft,
    ) -> StoreResult<Bill> {
        self.work.refunds.push(Refund {
            refund_id: next_id(self.work.refunds.len()),
            bill_id: refund.bill_id,
            payment_id: refund.payment_id,
            amount: refund.amount,
            reason: refund.reason.clone(),
            provider_reference: refund.provider_reference.clone(),
            refunded_at: refund.refunded_at,
            recorded_by: actor.user_id,
            recorded_by_name: user_name(actor.user_id),
        });
        let payment = self
            .work
            .payments
            .iter_mut()
            .find(|p| p.payment_id == refund.payment_id)
            .expect("a use case refunds only a payment it locked");
        payment.amount_refunded = refund.payment_refunded;
        let bill = self.work.bill_mut(refund.bill_id);
        bill.amount_paid = refund.amount_paid;
        let bill = bill.clone();
        self.queued.push(notice);
        Ok(bill)
    }

    async fn void(
        &mut self,
        _actor: &Actor,
        voiding: &BillVoiding,
        notice: NotificationDraft,
    ) -> StoreResult<Bill> {
        let bill = self.work.bill_mut(voiding.bill_id);
        bill.voided_at = Some(voiding.voided_at);
        bill.void_reason = Some(voiding.reason.clone());
        let bill = bill.clone();
        self.queued.push(notice);
        Ok(bill)
    }

    async fn entries(&mut self, bill_id: i32) -> StoreResult<BillEntries> {
        Ok(self.work.entries_of(bill_id))
    }

    async fn lock_visit(&mut self, appointment_id: i32) -> StoreResult<Option<VisitToBill>> {
        Ok(self.work.visits.get(&appointment_id).cloned())
    }

    async fn issue_bill(
        &mut self,
        _actor: &Actor,
        new: &NewBill,
        notice: &(dyn for<'b> Fn(&'b Bill) -> NotificationDraft + Sync),
    ) -> StoreResult<Bill> {
        self.work.invoices_issued += 1;
        let bill_id = self.work.bills.keys().max().copied().unwrap_or_default() + 1;
        let bill = Bill {
            appointment_id: new.appointment_id,
            amount_due: new.amount_due,
            billing_due: new.billing_due,
            invoice_number: invoice_number(2030, 100 + self.work.invoices_issued),
            ..bill(bill_id, new.patient_id, "0.00")
        };
        self.work.bills.insert(bill_id, bill.clone());
        if let Some(visit) = self.work.visits.get_mut(&new.appointment_id) {
            visit.bill_id = Some(bill_id);
        }
        self.queued.push(notice(&bill));
        Ok(bill)
    }

    async fn commit(self: Box<Self>) -> StoreResult<()> {
        let Self {
            store,
            mut work,
            queued,
        } = *self;
        work.notifications.extend(queued);
        *store.lock() = work;
        Ok(())
    }
}

/// A payment provider in memory: it takes every token but `"declined"` (which it declines) and
/// `"down"` (as if unreachable), and remembers what it charged and gave back.
#[derive(Debug, Default)]
pub(crate) struct FakeProvider {
    /// Charges taken, in order.
    pub charges: Mutex<Vec<Charge>>,
    /// Refunds given, in order.
    pub refunds: Mutex<Vec<ProviderRefund>>,
}

#[async_trait]
impl PaymentProvider for FakeProvider {
    async fn charge(&self, charge: &Charge) -> Result<ProviderReceipt, ProviderError> {
        match charge.token.as_str() {
            "declined" => Err(ProviderError::Declined {
                reason: "card declined".into(),
            }),
            "down" => Err(ProviderError::Unavailable("timed out".into())),
            _ => {
                let mut charges = self.charges.lock().unwrap();
                charges.push(charge.clone());
                Ok(ProviderReceipt {
                    reference: format!("ch_{}", charges.len()),
                })
            }
        }
    }

    async fn refund(&self, refund: &ProviderRefund) -> Result<ProviderReceipt, ProviderError> {
        let mut refunds = self.refunds.lock().unwrap();
        refunds.push(refund.clone());
        Ok(ProviderReceipt {
            reference: format!("re_{}", refunds.len()),
        })
    }
}
