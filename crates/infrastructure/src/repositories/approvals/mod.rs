//! Specialist approvals: requests, decisions (an approval adds the specialist to the care
//! team), and what referral lists show. The domain's use cases decide; this adapter locks,
//! reads and writes in the transaction they ask for, with the audit rows and the
//! notifications they drafted.

mod query;
mod write;

use std::sync::Arc;

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use clinic_domain::access::{Actor, PatientFacts};
use clinic_domain::audit::AuditEntryDraft;
use clinic_domain::notification::NotificationDraft;
use clinic_domain::referral::{
    ApprovalDecision, ApprovalFilter, LockedApproval, NewApproval, ReferralStore, ReferralTx,
    RequestFacts, SpecialistApproval,
};
use clinic_domain::{Clock, Page, PageRequest, StoreResult, SystemClock};
use sea_orm::{DatabaseConnection, DatabaseTransaction};

use super::access_facts::patient_facts;
use super::care_team::join_team;
use super::support::{begin, commit_with_notifications};

/// Specialist approvals in PostgreSQL.
#[derive(Clone)]
pub struct PgApprovals {
    db: DatabaseConnection,
    clock: Arc<dyn Clock>,
}

impl PgApprovals {
    /// A repository over `db`, on the system clock.
    #[must_use]
    pub fn new(db: DatabaseConnection) -> Self {
        Self::with_clock(db, Arc::new(SystemClock))
    }

    /// A repository over `db` that judges who treats whom at `clock`'s time.
    #[must_use]
    pub fn with_clock(db: DatabaseConnection, clock: Arc<dyn Clock>) -> Self {
        Self { db, clock }
    }
}

/// A patient that does not exist is one nobody treats: the policy then hides it like any
/// patient that is not the actor's.
fn facts_or_untreated(facts: Option<PatientFacts>, patient_id: i32) -> PatientFacts {
    facts.unwrap_or(PatientFacts {
        patient_id,
        treated_by_actor: false,
    })
}

#[async_trait]
impl ReferralStore for PgApprovals {
    async fn begin(&self) -> StoreResult<Box<dyn ReferralTx + '_>> {
        Ok(Box::new(PgReferralTx {
            txn: begin(&self.db).await?,
            now: self.clock.now(),
            audits: Vec::new(),
            notifications: Vec::new(),
        }))
    }

    async fn get(&self, approval_id: i32) -> StoreResult<Option<SpecialistApproval>> {
        query::find(&self.db, approval_id, false).await
    }

    async fn patient_facts(&self, actor: &Actor, patient_id: i32) -> StoreResult<PatientFacts> {
        let facts = patient_facts(&self.db, actor, patient_id, self.clock.now()).await?;
        Ok(facts_or_untreated(facts, patient_id))
    }

    async fn list(
        &self,
        filter: &ApprovalFilter,
        page: PageRequest,
    ) -> StoreResult<Page<SpecialistApproval>> {
        query::list(&self.db, filter, page, self.clock.now()).await
    }
}

/// One referral transaction: the audit rows and notifications of its writes are written at
/// commit.
struct PgReferralTx {
    txn: DatabaseTransaction,
    /// The instant the transaction's access facts are judged at.
    now: DateTime<Utc>,
    audits: Vec<AuditEntryDraft>,
    notifications: Vec<NotificationDraft>,
}

#[async_trait]
impl ReferralTx for PgReferralTx {
    async fn lock_request_facts(
        &mut self,
        actor: &Actor,
        patient_id: i32,
        requesting_doctor_id: i32,
        specialist_id: i32,
    ) -> StoreResult<RequestFacts> {
        let doctors = (requesting_doctor_id, specialist_id);
        write::lock_request_facts(&self.txn, actor, patient_id, doctors, self.now).await
    }

    async fn insert_request(
        &mut self,
        actor: &Actor,
        new: &NewApproval,
        at: DateTime<Utc>,
    ) -> StoreResult<SpecialistApproval> {
        let (approval, audit) = write::insert_request(&self.txn, actor, new, at).await?;
        self.audits.push(audit);
        Ok(approval)
    }

    async fn lock_approval(
        &mut self,
        actor: &Actor,
        approval_id: i32,
    ) -> StoreResult<Option<LockedApproval>> {
        write::lock_approval(&self.txn, actor, approval_id, self.now).await
    }

    async fn record_decision(
        &mut self,
        actor: &Actor,
        approval_id: i32,
        decision: ApprovalDecision,
        note: Option<String>,
        at: DateTime<Utc>,
    ) -> StoreResult<SpecialistApproval> {
        let decided = write::Decided {
            approval_id,
            decision,
            note,
            at,
        };
        let (approval, audit) = write::record_decision(&self.txn, actor, decided).await?;
        self.audits.push(audit);
        Ok(approval)
    }

    async fn join_care_team(
        &mut self,
        actor: &Actor,
        patient_id: i32,
        doctor_id: i32,
        at: DateTime<Utc>,
    ) -> StoreResult<()> {
        let audit = join_team(&self.txn, actor, patient_id, doctor_id, at).await?;
        self.audits.push(audit);
        Ok(())
    }

    fn notify(&mut self, notifications: Vec<NotificationDraft>) {
        self.notifications.extend(notifications);
    }

    async fn commit(self: Box<Self>) -> StoreResult<()> {
        commit_with_notifications(self.txn, self.audits, &self.notifications).await
    }
}
