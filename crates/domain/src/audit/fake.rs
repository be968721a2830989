//! In-memory fakes for the use-case tests: an [`AuditLog`] that records the filter it was asked
//! with and answers with the entries it was given, and a [`ReadAudit`] that keeps the `read`
//! rows it was handed (or fails, to show nothing is returned then).

use std::sync::Mutex;

use async_trait::async_trait;

use super::{AuditEntry, AuditEntryDraft, AuditFilter, AuditLog, ReadAudit};
use crate::pagination::{Page, PageRequest};
use crate::store::{StoreError, StoreResult};

/// An audit log holding `entries` (newest first) that remembers the last filter.
#[derive(Debug, Default)]
pub(crate) struct InMemoryAuditLog {
    pub entries: Vec<AuditEntry>,
    pub last_filter: Mutex<Option<AuditFilter>>,
}

#[async_trait]
impl AuditLog for InMemoryAuditLog {
    async fn list(&self, filter: &AuditFilter, page: PageRequest) -> StoreResult<Page<AuditEntry>> {
        *self.last_filter.lock().unwrap() = Some(filter.clone());
        let total = self.entries.len() as u64;
        Ok(Page::new(self.entries.clone(), page, total))
    }
}

/// Keeps every `read` row recorded; when `unavailable`, records nothing and fails.
#[derive(Debug, Default)]
pub(crate) struct RecordingReadAudit {
    pub recorded: Mutex<Vec<AuditEntryDraft>>,
    pub unavailable: bool,
}

impl RecordingReadAudit {
    /// A read audit whose database is down.
    pub fn unavailable() -> Self {
        Self {
            unavailable: true,
            ..Self::default()
        }
    }

    /// `(table_name, record_id, changed_by)` of every row recorded so far, in order.
    pub fn rows(&self) -> Vec<(String, i64, Option<i32>)> {
        self.recorded
            .lock()
            .unwrap()
            .iter()
            .map(|d| (d.table_name().to_owned(), d.record_id(), d.changed_by()))
            .collect()
    }
}

#[async_trait]
impl ReadAudit for RecordingReadAudit {
    async fn record(&self, reads: Vec<AuditEntryDraft>) -> StoreResult<()> {
        if self.unavailable {
            return Err(StoreError::Unavailable);
        }
        self.recorded.lock().unwrap().extend(reads);
        Ok(())
    }
}
