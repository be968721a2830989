//! Clinical content in audit rows: which stored fields are clinical, and how the audit-log view
//! withholds their values.
//!
//! The audit log keeps every row as written (its hash chain covers the values, so nothing is
//! removed at rest), but its readers are admins, and clinical content is for clinicians: the
//! view shows which clinical fields an event touched, never their values. Clinicians read the
//! values through the chart, where each read is itself audited.

use serde_json::Value;

use super::{AuditAction, AuditEntry};

/// Stands in for a withheld clinical value.
pub const REDACTED: &str = "[redacted]";

/// Stands in for the new value of a clinical field that an update changed, so the two
/// snapshots differ exactly where the stored ones do and the reader (or a diff view) sees
/// which fields changed.
pub const CHANGED: &str = "[redacted: changed]";

/// Every clinical field, by the table its audit rows name. The one list: the audit-log view
/// withholds these values from every reader, and `docs/security.md` prints this table.
///
/// - `medical_records`: what the doctor found and wrote.
/// - `prescriptions`: everything that says what the patient takes (the medication alone tells
///   a condition).
/// - `appointments`: the reason for the visit and the reason it was squeezed in, both free
///   text about the patient's condition.
/// - `specialist_approvals`: why a specialist was asked for, and the specialist's answer.
/// - `allergies`, `problems`: what the patient reacts to and what they are treated for.
/// - `record_addenda`: why a record was amended, the note added, and the fields' values.
pub const CLINICAL_FIELDS: [(&str, &[&str]); 7] = [
    (
        "medical_records",
        &["diagnosis", "notes", "test_results", "vitals"],
    ),
    (
        "prescriptions",
        &[
            "medication_name",
            "dose",
            "route",
            "frequency",
            "quantity",
            "refills",
            "instructions",
            "pharmacy_details",
            "allergy_override_reason",
        ],
    ),
    ("appointments", &["reason", "overbook_reason"]),
    ("specialist_approvals", &["reason", "decision_note"]),
    ("allergies", &["substance", "reaction", "severity"]),
    ("problems", &["condition", "onset_date"]),
    ("record_addenda", &["reason", "note", "changes"]),
];

/// The clinical fields of `table`'s rows; empty for a table with none.
#[must_use]
pub fn clinical_fields(table: &str) -> &'static [&'static str] {
    CLINICAL_FIELDS
        .iter()
        .find(|(name, _)| *name == table)
        .map_or(&[], |(_, fields)| fields)
}

/// True if `field` of `table` holds clinical content.
#[must_use]
pub fn is_clinical(table: &str, field: &str) -> bool {
    clinical_fields(table).contains(&field)
}

/// The entry as an audit-log reader sees it: every clinical field present in its values is
/// kept by name with [`REDACTED`] for its value, except the new value of a field an update
/// changed, which is [`CHANGED`]; `null` stays `null` (nothing was recorded). Values that are
/// lists of rows (a parent's child rows) are withheld row by row.
#[must_use]
pub fn redact_clinical(mut entry: AuditEntry) -> AuditEntry {
    let fields = clinical_fields(&entry.table_name);
    if fields.is_empty() {
        return entry;
    }
    let changed: Vec<&str> = match (&entry.action, &entry.old_values, &entry.new_values) {
        (AuditAction::Update, Some(Value::Object(old)), Some(Value::Object(new))) => fields
            .iter()
            .copied()
            .filter(|f| old.get(*f) != new.get(*f))
            .collect(),
        _ => Vec::new(),
    };
    if let Some(old) = entry.old_values.as_mut() {
        withhold(old, fields, &[]);
    }
    if let Some(new) = entry.new_values.as_mut() {
        withhold(new, fields, &changed);
    }
    entry
}

fn withhold(values: &mut Value, fields: &[&str], changed: &[&str]) {
    match values {
        Value::Object(row) => {
            for (key, value) in row.iter_mut() {
                if value.is_null() || !fields.contains(&key.as_str()) {
                    continue;
                }
                let marker = if changed.contains(&key.as_str()) {
                    CHANGED
                } else {
                    REDACTED
                };
                *value = Value::String(marker.to_owned());
            }
        }
        Value::Array(rows) => rows.iter_mut().for_each(|row| withhold(row, fields, &[])),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use chrono::DateTime;
    use serde_json::json;

    use super::*;

    fn entry(
        table: &str,
        action: AuditAction,
        old: Option<Value>,
        new: Option<Value>,
    ) -> AuditEntry {
        AuditEntry {
            log_id: 1,
            table_name: table.into(),
            record_id: Some(5),
            action,
            changed_by: Some(2),
            changed_by_username: Some("drhouse".into()),
            changed_at: DateTime::from_timestamp(1_900_000_000, 0).unwrap(),
            old_values: old,
            new_values: new,
            subject_patient_id: None,
            subject_patient_name: None,
        }
    }

    #[test]
    fn a_new_record_shows_its_clinical_fields_by_name_only() {
        let new = json!({
            "record_id": 5, "patient_id": 3, "diagnosis": "Lupus",
            "notes": "It's never lupus", "test_results": [{"name": "ANA", "value": "positive"}]
        });
        let seen = redact_clinical(entry(
            "medical_records",
            AuditAction::Insert,
            None,
            Some(new),
        ));
        assert_eq!(
            seen.new_values,
            Some(json!({
                "record_id": 5, "patient_id": 3, "diagnosis": REDACTED,
                "notes": REDACTED, "test_results": REDACTED
            }))
        );
        assert_eq!(seen.old_values, None);
    }

    #[test]
    fn an_update_tells_which_clinical_fields_changed_and_which_did_not() {
        let old = json!({"diagnosis": "Flu", "notes": "rest", "test_results": [], "doctor_id": 4});
        let new =
            json!({"diagnosis": "Pneumonia", "notes": "rest", "test_results": [], "doctor_id": 4});
        let seen = redact_clinical(entry(
            "medical_records",
            AuditAction::Update,
            Some(old),
            Some(new),
        ));
        assert_eq!(
            seen.old_values,
            Some(
                json!({"diagnosis": REDACTED, "notes": REDACTED, "test_results": REDACTED, "doctor_id": 4})
            )
        );
        assert_eq!(
            seen.new_values,
            Some(
                json!({"diagnosis": CHANGED, "notes": REDACTED, "test_results": REDACTED, "doctor_id": 4})
            )
        );
    }

    #[test]
    fn a_value_added_or_cleared_by_an_update_shows_as_changed() {
        let old = json!({"reason": null, "overbook_reason": "urgent"});
        let new = json!({"reason": "cough", "overbook_reason": null});
        let seen = redact_clinical(entry(
            "appointments",
            AuditAction::Update,
            Some(old),
            Some(new),
        ));
        assert_eq!(
            seen.old_values,
            Some(json!({"reason": null, "overbook_reason": REDACTED}))
        );
        assert_eq!(
            seen.new_values,
            Some(json!({"reason": CHANGED, "overbook_reason": null}))
        );
    }

    #[test]
    fn a_prescription_hides_what_the_patient_takes() {
        let new = json!({
            "prescription_id": 9, "record_id": 5, "medication_name": "Vicodin", "dose": "5 mg",
            "route": "oral", "frequency": "daily", "quantity": 30, "refills": 2,
            "instructions": "with food", "pharmacy_details": {"name": "Corner"},
            "date_issued": "2026-12-01T10:00:00Z",
            "allergy_override_reason": "a rash years ago, tolerated since"
        });
        let seen = redact_clinical(entry("prescriptions", AuditAction::Insert, None, Some(new)));
        let values = seen.new_values.unwrap();
        for field in clinical_fields("prescriptions") {
            assert_eq!(values[*field], json!(REDACTED), "{field}");
        }
        assert_eq!(values["prescription_id"], json!(9));
        assert_eq!(values["date_issued"], json!("2026-12-01T10:00:00Z"));
    }

    #[test]
    fn nothing_recorded_stays_nothing() {
        let new = json!({"reason": null, "overbook_reason": null, "status": "scheduled"});
        let seen = redact_clinical(entry(
            "appointments",
            AuditAction::Insert,
            None,
            Some(new.clone()),
        ));
        assert_eq!(seen.new_values, Some(new));
    }

    #[test]
    fn the_reasons_of_visits_and_referrals_are_clinical() {
        for (table, field) in [
            ("appointments", "reason"),
            ("appointments", "overbook_reason"),
            ("specialist_approvals", "reason"),
            ("specialist_approvals", "decision_note"),
        ] {
            assert!(is_clinical(table, field), "{table}.{field}");
        }
        let new = json!({"reason": "chest pain", "status": "pending"});
        let seen = redact_clinical(entry(
            "specialist_approvals",
            AuditAction::Insert,
            None,
            Some(new),
        ));
        assert_eq!(
            seen.new_values,
            Some(json!({"reason": REDACTED, "status": "pending"}))
        );
    }

    #[test]
    fn rows_of_other_tables_are_shown_as_stored() {
        let new = json!({"reason": "moved house", "notes": "n", "diagnosis": "x"});
        let stored = entry(
            "patients",
            AuditAction::Update,
            Some(new.clone()),
            Some(new),
        );
        assert_eq!(redact_clinical(stored.clone()), stored);
        assert!(!is_clinical("patients", "notes"));
        assert!(clinical_fields("audit_log").is_empty());
    }

    #[test]
    fn lists_of_child_rows_are_withheld_row_by_row() {
        let rows =
            json!([{"reason": "a", "appointment_id": 1}, {"reason": "b", "appointment_id": 2}]);
        let seen = redact_clinical(entry("appointments", AuditAction::Update, None, Some(rows)));
        assert_eq!(
            seen.new_values,
            Some(
                json!([{"reason": REDACTED, "appointment_id": 1}, {"reason": REDACTED, "appointment_id": 2}])
            )
        );
    }
}
