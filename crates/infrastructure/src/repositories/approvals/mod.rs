//! Specialist approvals: requests, decisions (an approval adds the specialist to the care
//! team), and what referral lists show.

mod query;
mod write;

use async_trait::async_trait;
use clinic_domain::access::Actor;
use clinic_domain::referral::{
    ApprovalAction, ApprovalFilter, ApprovalRepository, NewApproval, RequestFacts,
    SpecialistApproval,
};
use clinic_domain::{Page, PageRequest, StoreError, StoreResult};
use sea_orm::{DatabaseConnection, DbBackend, FromQueryResult, Statement};

use super::support::store_error;

/// Specialist approvals in PostgreSQL.
#[derive(Clone)]
pub struct PgApprovals {
    db: DatabaseConnection,
}

impl PgApprovals {
    /// A repository over `db`.
    #[must_use]
    pub fn new(db: DatabaseConnection) -> Self {
        Self { db }
    }
}

#[derive(FromQueryResult)]
struct FactsRow {
    requester_in_care_team: bool,
    specialist_exists: bool,
}

#[async_trait]
impl ApprovalRepository for PgApprovals {
    async fn request_facts(
        &self,
        patient_id: i32,
        requesting_doctor_id: i32,
        specialist_id: i32,
    ) -> StoreResult<RequestFacts> {
        let row = FactsRow::find_by_statement(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "SELECT
                EXISTS (SELECT 1 FROM patient_doctors WHERE patient_id = $1 AND doctor_id = $2)
                    AS requester_in_care_team,
                EXISTS (SELECT 1 FROM doctors WHERE doctor_id = $3) AS specialist_exists",
            [
                patient_id.into(),
                requesting_doctor_id.into(),
                specialist_id.into(),
            ],
        ))
        .one(&self.db)
        .await
        .map_err(store_error)?
        .ok_or_else(|| StoreError::Unexpected("request facts returned no row".into()))?;
        Ok(RequestFacts {
            requester_in_care_team: row.requester_in_care_team,
            specialist_exists: row.specialist_exists,
        })
    }

    async fn create(&self, actor: &Actor, new: NewApproval) -> StoreResult<SpecialistApproval> {
        write::create(&self.db, actor, new).await
    }

    async fn get(&self, approval_id: i32) -> StoreResult<SpecialistApproval> {
        query::get(&self.db, approval_id).await
    }

    async fn list(
        &self,
        filter: &ApprovalFilter,
        page: PageRequest,
    ) -> StoreResult<Page<SpecialistApproval>> {
        query::list(&self.db, filter, page).await
    }

    async fn act(
        &self,
        actor: &Actor,
        approval_id: i32,
        action: ApprovalAction,
        note: Option<String>,
    ) -> StoreResult<SpecialistApproval> {
        write::act(&self.db, actor, approval_id, action, note).await
    }
}
