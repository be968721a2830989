//! One scheduling transaction: the locks the rules rest on, the writes they allow, and the
//! audit rows and notifications that commit with them.

use std::collections::HashMap;

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use clinic_domain::audit::{AuditAction, AuditEntryDraft};
use clinic_domain::messaging::OutboxDraft;
use clinic_domain::notification::NotificationDraft;
use clinic_domain::scheduling::{
    AppointmentStatus, BookingFacts, BookingQuery, LockedAppointment, LockedSeries,
    MovedAppointment, NewAppointment, NewSeries, SchedulingTx, SeriesRecord, VisitBill, Written,
};
use clinic_domain::{StoreError, StoreResult};
use rust_decimal::Decimal;
use sea_orm::{ConnectionTrait, DatabaseTransaction, DbBackend, FromQueryResult, Statement, Value};

use super::facts;
use super::query::Row;
use crate::repositories::clinic_settings::{SETTINGS, decode_settings};
use crate::repositories::support::{commit_with_notifications, draft, store_error};
use crate::repositories::treats::treats;

/// A scheduling transaction in PostgreSQL. Audit rows and notifications are collected and
/// written at commit, so the audit chain's lock is held for the shortest time.
pub(super) struct PgSchedulingTx {
    pub(super) txn: DatabaseTransaction,
    /// The instant the transaction's access facts are judged at.
    now: DateTime<Utc>,
    /// Rows as they were when locked: the audit's old values.
    before: HashMap<i32, serde_json::Value>,
    pub(super) audits: Vec<AuditEntryDraft>,
    notifications: Vec<NotificationDraft>,
    /// Messages for the outbox, written at commit.
    outbox: Vec<OutboxDraft>,
}

impl PgSchedulingTx {
    pub(super) fn new(txn: DatabaseTransaction, now: DateTime<Utc>) -> Self {
        Self {
            txn,
            now,
            before: HashMap::new(),
            audits: Vec::new(),
            notifications: Vec::new(),
            outbox: Vec::new(),
        }
    }

    /// Runs a write that returns `id`, `created_at`, `updated_at` and the row as `row`, and
    /// records its audit entry.
    async fn audited_write(
        &mut self,
        table: &str,
        action: AuditAction,
        author: i32,
        sql: &str,
        values: Vec<Value>,
    ) -> StoreResult<Written> {
        let written = WrittenRow::find_by_statement(Statement::from_sql_and_values(
            DbBackend::Postgres,
            sql,
            values,
        ))
        .one(&self.txn)
        .await
        .map_err(store_error)?
        .ok_or_else(|| StoreError::Unexpected(format!("the write to {table} returned no row")))?;
        let old = match action {
            AuditAction::Insert => None,
            _ => self.before.get(&written.id).cloned(),
        };
        self.audits.push(draft(
            table,
            written.id.into(),
            action,
            Some(author),
            old,
            Some(written.row.clone()),
        ));
        if table == "appointments" {
            self.before.insert(written.id, written.row);
        }
        Ok(Written {
            id: written.id,
            created_at: written.created_at,
            updated_at: written.updated_at,
        })
    }
}

impl PgSchedulingTx {
    /// Writes a new appointment, an occurrence of `series_id` if given.
    async fn insert_in(
        &mut self,
        author: i32,
        series_id: Option<i32>,
        new: &NewAppointment,
    ) -> StoreResult<Written> {
        self.audited_write(
            "appointments",
            AuditAction::Insert,
            author,
            "INSERT INTO appointments AS a (patient_id, doctor_id, office_id, appointment_datetime,
                 duration_minutes, ends_at, reason, is_overbooked, overbook_reason, created_by,
                 series_id, outside_availability_reason, visit_type_id)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
             RETURNING a.appointment_id AS id, a.created_at, a.updated_at, to_jsonb(a) AS row",
            vec![
                new.patient_id.into(),
                new.doctor_id.into(),
                new.office_id.into(),
                new.range.start().into(),
                minutes(new.duration.minutes())?.into(),
                new.range.end().into(),
                new.reason.clone().into(),
                new.overbook_reason.is_some().into(),
                new.overbook_reason.clone().into(),
                author.into(),
                series_id.into(),
                new.outside_availability_reason.clone().into(),
                new.visit_type_id.into(),
            ],
        )
        .await
    }
}

#[derive(FromQueryResult)]
struct SeriesRow {
    series_id: i32,
    patient_id: i32,
    doctor_id: i32,
    office_id: i32,
    rule: String,
    first_starts_at: DateTime<Utc>,
    duration_minutes: i32,
    reason: Option<String>,
    created_by: i32,
    created_at: DateTime<Utc>,
    office_time_zone: String,
    treated_by_actor: bool,
    appointment_ids: Vec<i32>,
}

#[derive(FromQueryResult)]
struct WrittenRow {
    id: i32,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
    row: serde_json::Value,
}

#[derive(FromQueryResult)]
struct LockedRow {
    #[sea_orm(nested)]
    appointment: Row,
    patient_user_id: i32,
    doctor_user_id: i32,
    office_time_zone: String,
    treated_by_actor: bool,
    visit_fee: Decimal,
    settings: Option<serde_json::Value>,
    row: serde_json::Value,
}

fn minutes(value: u32) -> StoreResult<i32> {
    i32::try_from(value).map_err(|_| StoreError::Unexpected("duration out of range".into()))
}

#[async_trait]
impl SchedulingTx for PgSchedulingTx {
    async fn booking_facts(&mut self, query: &BookingQuery) -> StoreResult<BookingFacts> {
        facts::booking_facts(&self.txn, query, self.now).await
    }

    async fn lock_appointment(
        &mut self,
        appointment_id: i32,
        actor_doctor_id: Option<i32>,
    ) -> StoreResult<LockedAppointment> {
        let sql = format!(
            "{view_columns}, p.user_id AS patient_user_id, d.user_id AS doctor_user_id,
                    o.time_zone AS office_time_zone,
                    ($2::integer IS NOT NULL AND {treated}) AS treated_by_actor,
                    s.consultation_fee AS visit_fee, {settings} AS settings, to_jsonb(a) AS row
             {view_from}
             JOIN specialties s ON s.specialty_id = d.specialty_id
             WHERE a.appointment_id = $1
             FOR NO KEY UPDATE OF a",
            view_columns = super::query::VIEW_COLUMNS,
            view_from = super::query::VIEW_FROM,
            treated = treats("a.patient_id", "$2", "$3"),
            settings = SETTINGS,
        );
        let locked = LockedRow::find_by_statement(Statement::from_sql_and_values(
            DbBackend::Postgres,
            sql,
            [
                appointment_id.into(),
                actor_doctor_id.into(),
                self.now.into(),
            ],
        ))
        .one(&self.txn)
        .await
        .map_err(store_error)?
        .ok_or_else(|| StoreError::not_found("appointment"))?;
        self.before.insert(appointment_id, locked.row);
        Ok(LockedAppointment {
            appointment: locked.appointment.into_appointment()?,
            patient_user_id: locked.patient_user_id,
            doctor_user_id: locked.doctor_user_id,
            office_time_zone: locked.office_time_zone,
            treated_by_actor: locked.treated_by_actor,
            visit_fee: locked.visit_fee,
            settings: decode_settings(locked.settings)?,
        })
    }

    async fn insert_appointment(
        &mut self,
        author: i32,
        new: &NewAppointment,
    ) -> StoreResult<Written> {
        self.insert_in(author, None, new).await
    }

    async fn insert_series(&mut self, author: i32, series: &NewSeries) -> StoreResult<Written> {
        self.audited_write(
            "appointment_series",
            AuditAction::Insert,
            author,
            "INSERT INTO appointment_series AS s (patient_id, doctor_id, office_id, rrule,
                 first_starts_at, duration_minutes, reason, created_by)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
             RETURNING s.series_id AS id, s.created_at, s.created_at AS updated_at,
                 to_jsonb(s) AS row",
            vec![
                series.patient_id.into(),
                series.doctor_id.into(),
                series.office_id.into(),
                series.rule.clone().into(),
                series.first_starts_at.into(),
                minutes(series.duration_minutes)?.into(),
                series.reason.clone().into(),
                author.into(),
            ],
        )
        .await
    }

    async fn insert_occurrence(
        &mut self,
        author: i32,
        series_id: i32,
        new: &NewAppointment,
    ) -> StoreResult<Written> {
        self.insert_in(author, Some(series_id), new).await
    }

    async fn lock_series(
        &mut self,
        series_id: i32,
        actor_doctor_id: Option<i32>,
    ) -> StoreResult<LockedSeries> {
        let sql = format!(
            "SELECT s.series_id, s.patient_id, s.doctor_id, s.office_id, s.rrule AS rule,
                    s.first_starts_at, s.duration_minutes, s.reason, s.created_by, s.created_at,
                    o.time_zone AS office_time_zone,
                    ($2::integer IS NOT NULL AND {treated}) AS treated_by_actor,
                    COALESCE((SELECT array_agg(a.appointment_id
                                  ORDER BY a.appointment_datetime, a.appointment_id)
                              FROM appointments a WHERE a.series_id = s.series_id),
                             '{{}}') AS appointment_ids
             FROM appointment_series s JOIN offices o ON o.office_id = s.office_id
             WHERE s.series_id = $1",
            treated = treats("s.patient_id", "$2", "$3"),
        );
        let row = SeriesRow::find_by_statement(Statement::from_sql_and_values(
            DbBackend::Postgres,
            sql,
            [series_id.into(), actor_doctor_id.into(), self.now.into()],
        ))
        .one(&self.txn)
        .await
        .map_err(store_error)?
        .ok_or_else(|| StoreError::not_found("series"))?;
        let mut occurrences = Vec::with_capacity(row.appointment_ids.len());
        for id in &row.appointment_ids {
            occurrences.push(self.lock_appointment(*id, actor_doctor_id).await?);
        }
        Ok(LockedSeries {
            series: SeriesRecord {
                series_id: row.series_id,
                patient_id: row.patient_id,
                doctor_id: row.doctor_id,
                office_id: row.office_id,
                rule: row.rule,
                first_starts_at: row.first_starts_at,
                duration_minutes: row.duration_minutes,
                reason: row.reason,
                created_by: row.created_by,
                created_at: row.created_at,
            },
            office_time_zone: row.office_time_zone,
            treated_by_actor: row.treated_by_actor,
            occurrences,
        })
    }

    async fn move_appointment(
        &mut self,
        author: i32,
        moved: &MovedAppointment,
    ) -> StoreResult<Written> {
        self.audited_write(
            "appointments",
            AuditAction::Update,
            author,
            "UPDATE appointments AS a SET office_id = $2, appointment_datetime = $3,
                 duration_minutes = $4, ends_at = $5, reason = $6, is_overbooked = $7,
                 overbook_reason = $8, outside_availability_reason = $9, updated_at = now()
             WHERE a.appointment_id = $1
             RETURNING a.appointment_id AS id, a.created_at, a.updated_at, to_jsonb(a) AS row",
            vec![
                moved.appointment_id.into(),
                moved.office_id.into(),
                moved.range.start().into(),
                minutes(moved.duration_minutes)?.into(),
                moved.range.end().into(),
                moved.reason.clone().into(),
                moved.overbook_reason.is_some().into(),
                moved.overbook_reason.clone().into(),
                moved.outside_availability_reason.clone().into(),
            ],
        )
        .await
    }

    async fn set_status(
        &mut self,
        author: i32,
        appointment_id: i32,
        status: AppointmentStatus,
        cancellation_reason: Option<&str>,
    ) -> StoreResult<Written> {
        self.audited_write(
            "appointments",
            AuditAction::Update,
            author,
            "UPDATE appointments AS a SET status = $2,
                 cancellation_reason = COALESCE($3, a.cancellation_reason), updated_at = now()
             WHERE a.appointment_id = $1
             RETURNING a.appointment_id AS id, a.created_at, a.updated_at, to_jsonb(a) AS row",
            vec![
                appointment_id.into(),
                status.as_str().into(),
                cancellation_reason.map(str::to_owned).into(),
            ],
        )
        .await
    }

    async fn issue_bill(&mut self, author: i32, bill: &VisitBill) -> StoreResult<Option<i32>> {
        // The appointment is locked, so a bill the desk issued at checkout is seen here.
        let billed = self
            .txn
            .query_one_raw(Statement::from_sql_and_values(
                DbBackend::Postgres,
                "SELECT bill_id FROM bills WHERE appointment_id = $1",
                [bill.appointment_id.into()],
            ))
            .await
            .map_err(store_error)?;
        if billed.is_some() {
            return Ok(None);
        }
        let written = self
            .audited_write(
                "bills",
                AuditAction::Insert,
                author,
                "INSERT INTO bills AS b (patient_id, appointment_id, amount_due, billing_due)
                 VALUES ($1, $2, $3, $4)
                 RETURNING b.bill_id AS id, b.created_at, b.updated_at, to_jsonb(b) AS row",
                vec![
                    bill.patient_id.into(),
                    bill.appointment_id.into(),
                    bill.amount_due.into(),
                    bill.billing_due.into(),
                ],
            )
            .await?;
        Ok(Some(written.id))
    }

    fn notify(&mut self, notifications: Vec<NotificationDraft>) {
        self.notifications.extend(notifications);
    }

    async fn commit(self: Box<Self>) -> StoreResult<()> {
        let this = *self;
        crate::repositories::outbox::insert(&this.txn, &this.outbox)
            .await
            .map_err(store_error)?;
        commit_with_notifications(this.txn, this.audits, &this.notifications).await
    }

    fn waitlist(&mut self) -> &mut dyn clinic_domain::scheduling::waitlist::WaitlistTx {
        self
    }
    fn send(&mut self, drafts: Vec<OutboxDraft>) {
        self.outbox.extend(drafts);
    }

    async fn visit_type(
        &mut self,
        visit_type_id: i32,
    ) -> StoreResult<Option<clinic_domain::scheduling::VisitTypeFacts>> {
        crate::repositories::visit_types::facts(&self.txn, visit_type_id, true).await
    }
}
