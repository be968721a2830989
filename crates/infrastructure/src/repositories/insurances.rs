//! Patients' insurance policies. Deactivated, never deleted.

use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use clinic_domain::access::Actor;
use clinic_domain::patients::{Insurance, InsurancePatch, InsuranceRepository, InsuranceTerms};
use clinic_domain::{Page, PageRequest, StoreError, StoreResult};
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, FromQueryResult, Statement};

use super::support::{begin, commit_audited, find_one, insert_audited, page_rows, update_audited};

/// Insurance policies in PostgreSQL.
#[derive(Clone)]
pub struct PgInsuranceRepository {
    db: DatabaseConnection,
}

impl PgInsuranceRepository {
    /// A repository over `db`.
    #[must_use]
    pub fn new(db: DatabaseConnection) -> Self {
        Self { db }
    }
}

const INSURANCE_VIEW: &str = "SELECT insurance_id, patient_id, provider_name, policy_number,
        group_number, holder_name, holder_relationship, valid_from, valid_to, is_active,
        created_at, updated_at
    FROM insurances";

#[derive(Debug, FromQueryResult)]
struct InsuranceRow {
    insurance_id: i32,
    patient_id: i32,
    provider_name: String,
    policy_number: String,
    group_number: Option<String>,
    holder_name: String,
    holder_relationship: String,
    valid_from: NaiveDate,
    valid_to: Option<NaiveDate>,
    is_active: bool,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
}

impl InsuranceRow {
    fn into_insurance(self) -> StoreResult<Insurance> {
        let holder_relationship = self.holder_relationship.parse().map_err(|_| {
            StoreError::Unexpected(format!(
                "unknown holder_relationship {:?} in insurances",
                self.holder_relationship
            ))
        })?;
        Ok(Insurance {
            insurance_id: self.insurance_id,
            patient_id: self.patient_id,
            provider_name: self.provider_name,
            policy_number: self.policy_number,
            group_number: self.group_number,
            holder_name: self.holder_name,
            holder_relationship,
            valid_from: self.valid_from,
            valid_to: self.valid_to,
            is_active: self.is_active,
            created_at: self.created_at,
            updated_at: self.updated_at,
        })
    }
}

/// One policy; `for_update` locks its row until the transaction ends.
async fn load_insurance<C: ConnectionTrait>(
    conn: &C,
    insurance_id: i32,
    for_update: bool,
) -> StoreResult<Insurance> {
    let lock = if for_update { "FOR NO KEY UPDATE" } else { "" };
    let sql = format!("{INSURANCE_VIEW} WHERE insurance_id = $1 {lock}");
    let stmt = Statement::from_sql_and_values(DbBackend::Postgres, sql, [insurance_id.into()]);
    find_one::<InsuranceRow, _>(conn, stmt, "insurance")
        .await?
        .into_insurance()
}

#[async_trait]
impl InsuranceRepository for PgInsuranceRepository {
    async fn list(&self, patient_id: i32, page: PageRequest) -> StoreResult<Page<Insurance>> {
        let (rows, total) = page_rows::<InsuranceRow, _>(
            &self.db,
            &format!(
                "{INSURANCE_VIEW} WHERE patient_id = $1
                 ORDER BY is_active DESC, valid_from DESC, insurance_id DESC"
            ),
            "SELECT count(*) AS total FROM insurances WHERE patient_id = $1",
            vec![patient_id.into()],
            page,
        )
        .await?;
        Page::new(rows, page, total).try_map(InsuranceRow::into_insurance)
    }

    async fn get(&self, insurance_id: i32) -> StoreResult<Insurance> {
        load_insurance(&self.db, insurance_id, false).await
    }

    async fn create(
        &self,
        actor: &Actor,
        patient_id: i32,
        terms: InsuranceTerms,
        is_active: bool,
    ) -> StoreResult<Insurance> {
        let txn = begin(&self.db).await?;
        let insert = Statement::from_sql_and_values(
            DbBackend::Postgres,
            "INSERT INTO insurances AS t (patient_id, provider_name, policy_number, group_number,
                holder_name, holder_relationship, valid_from, valid_to, is_active)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
             RETURNING insurance_id AS id, to_jsonb(t) AS row",
            [
                patient_id.into(),
                terms.provider_name().into(),
                terms.policy_number().into(),
                terms.group_number().map(str::to_owned).into(),
                terms.holder_name().into(),
                terms.holder_relationship().as_str().into(),
                terms.valid_from().into(),
                terms.valid_to().into(),
                is_active.into(),
            ],
        );
        let (insurance_id, audit) =
            insert_audited(&txn, Some(actor.user_id), "insurances", insert).await?;
        let insurance = load_insurance(&txn, insurance_id, false).await?;
        commit_audited(txn, vec![audit]).await?;
        Ok(insurance)
    }

    async fn update(
        &self,
        actor: &Actor,
        insurance_id: i32,
        patch: InsurancePatch,
    ) -> StoreResult<Insurance> {
        let txn = begin(&self.db).await?;
        let current = load_insurance(&txn, insurance_id, true).await?;
        let changed = patch.apply_to(&current)?;
        if changed == current {
            commit_audited(txn, Vec::new()).await?;
            return Ok(current);
        }
        let update = Statement::from_sql_and_values(
            DbBackend::Postgres,
            "UPDATE insurances SET provider_name = $2, policy_number = $3, group_number = $4,
                holder_name = $5, holder_relationship = $6, valid_from = $7, valid_to = $8,
                is_active = $9, updated_at = now()
             WHERE insurance_id = $1",
            [
                insurance_id.into(),
                changed.provider_name.into(),
                changed.policy_number.into(),
                changed.group_number.into(),
                changed.holder_name.into(),
                changed.holder_relationship.as_str().into(),
                changed.valid_from.into(),
                changed.valid_to.into(),
                changed.is_active.into(),
            ],
        );
        let row = ("insurances", "insurance_id", insurance_id.into());
        let audit = update_audited(&txn, Some(actor.user_id), row, update).await?;
        let insurance = load_insurance(&txn, insurance_id, false).await?;
        commit_audited(txn, vec![audit]).await?;
        Ok(insurance)
    }
}
