//! The status machine, and the bill a completed visit issues.

use chrono::{DateTime, Utc};
use clinic_domain::access::Actor;
use clinic_domain::audit::AuditAction;
use clinic_domain::billing::default_due_date;
use clinic_domain::notification::{NotificationDraft, NotificationType};
use clinic_domain::scheduling::{Appointment, AppointmentAction, transition};
use clinic_domain::{StoreError, StoreResult};
use rust_decimal::Decimal;
use sea_orm::{
    ConnectionTrait, DatabaseConnection, DatabaseTransaction, DbBackend, FromQueryResult, Statement,
};

use super::booking::{notify_both, parties};
use super::query;
use crate::repositories::support::{
    begin, commit_with_notifications, draft, snapshot, store_error,
};

pub(super) async fn act(
    db: &DatabaseConnection,
    actor: &Actor,
    appointment_id: i32,
    action: AppointmentAction,
    now: DateTime<Utc>,
) -> StoreResult<Appointment> {
    let txn = begin(db).await?;
    txn.execute_raw(Statement::from_sql_and_values(
        DbBackend::Postgres,
        "SELECT 1 FROM appointments WHERE appointment_id = $1 FOR NO KEY UPDATE",
        [appointment_id.into()],
    ))
    .await
    .map_err(store_error)?;
    let current = query::get(&txn, appointment_id).await?;
    let next = transition(current.status, action, current.starts_at, now)?;
    let before = snapshot(
        &txn,
        "appointments",
        "appointment_id",
        appointment_id.into(),
    )
    .await
    .map_err(store_error)?;
    txn.execute_raw(Statement::from_sql_and_values(
        DbBackend::Postgres,
        "UPDATE appointments SET status = $2, updated_at = now() WHERE appointment_id = $1",
        [appointment_id.into(), next.as_str().into()],
    ))
    .await
    .map_err(store_error)?;
    let after = snapshot(
        &txn,
        "appointments",
        "appointment_id",
        appointment_id.into(),
    )
    .await
    .map_err(store_error)?;
    let appointment = query::get(&txn, appointment_id).await?;
    let mut audits = vec![draft(
        "appointments",
        appointment_id.into(),
        AuditAction::Update,
        Some(actor.user_id),
        before,
        after,
    )];
    let mut notifications = Vec::new();
    match action {
        AppointmentAction::Cancel => {
            notifications = notify_both(
                &parties(&txn, appointment_id).await?,
                &appointment,
                "was cancelled",
            );
        }
        AppointmentAction::Complete => {
            let (audit, notification) = issue_bill(&txn, actor, &appointment, now).await?;
            audits.push(audit);
            notifications.push(notification);
        }
        AppointmentAction::Confirm | AppointmentAction::CheckIn | AppointmentAction::NoShow => {}
    }
    commit_with_notifications(txn, audits, &notifications).await?;
    Ok(appointment)
}

#[derive(FromQueryResult)]
struct FeeRow {
    fee: Decimal,
    patient_user_id: i32,
}

/// Issues the visit's bill: the doctor's specialty fee, due in 30 days. The unique constraint
/// on `bills.appointment_id` guarantees one bill per appointment.
async fn issue_bill(
    txn: &DatabaseTransaction,
    actor: &Actor,
    appointment: &Appointment,
    now: DateTime<Utc>,
) -> StoreResult<(clinic_domain::audit::AuditEntryDraft, NotificationDraft)> {
    let fee = FeeRow::find_by_statement(Statement::from_sql_and_values(
        DbBackend::Postgres,
        "SELECT s.consultation_fee AS fee, p.user_id AS patient_user_id
         FROM doctors d JOIN specialties s ON s.specialty_id = d.specialty_id
         JOIN patients p ON p.patient_id = $2
         WHERE d.doctor_id = $1",
        [appointment.doctor_id.into(), appointment.patient_id.into()],
    ))
    .one(txn)
    .await
    .map_err(store_error)?
    .ok_or_else(|| StoreError::Unexpected("the visit's doctor or patient vanished".into()))?;
    let due = default_due_date(now.date_naive());
    let row = txn
        .query_one_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "INSERT INTO bills (patient_id, appointment_id, amount_due, billing_due)
             VALUES ($1, $2, $3, $4)
             RETURNING bill_id",
            [
                appointment.patient_id.into(),
                appointment.appointment_id.into(),
                fee.fee.into(),
                due.into(),
            ],
        ))
        .await
        .map_err(store_error)?
        .ok_or_else(|| StoreError::Unexpected("INSERT bills returned no id".into()))?;
    let bill_id: i32 = row.try_get("", "bill_id").map_err(store_error)?;
    let after = snapshot(txn, "bills", "bill_id", bill_id.into())
        .await
        .map_err(store_error)?;
    let audit = draft(
        "bills",
        bill_id.into(),
        AuditAction::Insert,
        Some(actor.user_id),
        None,
        after,
    );
    let message = format!(
        "A bill of {} for your visit with Dr. {} is due on {due}.",
        fee.fee.round_dp(2),
        appointment.doctor_name
    );
    let notification = NotificationDraft::new(
        fee.patient_user_id,
        NotificationType::Billing,
        message,
        "bills",
        bill_id,
    );
    Ok((audit, notification))
}
