//! An in-memory billing store for the use-case tests: the rules run against it in
//! microseconds, without PostgreSQL.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Mutex, PoisonError};

use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, TimeZone, Utc};

use super::ports::{BillFacts, BillVoiding, BillingStore, BillingTx, NewPayment};
use super::{Bill, BillFilter, Payment};
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
        patient_id,
        patient_name: format!("Patient {patient_id}"),
        appointment_id: bill_id,
        visit_at: created(),
        doctor_name: "Greg House".into(),
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
    /// Notifications committed.
    pub notifications: Vec<NotificationDraft>,
    /// `patient_id` → `user_id`.
    pub patients: BTreeMap<i32, i32>,
    /// `(doctor_id, patient_id)` pairs where the doctor treats the patient.
    pub treats: BTreeSet<(i32, i32)>,
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

    fn payments_of(&self, bill_id: i32) -> Vec<Payment> {
        self.payments
            .iter()
            .filter(|p| p.bill_id == bill_id)
            .cloned()
            .collect()
    }

    fn bill_mut(&mut self, bill_id: i32) -> &mut Bill {
        self.bills
            .get_mut(&bill_id)
            .expect("a use case writes only a bill it locked")
    }
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

    async fn payments(&self, bill_id: i32) -> StoreResult<Vec<Payment>> {
        Ok(self.lock().payments_of(bill_id))
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
        let state = self.lock();
        let mut bills: Vec<Bill> = state
            .bills
            .values()
            .filter(|b| filter.patient_id.is_none_or(|p| b.patient_id == p))
            .filter(|b| filter.status.is_none_or(|s| b.status(filter.today) == s))
            .cloned()
            .collect();
        bills.sort_by_key(|b| std::cmp::Reverse((b.created_at, b.bill_id)));
        let total = bills.len() as u64;
        let offset = usize::try_from(page.offset()).unwrap();
        let limit = usize::try_from(page.limit()).unwrap();
        let items = bills.into_iter().skip(offset).take(limit).collect();
        Ok(Page::new(items, page, total))
    }
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
        let payment_id = i32::try_from(self.work.payments.len()).unwrap() + 1;
        self.work.payments.push(Payment {
            payment_id,
            bill_id: payment.bill_id,
            amount: payment.amount,
            method: payment.method,
            paid_at: payment.paid_at,
            recorded_by: Some(actor.user_id),
        });
        let bill = self.work.bill_mut(payment.bill_id);
        bill.amount_paid = payment.amount_paid;
        let bill = bill.clone();
        self.queued.push(notice);
        Ok(bill)
    }

    async fn set_amount_due(
        &mut self,
        _actor: &Actor,
        bill_id: i32,
        amount_due: Money,
        notice: NotificationDraft,
    ) -> StoreResult<Bill> {
        let bill = self.work.bill_mut(bill_id);
        bill.amount_due = amount_due;
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

    async fn payments(&mut self, bill_id: i32) -> StoreResult<Vec<Payment>> {
        Ok(self.work.payments_of(bill_id))
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
