//! Prescriptions: issued on a medical record by its doctor, read with a `read` audit row per
//! prescription shown.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use clinic_domain::access::Actor;
use clinic_domain::audit::AuditAction;
use clinic_domain::clinical::{
    ClinicalParties, NewPrescription, Prescription, PrescriptionFilter, PrescriptionRepository,
};
use clinic_domain::notification::{NotificationDraft, NotificationType};
use clinic_domain::{Page, PageRequest, StoreError, StoreResult};
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, FromQueryResult, Statement, Value};

use super::ListSql;
use super::clinical_common::{AuditedRow, decode, parties, read_one, read_page};
use super::support::{
    Conditions, begin, commit_with_notifications, draft, find_one, snapshot, store_error,
};
use crate::read_audit::ReadAuditWriter;

const TABLE: &str = "prescriptions";

/// Prescriptions in PostgreSQL.
#[derive(Clone)]
pub struct PgPrescriptions {
    db: DatabaseConnection,
    reads: ReadAuditWriter,
}

impl PgPrescriptions {
    /// A repository over `db`, recording reads through `reads`.
    #[must_use]
    pub fn new(db: DatabaseConnection, reads: ReadAuditWriter) -> Self {
        Self { db, reads }
    }
}

const VIEW: &str = "SELECT x.prescription_id, x.record_id, r.patient_id, r.doctor_id,
        x.medication_name, x.dose, x.route, x.frequency, x.quantity, x.refills, x.instructions,
        x.date_issued, x.pharmacy_details,
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

#[derive(FromQueryResult)]
struct RecordOwner {
    patient_user_id: i32,
    doctor_name: String,
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

#[async_trait]
impl PrescriptionRepository for PgPrescriptions {
    async fn parties(&self, prescription_id: i32) -> StoreResult<ClinicalParties> {
        let sql = "SELECT r.patient_id, r.doctor_id FROM prescriptions x
            JOIN medical_records r ON r.record_id = x.record_id
            WHERE x.prescription_id = $1";
        parties(&self.db, sql, prescription_id, "prescription").await
    }

    async fn create(&self, actor: &Actor, new: NewPrescription) -> StoreResult<Prescription> {
        let txn = begin(&self.db).await?;
        let owner: RecordOwner = find_one(
            &txn,
            Statement::from_sql_and_values(
                DbBackend::Postgres,
                "SELECT p.user_id AS patient_user_id,
                    concat_ws(' ', d.first_name, d.last_name) AS doctor_name
                 FROM medical_records r
                 JOIN patients p ON p.patient_id = r.patient_id
                 JOIN doctors d ON d.doctor_id = r.doctor_id
                 WHERE r.record_id = $1 FOR SHARE OF r",
                [new.record_id.into()],
            ),
            "medical_record",
        )
        .await?;
        let medication = &new.medication;
        let pharmacy = new
            .pharmacy_details
            .as_ref()
            .map(|p| serde_json::to_value(p).unwrap_or(serde_json::Value::Null));
        let row = txn
            .query_one_raw(Statement::from_sql_and_values(
                DbBackend::Postgres,
                "INSERT INTO prescriptions (record_id, medication_name, dose, route, frequency,
                    quantity, refills, instructions, pharmacy_details)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING prescription_id",
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
                ],
            ))
            .await
            .map_err(store_error)?
            .ok_or_else(|| StoreError::Unexpected("INSERT prescriptions returned no id".into()))?;
        let id: i32 = row.try_get("", "prescription_id").map_err(store_error)?;
        let after = snapshot(&txn, TABLE, "prescription_id", id.into())
            .await
            .map_err(store_error)?;
        let prescription = find_one::<Row, _>(&txn, by_id(id), "prescription")
            .await?
            .into_item()?;
        let audit = draft(
            TABLE,
            id.into(),
            AuditAction::Insert,
            Some(actor.user_id),
            None,
            after,
        );
        // The message names no medication: notifications are not audited when read.
        let notification = NotificationDraft::new(
            owner.patient_user_id,
            NotificationType::Prescription,
            format!(
                "Dr. {} issued a prescription for you; see your prescriptions.",
                owner.doctor_name
            ),
            TABLE,
            id,
        );
        commit_with_notifications(txn, vec![audit], &[notification]).await?;
        Ok(prescription)
    }

    async fn read(&self, actor: &Actor, prescription_id: i32) -> StoreResult<Prescription> {
        read_one::<Row>(
            (&self.db, &self.reads),
            actor.user_id,
            TABLE,
            "prescription",
            by_id(prescription_id),
        )
        .await
    }

    async fn list(
        &self,
        actor: &Actor,
        filter: PrescriptionFilter,
        page: PageRequest,
    ) -> StoreResult<Page<Prescription>> {
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
