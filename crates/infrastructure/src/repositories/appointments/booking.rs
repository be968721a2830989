//! Booking and rescheduling.

use clinic_domain::access::Actor;
use clinic_domain::audit::AuditAction;
use clinic_domain::notification::{NotificationDraft, NotificationType};
use clinic_domain::scheduling::{
    Appointment, BookingFacts, NewAppointment, Reschedule, can_reschedule,
};
use clinic_domain::values::TimeRange;
use clinic_domain::{DomainError, StoreError, StoreResult, ValidationError, ValidationErrors};
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, FromQueryResult, Statement};

use super::local_label;
use super::query::{self, weekly_hours};
use crate::repositories::support::{
    begin, commit_with_notifications, draft, keep_or_set, snapshot, store_error,
};

#[derive(FromQueryResult)]
struct FactsRow {
    patient_exists: bool,
    doctor_exists: bool,
    office_exists: bool,
    office_time_zone: Option<String>,
    office_active: Option<bool>,
    works_at_office: bool,
    requires_referral: bool,
    in_care_team: bool,
    approved_referral: bool,
}

/// Active, not overbooked appointments of the doctor or the patient overlapping `range`.
pub(super) async fn conflicts<C: ConnectionTrait>(
    conn: &C,
    patient_id: i32,
    doctor_id: i32,
    range: &TimeRange,
    ignore: Option<i32>,
) -> StoreResult<Vec<i32>> {
    let rows = conn
        .query_all_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "SELECT appointment_id FROM appointments
             WHERE (doctor_id = $1 OR patient_id = $2)
               AND status IN ('scheduled', 'confirmed', 'checked_in') AND NOT is_overbooked
               AND tstzrange(appointment_datetime, ends_at) && tstzrange($3, $4)
               AND appointment_id <> COALESCE($5, 0)
             ORDER BY appointment_id",
            [
                doctor_id.into(),
                patient_id.into(),
                range.start().into(),
                range.end().into(),
                ignore.into(),
            ],
        ))
        .await
        .map_err(store_error)?;
    rows.iter()
        .map(|r| r.try_get::<i32>("", "appointment_id").map_err(store_error))
        .collect()
}

pub(super) async fn facts(
    db: &DatabaseConnection,
    patient_id: i32,
    doctor_id: i32,
    office_id: i32,
    range: &TimeRange,
    ignore: Option<i32>,
) -> StoreResult<BookingFacts> {
    let row = FactsRow::find_by_statement(Statement::from_sql_and_values(
        DbBackend::Postgres,
        "SELECT
            EXISTS (SELECT 1 FROM patients WHERE patient_id = $1) AS patient_exists,
            EXISTS (SELECT 1 FROM doctors WHERE doctor_id = $2) AS doctor_exists,
            EXISTS (SELECT 1 FROM offices WHERE office_id = $3) AS office_exists,
            (SELECT time_zone FROM offices WHERE office_id = $3) AS office_time_zone,
            (SELECT is_active FROM offices WHERE office_id = $3) AS office_active,
            EXISTS (SELECT 1 FROM doctor_offices WHERE doctor_id = $2 AND office_id = $3) AS works_at_office,
            COALESCE((SELECT s.requires_referral FROM doctors d
                      JOIN specialties s ON s.specialty_id = d.specialty_id
                      WHERE d.doctor_id = $2), false) AS requires_referral,
            EXISTS (SELECT 1 FROM patient_doctors WHERE patient_id = $1 AND doctor_id = $2) AS in_care_team,
            EXISTS (SELECT 1 FROM specialist_approvals
                    WHERE patient_id = $1 AND specialist_id = $2 AND status = 'approved') AS approved_referral",
        [patient_id.into(), doctor_id.into(), office_id.into()],
    ))
    .one(db)
    .await
    .map_err(store_error)?
    .ok_or_else(|| StoreError::Unexpected("booking facts returned no row".into()))?;
    let mut missing = ValidationErrors::new();
    for (exists, field, what) in [
        (row.patient_exists, "patient_id", "no such patient"),
        (row.doctor_exists, "doctor_id", "no such doctor"),
        (row.office_exists, "office_id", "no such office"),
    ] {
        if !exists {
            missing.push(ValidationError::new(field, what));
        }
    }
    missing.into_result()?;
    Ok(BookingFacts {
        office_time_zone: row.office_time_zone.unwrap_or_else(|| "UTC".into()),
        office_active: row.office_active.unwrap_or(false),
        doctor_works_at_office: row.works_at_office,
        weekly_hours: weekly_hours(db, doctor_id, office_id).await?,
        conflicts: conflicts(db, patient_id, doctor_id, range, ignore).await?,
        specialty_requires_referral: row.requires_referral,
        doctor_in_care_team: row.in_care_team,
        approved_referral: row.approved_referral,
    })
}

#[derive(FromQueryResult)]
pub(super) struct Parties {
    pub patient_user_id: i32,
    pub doctor_user_id: i32,
    pub time_zone: String,
}

pub(super) async fn parties<C: ConnectionTrait>(
    conn: &C,
    appointment_id: i32,
) -> StoreResult<Parties> {
    Parties::find_by_statement(Statement::from_sql_and_values(
        DbBackend::Postgres,
        "SELECT p.user_id AS patient_user_id, d.user_id AS doctor_user_id, o.time_zone
         FROM appointments a
         JOIN patients p ON p.patient_id = a.patient_id
         JOIN doctors d ON d.doctor_id = a.doctor_id
         JOIN offices o ON o.office_id = a.office_id
         WHERE a.appointment_id = $1",
        [appointment_id.into()],
    ))
    .one(conn)
    .await
    .map_err(store_error)?
    .ok_or_else(|| StoreError::not_found("appointment"))
}

/// Notifications to both parties about an appointment.
pub(super) fn notify_both(
    parties: &Parties,
    appointment: &Appointment,
    what: &str,
) -> Vec<NotificationDraft> {
    let when = local_label(appointment.starts_at, &parties.time_zone);
    let to_patient = format!(
        "Your appointment with Dr. {} on {when} at {} {what}.",
        appointment.doctor_name, appointment.office_name
    );
    let to_doctor = format!(
        "The appointment with {} on {when} at {} {what}.",
        appointment.patient_name, appointment.office_name
    );
    let id = appointment.appointment_id;
    vec![
        NotificationDraft::new(
            parties.patient_user_id,
            NotificationType::Appointment,
            to_patient,
            "appointments",
            id,
        ),
        NotificationDraft::new(
            parties.doctor_user_id,
            NotificationType::Appointment,
            to_doctor,
            "appointments",
            id,
        ),
    ]
}

/// Maps a lost race on the exclusion constraints to the list of appointments that won it.
async fn explain_conflict(
    db: &DatabaseConnection,
    error: StoreError,
    patient_id: i32,
    doctor_id: i32,
    range: &TimeRange,
    ignore: Option<i32>,
) -> StoreError {
    match error {
        StoreError::Domain(DomainError::AppointmentConflict { .. }) => {
            match conflicts(db, patient_id, doctor_id, range, ignore).await {
                Ok(ids) => StoreError::Domain(DomainError::AppointmentConflict {
                    conflicting_ids: ids,
                }),
                Err(e) => e,
            }
        }
        other => other,
    }
}

pub(super) async fn book(
    db: &DatabaseConnection,
    actor: &Actor,
    new: NewAppointment,
) -> StoreResult<Appointment> {
    let attempt =
        async {
            let txn = begin(db).await?;
            let row = txn
            .query_one_raw(Statement::from_sql_and_values(
                DbBackend::Postgres,
                "INSERT INTO appointments (patient_id, doctor_id, office_id, appointment_datetime,
                    duration_minutes, ends_at, reason, is_overbooked, overbook_reason, created_by)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING appointment_id",
                [
                    new.patient_id.into(),
                    new.doctor_id.into(),
                    new.office_id.into(),
                    new.range.start().into(),
                    i32::try_from(new.duration.minutes()).unwrap_or(i32::MAX).into(),
                    new.range.end().into(),
                    new.reason.clone().into(),
                    new.overbook_reason.is_some().into(),
                    new.overbook_reason.clone().into(),
                    actor.user_id.into(),
                ],
            ))
            .await
            .map_err(store_error)?
            .ok_or_else(|| StoreError::Unexpected("INSERT appointments returned no id".into()))?;
            let id: i32 = row.try_get("", "appointment_id").map_err(store_error)?;
            let after = snapshot(&txn, "appointments", "appointment_id", id.into())
                .await
                .map_err(store_error)?;
            let appointment = query::get(&txn, id).await?;
            let notifications = notify_both(&parties(&txn, id).await?, &appointment, "is booked");
            let audit = draft(
                "appointments",
                id.into(),
                AuditAction::Insert,
                Some(actor.user_id),
                None,
                after,
            );
            commit_with_notifications(txn, vec![audit], &notifications).await?;
            Ok(appointment)
        }
        .await;
    match attempt {
        Ok(appointment) => Ok(appointment),
        Err(e) => {
            Err(explain_conflict(db, e, new.patient_id, new.doctor_id, &new.range, None).await)
        }
    }
}

pub(super) async fn reschedule(
    db: &DatabaseConnection,
    actor: &Actor,
    appointment_id: i32,
    change: Reschedule,
) -> StoreResult<Appointment> {
    let mut ids = None;
    let attempt = async {
        let txn = begin(db).await?;
        txn.execute_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "SELECT 1 FROM appointments WHERE appointment_id = $1 FOR NO KEY UPDATE",
            [appointment_id.into()],
        ))
        .await
        .map_err(store_error)?;
        let current = query::get(&txn, appointment_id).await?;
        ids = Some((current.patient_id, current.doctor_id));
        if !can_reschedule(current.status) {
            return Err(StoreError::Domain(DomainError::InvalidTransition {
                entity: "appointment",
                from: current.status.as_str().to_owned(),
                to: "rescheduled".into(),
            }));
        }
        let before = snapshot(&txn, "appointments", "appointment_id", appointment_id.into()).await.map_err(store_error)?;
        let (keep_reason, reason) = keep_or_set(change.reason.clone());
        txn.execute_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "UPDATE appointments SET office_id = $2, appointment_datetime = $3, duration_minutes = $4,
                ends_at = $5, reason = CASE WHEN $6 THEN reason ELSE $7 END,
                is_overbooked = $8, overbook_reason = $9, updated_at = now()
             WHERE appointment_id = $1",
            [
                appointment_id.into(),
                change.office_id.into(),
                change.range.start().into(),
                i32::try_from(change.duration.minutes()).unwrap_or(i32::MAX).into(),
                change.range.end().into(),
                keep_reason.into(),
                reason.into(),
                change.overbook_reason.is_some().into(),
                change.overbook_reason.clone().into(),
            ],
        ))
        .await
        .map_err(store_error)?;
        let after = snapshot(&txn, "appointments", "appointment_id", appointment_id.into()).await.map_err(store_error)?;
        let appointment = query::get(&txn, appointment_id).await?;
        let notifications = notify_both(&parties(&txn, appointment_id).await?, &appointment, "was moved");
        let audit = draft("appointments", appointment_id.into(), AuditAction::Update, Some(actor.user_id), before, after);
        commit_with_notifications(txn, vec![audit], &notifications).await?;
        Ok(appointment)
    }
    .await;
    match (attempt, ids) {
        (Ok(appointment), _) => Ok(appointment),
        (Err(e), Some((patient_id, doctor_id))) => Err(explain_conflict(
            db,
            e,
            patient_id,
            doctor_id,
            &change.range,
            Some(appointment_id),
        )
        .await),
        (Err(e), None) => Err(e),
    }
}
