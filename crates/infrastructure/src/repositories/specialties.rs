//! Specialties and their consultation fees.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use clinic_domain::StoreResult;
use clinic_domain::access::Actor;
use clinic_domain::audit::AuditAction;
use clinic_domain::directory::{NewSpecialty, Specialty, SpecialtyPatch, SpecialtyRepository};
use rust_decimal::Decimal;
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, FromQueryResult, Statement};

use super::support::{
    audited, begin, commit_audited, find_one, insert_returning_id, lock_row, store_error,
    stored_money,
};

/// Specialties in PostgreSQL.
#[derive(Clone)]
pub struct PgSpecialtyRepository {
    db: DatabaseConnection,
}

impl PgSpecialtyRepository {
    /// A repository over `db`.
    #[must_use]
    pub fn new(db: DatabaseConnection) -> Self {
        Self { db }
    }
}

const TABLE: (&str, &str) = ("specialties", "specialty_id");

const SPECIALTY_VIEW: &str = "SELECT specialty_id, specialty_name, requires_referral,
        consultation_fee, created_at, updated_at
    FROM specialties";

#[derive(Debug, FromQueryResult)]
struct SpecialtyRow {
    specialty_id: i32,
    specialty_name: String,
    requires_referral: bool,
    consultation_fee: Decimal,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
}

impl SpecialtyRow {
    fn into_specialty(self) -> StoreResult<Specialty> {
        Ok(Specialty {
            specialty_id: self.specialty_id,
            name: self.specialty_name,
            requires_referral: self.requires_referral,
            consultation_fee: stored_money(self.consultation_fee, "consultation_fee")?,
            created_at: self.created_at,
            updated_at: self.updated_at,
        })
    }
}

async fn load<C: ConnectionTrait>(conn: &C, specialty_id: i32) -> StoreResult<Specialty> {
    let sql = format!("{SPECIALTY_VIEW} WHERE specialty_id = $1");
    let stmt = Statement::from_sql_and_values(DbBackend::Postgres, sql, [specialty_id.into()]);
    find_one::<SpecialtyRow, _>(conn, stmt, "specialty")
        .await?
        .into_specialty()
}

#[async_trait]
impl SpecialtyRepository for PgSpecialtyRepository {
    async fn list(&self) -> StoreResult<Vec<Specialty>> {
        SpecialtyRow::find_by_statement(Statement::from_string(
            DbBackend::Postgres,
            format!("{SPECIALTY_VIEW} ORDER BY lower(specialty_name), specialty_id"),
        ))
        .all(&self.db)
        .await
        .map_err(store_error)?
        .into_iter()
        .map(SpecialtyRow::into_specialty)
        .collect()
    }

    async fn create(&self, actor: &Actor, new: NewSpecialty) -> StoreResult<Specialty> {
        let txn = begin(&self.db).await?;
        let id = insert_returning_id(
            &txn,
            "INSERT INTO specialties (specialty_name, requires_referral, consultation_fee)
             VALUES ($1, $2, $3) RETURNING specialty_id",
            vec![
                new.name.as_str().into(),
                new.requires_referral.into(),
                new.consultation_fee.amount().into(),
            ],
            "specialty_id",
        )
        .await?;
        let audit = audited(&txn, TABLE, id, AuditAction::Insert, actor, None).await?;
        let specialty = load(&txn, id).await?;
        commit_audited(txn, vec![audit]).await?;
        Ok(specialty)
    }

    async fn update(
        &self,
        actor: &Actor,
        specialty_id: i32,
        patch: SpecialtyPatch,
    ) -> StoreResult<Specialty> {
        let txn = begin(&self.db).await?;
        let before = lock_row(&txn, TABLE, specialty_id, "specialty").await?;
        txn.execute_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "UPDATE specialties SET
                specialty_name = COALESCE($2, specialty_name),
                requires_referral = COALESCE($3, requires_referral),
                consultation_fee = COALESCE($4, consultation_fee),
                updated_at = now()
             WHERE specialty_id = $1",
            [
                specialty_id.into(),
                patch.name.map(|n| n.as_str().to_owned()).into(),
                patch.requires_referral.into(),
                patch.consultation_fee.map(|m| m.amount()).into(),
            ],
        ))
        .await
        .map_err(store_error)?;
        let audit = audited(
            &txn,
            TABLE,
            specialty_id,
            AuditAction::Update,
            actor,
            Some(before),
        )
        .await?;
        let specialty = load(&txn, specialty_id).await?;
        commit_audited(txn, vec![audit]).await?;
        Ok(specialty)
    }
}
