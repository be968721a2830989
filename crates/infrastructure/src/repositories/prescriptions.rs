//! Prescriptions: issued on a medical record by its doctor, read with a `read` audit row per
//! prescription shown.

use chrono::{DateTime, Utc};
use clinic_domain::access::{Actor, ClinicalParties};
use clinic_domain::audit::AuditEntryDraft;
use clinic_domain::clinical::{NewPrescription, Prescription, PrescriptionFilter};
use clinic_domain::{Page, PageRequest, StoreError, StoreResult};
use sea_orm::{
    ConnectionTrait, DatabaseConnection, DatabaseTransaction, DbBackend, FromQueryResult,
    Statement, Value,
};

use super::ListSql;
use super::clinical_common::{AuditedRow, decode, parties, read_one, read_page};
use super::support::{Conditions, find_one, insert_audited};
use crate::read_audit::ReadAuditWriter;

const TABLE: &str = "prescriptions";

const VIEW: &str = "SELECT x.prescription_id, x.record_id, r.patient_id, r.doctor_id,
        x.medication_name, x.dose, x.route, x.frequency, x.quantity, x.refills, x.instructions,
        x.date_issued, x.pharmacy_details, x.duration_days, x.ended_at, x.allergy_override_reason,
        concat_ws(' ', d.first_name, d.last_name) AS doctor_name
    FROM prescriptions x
    JOIN medical_records r ON r.record_id = x.record_id
    JOIN doctors d ON d.doctor_id = r.doctor_id";

#[derive(FromQueryResult)]
struct Row {
    prescription_id: i32,
    record_id: i32,
    patient_id: i32,
    doctor_id: i32,
    medication_name: String,
    dose: String,
    route: String,
    frequency: String,
    quantity: i32,
    refills: i16,
    instructions: Option<String>,
    date_issued: DateTime<Utc>,
    pharmacy_details: Option<serde_json::Value>,
    duration_days: Option<i32>,
    ended_at: Option<DateTime<Utc>>,
    allergy_override_reason: Option<String>,
    doctor_name: String,
}

impl AuditedRow for Row {
    type Item = Prescription;

    fn id(&self) -> i64 {
        self.prescription_id.into()
    }

    fn into_item(self) -> StoreResult<Prescription> {
        Ok(Prescription {
            pharmacy_details: self
                .pharmacy_details
                .map(|p| decode("pharmacy details", p))
                .transpose()?,
            prescription_id: self.prescription_id,
            record_id: self.record_id,
            patient_id: self.patient_id,
            doctor_id: self.doctor_id,
            medication_name: self.medication_name,
            dose: self.dose,
            route: self.route,
            frequency: self.frequency,
            quantity: self.quantity,
            refills: self.refills,
            instructions: self.instructions,
            date_issued: self.date_issued,
            doctor_name: self.doctor_name,
            duration_days: self.duration_days,
            ended_at: self.ended_at,
            allergy_override_reason: self.allergy_override_reason,
        })
    }
}

fn by_id(prescription_id: i32) -> Statement {
    Statement::from_sql_and_values(
        DbBackend::Postgres,
        format!("{VIEW} WHERE x.prescription_id = $1"),
        [prescription_id.into()],
    )
}

/// The SQL of `GET /prescriptions` for `filter`, and its parameters.
#[must_use]
pub fn list_sql(filter: &PrescriptionFilter) -> (ListSql, Vec<Value>) {
    let conditions = Conditions::default()
        .when(Some(filter.patient_id), "r.patient_id = $")
        .when(filter.record_id, "x.record_id = $");
    let condition = conditions.sql();
    let sql = ListSql {
        page: format!("{VIEW} {condition} ORDER BY x.date_issued DESC, x.prescription_id DESC"),
        total: format!(
            "SELECT count(*) AS total FROM prescriptions x
             JOIN medical_records r ON r.record_id = x.record_id {condition}"
        ),
    };
    (sql, conditions.into_params())
}

/// The patient and doctor of a prescription's record; not audited.
///
/// # Errors
/// `NotFound { entity: "prescription" }`.
pub(crate) async fn prescription_parties(
    db: &DatabaseConnection,
    prescription_id: i32,
) -> StoreResult<ClinicalParties> {
    let sql = "SELECT r.patient_id, r.doctor_id FROM prescriptions x
        JOIN medical_records r ON r.record_id = x.record_id
        WHERE x.prescription_id = $1";
    parties(db, sql, prescription_id, "prescription").await
}

/// Issues a prescription on a record (locked by the caller) and returns it with its audit row
/// (an insert).
///
/// # Errors
/// `Unavailable` / `Unexpected`.
pub(crate) async fn insert(
    txn: &DatabaseTransaction,
    actor: &Actor,
    new: &NewPrescription,
    now: DateTime<Utc>,
) -> StoreResult<(Prescription, AuditEntryDraft)> {
    let medication = &new.medication;
    let pharmacy = new
        .pharmacy_details
        .as_ref()
        .map(serde_json::to_value)
        .transpose()
        .map_err(|e| StoreError::Unexpected(format!("pharmacy details do not encode: {e}")))?;
    let insert = Statement::from_sql_and_values(
        DbBackend::Postgres,
        "INSERT INTO prescriptions AS t (record_id, medication_name, dose, route, frequency,
            quantity, refills, instructions, pharmacy_details, duration_days,
            allergy_override_reason, date_issued)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
         RETURNING prescription_id AS id, to_jsonb(t) AS row",
        [
            new.record_id.into(),
            medication.medication_name().into(),
            medication.dose().into(),
            medication.route().into(),
            medication.frequency().into(),
            medication.quantity().into(),
            medication.refills().into(),
            medication.instructions().map(str::to_owned).into(),
            pharmacy.into(),
            new.duration_days.into(),
            new.allergy_override_reason.clone().into(),
            now.into(),
        ],
    );
    let (id, audit) = insert_audited(txn, Some(actor.user_id), TABLE, insert).await?;
    let prescription = find_one::<Row, _>(txn, by_id(id), "prescription")
        .await?
        .into_item()?;
    Ok((prescription, audit))
}

/// The newest `limit` prescriptions of a patient, unaudited: for the active-medication list,
/// whose use case audits the ones it shows.
///
/// # Errors
/// `Unavailable` / `Unexpected`.
pub(crate) async fn of_patient<C: ConnectionTrait>(
    conn: &C,
    patient_id: i32,
    limit: u64,
) -> StoreResult<Vec<Prescription>> {
    let stmt = Statement::from_sql_and_values(
        DbBackend::Postgres,
        format!(
            "{VIEW} WHERE r.patient_id = $1 ORDER BY x.date_issued DESC, x.prescription_id DESC
             LIMIT $2"
        ),
        [
            patient_id.into(),
            i64::try_from(limit).unwrap_or(i64::MAX).into(),
        ],
    );
    Row::find_by_statement(stmt)
        .all(conn)
        .await
        .map_err(super::support::store_error)?
        .into_iter()
        .map(AuditedRow::into_item)
        .collect()
}

/// One prescription, audited as read by `actor`.
///
/// # Errors
/// `NotFound { entity: "prescription" }`.
pub(crate) async fn read(
    reader: (&DatabaseConnection, &ReadAuditWriter),
    actor: &Actor,
    prescription_id: i32,
) -> StoreResult<Prescription> {
    read_one::<Row>(
        reader,
        actor.user_id,
        TABLE,
        "prescription",
        by_id(prescription_id),
    )
    .await
}

/// One page of prescriptions, each audited as read by `actor`.
///
/// # Errors
/// `Unavailable` / `Unexpected`.
pub(crate) async fn list(
    reader: (&DatabaseConnection, &ReadAuditWriter),
    actor: &Actor,
    filter: PrescriptionFilter,
    page: PageRequest,
) -> StoreResult<Page<Prescription>> {
    let (sql, params) = list_sql(&filter);
    let queries = (&*sql.page, &*sql.total);
    read_page::<Row>(reader, actor.user_id, TABLE, queries, params, page).await
}
