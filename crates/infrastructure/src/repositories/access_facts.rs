//! What the access policy needs to know about relationships.

use std::sync::Arc;

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use clinic_domain::access::{AccessFacts, Actor, PatientFacts};
use clinic_domain::{Clock, StoreError, StoreResult, SystemClock};
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, FromQueryResult, Statement};

use super::support::store_error;
use super::treats::treats;

/// Relationship lookups in PostgreSQL.
#[derive(Clone)]
pub struct PgAccessFacts {
    db: DatabaseConnection,
    clock: Arc<dyn Clock>,
}

impl PgAccessFacts {
    /// A reader over `db`, judging at the system clock's time.
    #[must_use]
    pub fn new(db: DatabaseConnection) -> Self {
        Self::with_clock(db, Arc::new(SystemClock))
    }

    /// A reader over `db` that judges "does this doctor treat the patient" at `clock`'s time.
    #[must_use]
    pub fn with_clock(db: DatabaseConnection, clock: Arc<dyn Clock>) -> Self {
        Self { db, clock }
    }
}

#[derive(FromQueryResult)]
struct Row {
    treats: bool,
}

/// How `actor` relates to patient `patient_id` at `now`, on any connection (a transaction's
/// too); `None` when there is no such patient. The one query behind every port's
/// `patient_facts`. Nothing is cached: a care-team removal shows in the next lookup.
pub(crate) async fn patient_facts<C: ConnectionTrait>(
    conn: &C,
    actor: &Actor,
    patient_id: i32,
    now: DateTime<Utc>,
) -> StoreResult<Option<PatientFacts>> {
    let row = Row::find_by_statement(Statement::from_sql_and_values(
        DbBackend::Postgres,
        format!(
            "SELECT $2::integer IS NOT NULL AND {} AS treats FROM patients WHERE patient_id = $1",
            treats("$1", "$2", "$3")
        ),
        [patient_id.into(), actor.doctor_id.into(), now.into()],
    ))
    .one(conn)
    .await
    .map_err(store_error)?;
    Ok(row.map(|row| PatientFacts {
        patient_id,
        treated_by_actor: row.treats,
    }))
}

#[async_trait]
impl AccessFacts for PgAccessFacts {
    async fn patient_facts(&self, actor: &Actor, patient_id: i32) -> StoreResult<PatientFacts> {
        patient_facts(&self.db, actor, patient_id, self.clock.now())
            .await?
            .ok_or_else(|| StoreError::not_found("patient"))
    }
}
