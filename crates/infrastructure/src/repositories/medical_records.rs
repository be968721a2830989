//! Medical records: written for a visit that took place, amended with their history kept in
//! the audit log, and read with a `read` audit row per record shown.

use chrono::{DateTime, Utc};
use clinic_domain::access::{Actor, ClinicalParties};
use clinic_domain::audit::AuditEntryDraft;
use clinic_domain::clinical::{
    MedicalRecord, NewAddendum, RecordContent, RecordFilter, VisitFacts,
};
use clinic_domain::{Page, PageRequest, StoreError, StoreResult};
use sea_orm::{
    ConnectionTrait, DatabaseConnection, DatabaseTransaction, DbBackend, FromQueryResult,
    Statement, Value,
};

use super::clinical_common::{AuditedRow, decode, parties, read_one, read_page};
use super::support::{Conditions, find_one, insert_audited, keep_or_set, update_audited};
use super::treats::treats;
use super::{ListSql, chart};
use crate::read_audit::ReadAuditWriter;
use clinic_domain::values::OfficeZone;

const TABLE: &str = "medical_records";

const VIEW: &str = "SELECT r.record_id, r.patient_id, r.doctor_id, r.appointment_id, r.diagnosis,
        r.notes, r.test_results, r.vitals, r.created_at, r.updated_at,
        (SELECT count(*)::integer + 1 FROM record_addenda x WHERE x.record_id = r.record_id)
            AS version,
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
    vitals: Option<serde_json::Value>,
    version: i32,
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
            vitals: self.vitals.map(|v| decode("vitals", v)).transpose()?,
            version: self.version,
            // Attached by `with_addenda` once the rows are loaded.
            addenda: Vec::new(),
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

/// One record with its addenda, unaudited: for the writer, inside the writing transaction.
pub(crate) async fn get<C: ConnectionTrait>(
    conn: &C,
    record_id: i32,
) -> StoreResult<MedicalRecord> {
    let record = find_one::<Row, _>(conn, by_id(record_id), "medical_record")
        .await?
        .into_item()?;
    let mut records = with_addenda(conn, vec![record]).await?;
    Ok(records.remove(0))
}

/// `records` with their addenda attached (one query for all of them).
async fn with_addenda<C: ConnectionTrait>(
    conn: &C,
    mut records: Vec<MedicalRecord>,
) -> StoreResult<Vec<MedicalRecord>> {
    let ids: Vec<i32> = records.iter().map(|r| r.record_id).collect();
    for addendum in chart::addenda(conn, &ids).await? {
        if let Some(record) = records
            .iter_mut()
            .find(|r| r.record_id == addendum.record_id)
        {
            record.addenda.push(addendum);
        }
    }
    Ok(records)
}

/// A visit as the clinical rules see it. `$2` is the acting doctor and `$3` the instant, for
/// `treated_by_actor`.
#[derive(FromQueryResult)]
struct Visit {
    appointment_id: i32,
    patient_id: i32,
    doctor_id: i32,
    status: String,
    starts_at: DateTime<Utc>,
    time_zone: String,
    patient_user_id: i32,
    doctor_name: String,
    treated_by_actor: bool,
}

impl Visit {
    fn into_facts(self) -> StoreResult<VisitFacts> {
        let status = self.status.parse().map_err(|_| {
            StoreError::Unexpected(format!("unknown appointment status {:?}", self.status))
        })?;
        Ok(VisitFacts {
            appointment_id: self.appointment_id,
            parties: ClinicalParties {
                patient_id: self.patient_id,
                doctor_id: self.doctor_id,
            },
            status,
            treated_by_actor: self.treated_by_actor,
            patient_user_id: self.patient_user_id,
            starts_label: OfficeZone::of_office(&self.time_zone).label(self.starts_at),
            doctor_name: self.doctor_name,
        })
    }
}

/// The columns of [`Visit`]; `{parties}` is the alias (`a` or `r`) whose patient and doctor
/// are the visit's.
fn visit_columns(parties: &str) -> String {
    format!(
        "a.appointment_id, {parties}.patient_id, {parties}.doctor_id, a.status,
            a.appointment_datetime AS starts_at, o.time_zone, p.user_id AS patient_user_id,
            concat_ws(' ', d.first_name, d.last_name) AS doctor_name,
            ($2::integer IS NOT NULL AND {}) AS treated_by_actor",
        treats(&format!("{parties}.patient_id"), "$2", "$3")
    )
}

/// Locks appointment `appointment_id` (its status cannot change until the transaction ends)
/// and loads it.
///
/// # Errors
/// `NotFound { entity: "appointment" }`.
pub(crate) async fn lock_visit(
    txn: &DatabaseTransaction,
    actor: &Actor,
    appointment_id: i32,
    now: DateTime<Utc>,
) -> StoreResult<VisitFacts> {
    let stmt = Statement::from_sql_and_values(
        DbBackend::Postgres,
        format!(
            "SELECT {} FROM appointments a
             JOIN patients p ON p.patient_id = a.patient_id
             JOIN doctors d ON d.doctor_id = a.doctor_id
             JOIN offices o ON o.office_id = a.office_id
             WHERE a.appointment_id = $1 FOR NO KEY UPDATE OF a",
            visit_columns("a")
        ),
        [appointment_id.into(), actor.doctor_id.into(), now.into()],
    );
    find_one::<Visit, _>(txn, stmt, "appointment")
        .await?
        .into_facts()
}

/// Locks record `record_id` and loads the visit it is about, with the record's parties.
///
/// # Errors
/// `NotFound { entity: "medical_record" }`.
pub(crate) async fn lock_record(
    txn: &DatabaseTransaction,
    actor: &Actor,
    record_id: i32,
    now: DateTime<Utc>,
) -> StoreResult<VisitFacts> {
    let stmt = Statement::from_sql_and_values(
        DbBackend::Postgres,
        format!(
            "SELECT {} FROM medical_records r
             JOIN appointments a ON a.appointment_id = r.appointment_id
             JOIN patients p ON p.patient_id = r.patient_id
             JOIN doctors d ON d.doctor_id = r.doctor_id
             JOIN offices o ON o.office_id = a.office_id
             WHERE r.record_id = $1 FOR NO KEY UPDATE OF r",
            visit_columns("r")
        ),
        [record_id.into(), actor.doctor_id.into(), now.into()],
    );
    find_one::<Visit, _>(txn, stmt, "medical_record")
        .await?
        .into_facts()
}

/// Writes the record of `visit` and returns it with its audit row (an insert).
///
/// # Errors
/// `Unavailable` / `Unexpected`.
pub(crate) async fn insert(
    txn: &DatabaseTransaction,
    actor: &Actor,
    visit: &VisitFacts,
    content: &RecordContent,
) -> StoreResult<(MedicalRecord, AuditEntryDraft)> {
    let insert = Statement::from_sql_and_values(
        DbBackend::Postgres,
        "INSERT INTO medical_records AS t (patient_id, doctor_id, appointment_id, diagnosis,
            notes, test_results, vitals)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING record_id AS id, to_jsonb(t) AS row",
        [
            visit.parties.patient_id.into(),
            visit.parties.doctor_id.into(),
            visit.appointment_id.into(),
            content.diagnosis.clone().into(),
            content.notes.clone().into(),
            content.test_results.to_json().into(),
            content.vitals.as_ref().map(|v| v.to_json()).into(),
        ],
    );
    let (id, audit) = insert_audited(txn, Some(actor.user_id), TABLE, insert).await?;
    let record = get(txn, id).await?;
    Ok((record, audit))
}

/// Appends an addendum to a record (locked by [`lock_record`]) and sets the record's row to
/// the new version; returns the record with the audit rows of both (the addendum's insert, and
/// the record's update with the old and the new values).
///
/// # Errors
/// `NotFound { entity: "medical_record" }`.
pub(crate) async fn append_addendum(
    txn: &DatabaseTransaction,
    actor: &Actor,
    addendum: &NewAddendum,
    now: DateTime<Utc>,
) -> StoreResult<(MedicalRecord, Vec<AuditEntryDraft>)> {
    let record_id = addendum.record_id;
    let amendment = &addendum.amendment;
    let added = chart::insert_addendum(txn, actor, addendum, now).await?;
    let (keep_diagnosis, diagnosis) = keep_or_set(amendment.diagnosis.clone());
    let (keep_notes, notes) = keep_or_set(amendment.notes.clone());
    let results: Value = amendment.test_results.as_ref().map(|r| r.to_json()).into();
    let update = Statement::from_sql_and_values(
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
    );
    let key = (TABLE, "record_id", record_id.into());
    let audit = update_audited(txn, Some(actor.user_id), key, update).await?;
    let record = get(txn, record_id).await?;
    Ok((record, vec![added, audit]))
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

/// The patient and doctor of a record; not audited (no clinical content).
///
/// # Errors
/// `NotFound { entity: "medical_record" }`.
pub(crate) async fn record_parties(
    db: &DatabaseConnection,
    record_id: i32,
) -> StoreResult<ClinicalParties> {
    let sql = "SELECT patient_id, doctor_id FROM medical_records WHERE record_id = $1";
    parties(db, sql, record_id, "medical_record").await
}

/// One record, audited as read by `actor`.
///
/// # Errors
/// `NotFound { entity: "medical_record" }`.
pub(crate) async fn read(
    reader: (&DatabaseConnection, &ReadAuditWriter),
    actor: &Actor,
    record_id: i32,
) -> StoreResult<MedicalRecord> {
    let record = read_one::<Row>(
        reader,
        actor.user_id,
        TABLE,
        "medical_record",
        by_id(record_id),
    )
    .await?;
    Ok(with_addenda(reader.0, vec![record]).await?.remove(0))
}

/// One page of records, each audited as read by `actor`.
///
/// # Errors
/// `Unavailable` / `Unexpected`.
pub(crate) async fn list(
    reader: (&DatabaseConnection, &ReadAuditWriter),
    actor: &Actor,
    filter: RecordFilter,
    page: PageRequest,
) -> StoreResult<Page<MedicalRecord>> {
    let (sql, params) = list_sql(&filter);
    let queries = (&*sql.page, &*sql.total);
    let mut page = read_page::<Row>(reader, actor.user_id, TABLE, queries, params, page).await?;
    page.items = with_addenda(reader.0, std::mem::take(&mut page.items)).await?;
    Ok(page)
}
