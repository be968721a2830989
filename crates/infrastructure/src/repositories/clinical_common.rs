//! The clinical store: medical records and prescriptions in PostgreSQL, one transaction per
//! write ([`PgClinicalTx`]), and what both share: the parties lookup behind every access check,
//! and audited reads — the rows a user is shown are returned only once the `read` audit rows
//! that say so have committed (through [`ReadAuditWriter`]'s group commit), so nobody sees
//! clinical content without the audit log knowing.

use std::sync::Arc;

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use clinic_domain::access::{AccessFacts, Actor, ClinicalParties, PatientFacts};
use clinic_domain::audit::{AuditAction, AuditEntryDraft};
use clinic_domain::clinical::chart::ChartLists;
use clinic_domain::clinical::{
    Allergy, AllergyChange, ClinicalStore, ClinicalTx, MedicalRecord, NewAddendum, NewAllergy,
    NewPrescription, NewProblem, Prescription, PrescriptionFilter, Problem, ProblemChange,
    RecordContent, RecordFilter, VisitFacts,
};
use clinic_domain::notification::NotificationDraft;
use clinic_domain::{Clock, Page, PageRequest, StoreError, StoreResult, SystemClock};
use sea_orm::{
    ConnectionTrait, DatabaseConnection, DatabaseTransaction, DbBackend, FromQueryResult,
    Statement, Value,
};

use super::support::{begin, commit_with_notifications, draft, find_one, page_rows};
use super::{PgAccessFacts, chart, medical_records, prescriptions};
use crate::read_audit::ReadAuditWriter;

/// Medical records and prescriptions in PostgreSQL; reads are audited through the group-commit
/// [`ReadAuditWriter`].
#[derive(Clone)]
pub struct PgClinicalStore {
    db: DatabaseConnection,
    reads: ReadAuditWriter,
    access: PgAccessFacts,
    clock: Arc<dyn Clock>,
}

impl PgClinicalStore {
    /// A store over `db`, recording reads through `reads`, on the system clock.
    #[must_use]
    pub fn new(db: DatabaseConnection, reads: ReadAuditWriter) -> Self {
        Self::with_clock(db, reads, Arc::new(SystemClock))
    }

    /// A store over `db`, recording reads through `reads`, that judges who treats whom at
    /// `clock`'s time.
    #[must_use]
    pub fn with_clock(
        db: DatabaseConnection,
        reads: ReadAuditWriter,
        clock: Arc<dyn Clock>,
    ) -> Self {
        Self {
            access: PgAccessFacts::with_clock(db.clone(), Arc::clone(&clock)),
            db,
            reads,
            clock,
        }
    }

    fn reader(&self) -> (&DatabaseConnection, &ReadAuditWriter) {
        (&self.db, &self.reads)
    }
}

#[async_trait]
impl ClinicalStore for PgClinicalStore {
    async fn begin(&self) -> StoreResult<Box<dyn ClinicalTx + '_>> {
        Ok(Box::new(PgClinicalTx {
            txn: begin(&self.db).await?,
            now: self.clock.now(),
            audits: Vec::new(),
            notifications: Vec::new(),
        }))
    }

    async fn patient_facts(&self, actor: &Actor, patient_id: i32) -> StoreResult<PatientFacts> {
        self.access.patient_facts(actor, patient_id).await
    }

    async fn record_parties(&self, record_id: i32) -> StoreResult<ClinicalParties> {
        medical_records::record_parties(&self.db, record_id).await
    }

    async fn prescription_parties(&self, prescription_id: i32) -> StoreResult<ClinicalParties> {
        prescriptions::prescription_parties(&self.db, prescription_id).await
    }

    async fn read_record(&self, actor: &Actor, record_id: i32) -> StoreResult<MedicalRecord> {
        medical_records::read(self.reader(), actor, record_id).await
    }

    async fn list_records(
        &self,
        actor: &Actor,
        filter: RecordFilter,
        page: PageRequest,
    ) -> StoreResult<Page<MedicalRecord>> {
        medical_records::list(self.reader(), actor, filter, page).await
    }

    async fn read_prescription(
        &self,
        actor: &Actor,
        prescription_id: i32,
    ) -> StoreResult<Prescription> {
        prescriptions::read(self.reader(), actor, prescription_id).await
    }

    async fn list_prescriptions(
        &self,
        actor: &Actor,
        filter: PrescriptionFilter,
        page: PageRequest,
    ) -> StoreResult<Page<Prescription>> {
        prescriptions::list(self.reader(), actor, filter, page).await
    }

    async fn chart_lists(&self, patient_id: i32) -> StoreResult<ChartLists> {
        chart::chart_lists(&self.db, patient_id).await
    }

    async fn record_reads(&self, reads: Vec<AuditEntryDraft>) -> StoreResult<()> {
        self.reads.record(reads).await
    }
}

/// One clinical write: the transaction, and the audit rows and notifications it commits with.
/// Dropped without commit, the transaction rolls back.
pub struct PgClinicalTx {
    txn: DatabaseTransaction,
    /// The instant the transaction's access facts are judged at.
    now: DateTime<Utc>,
    audits: Vec<AuditEntryDraft>,
    notifications: Vec<NotificationDraft>,
}

#[async_trait]
impl ClinicalTx for PgClinicalTx {
    async fn lock_visit(&mut self, actor: &Actor, appointment_id: i32) -> StoreResult<VisitFacts> {
        medical_records::lock_visit(&self.txn, actor, appointment_id, self.now).await
    }

    async fn lock_record(&mut self, actor: &Actor, record_id: i32) -> StoreResult<VisitFacts> {
        medical_records::lock_record(&self.txn, actor, record_id, self.now).await
    }

    async fn insert_record(
        &mut self,
        actor: &Actor,
        visit: &VisitFacts,
        content: &RecordContent,
    ) -> StoreResult<MedicalRecord> {
        let (record, audit) = medical_records::insert(&self.txn, actor, visit, content).await?;
        self.audits.push(audit);
        Ok(record)
    }

    async fn current_record(&mut self, record_id: i32) -> StoreResult<MedicalRecord> {
        medical_records::get(&self.txn, record_id).await
    }

    async fn append_addendum(
        &mut self,
        actor: &Actor,
        addendum: &NewAddendum,
    ) -> StoreResult<MedicalRecord> {
        let (record, audits) =
            medical_records::append_addendum(&self.txn, actor, addendum, self.now).await?;
        self.audits.extend(audits);
        Ok(record)
    }

    async fn allergies(&mut self, patient_id: i32) -> StoreResult<Vec<Allergy>> {
        chart::allergies(&self.txn, patient_id).await
    }

    async fn insert_allergy(&mut self, actor: &Actor, new: &NewAllergy) -> StoreResult<Allergy> {
        let (allergy, audit) = chart::insert_allergy(&self.txn, actor, new, self.now).await?;
        self.audits.push(audit);
        Ok(allergy)
    }

    async fn lock_allergy(&mut self, allergy_id: i32) -> StoreResult<Allergy> {
        chart::lock_allergy(&self.txn, allergy_id).await
    }

    async fn update_allergy(
        &mut self,
        actor: &Actor,
        allergy_id: i32,
        change: &AllergyChange,
    ) -> StoreResult<Allergy> {
        let (allergy, audit) = chart::update_allergy(&self.txn, actor, allergy_id, change).await?;
        self.audits.push(audit);
        Ok(allergy)
    }

    async fn insert_problem(&mut self, actor: &Actor, new: &NewProblem) -> StoreResult<Problem> {
        let (problem, audit) = chart::insert_problem(&self.txn, actor, new, self.now).await?;
        self.audits.push(audit);
        Ok(problem)
    }

    async fn lock_problem(&mut self, problem_id: i32) -> StoreResult<Problem> {
        chart::lock_problem(&self.txn, problem_id).await
    }

    async fn update_problem(
        &mut self,
        actor: &Actor,
        problem_id: i32,
        change: &ProblemChange,
    ) -> StoreResult<Problem> {
        let (problem, audit) = chart::update_problem(&self.txn, actor, problem_id, change).await?;
        self.audits.push(audit);
        Ok(problem)
    }

    async fn insert_prescription(
        &mut self,
        actor: &Actor,
        new: &NewPrescription,
    ) -> StoreResult<Prescription> {
        let (prescription, audit) = prescriptions::insert(&self.txn, actor, new, self.now).await?;
        self.audits.push(audit);
        Ok(prescription)
    }

    async fn notify(&mut self, notifications: Vec<NotificationDraft>) -> StoreResult<()> {
        self.notifications.extend(notifications);
        Ok(())
    }

    async fn commit(self: Box<Self>) -> StoreResult<()> {
        let tx = *self;
        commit_with_notifications(tx.txn, tx.audits, &tx.notifications).await
    }
}

#[derive(FromQueryResult)]
struct PartiesRow {
    patient_id: i32,
    doctor_id: i32,
}

/// The patient and doctor `sql` (with the id as `$1`) selects, or `NotFound { entity }`.
pub(crate) async fn parties<C: ConnectionTrait>(
    conn: &C,
    sql: &str,
    id: i32,
    entity: &'static str,
) -> StoreResult<ClinicalParties> {
    let stmt = Statement::from_sql_and_values(DbBackend::Postgres, sql, [id.into()]);
    let row: PartiesRow = find_one(conn, stmt, entity).await?;
    Ok(ClinicalParties {
        patient_id: row.patient_id,
        doctor_id: row.doctor_id,
    })
}

/// A row of clinical content and the domain value it becomes.
pub(crate) trait AuditedRow: FromQueryResult {
    /// The domain value.
    type Item;
    /// The primary key recorded in the audit row.
    fn id(&self) -> i64;
    /// Converts the row.
    ///
    /// # Errors
    /// `Unexpected` when a stored value does not decode.
    fn into_item(self) -> StoreResult<Self::Item>;
}

/// Loads the row `select` finds, with a `read` audit row of `table` by `user_id`.
pub(crate) async fn read_one<R: AuditedRow>(
    (db, reads): (&DatabaseConnection, &ReadAuditWriter),
    user_id: i32,
    table: &str,
    entity: &'static str,
    select: Statement,
) -> StoreResult<R::Item> {
    let row: R = find_one(db, select, entity).await?;
    let audit = draft(
        table,
        row.id(),
        AuditAction::Read,
        Some(user_id),
        None,
        None,
    );
    let item = row.into_item()?;
    reads.record(vec![audit]).await?;
    Ok(item)
}

/// Loads one page and the total (see [`page_rows`] for `select`, `total` and `params`), with a
/// `read` audit row of `table` by `user_id` for every row on the page.
pub(crate) async fn read_page<R: AuditedRow>(
    (db, reads): (&DatabaseConnection, &ReadAuditWriter),
    user_id: i32,
    table: &str,
    (select, total): (&str, &str),
    params: Vec<Value>,
    page: PageRequest,
) -> StoreResult<Page<R::Item>> {
    let (rows, total) = page_rows::<R, _>(db, select, total, params, page).await?;
    let audits = rows
        .iter()
        .map(|r| draft(table, r.id(), AuditAction::Read, Some(user_id), None, None))
        .collect();
    let items = rows
        .into_iter()
        .map(AuditedRow::into_item)
        .collect::<StoreResult<_>>()?;
    reads.record(audits).await?;
    Ok(Page::new(items, page, total))
}

/// Decodes a stored JSON document, reporting a corrupt one as unexpected.
pub(crate) fn decode<T: serde::de::DeserializeOwned>(
    what: &str,
    value: serde_json::Value,
) -> StoreResult<T> {
    serde_json::from_value(value)
        .map_err(|e| StoreError::Unexpected(format!("stored {what} do not decode: {e}")))
}
