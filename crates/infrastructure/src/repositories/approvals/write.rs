//! The locks and writes of requests and decisions. The patient's row is always locked before
//! a request's, by requests and decisions alike, so they never wait on each other in opposite
//! orders.

use chrono::{DateTime, Utc};
use clinic_domain::access::Actor;
use clinic_domain::audit::AuditEntryDraft;
use clinic_domain::referral::{
    ApprovalContacts, ApprovalDecision, ApprovalStatus, LockedApproval, NewApproval, RequestFacts,
    SpecialistApproval,
};
use clinic_domain::{DomainError, StoreError, StoreResult};
use sea_orm::{ConnectionTrait, DatabaseTransaction, DbBackend, FromQueryResult, Statement};

use super::{facts_or_untreated, query};
use crate::repositories::access_facts::patient_facts;
use crate::repositories::support::{
    find_one, insert_audited, lock_patient, store_error, update_audited,
};

const TABLE: &str = "specialist_approvals";

/// Locks the patient's row, if there is one: a missing patient is no error here, the facts
/// then say nobody treats them and the policy hides them.
async fn lock_patient_if_any(txn: &DatabaseTransaction, patient_id: i32) -> StoreResult<()> {
    match lock_patient(txn, patient_id).await {
        Ok(_) | Err(StoreError::Domain(DomainError::NotFound { .. })) => Ok(()),
        Err(other) => Err(other),
    }
}

#[derive(FromQueryResult)]
struct RequestRow {
    requester_in_care_team: bool,
    specialist_user_id: Option<i32>,
    already_pending: bool,
}

pub(super) async fn lock_request_facts(
    txn: &DatabaseTransaction,
    actor: &Actor,
    patient_id: i32,
    (requesting_doctor_id, specialist_id): (i32, i32),
    now: DateTime<Utc>,
) -> StoreResult<RequestFacts> {
    lock_patient_if_any(txn, patient_id).await?;
    let facts = patient_facts(txn, actor, patient_id, now).await?;
    let row = RequestRow::find_by_statement(Statement::from_sql_and_values(
        DbBackend::Postgres,
        "SELECT
            EXISTS (SELECT 1 FROM patient_doctors WHERE patient_id = $1 AND doctor_id = $2)
                AS requester_in_care_team,
            (SELECT user_id FROM doctors WHERE doctor_id = $3) AS specialist_user_id,
            EXISTS (SELECT 1 FROM specialist_approvals
                    WHERE patient_id = $1 AND specialist_id = $3 AND status = $4)
                AS already_pending",
        [
            patient_id.into(),
            requesting_doctor_id.into(),
            specialist_id.into(),
            ApprovalStatus::Pending.as_str().into(),
        ],
    ))
    .one(txn)
    .await
    .map_err(store_error)?
    .ok_or_else(|| StoreError::Unexpected("request facts returned no row".into()))?;
    Ok(RequestFacts {
        patient: facts_or_untreated(facts, patient_id),
        requester_in_care_team: row.requester_in_care_team,
        specialist_user_id: row.specialist_user_id,
        already_pending: row.already_pending,
    })
}

pub(super) async fn insert_request(
    txn: &DatabaseTransaction,
    actor: &Actor,
    new: &NewApproval,
    at: DateTime<Utc>,
) -> StoreResult<(SpecialistApproval, AuditEntryDraft)> {
    let request = new.request;
    let insert = Statement::from_sql_and_values(
        DbBackend::Postgres,
        "INSERT INTO specialist_approvals AS t (patient_id, requesting_doctor_id,
            specialist_id, reason, requested_at)
         VALUES ($1, $2, $3, $4, $5) RETURNING approval_id AS id, to_jsonb(t) AS row",
        [
            request.patient_id().into(),
            request.requesting_doctor_id().into(),
            request.specialist_id().into(),
            new.reason.clone().into(),
            at.into(),
        ],
    );
    let (id, audit) = insert_audited(txn, Some(actor.user_id), TABLE, insert).await?;
    Ok((query::get(txn, id).await?, audit))
}

/// The accounts of the people a request concerns, and whether the specialist is on the
/// patient's care team.
#[derive(FromQueryResult)]
struct PartiesRow {
    patient_user_id: i32,
    requester_user_id: i32,
    specialist_user_id: i32,
    specialist_on_care_team: bool,
}

pub(super) async fn lock_approval(
    txn: &DatabaseTransaction,
    actor: &Actor,
    approval_id: i32,
    now: DateTime<Utc>,
) -> StoreResult<Option<LockedApproval>> {
    // The patient first (a request's patient never changes), then the request.
    let patient = txn
        .query_one_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "SELECT patient_id FROM specialist_approvals WHERE approval_id = $1",
            [approval_id.into()],
        ))
        .await
        .map_err(store_error)?;
    let Some(patient) = patient else {
        return Ok(None);
    };
    let patient_id: i32 = patient.try_get("", "patient_id").map_err(store_error)?;
    lock_patient(txn, patient_id).await?;
    let Some(approval) = query::find(txn, approval_id, true).await? else {
        return Ok(None);
    };
    let parties: PartiesRow = find_one(
        txn,
        Statement::from_sql_and_values(
            DbBackend::Postgres,
            "SELECT p.user_id AS patient_user_id, rd.user_id AS requester_user_id,
                sd.user_id AS specialist_user_id,
                EXISTS (SELECT 1 FROM patient_doctors pd
                        WHERE pd.patient_id = a.patient_id AND pd.doctor_id = a.specialist_id)
                    AS specialist_on_care_team
             FROM specialist_approvals a
             JOIN patients p ON p.patient_id = a.patient_id
             JOIN doctors rd ON rd.doctor_id = a.requesting_doctor_id
             JOIN doctors sd ON sd.doctor_id = a.specialist_id
             WHERE a.approval_id = $1",
            [approval_id.into()],
        ),
        "specialist_approval",
    )
    .await?;
    let facts = patient_facts(txn, actor, patient_id, now).await?;
    Ok(Some(LockedApproval {
        patient: facts_or_untreated(facts, patient_id),
        contacts: ApprovalContacts {
            patient_user_id: parties.patient_user_id,
            requester_user_id: parties.requester_user_id,
            specialist_user_id: parties.specialist_user_id,
        },
        specialist_on_care_team: parties.specialist_on_care_team,
        approval,
    }))
}

/// A decision as the use case made it.
pub(super) struct Decided {
    pub approval_id: i32,
    pub decision: ApprovalDecision,
    pub note: Option<String>,
    pub at: DateTime<Utc>,
}

pub(super) async fn record_decision(
    txn: &DatabaseTransaction,
    actor: &Actor,
    decided: Decided,
) -> StoreResult<(SpecialistApproval, AuditEntryDraft)> {
    let approved_at = decided.decision.sets_approved_at.then_some(decided.at);
    let update = Statement::from_sql_and_values(
        DbBackend::Postgres,
        "UPDATE specialist_approvals SET status = $2,
            approved_at = COALESCE($3, approved_at),
            decided_at = $4, decided_by = $5, decision_note = $6
         WHERE approval_id = $1",
        [
            decided.approval_id.into(),
            decided.decision.status.as_str().into(),
            approved_at.into(),
            decided.at.into(),
            actor.user_id.into(),
            decided.note.into(),
        ],
    );
    let row = (TABLE, "approval_id", decided.approval_id.into());
    let audit = update_audited(txn, Some(actor.user_id), row, update).await?;
    Ok((query::get(txn, decided.approval_id).await?, audit))
}
