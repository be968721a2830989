//! What the access policy needs to know about relationships.

use async_trait::async_trait;
use clinic_domain::access::{AccessFacts, Actor, PatientFacts};
use clinic_domain::{StoreError, StoreResult};
use sea_orm::{DatabaseConnection, DbBackend, FromQueryResult, Statement};

use super::support::store_error;
use super::treats::treats;

/// Relationship lookups in PostgreSQL.
#[derive(Clone)]
pub struct PgAccessFacts {
    db: DatabaseConnection,
}

impl PgAccessFacts {
    /// A reader over `db`.
    #[must_use]
    pub fn new(db: DatabaseConnection) -> Self {
        Self { db }
    }
}

#[derive(FromQueryResult)]
struct Row {
    treats: bool,
}

#[async_trait]
impl AccessFacts for PgAccessFacts {
    async fn patient_facts(&self, actor: &Actor, patient_id: i32) -> StoreResult<PatientFacts> {
        let row = Row::find_by_statement(Statement::from_sql_and_values(
            DbBackend::Postgres,
            format!(
                "SELECT $2::integer IS NOT NULL AND {} AS treats FROM patients WHERE patient_id = $1",
                treats("$1", "$2")
            ),
            [patient_id.into(), actor.doctor_id.into()],
        ))
        .one(&self.db)
        .await
        .map_err(store_error)?
        .ok_or_else(|| StoreError::not_found("patient"))?;
        Ok(PatientFacts {
            patient_id,
            treated_by_actor: row.treats,
        })
    }
}
