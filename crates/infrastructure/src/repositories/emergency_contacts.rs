//! Patients' emergency contacts, replaced as a whole list.

use async_trait::async_trait;
use clinic_domain::StoreResult;
use clinic_domain::access::Actor;
use clinic_domain::audit::AuditAction;
use clinic_domain::patients::{EmergencyContact, EmergencyContactRepository, NewEmergencyContact};
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, FromQueryResult, Statement};

use super::support::{
    ReturnedRow, begin, commit_audited, draft, insert_audited, lock_patient, store_error,
};

const TABLE: &str = "patient_emergency_contacts";

/// Emergency contacts in PostgreSQL.
#[derive(Clone)]
pub struct PgEmergencyContactRepository {
    db: DatabaseConnection,
}

impl PgEmergencyContactRepository {
    /// A repository over `db`.
    #[must_use]
    pub fn new(db: DatabaseConnection) -> Self {
        Self { db }
    }
}

#[derive(Debug, FromQueryResult)]
struct ContactRow {
    contact_id: i32,
    name: String,
    relationship: String,
    phone_country_code: Option<String>,
    phone_number: String,
    phone_extension: Option<String>,
    priority: i16,
}

impl From<ContactRow> for EmergencyContact {
    fn from(row: ContactRow) -> Self {
        EmergencyContact {
            contact_id: row.contact_id,
            name: row.name,
            relationship: row.relationship,
            phone_country_code: row.phone_country_code,
            phone_number: row.phone_number,
            phone_extension: row.phone_extension,
            priority: row.priority,
        }
    }
}

async fn load_contacts<C: ConnectionTrait>(
    conn: &C,
    patient_id: i32,
) -> StoreResult<Vec<EmergencyContact>> {
    let rows = ContactRow::find_by_statement(Statement::from_sql_and_values(
        DbBackend::Postgres,
        "SELECT contact_id, name, relationship, phone_country_code, phone_number,
                phone_extension, priority
         FROM patient_emergency_contacts WHERE patient_id = $1 ORDER BY priority",
        [patient_id.into()],
    ))
    .all(conn)
    .await
    .map_err(store_error)?;
    Ok(rows.into_iter().map(EmergencyContact::from).collect())
}

#[async_trait]
impl EmergencyContactRepository for PgEmergencyContactRepository {
    async fn list(&self, patient_id: i32) -> StoreResult<Vec<EmergencyContact>> {
        load_contacts(&self.db, patient_id).await
    }

    async fn replace(
        &self,
        actor: &Actor,
        patient_id: i32,
        contacts: Vec<NewEmergencyContact>,
    ) -> StoreResult<Vec<EmergencyContact>> {
        let txn = begin(&self.db).await?;
        lock_patient(&txn, patient_id).await?;
        let actor_id = Some(actor.user_id);
        let removed = ReturnedRow::find_by_statement(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "DELETE FROM patient_emergency_contacts c WHERE patient_id = $1
             RETURNING contact_id AS id, to_jsonb(c) AS row",
            [patient_id.into()],
        ))
        .all(&txn)
        .await
        .map_err(store_error)?;
        let mut audits: Vec<_> = removed
            .into_iter()
            .map(|old| {
                let id = old.id.into();
                draft(
                    TABLE,
                    id,
                    AuditAction::Delete,
                    actor_id,
                    Some(old.row),
                    None,
                )
            })
            .collect();
        for contact in &contacts {
            let insert = Statement::from_sql_and_values(
                DbBackend::Postgres,
                "INSERT INTO patient_emergency_contacts AS t (patient_id, name, relationship,
                    phone_country_code, phone_number, phone_extension, priority)
                 VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING contact_id AS id, to_jsonb(t) AS row",
                [
                    patient_id.into(),
                    contact.name.clone().into(),
                    contact.relationship.clone().into(),
                    contact.phone.country_code().map(str::to_owned).into(),
                    contact.phone.number().into(),
                    contact.phone.extension().map(str::to_owned).into(),
                    contact.priority.into(),
                ],
            );
            let (_, audit) = insert_audited(&txn, actor_id, TABLE, insert).await?;
            audits.push(audit);
        }
        let stored = load_contacts(&txn, patient_id).await?;
        commit_audited(txn, audits).await?;
        Ok(stored)
    }
}
