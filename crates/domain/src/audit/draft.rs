//! An audit entry about to be written, secrets already removed.

use chrono::{DateTime, Utc};
use serde_json::Value;

use crate::audit::{AuditAction, AuditRecord, redact};

/// A new audit row before the database gives it an id and a time. The only way to build one
/// is [`AuditEntryDraft::new`], which redacts, so no secret reaches the append-only log.
#[derive(Debug, Clone, PartialEq)]
pub struct AuditEntryDraft {
    table_name: String,
    record_id: i64,
    action: AuditAction,
    changed_by: Option<i32>,
    old_values: Option<Value>,
    new_values: Option<Value>,
}

impl AuditEntryDraft {
    /// An entry about `table_name` row `record_id`, with secrets removed from both snapshots.
    pub fn new(
        table_name: impl Into<String>,
        record_id: i64,
        action: AuditAction,
        changed_by: Option<i32>,
        mut old_values: Option<Value>,
        mut new_values: Option<Value>,
    ) -> Self {
        old_values.iter_mut().for_each(redact);
        new_values.iter_mut().for_each(redact);
        AuditEntryDraft {
            table_name: table_name.into(),
            record_id,
            action,
            changed_by,
            old_values,
            new_values,
        }
    }

    /// The audited table.
    pub fn table_name(&self) -> &str {
        &self.table_name
    }

    /// The audited row's id.
    pub fn record_id(&self) -> i64 {
        self.record_id
    }

    /// What happened.
    pub fn action(&self) -> AuditAction {
        self.action
    }

    /// Who did it.
    pub fn changed_by(&self) -> Option<i32> {
        self.changed_by
    }

    /// The row before, redacted.
    pub fn old_values(&self) -> Option<&Value> {
        self.old_values.as_ref()
    }

    /// The row after, redacted.
    pub fn new_values(&self) -> Option<&Value> {
        self.new_values.as_ref()
    }

    /// The full row once the database has chosen its id and time, e.g. to compute its
    /// [`canonical`](AuditRecord::canonical) form and hash inside the inserting transaction.
    pub fn into_record(self, log_id: i64, changed_at: DateTime<Utc>) -> AuditRecord {
        AuditRecord {
            log_id,
            table_name: self.table_name,
            record_id: self.record_id,
            action: self.action,
            changed_by: self.changed_by,
            changed_at,
            old_values: self.old_values,
            new_values: self.new_values,
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn a_draft_never_holds_a_secret() {
        let draft = AuditEntryDraft::new(
            "users",
            7,
            AuditAction::Update,
            Some(1),
            Some(json!({"username": "ada", "passwd": "old-hash"})),
            Some(json!({"username": "ada", "passwd": "new-hash"})),
        );
        assert_eq!(draft.old_values(), Some(&json!({"username": "ada"})));
        assert_eq!(draft.new_values(), Some(&json!({"username": "ada"})));
        assert_eq!(draft.table_name(), "users");
    }

    #[test]
    fn a_draft_becomes_a_record_with_the_id_and_time_given() {
        let at = DateTime::from_timestamp(1_900_000_000, 0).unwrap();
        let draft = AuditEntryDraft::new("bills", 5, AuditAction::Insert, None, None, None);
        let record = draft.into_record(42, at);
        assert_eq!(
            (record.log_id, record.changed_at, record.record_id),
            (42, at, 5)
        );
        assert!(
            record
                .canonical()
                .starts_with(r#"[42,"bills",5,"insert",null,"#)
        );
    }
}
