//! The outbox in PostgreSQL: written inside the scheduling transactions, claimed by workers
//! with `FOR UPDATE SKIP LOCKED` in one short statement each, settled one message at a time,
//! listed for staff.

use std::collections::HashSet;

use async_trait::async_trait;
use chrono::{DateTime, Duration, Utc};
use clinic_domain::messaging::{
    ClaimedMessage, DeliveryOutcome, OutboxDraft, OutboxEntry, OutboxFilter, OutboxStore, VisitNow,
};
use clinic_domain::{Page, PageRequest, StoreError, StoreResult};
use sea_orm::{
    ConnectionTrait, DatabaseConnection, DbBackend, DbErr, FromQueryResult, Statement, Value,
};

use super::support::{page_rows, store_error};

/// Enqueues `drafts` on the caller's connection (normally the scheduling transaction, so a
/// change and its messages commit together). A message whose key is already there is not
/// enqueued again, unless it was skipped (a visit moved back to a time it had before, whose
/// reminders were skipped meanwhile, gets them planned again).
pub(crate) async fn insert<C: ConnectionTrait>(
    conn: &C,
    drafts: &[OutboxDraft],
) -> Result<(), DbErr> {
    let mut seen = HashSet::new();
    let drafts: Vec<_> = drafts
        .iter()
        .filter(|d| seen.insert(d.dedupe_key()))
        .collect();
    if drafts.is_empty() {
        return Ok(());
    }
    const COLUMNS: usize = 10;
    let mut rows = Vec::with_capacity(drafts.len());
    let mut values: Vec<Value> = Vec::with_capacity(drafts.len() * COLUMNS);
    for draft in drafts {
        let n = values.len();
        let params: Vec<String> = (1..=COLUMNS).map(|i| format!("${}", n + i)).collect();
        rows.push(format!("({})", params.join(", ")));
        let offset = i32::try_from(draft.offset_minutes).unwrap_or(i32::MAX);
        values.extend([
            draft.channel.as_str().into(),
            draft.recipient_user_id.into(),
            draft.kind.as_str().into(),
            draft.appointment_id.into(),
            draft.planned_start.into(),
            offset.into(),
            draft.due_at.into(),
            serde_json::json!({"subject": draft.subject, "body": draft.body}).into(),
            draft.dedupe_key().into(),
            draft.due_at.into(),
        ]);
    }
    conn.execute_raw(Statement::from_sql_and_values(
        DbBackend::Postgres,
        format!(
            "INSERT INTO outbox_messages AS m (channel, recipient_user_id, kind, appointment_id,
                 planned_start, offset_minutes, due_at, payload, dedupe_key, next_attempt_at)
             VALUES {}
             ON CONFLICT (dedupe_key) DO UPDATE
                 SET status = 'pending', attempts = 0, due_at = EXCLUDED.due_at,
                     next_attempt_at = EXCLUDED.due_at, payload = EXCLUDED.payload,
                     last_error = NULL, updated_at = now()
                 WHERE m.status = 'skipped'",
            rows.join(", ")
        ),
        values,
    ))
    .await?;
    Ok(())
}

/// The outbox in PostgreSQL.
#[derive(Clone)]
pub struct PgOutbox {
    db: DatabaseConnection,
}

impl PgOutbox {
    /// An outbox over `db`.
    #[must_use]
    pub fn new(db: DatabaseConnection) -> Self {
        Self { db }
    }
}

/// The recipient's name: their patient or doctor profile, else their username.
const RECIPIENT_NAME: &str = "COALESCE(p.first_name || ' ' || p.last_name,
    d.first_name || ' ' || d.last_name, u.username)";

const RECIPIENT_JOINS: &str = "JOIN users u ON u.user_id = m.recipient_user_id
    LEFT JOIN patients p ON p.user_id = u.user_id
    LEFT JOIN doctors d ON d.user_id = u.user_id";

#[derive(FromQueryResult)]
struct ClaimedRow {
    message_id: i64,
    channel: String,
    kind: String,
    appointment_id: i32,
    planned_start: DateTime<Utc>,
    due_at: DateTime<Utc>,
    attempts: i32,
    payload: serde_json::Value,
    email: Option<String>,
    phone: Option<String>,
    recipient_name: String,
    visit_status: Option<String>,
    visit_start: Option<DateTime<Utc>>,
}

fn unexpected(what: &str, value: &str) -> StoreError {
    StoreError::Unexpected(format!("outbox row with an unknown {what} {value:?}"))
}

fn text(payload: &serde_json::Value, field: &str) -> StoreResult<String> {
    payload[field]
        .as_str()
        .map(str::to_owned)
        .ok_or_else(|| StoreError::Unexpected(format!("outbox payload without {field}")))
}

impl ClaimedRow {
    fn into_claimed(self) -> StoreResult<ClaimedMessage> {
        let channel = self
            .channel
            .parse()
            .map_err(|_| unexpected("channel", &self.channel))?;
        let visit = match (self.visit_status, self.visit_start) {
            (Some(status), Some(starts_at)) => Some(VisitNow {
                status: status
                    .parse()
                    .map_err(|_| unexpected("appointment status", &status))?,
                starts_at,
            }),
            _ => None,
        };
        Ok(ClaimedMessage {
            message_id: self.message_id,
            kind: self
                .kind
                .parse()
                .map_err(|_| unexpected("kind", &self.kind))?,
            address: match channel {
                clinic_domain::messaging::Channel::Email => self.email,
                clinic_domain::messaging::Channel::Sms => self.phone,
            },
            channel,
            appointment_id: self.appointment_id,
            planned_start: self.planned_start,
            due_at: self.due_at,
            attempts: u32::try_from(self.attempts).unwrap_or(0),
            subject: text(&self.payload, "subject")?,
            body: text(&self.payload, "body")?,
            recipient_name: self.recipient_name,
            visit,
        })
    }
}

#[derive(FromQueryResult)]
struct EntryRow {
    message_id: i64,
    channel: String,
    kind: String,
    status: String,
    appointment_id: i32,
    recipient_user_id: i32,
    recipient_name: String,
    subject: Option<String>,
    due_at: DateTime<Utc>,
    attempts: i32,
    next_attempt_at: Option<DateTime<Utc>>,
    sent_at: Option<DateTime<Utc>>,
    last_error: Option<String>,
    created_at: DateTime<Utc>,
}

impl EntryRow {
    fn into_entry(self) -> StoreResult<OutboxEntry> {
        Ok(OutboxEntry {
            message_id: self.message_id,
            channel: self
                .channel
                .parse()
                .map_err(|_| unexpected("channel", &self.channel))?,
            kind: self
                .kind
                .parse()
                .map_err(|_| unexpected("kind", &self.kind))?,
            status: self
                .status
                .parse()
                .map_err(|_| unexpected("status", &self.status))?,
            appointment_id: self.appointment_id,
            recipient_user_id: self.recipient_user_id,
            recipient_name: self.recipient_name,
            subject: self.subject.unwrap_or_default(),
            due_at: self.due_at,
            attempts: u32::try_from(self.attempts).unwrap_or(0),
            next_attempt_at: self.next_attempt_at,
            sent_at: self.sent_at,
            last_error: self.last_error,
            created_at: self.created_at,
        })
    }
}

#[async_trait]
impl OutboxStore for PgOutbox {
    async fn claim_due(
        &self,
        now: DateTime<Utc>,
        limit: u32,
        lease: Duration,
    ) -> StoreResult<Vec<ClaimedMessage>> {
        // One statement, so one short transaction: the rows another worker is claiming are
        // skipped, not waited for, and what is claimed is marked sending under a lease before
        // the statement ends. The visit and the address are read as they are now.
        let sql = format!(
            "WITH due AS (
                 SELECT message_id FROM outbox_messages
                 WHERE (status = 'pending' AND next_attempt_at <= $1)
                    OR (status = 'sending' AND lease_until <= $1)
                 ORDER BY next_attempt_at, message_id
                 LIMIT $2
                 FOR UPDATE SKIP LOCKED
             ), claimed AS (
                 UPDATE outbox_messages o
                 SET status = 'sending', attempts = o.attempts + 1, lease_until = $3,
                     updated_at = now()
                 FROM due WHERE o.message_id = due.message_id
                 RETURNING o.*
             )
             SELECT m.message_id, m.channel, m.kind, m.appointment_id, m.planned_start, m.due_at,
                    m.attempts, m.payload, u.email,
                    '+' || u.phone_country_code || u.phone_number AS phone,
                    {RECIPIENT_NAME} AS recipient_name,
                    a.status::text AS visit_status, a.appointment_datetime AS visit_start
             FROM claimed m {RECIPIENT_JOINS}
             LEFT JOIN appointments a ON a.appointment_id = m.appointment_id
             ORDER BY m.due_at, m.message_id"
        );
        let rows = ClaimedRow::find_by_statement(Statement::from_sql_and_values(
            DbBackend::Postgres,
            sql,
            [now.into(), i64::from(limit).into(), (now + lease).into()],
        ))
        .all(&self.db)
        .await
        .map_err(store_error)?;
        rows.into_iter().map(ClaimedRow::into_claimed).collect()
    }

    async fn finish(
        &self,
        message: &ClaimedMessage,
        outcome: &DeliveryOutcome,
    ) -> StoreResult<bool> {
        let (sent_at, next_attempt_at, note): (Option<DateTime<Utc>>, Option<DateTime<Utc>>, _) =
            match outcome {
                DeliveryOutcome::Sent { at } => (Some(*at), None, None),
                DeliveryOutcome::Retry { at, error } => (None, Some(*at), Some(error.clone())),
                DeliveryOutcome::Failed { error } => (None, None, Some(error.clone())),
                DeliveryOutcome::Skipped { reason } | DeliveryOutcome::Unsent { reason } => {
                    (None, None, Some(reason.clone()))
                }
            };
        let attempts = i32::try_from(message.attempts).unwrap_or(i32::MAX);
        let result = self
            .db
            .execute_raw(Statement::from_sql_and_values(
                DbBackend::Postgres,
                "UPDATE outbox_messages
                 SET status = $3, lease_until = NULL, sent_at = $4,
                     next_attempt_at = COALESCE($5, next_attempt_at),
                     last_error = COALESCE($6, last_error), updated_at = now()
                 WHERE message_id = $1 AND status = 'sending' AND attempts = $2",
                [
                    message.message_id.into(),
                    attempts.into(),
                    outcome.status().as_str().into(),
                    sent_at.into(),
                    next_attempt_at.into(),
                    note.into(),
                ],
            ))
            .await
            .map_err(store_error)?;
        Ok(result.rows_affected() == 1)
    }

    async fn list(
        &self,
        filter: &OutboxFilter,
        page: PageRequest,
    ) -> StoreResult<Page<OutboxEntry>> {
        let condition = "WHERE ($1::text IS NULL OR m.status = $1)
            AND ($2::integer IS NULL OR m.appointment_id = $2)";
        let select = format!(
            "SELECT m.message_id, m.channel, m.kind, m.status, m.appointment_id,
                    m.recipient_user_id, {RECIPIENT_NAME} AS recipient_name,
                    m.payload ->> 'subject' AS subject, m.due_at, m.attempts,
                    CASE WHEN m.status = 'pending' THEN m.next_attempt_at END AS next_attempt_at,
                    m.sent_at, m.last_error, m.created_at
             FROM outbox_messages m {RECIPIENT_JOINS}
             {condition}
             ORDER BY m.due_at DESC, m.message_id DESC"
        );
        let total = format!("SELECT count(*) AS total FROM outbox_messages m {condition}");
        let params = vec![
            filter.status.map(|s| s.as_str().to_owned()).into(),
            filter.appointment_id.into(),
        ];
        let (rows, total) =
            page_rows::<EntryRow, _>(&self.db, &select, &total, params, page).await?;
        let items = rows
            .into_iter()
            .map(EntryRow::into_entry)
            .collect::<StoreResult<_>>()?;
        Ok(Page::new(items, page, total))
    }
}
