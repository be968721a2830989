//! What the referral use cases need from storage. Every write commits with its audit rows and
//! the notifications the use case drafted.

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::{
    ApprovalContacts, ApprovalDecision, ApprovalFilter, NewApproval, RequestFacts,
    SpecialistApproval,
};
use crate::access::{Actor, PatientFacts};
use crate::notification::NotificationDraft;
use crate::pagination::{Page, PageRequest};
use crate::store::StoreResult;

/// A request as loaded for a decision, locked until the transaction ends, with what the
/// decision's rules read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LockedApproval {
    /// The request as it stands.
    pub approval: SpecialistApproval,
    /// How the actor relates to the request's patient.
    pub patient: PatientFacts,
    /// The accounts to notify of the decision.
    pub contacts: ApprovalContacts,
    /// The specialist is on the patient's care team already.
    pub specialist_on_care_team: bool,
}

/// Stores specialist approvals.
#[async_trait]
pub trait ReferralStore: Send + Sync {
    /// Begins the transaction of one request or decision; dropping it without
    /// [`commit`](ReferralTx::commit) rolls everything back.
    ///
    /// # Errors
    /// `Unavailable` / `Unexpected` only.
    async fn begin(&self) -> StoreResult<Box<dyn ReferralTx + '_>>;

    /// One request; `None` when there is none with this id.
    ///
    /// # Errors
    /// `Unavailable` / `Unexpected` only.
    async fn get(&self, approval_id: i32) -> StoreResult<Option<SpecialistApproval>>;

    /// How `actor` relates to the patient; a patient that does not exist is one nobody treats.
    ///
    /// # Errors
    /// `Unavailable` / `Unexpected` only.
    async fn patient_facts(&self, actor: &Actor, patient_id: i32) -> StoreResult<PatientFacts>;

    /// One page of requests, newest first.
    ///
    /// # Errors
    /// `Unavailable` / `Unexpected` only.
    async fn list(
        &self,
        filter: &ApprovalFilter,
        page: PageRequest,
    ) -> StoreResult<Page<SpecialistApproval>>;
}

/// One transaction over one patient's referrals. Both a request and a decision lock the
/// patient's row first (then the request's), so they take turns with each other and with
/// care-team changes, and no rule reads a team or a pending request that is about to change.
#[async_trait]
pub trait ReferralTx: Send {
    /// Locks the patient's row (`FOR NO KEY UPDATE`) and reads what a new request of
    /// `requesting_doctor_id` for the patient to see `specialist_id` is judged on.
    ///
    /// # Errors
    /// `Unavailable` / `Unexpected` only.
    async fn lock_request_facts(
        &mut self,
        actor: &Actor,
        patient_id: i32,
        requesting_doctor_id: i32,
        specialist_id: i32,
    ) -> StoreResult<RequestFacts>;

    /// Stores a pending request made at `at`, with its audit row.
    ///
    /// # Errors
    /// `Conflict { code: ApprovalAlreadyPending }` when the partial unique index
    /// `specialist_approvals_one_pending` still refuses it; `Unavailable` / `Unexpected`.
    async fn insert_request(
        &mut self,
        actor: &Actor,
        new: &NewApproval,
        at: DateTime<Utc>,
    ) -> StoreResult<SpecialistApproval>;

    /// Locks the patient's row and then the request's (`FOR NO KEY UPDATE`) and loads them;
    /// `None` when there is no request with this id.
    ///
    /// # Errors
    /// `Unavailable` / `Unexpected` only.
    async fn lock_approval(
        &mut self,
        actor: &Actor,
        approval_id: i32,
    ) -> StoreResult<Option<LockedApproval>>;

    /// Writes a decision by `actor` at `at` (status, `approved_at` when it says so,
    /// `decided_at`, `decided_by`, the note) with its audit row, and returns the request as it
    /// now stands.
    ///
    /// # Errors
    /// `Unavailable` / `Unexpected` only.
    async fn record_decision(
        &mut self,
        actor: &Actor,
        approval_id: i32,
        decision: ApprovalDecision,
        note: Option<String>,
        at: DateTime<Utc>,
    ) -> StoreResult<SpecialistApproval>;

    /// Adds the doctor to the patient's care team as an ordinary member joining at `at`, with
    /// its audit row (under the patient's id, as every care-team row).
    ///
    /// # Errors
    /// `Conflict { code: AlreadyInCareTeam }` if they are a member after all;
    /// `Unavailable` / `Unexpected`.
    async fn join_care_team(
        &mut self,
        actor: &Actor,
        patient_id: i32,
        doctor_id: i32,
        at: DateTime<Utc>,
    ) -> StoreResult<()>;

    /// Queues notifications, written at [`commit`](Self::commit) with the change they tell of.
    fn notify(&mut self, notifications: Vec<NotificationDraft>);

    /// Commits the change with its audit rows and notifications.
    ///
    /// # Errors
    /// `Unavailable` / `Unexpected`, or a `Conflict` a deferred constraint raises.
    async fn commit(self: Box<Self>) -> StoreResult<()>;
}
