//! The port that stores specialist approvals. Every write commits with its audit rows and
//! notifications.

use async_trait::async_trait;

use super::{ApprovalAction, ApprovalFilter, NewApproval, RequestFacts, SpecialistApproval};
use crate::access::Actor;
use crate::pagination::{Page, PageRequest};
use crate::store::StoreResult;

/// Stores specialist approvals.
#[async_trait]
pub trait ApprovalRepository: Send + Sync {
    /// Whether the requesting doctor is on the patient's care team and the specialist exists.
    ///
    /// # Errors
    /// `Unavailable` / `Unexpected` only.
    async fn request_facts(
        &self,
        patient_id: i32,
        requesting_doctor_id: i32,
        specialist_id: i32,
    ) -> StoreResult<RequestFacts>;

    /// Stores a pending request; notifies the specialist.
    ///
    /// # Errors
    /// `Conflict { code: "approval_already_pending" }` when a request for the same patient and
    /// specialist is pending (the partial unique index `specialist_approvals_one_pending`).
    async fn create(&self, actor: &Actor, new: NewApproval) -> StoreResult<SpecialistApproval>;

    /// One request.
    ///
    /// # Errors
    /// `NotFound { entity: "specialist_approval" }`.
    async fn get(&self, approval_id: i32) -> StoreResult<SpecialistApproval>;

    /// One page of requests, newest first.
    ///
    /// # Errors
    /// `Unavailable` / `Unexpected` only.
    async fn list(
        &self,
        filter: &ApprovalFilter,
        page: PageRequest,
    ) -> StoreResult<Page<SpecialistApproval>>;

    /// Decides or withdraws a pending request under a row lock, recording who decided, when,
    /// and the note. Approval adds the specialist to the patient's care team (non-primary, if
    /// not a member yet) in the same transaction. Notifies the requester and the patient of an
    /// approval or denial, the specialist and the patient of a withdrawal.
    ///
    /// # Errors
    /// `NotFound { entity: "specialist_approval" }`; `InvalidTransition` unless pending.
    async fn act(
        &self,
        actor: &Actor,
        approval_id: i32,
        action: ApprovalAction,
        note: Option<String>,
    ) -> StoreResult<SpecialistApproval>;
}
