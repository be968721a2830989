//! An in-memory [`AuditLog`] for the use-case tests of reading the log: it records the filter
//! it was asked with and answers with no rows.

use std::sync::Mutex;

use async_trait::async_trait;

use super::{AuditEntry, AuditFilter, AuditLog};
use crate::pagination::{Page, PageRequest};
use crate::store::StoreResult;

/// An empty audit log that remembers the last filter.
#[derive(Debug, Default)]
pub(crate) struct InMemoryAuditLog {
    pub last_filter: Mutex<Option<AuditFilter>>,
}

#[async_trait]
impl AuditLog for InMemoryAuditLog {
    async fn list(&self, filter: &AuditFilter, page: PageRequest) -> StoreResult<Page<AuditEntry>> {
        *self.last_filter.lock().unwrap() = Some(filter.clone());
        Ok(Page::new(Vec::new(), page, 0))
    }
}
