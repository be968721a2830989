//! Medical records: written for a visit that took place, amended with their history kept in
//! the audit log, and read with a `read` audit row per record shown.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use clinic_domain::access::Actor;
use clinic_domain::audit::AuditAction;
use clinic_domain::clinical::{
    ClinicalParties, MedicalRecord, MedicalRecordRepository, RecordAmendment, RecordContent,
    RecordFilter, ensure_recordable,
};
use clinic_domain::notification::{NotificationDraft, NotificationType};
use clinic_domain::{Page, PageRequest, StoreError, StoreResult};
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, FromQueryResult, Statement, Value};

use super::ListSql;
use super::clinical_common::{AuditedRow, decode, parties, read_one, read_page};
use super::support::{
    Conditions, begin, commit_with_notifications, draft, find_one, keep_or_set, snapshot,
    store_error,
};
use crate::read_audit::ReadAuditWriter;
use clinic_domain::values::OfficeZone;

const TABLE: &str = "medical_records";

/// Medical records in PostgreSQL.
#[derive(Clone)]
pub struct PgMedicalRecords {
    db: DatabaseConnection,
    reads: ReadAuditWriter,
}

impl PgMedicalRecords {
    /// A repository over `db`, recording reads through `reads`.
    #[must_use]
    pub fn new(db: DatabaseConnection, reads: ReadAuditWriter) -> Self {
        Self { db, reads }
    }
}

const VIEW: &str = "SELECT r.record_id, r.patient_id, r.doctor_id, r.appointment_id, r.diagnosis,
        r.notes, r.test_results, r.created_at, r.updated_at,
        concat_ws(' ', p.first_name, p.last_name) AS patient_name,
        concat_ws(' ', d.first_name, d.last_name) AS doctor_name
    FROM medical_records r
    JOIN patients p ON p.patient_id = r.patient_id
    JOIN doctors d ON d.doctor_id = r.doctor_id";

#[derive(FromQueryResult)]
struct Row {
    record_id: i32,
    patient_id: i32,
    doctor_id: i32,
    appointment_id: i32,
    diagnosis: Option<String>,
    notes: Option<String>,
    test_results: serde_json::Value,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
    patient_name: String,
    doctor_name: String,
}

impl AuditedRow for Row {
    type Item = MedicalRecord;

    fn id(&self) -> i64 {
        self.record_id.into()
    }

    fn into_item(self) -> StoreResult<MedicalRecord> {
        Ok(MedicalRecord {
            test_results: decode("test results", self.test_results)?,
            record_id: self.record_id,
            patient_id: self.patient_id,
            doctor_id: self.doctor_id,
            appointment_id: self.appointment_id,
            diagnosis: self.diagnosis,
            notes: self.notes,
            created_at: self.created_at,
            updated_at: self.updated_at,
            patient_name: self.patient_name,
            doctor_name: self.doctor_name,
        })
    }
}

fn by_id(record_id: i32) -> Statement {
    Statement::from_sql_and_values(
        DbBackend::Postgres,
        format!("{VIEW} WHERE r.record_id = $1"),
        [record_id.into()],
    )
}

/// One record, unaudited: for the writer, inside the writing transaction.
async fn get<C: ConnectionTrait>(conn: &C, record_id: i32) -> StoreResult<MedicalRecord> {
    find_one::<Row, _>(conn, by_id(record_id), "medical_record")
        .await?
        .into_item()
}

/// The visit a record is about, as its notification describes it.
#[derive(FromQueryResult)]
struct Visit {
    patient_id: i32,
    doctor_id: i32,
    status: String,
    starts_at: DateTime<Utc>,
    time_zone: String,
    patient_user_id: i32,
    doctor_name: String,
}

/// Loads appointment `appointment_id`; `lock` appends a row-lock clause.
async fn visit<C: ConnectionTrait>(
    conn: &C,
    appointment_id: i32,
    lock: &str,
) -> StoreResult<Visit> {
    let stmt = Statement::from_sql_and_values(
        DbBackend::Postgres,
        format!(
            "SELECT a.patient_id, a.doctor_id, a.status, a.appointment_datetime AS starts_at,
                o.time_zone, p.user_id AS patient_user_id,
                concat_ws(' ', d.first_name, d.last_name) AS doctor_name
             FROM appointments a
             JOIN patients p ON p.patient_id = a.patient_id
             JOIN doctors d ON d.doctor_id = a.doctor_id
             JOIN offices o ON o.office_id = a.office_id
             WHERE a.appointment_id = $1 {lock}"
        ),
        [appointment_id.into()],
    );
    find_one(conn, stmt, "appointment").await
}

/// The appointment of a record locked for amendment.
#[derive(FromQueryResult)]
struct Locked {
    appointment_id: i32,
}

/// The patient's notification about their record; it names the visit, not its content.
fn notify_patient(visit: &Visit, record_id: i32, what: &str) -> NotificationDraft {
    let when = OfficeZone::of_office(&visit.time_zone).label(visit.starts_at);
    NotificationDraft::new(
        visit.patient_user_id,
        NotificationType::Record,
        format!("Dr. {} {what} of your visit on {when}.", visit.doctor_name),
        TABLE,
        record_id,
    )
}

/// The SQL of `GET /medical-records` for `filter`, and its parameters.
#[must_use]
pub fn list_sql(filter: &RecordFilter) -> (ListSql, Vec<Value>) {
    let conditions = Conditions::default()
        .when(Some(filter.patient_id), "r.patient_id = $")
        .when(filter.appointment_id, "r.appointment_id = $");
    let condition = conditions.sql();
    let sql = ListSql {
        page: format!("{VIEW} {condition} ORDER BY r.created_at DESC, r.record_id DESC"),
        total: format!("SELECT count(*) AS total FROM medical_records r {condition}"),
    };
    (sql, conditions.into_params())
}

#[async_trait]
impl MedicalRecordRepository for PgMedicalRecords {
    async fn parties(&self, record_id: i32) -> StoreResult<ClinicalParties> {
        let sql = "SELECT patient_id, doctor_id FROM medical_records WHERE record_id = $1";
        parties(&self.db, sql, record_id, "medical_record").await
    }

    async fn create(
        &self,
        actor: &Actor,
        appointment_id: i32,
        content: RecordContent,
    ) -> StoreResult<MedicalRecord> {
        let txn = begin(&self.db).await?;
        // The status is checked under a lock: a visit cannot change status while recorded.
        let visit = visit(&txn, appointment_id, "FOR SHARE OF a").await?;
        let status = visit.status.parse().map_err(|_| {
            StoreError::Unexpected(format!("unknown appointment status {:?}", visit.status))
        })?;
        ensure_recordable(status)?;
        let row = txn
            .query_one_raw(Statement::from_sql_and_values(
                DbBackend::Postgres,
                "INSERT INTO medical_records (patient_id, doctor_id, appointment_id, diagnosis,
                    notes, test_results)
                 VALUES ($1, $2, $3, $4, $5, $6) RETURNING record_id",
                [
                    visit.patient_id.into(),
                    visit.doctor_id.into(),
                    appointment_id.into(),
                    content.diagnosis.into(),
                    content.notes.into(),
                    content.test_results.to_json().into(),
                ],
            ))
            .await
            .map_err(store_error)?
            .ok_or_else(|| {
                StoreError::Unexpected("INSERT medical_records returned no id".into())
            })?;
        let id: i32 = row.try_get("", "record_id").map_err(store_error)?;
        let after = snapshot(&txn, TABLE, "record_id", id.into())
            .await
            .map_err(store_error)?;
        let record = get(&txn, id).await?;
        let audit = draft(
            TABLE,
            id.into(),
            AuditAction::Insert,
            Some(actor.user_id),
            None,
            after,
        );
        let notification = notify_patient(&visit, id, "wrote a medical record");
        commit_with_notifications(txn, vec![audit], &[notification]).await?;
        Ok(record)
    }

    async fn amend(
        &self,
        actor: &Actor,
        record_id: i32,
        amendment: RecordAmendment,
    ) -> StoreResult<MedicalRecord> {
        let txn = begin(&self.db).await?;
        let locked: Locked = find_one(
            &txn,
            Statement::from_sql_and_values(
                DbBackend::Postgres,
                "SELECT appointment_id FROM medical_records WHERE record_id = $1 FOR NO KEY UPDATE",
                [record_id.into()],
            ),
            "medical_record",
        )
        .await?;
        let appointment_id = locked.appointment_id;
        let before = snapshot(&txn, TABLE, "record_id", record_id.into())
            .await
            .map_err(store_error)?;
        let (keep_diagnosis, diagnosis) = keep_or_set(amendment.diagnosis);
        let (keep_notes, notes) = keep_or_set(amendment.notes);
        let results: Value = amendment.test_results.map(|r| r.to_json()).into();
        txn.execute_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "UPDATE medical_records SET
                diagnosis = CASE WHEN $2 THEN diagnosis ELSE $3 END,
                notes = CASE WHEN $4 THEN notes ELSE $5 END,
                test_results = COALESCE($6, test_results),
                updated_at = now()
             WHERE record_id = $1",
            [
                record_id.into(),
                keep_diagnosis.into(),
                diagnosis.into(),
                keep_notes.into(),
                notes.into(),
                results,
            ],
        ))
        .await
        .map_err(store_error)?;
        let after = snapshot(&txn, TABLE, "record_id", record_id.into())
            .await
            .map_err(store_error)?;
        let record = get(&txn, record_id).await?;
        let visit = visit(&txn, appointment_id, "").await?;
        let audit = draft(
            TABLE,
            record_id.into(),
            AuditAction::Update,
            Some(actor.user_id),
            before,
            after,
        );
        let notification = notify_patient(&visit, record_id, "updated the medical record");
        commit_with_notifications(txn, vec![audit], &[notification]).await?;
        Ok(record)
    }

    async fn read(&self, actor: &Actor, record_id: i32) -> StoreResult<MedicalRecord> {
        read_one::<Row>(
            (&self.db, &self.reads),
            actor.user_id,
            TABLE,
            "medical_record",
            by_id(record_id),
        )
        .await
    }

    async fn list(
        &self,
        actor: &Actor,
        filter: RecordFilter,
        page: PageRequest,
    ) -> StoreResult<Page<MedicalRecord>> {
        let (sql, params) = list_sql(&filter);
        let queries = (&*sql.page, &*sql.total);
        read_page::<Row>(
            (&self.db, &self.reads),
            actor.user_id,
            TABLE,
            queries,
            params,
            page,
        )
        .await
    }
}
