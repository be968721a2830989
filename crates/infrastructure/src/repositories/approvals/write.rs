//! Requesting, deciding and withdrawing specialist approvals.

use clinic_domain::access::Actor;
use clinic_domain::audit::{AuditAction, AuditEntryDraft};
use clinic_domain::notification::{NotificationDraft, NotificationType};
use clinic_domain::referral::{ApprovalAction, NewApproval, SpecialistApproval};
use clinic_domain::{StoreError, StoreResult};
use sea_orm::{
    ConnectionTrait, DatabaseConnection, DatabaseTransaction, DbBackend, FromQueryResult, Statement,
};

use super::query;
use crate::repositories::support::{
    begin, commit_with_notifications, draft, find_one, snapshot, store_error,
};

const TABLE: &str = "specialist_approvals";

/// The accounts of the people a request concerns, to notify them.
#[derive(FromQueryResult)]
struct Users {
    patient_user_id: i32,
    requester_user_id: i32,
    specialist_user_id: i32,
}

async fn users(txn: &DatabaseTransaction, approval_id: i32) -> StoreResult<Users> {
    let stmt = Statement::from_sql_and_values(
        DbBackend::Postgres,
        "SELECT p.user_id AS patient_user_id, rd.user_id AS requester_user_id,
            sd.user_id AS specialist_user_id
         FROM specialist_approvals a
         JOIN patients p ON p.patient_id = a.patient_id
         JOIN doctors rd ON rd.doctor_id = a.requesting_doctor_id
         JOIN doctors sd ON sd.doctor_id = a.specialist_id
         WHERE a.approval_id = $1",
        [approval_id.into()],
    );
    find_one(txn, stmt, "specialist_approval").await
}

/// The status of a request locked for a decision.
#[derive(FromQueryResult)]
struct Locked {
    status: String,
}

fn note(user_id: i32, message: String, approval_id: i32) -> NotificationDraft {
    NotificationDraft::new(
        user_id,
        NotificationType::Approval,
        message,
        TABLE,
        approval_id,
    )
}

pub(super) async fn create(
    db: &DatabaseConnection,
    actor: &Actor,
    new: NewApproval,
) -> StoreResult<SpecialistApproval> {
    let txn = begin(db).await?;
    let request = new.request;
    let row = txn
        .query_one_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "INSERT INTO specialist_approvals (patient_id, requesting_doctor_id, specialist_id,
                reason)
             VALUES ($1, $2, $3, $4) RETURNING approval_id",
            [
                request.patient_id().into(),
                request.requesting_doctor_id().into(),
                request.specialist_id().into(),
                new.reason.into(),
            ],
        ))
        .await
        .map_err(store_error)?
        .ok_or_else(|| {
            StoreError::Unexpected("INSERT specialist_approvals returned no id".into())
        })?;
    let id: i32 = row.try_get("", "approval_id").map_err(store_error)?;
    let after = snapshot(&txn, TABLE, "approval_id", id.into())
        .await
        .map_err(store_error)?;
    let approval = query::get(&txn, id).await?;
    let users = users(&txn, id).await?;
    let notification = note(
        users.specialist_user_id,
        format!(
            "Dr. {} asks you to see {}; the request awaits your decision.",
            approval.requesting_doctor_name, approval.patient_name
        ),
        id,
    );
    let audit = draft(
        TABLE,
        id.into(),
        AuditAction::Insert,
        Some(actor.user_id),
        None,
        after,
    );
    commit_with_notifications(txn, vec![audit], &[notification]).await?;
    Ok(approval)
}

pub(super) async fn act(
    db: &DatabaseConnection,
    actor: &Actor,
    approval_id: i32,
    action: ApprovalAction,
    decision_note: Option<String>,
) -> StoreResult<SpecialistApproval> {
    let txn = begin(db).await?;
    let locked: Locked = find_one(
        &txn,
        Statement::from_sql_and_values(
            DbBackend::Postgres,
            "SELECT status FROM specialist_approvals WHERE approval_id = $1 FOR NO KEY UPDATE",
            [approval_id.into()],
        ),
        "specialist_approval",
    )
    .await?;
    let status = locked.status.parse().map_err(|_| {
        StoreError::Unexpected(format!("unknown approval status {:?}", locked.status))
    })?;
    let decision = action.apply(status)?;
    let before = snapshot(&txn, TABLE, "approval_id", approval_id.into())
        .await
        .map_err(store_error)?;
    txn.execute_raw(Statement::from_sql_and_values(
        DbBackend::Postgres,
        "UPDATE specialist_approvals SET status = $2,
            approved_at = CASE WHEN $3 THEN now() ELSE approved_at END,
            decided_at = now(), decided_by = $4, decision_note = $5
         WHERE approval_id = $1",
        [
            approval_id.into(),
            decision.status.as_str().into(),
            decision.sets_approved_at.into(),
            actor.user_id.into(),
            decision_note.into(),
        ],
    ))
    .await
    .map_err(store_error)?;
    let after = snapshot(&txn, TABLE, "approval_id", approval_id.into())
        .await
        .map_err(store_error)?;
    let mut audits = vec![draft(
        TABLE,
        approval_id.into(),
        AuditAction::Update,
        Some(actor.user_id),
        before,
        after,
    )];
    if action == ApprovalAction::Approve {
        audits.extend(join_care_team(&txn, actor, approval_id).await?);
    }
    let approval = query::get(&txn, approval_id).await?;
    let notifications = decision_notifications(&users(&txn, approval_id).await?, &approval, action);
    commit_with_notifications(txn, audits, &notifications).await?;
    Ok(approval)
}

/// Adds the specialist to the patient's care team as a non-primary member, unless they are a
/// member already. The care-team row is audited under the patient's id.
async fn join_care_team(
    txn: &DatabaseTransaction,
    actor: &Actor,
    approval_id: i32,
) -> StoreResult<Option<AuditEntryDraft>> {
    let added = txn
        .query_one_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "INSERT INTO patient_doctors AS pd (patient_id, doctor_id, is_primary)
             SELECT patient_id, specialist_id, false FROM specialist_approvals
             WHERE approval_id = $1
             ON CONFLICT (patient_id, doctor_id) DO NOTHING
             RETURNING pd.patient_id, to_jsonb(pd) AS row",
            [approval_id.into()],
        ))
        .await
        .map_err(store_error)?;
    let Some(added) = added else {
        return Ok(None);
    };
    let patient_id: i32 = added.try_get("", "patient_id").map_err(store_error)?;
    let row: serde_json::Value = added.try_get("", "row").map_err(store_error)?;
    Ok(Some(draft(
        "patient_doctors",
        patient_id.into(),
        AuditAction::Insert,
        Some(actor.user_id),
        None,
        Some(row),
    )))
}

/// An approval or denial goes to the requester and the patient; a withdrawal to the
/// specialist, who no longer needs to decide, and the patient.
fn decision_notifications(
    users: &Users,
    approval: &SpecialistApproval,
    action: ApprovalAction,
) -> Vec<NotificationDraft> {
    let id = approval.approval_id;
    let (patient, specialist, requester) = (
        &approval.patient_name,
        &approval.specialist_name,
        &approval.requesting_doctor_name,
    );
    match action {
        ApprovalAction::Approve | ApprovalAction::Deny => {
            let verdict = if action == ApprovalAction::Approve {
                "approved"
            } else {
                "denied"
            };
            let to_patient = if action == ApprovalAction::Approve {
                format!("Your referral to Dr. {specialist} was approved; you may book them now.")
            } else {
                format!("Your referral to Dr. {specialist} was denied.")
            };
            vec![
                note(
                    users.requester_user_id,
                    format!("Your request for {patient} to see Dr. {specialist} was {verdict}."),
                    id,
                ),
                note(users.patient_user_id, to_patient, id),
            ]
        }
        ApprovalAction::Cancel => vec![
            note(
                users.specialist_user_id,
                format!("Dr. {requester} withdrew the request for you to see {patient}."),
                id,
            ),
            note(
                users.patient_user_id,
                format!("Dr. {requester} withdrew your referral to Dr. {specialist}."),
                id,
            ),
        ],
    }
}
