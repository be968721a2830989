//! The referral use cases: request a specialist, decide (approve, deny, withdraw), and read.
//!
//! A request and a decision each run in one transaction: the store locks and loads the facts,
//! the access rules of [`access::referral`](crate::access::referral) and the state machine of
//! [`approval`](super::approval) decide, the wording of the notifications is drafted in
//! [`notices`](super::notices), and the store writes it all before committing.

use super::notices::{decision_notices, request_notice};
use super::{
    AlreadyDecided, ApprovalAction, ApprovalFilter, ApprovalStatus, NewApproval, ReferralStore,
    SpecialistApproval, parse_note,
};
use crate::access::referral::{may_act, may_request, may_view, requesting_doctor};
use crate::access::{Actor, Denied, ListScope};
use crate::audit::{PhiRead, ReadAudit, reads_of};
use crate::clock::Clock;
use crate::error::{ValidationError, ValidationErrors};
use crate::pagination::{Page, PageRequest};
use crate::store::StoreError;

/// Ask that a patient may see a specialist.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestSpecialist {
    pub patient_id: i32,
    pub specialist_id: i32,
    /// Why, as typed; validated by the use case.
    pub reason: String,
}

/// Approve, deny or withdraw a pending request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecideApproval {
    pub approval_id: i32,
    pub action: ApprovalAction,
    /// The note for the requester and the patient, as typed; validated by the use case.
    pub note: Option<String>,
}

/// Which requests to list; both optional.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ApprovalQuery {
    pub status: Option<ApprovalStatus>,
    pub patient_id: Option<i32>,
}

/// Why a request was refused.
#[derive(Debug, thiserror::Error)]
pub enum RequestSpecialistError {
    /// Not a doctor (403), a doctor not on the care team (403), or one who does not treat the
    /// patient (404).
    #[error(transparent)]
    Denied(#[from] Denied),
    /// An unknown specialist, the requester themself, or an invalid reason; all reported.
    #[error("invalid request: {0}")]
    Invalid(ValidationErrors),
    /// A request for this patient and specialist is pending already.
    #[error("a request for this specialist is already pending for this patient")]
    AlreadyPending,
    /// Storage failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Why a decision was refused.
#[derive(Debug, thiserror::Error)]
pub enum DecideApprovalError {
    /// There is no such request.
    #[error("specialist approval not found")]
    NotFound,
    /// Not the actor's to decide (403), or not theirs to see (404).
    #[error(transparent)]
    Denied(#[from] Denied),
    /// An invalid note.
    #[error(transparent)]
    Invalid(#[from] ValidationError),
    /// The request is no longer pending.
    #[error(transparent)]
    AlreadyDecided(#[from] AlreadyDecided),
    /// Storage failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Why a request could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ReadApprovalError {
    /// There is no such request.
    #[error("specialist approval not found")]
    NotFound,
    /// Not the actor's to see (404).
    #[error(transparent)]
    Denied(#[from] Denied),
    /// Storage failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Why the list could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ListApprovalsError {
    /// A patient named another patient (404).
    #[error(transparent)]
    Denied(#[from] Denied),
    /// Storage failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// A doctor of the patient's care team asks that the patient may see a specialist; the
/// specialist is notified. A doctor who only has an appointment with the patient is refused.
///
/// # Errors
/// [`RequestSpecialistError::Denied`], then [`RequestSpecialistError::Invalid`], then
/// [`RequestSpecialistError::AlreadyPending`], in that order; [`RequestSpecialistError::Store`].
pub async fn request_specialist(
    actor: &Actor,
    cmd: RequestSpecialist,
    clock: &dyn Clock,
    store: &dyn ReferralStore,
) -> Result<SpecialistApproval, RequestSpecialistError> {
    let requester = requesting_doctor(actor, cmd.patient_id)?;
    let mut tx = store.begin().await?;
    let facts = tx
        .lock_request_facts(actor, cmd.patient_id, requester, cmd.specialist_id)
        .await?;
    may_request(actor, facts.patient, facts.requester_in_care_team).check("patient")?;
    // Every invalid field at once: an unknown specialist first, then the request itself.
    let mut errors = ValidationErrors::new();
    let specialist_user_id = errors.capture(
        facts
            .specialist_user_id
            .ok_or_else(|| ValidationError::new("specialist_id", "no such doctor")),
    );
    let new = errors.capture_all(NewApproval::parse(
        cmd.patient_id,
        requester,
        cmd.specialist_id,
        &cmd.reason,
    ));
    let (Some(specialist_user_id), Some(new)) = (specialist_user_id, new) else {
        return Err(RequestSpecialistError::Invalid(errors));
    };
    if facts.already_pending {
        return Err(RequestSpecialistError::AlreadyPending);
    }
    let approval = tx.insert_request(actor, &new, clock.now()).await?;
    tx.notify(vec![request_notice(&approval, specialist_user_id)]);
    tx.commit().await?;
    Ok(approval)
}

/// Decides a pending request: the specialist it is addressed to, or an admin, approves or
/// denies; the requester withdraws. An approval puts the specialist on the patient's care team
/// (as an ordinary member, unless on it already) in the same transaction, so the patient may
/// book them. The requester and the patient hear of a decision; the specialist and the
/// patient of a withdrawal.
///
/// # Errors
/// [`DecideApprovalError::NotFound`], [`DecideApprovalError::Denied`],
/// [`DecideApprovalError::Invalid`], [`DecideApprovalError::AlreadyDecided`], in that order;
/// [`DecideApprovalError::Store`].
pub async fn decide_approval(
    actor: &Actor,
    cmd: DecideApproval,
    clock: &dyn Clock,
    store: &dyn ReferralStore,
) -> Result<SpecialistApproval, DecideApprovalError> {
    let mut tx = store.begin().await?;
    let locked = tx
        .lock_approval(actor, cmd.approval_id)
        .await?
        .ok_or(DecideApprovalError::NotFound)?;
    let parties = locked.approval.parties();
    may_act(actor, cmd.action, parties, locked.patient).check("specialist_approval")?;
    let note = parse_note(cmd.note.as_deref())?;
    let decision = cmd.action.apply(locked.approval.status)?;
    let now = clock.now();
    let approval = tx
        .record_decision(actor, cmd.approval_id, decision, note, now)
        .await?;
    if decision.adds_specialist_to_care_team(locked.specialist_on_care_team) {
        tx.join_care_team(actor, parties.patient_id, parties.specialist_id, now)
            .await?;
    }
    tx.notify(decision_notices(&approval, locked.contacts, cmd.action));
    tx.commit().await?;
    Ok(approval)
}

/// One request, for whoever may see it: those who may read the patient's approvals, the
/// requester and the specialist.
///
/// # Errors
/// [`ReadApprovalError::NotFound`], [`ReadApprovalError::Denied`] (hidden),
/// [`ReadApprovalError::Store`].
pub async fn get_approval(
    actor: &Actor,
    approval_id: i32,
    store: &dyn ReferralStore,
    reads: &dyn ReadAudit,
) -> Result<SpecialistApproval, ReadApprovalError> {
    let approval = store
        .get(approval_id)
        .await?
        .ok_or(ReadApprovalError::NotFound)?;
    let facts = store.patient_facts(actor, approval.patient_id).await?;
    may_view(actor, approval.parties(), facts).check("specialist_approval")?;
    let shown = [approval.approval_id.into()];
    reads
        .record(reads_of(actor, PhiRead::SpecialistApproval, shown))
        .await?;
    Ok(approval)
}

/// One page of requests, newest first, within the actor's [`ListScope`]: patients see their
/// own; doctors those they made, those addressed to them and those of patients they treat;
/// staff and admins all.
///
/// # Errors
/// [`ListApprovalsError::Denied`] when a patient names another patient;
/// [`ListApprovalsError::Store`].
pub async fn list_approvals(
    actor: &Actor,
    query: ApprovalQuery,
    page: PageRequest,
    store: &dyn ReferralStore,
    reads: &dyn ReadAudit,
) -> Result<Page<SpecialistApproval>, ListApprovalsError> {
    let scope = ListScope::of(actor, query.patient_id)?;
    let Some(narrowing) = scope.narrow(query.patient_id) else {
        return Ok(Page::new(Vec::new(), page, 0));
    };
    let filter = ApprovalFilter {
        status: query.status,
        patient_id: narrowing.patient_id,
        visible_to_doctor: narrowing.doctor_id,
    };
    let page = store.list(&filter, page).await?;
    let shown = page.items.iter().map(|a| a.approval_id.into());
    reads
        .record(reads_of(actor, PhiRead::SpecialistApproval, shown))
        .await?;
    Ok(page)
}
