//! An in-memory outbox and sender for the worker's tests.

use std::collections::HashMap;
use std::sync::Mutex;

use async_trait::async_trait;
use chrono::{DateTime, Duration, Utc};

use super::model::{
    ClaimedMessage, DeliveryOutcome, OutboxDraft, OutboxEntry, OutboxFilter, OutboxStatus,
    OutgoingMessage, VisitNow,
};
use super::ports::{MessageSender, OutboxStore, SendError};
use crate::pagination::{Page, PageRequest};
use crate::store::StoreResult;

/// One stored message.
#[derive(Debug, Clone)]
pub struct FakeRow {
    pub id: i64,
    pub draft: OutboxDraft,
    pub status: OutboxStatus,
    pub attempts: u32,
    pub next_attempt_at: DateTime<Utc>,
    pub lease_until: Option<DateTime<Utc>>,
    pub sent_at: Option<DateTime<Utc>>,
    pub last_error: Option<String>,
}

/// The outbox, the visits as they are now, and the recipients' addresses.
#[derive(Debug, Default)]
pub struct InMemoryOutbox {
    pub rows: Mutex<Vec<FakeRow>>,
    pub visits: Mutex<HashMap<i32, VisitNow>>,
    pub addresses: Mutex<HashMap<i32, String>>,
}

impl InMemoryOutbox {
    /// Enqueues drafts as a committed scheduling transaction would.
    pub fn enqueue(&self, drafts: &[OutboxDraft]) {
        let mut rows = self.rows.lock().unwrap();
        for draft in drafts {
            if rows
                .iter()
                .any(|r| r.draft.dedupe_key() == draft.dedupe_key())
            {
                continue;
            }
            let id = i64::try_from(rows.len()).unwrap() + 1;
            rows.push(FakeRow {
                id,
                draft: draft.clone(),
                status: OutboxStatus::Pending,
                attempts: 0,
                next_attempt_at: draft.due_at,
                lease_until: None,
                sent_at: None,
                last_error: None,
            });
        }
    }

    pub fn rows(&self) -> Vec<FakeRow> {
        self.rows.lock().unwrap().clone()
    }
}

#[async_trait]
impl OutboxStore for InMemoryOutbox {
    async fn claim_due(
        &self,
        now: DateTime<Utc>,
        limit: u32,
        lease: Duration,
    ) -> StoreResult<Vec<ClaimedMessage>> {
        let visits = self.visits.lock().unwrap().clone();
        let addresses = self.addresses.lock().unwrap().clone();
        let mut rows = self.rows.lock().unwrap();
        let mut claimed = Vec::new();
        for row in rows.iter_mut() {
            if claimed.len() >= limit as usize {
                break;
            }
            let due = match row.status {
                OutboxStatus::Pending => row.next_attempt_at <= now,
                OutboxStatus::Sending => row.lease_until.is_some_and(|l| l <= now),
                _ => false,
            };
            if !due {
                continue;
            }
            row.status = OutboxStatus::Sending;
            row.attempts += 1;
            row.lease_until = Some(now + lease);
            claimed.push(ClaimedMessage {
                message_id: row.id,
                channel: row.draft.channel,
                kind: row.draft.kind,
                appointment_id: row.draft.appointment_id,
                planned_start: row.draft.planned_start,
                due_at: row.draft.due_at,
                attempts: row.attempts,
                subject: row.draft.subject.clone(),
                body: row.draft.body.clone(),
                address: addresses.get(&row.draft.recipient_user_id).cloned(),
                recipient_name: format!("user {}", row.draft.recipient_user_id),
                visit: visits.get(&row.draft.appointment_id).copied(),
            });
        }
        Ok(claimed)
    }

    async fn finish(
        &self,
        message: &ClaimedMessage,
        outcome: &DeliveryOutcome,
    ) -> StoreResult<bool> {
        let mut rows = self.rows.lock().unwrap();
        let Some(row) = rows.iter_mut().find(|r| {
            r.id == message.message_id
                && r.status == OutboxStatus::Sending
                && r.attempts == message.attempts
        }) else {
            return Ok(false);
        };
        row.status = outcome.status();
        row.lease_until = None;
        match outcome {
            DeliveryOutcome::Sent { at } => row.sent_at = Some(*at),
            DeliveryOutcome::Retry { at, error } => {
                row.next_attempt_at = *at;
                row.last_error = Some(error.clone());
            }
            DeliveryOutcome::Failed { error } => row.last_error = Some(error.clone()),
            DeliveryOutcome::Skipped { reason } | DeliveryOutcome::Unsent { reason } => {
                row.last_error = Some(reason.clone());
            }
        }
        Ok(true)
    }

    async fn list(
        &self,
        filter: &OutboxFilter,
        page: PageRequest,
    ) -> StoreResult<Page<OutboxEntry>> {
        let items: Vec<_> = self
            .rows()
            .into_iter()
            .filter(|r| filter.status.is_none_or(|s| s == r.status))
            .map(|r| OutboxEntry {
                message_id: r.id,
                channel: r.draft.channel,
                kind: r.draft.kind,
                status: r.status,
                appointment_id: r.draft.appointment_id,
                recipient_user_id: r.draft.recipient_user_id,
                recipient_name: String::new(),
                subject: r.draft.subject.clone(),
                due_at: r.draft.due_at,
                attempts: r.attempts,
                next_attempt_at: Some(r.next_attempt_at),
                sent_at: r.sent_at,
                last_error: r.last_error,
                created_at: r.draft.due_at,
            })
            .collect();
        let total = items.len() as u64;
        Ok(Page::new(items, page, total))
    }
}

/// A sender that records what it delivered, failing the first `fail_first` attempts with
/// a temporary error (or every attempt for good with `refuse`).
#[derive(Debug, Default)]
pub struct RecordingSender {
    pub delivered: Mutex<Vec<OutgoingMessage>>,
    pub fail_first: Mutex<u32>,
    pub refuse: bool,
}

#[async_trait]
impl MessageSender for RecordingSender {
    async fn send(&self, message: &OutgoingMessage) -> Result<(), SendError> {
        if self.refuse {
            return Err(SendError::Permanent("550 mailbox unavailable".into()));
        }
        let mut failures = self.fail_first.lock().unwrap();
        if *failures > 0 {
            *failures -= 1;
            return Err(SendError::Transient("connection refused".into()));
        }
        self.delivered.lock().unwrap().push(message.clone());
        Ok(())
    }
}
