//! A canonical text form of JSON and of audit rows, so the same row always hashes the same.
//!
//! serde_json's key order depends on a crate feature (`preserve_order`) that any crate in the
//! build may switch on, and PostgreSQL's `jsonb` reorders keys anyway; sorting keys here makes
//! the hash independent of both.

use chrono::{DateTime, SecondsFormat, Utc};
use serde_json::Value;

use crate::audit::AuditAction;

/// Compact JSON with every object's keys sorted (by their UTF-8 bytes), recursively.
pub fn canonical_json(value: &Value) -> String {
    let mut out = String::new();
    write_canonical(value, &mut out);
    out
}

fn write_canonical(value: &Value, out: &mut String) {
    match value {
        Value::Object(object) => {
            let mut entries: Vec<_> = object.iter().collect();
            entries.sort_by(|a, b| a.0.cmp(b.0));
            out.push('{');
            for (i, (key, item)) in entries.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&Value::String(key.clone()).to_string());
                out.push(':');
                write_canonical(item, out);
            }
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_canonical(item, out);
            }
            out.push(']');
        }
        scalar => out.push_str(&scalar.to_string()),
    }
}

/// One stored audit row, as read back for hashing or verification.
#[derive(Debug, Clone, PartialEq)]
pub struct AuditRecord {
    /// `audit_log.log_id`.
    pub log_id: i64,
    /// The audited table.
    pub table_name: String,
    /// The audited row's id.
    pub record_id: i64,
    /// What happened.
    pub action: AuditAction,
    /// The acting user; `None` for the system or an anonymous failed login.
    pub changed_by: Option<i32>,
    /// When it happened.
    pub changed_at: DateTime<Utc>,
    /// The row before, secrets removed.
    pub old_values: Option<Value>,
    /// The row after, secrets removed.
    pub new_values: Option<Value>,
}

impl AuditRecord {
    /// The row as the canonical JSON array
    /// `[log_id, table_name, record_id, action, changed_by, changed_at, old_values, new_values]`
    /// with `changed_at` in RFC 3339 UTC with microseconds (PostgreSQL's precision, so a
    /// stored row reproduces it exactly) and absent values as `null`. An array rather than a
    /// joined string, so no field's content can be mistaken for a separator.
    pub fn canonical(&self) -> String {
        let row = Value::Array(vec![
            Value::from(self.log_id),
            Value::from(self.table_name.as_str()),
            Value::from(self.record_id),
            Value::from(self.action.as_str()),
            self.changed_by.map_or(Value::Null, Value::from),
            Value::from(self.changed_at.to_rfc3339_opts(SecondsFormat::Micros, true)),
            self.old_values.clone().unwrap_or(Value::Null),
            self.new_values.clone().unwrap_or(Value::Null),
        ]);
        canonical_json(&row)
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;
    use serde_json::json;

    use super::*;

    #[test]
    fn object_keys_are_sorted_at_every_depth() {
        let value = json!({"b": 1, "a": {"z": [ {"y": 2, "x": 1} ], "c": null}});
        assert_eq!(
            canonical_json(&value),
            r#"{"a":{"c":null,"z":[{"x":1,"y":2}]},"b":1}"#
        );
    }

    #[test]
    fn strings_are_escaped_like_json() {
        assert_eq!(
            canonical_json(&json!({"q\"k": "a\nb"})),
            r#"{"q\"k":"a\nb"}"#
        );
    }

    #[test]
    fn a_row_has_one_canonical_form() {
        let record = AuditRecord {
            log_id: 12,
            table_name: "bills".into(),
            record_id: 5,
            action: AuditAction::Update,
            changed_by: Some(3),
            changed_at: Utc.with_ymd_and_hms(2030, 1, 2, 3, 4, 5).unwrap(),
            old_values: Some(json!({"b": 1, "a": 2})),
            new_values: None,
        };
        assert_eq!(
            record.canonical(),
            r#"[12,"bills",5,"update",3,"2030-01-02T03:04:05.000000Z",{"a":2,"b":1},null]"#
        );
    }
}
