//! Reading the audit trail.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use serde_json::Value;

use crate::audit::AuditAction;
use crate::pagination::{Page, PageRequest};
use crate::store::StoreResult;

/// One stored audit row.
#[derive(Debug, Clone, PartialEq)]
pub struct AuditEntry {
    pub log_id: i64,
    pub table_name: String,
    pub record_id: Option<i64>,
    pub action: AuditAction,
    pub changed_by: Option<i32>,
    /// The username of `changed_by`, so a reader sees who without a second lookup.
    pub changed_by_username: Option<String>,
    pub changed_at: DateTime<Utc>,
    pub old_values: Option<Value>,
    pub new_values: Option<Value>,
    /// The patient whose record the row is about (a visit's, a bill's, their own profile's),
    /// derived when the row is read; `None` for rows about no patient (an office, a login).
    pub subject_patient_id: Option<i32>,
    /// That patient's name, "First Last", as it is now.
    pub subject_patient_name: Option<String>,
}

/// Filters of the audit-log view; all optional, combined with AND.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuditFilter {
    pub table_name: Option<String>,
    pub record_id: Option<i64>,
    pub changed_by: Option<i32>,
    /// Only changes made by users whose username contains this text, lower-cased.
    pub changed_by_name: Option<String>,
    /// Only rows about this patient's records (see [`AuditEntry::subject_patient_id`]).
    pub patient_id: Option<i32>,
    pub from: Option<DateTime<Utc>>,
    pub to: Option<DateTime<Utc>>,
    pub action: Option<AuditAction>,
    /// Only the entry with this id.
    pub log_id: Option<i64>,
}

/// Reads the audit log, newest first.
#[async_trait]
pub trait AuditLog: Send + Sync {
    /// One page of matching rows, newest first.
    ///
    /// # Errors
    /// `Unavailable` / `Unexpected` only.
    async fn list(&self, filter: &AuditFilter, page: PageRequest) -> StoreResult<Page<AuditEntry>>;
}
