//! Reading the audit log against the in-memory log.

use chrono::DateTime;
use serde_json::{Value, json};

use super::fake::{InMemoryAuditLog, RecordingReadAudit};
use super::{AuditAction, AuditEntry, REDACTED, ReadAuditLog, ReadAuditLogError, read_audit_log};
use crate::access::{Actor, Denied};
use crate::identity::Role;
use crate::pagination::{Page, PageRequest};
use crate::store::StoreError;
use crate::testing::block_on;

fn actor(role: Role) -> Actor {
    Actor {
        user_id: 1,
        role,
        doctor_id: None,
        patient_id: None,
    }
}

fn read(role: Role, cmd: ReadAuditLog, log: &InMemoryAuditLog) -> Result<(), ReadAuditLogError> {
    read_with(role, cmd, log, &RecordingReadAudit::default()).map(|_| ())
}

fn read_with(
    role: Role,
    cmd: ReadAuditLog,
    log: &InMemoryAuditLog,
    reads: &RecordingReadAudit,
) -> Result<Page<AuditEntry>, ReadAuditLogError> {
    block_on(read_audit_log(
        &actor(role),
        cmd,
        PageRequest::default(),
        log,
        reads,
    ))
}

fn entry(log_id: i64, table: &str, new_values: Value) -> AuditEntry {
    AuditEntry {
        log_id,
        table_name: table.into(),
        record_id: Some(5),
        action: AuditAction::Insert,
        changed_by: Some(2),
        changed_by_username: Some("drhouse".into()),
        changed_at: DateTime::from_timestamp(1_900_000_000, 0).unwrap(),
        old_values: None,
        new_values: Some(new_values),
        subject_patient_id: None,
        subject_patient_name: None,
    }
}

fn log_of(entries: Vec<AuditEntry>) -> InMemoryAuditLog {
    InMemoryAuditLog {
        entries,
        ..InMemoryAuditLog::default()
    }
}

fn invalid_on(result: Result<(), ReadAuditLogError>, field: &str) {
    match result {
        Err(ReadAuditLogError::Invalid(e)) => assert_eq!(e.field, field),
        other => panic!("expected invalid {field}, got {other:?}"),
    }
}

#[test]
fn an_admin_reads_the_log_with_the_action_asked_for() {
    let log = InMemoryAuditLog::default();
    let cmd = ReadAuditLog {
        table_name: Some("patients".into()),
        action: Some("update".into()),
        ..ReadAuditLog::default()
    };
    read(Role::Admin, cmd, &log).unwrap();
    let filter = log.last_filter.lock().unwrap().clone().unwrap();
    assert_eq!(filter.action, Some(AuditAction::Update));
    assert_eq!(filter.table_name.as_deref(), Some("patients"));
}

#[test]
fn an_admin_reads_one_entry_by_its_id_and_the_read_records_it() {
    let log = InMemoryAuditLog::default();
    let reads = RecordingReadAudit::default();
    let cmd = ReadAuditLog {
        log_id: Some(42),
        ..ReadAuditLog::default()
    };
    read_with(Role::Admin, cmd, &log, &reads).unwrap();
    let filter = log.last_filter.lock().unwrap().clone().unwrap();
    assert_eq!(filter.log_id, Some(42));
    let recorded = reads.recorded.lock().unwrap();
    assert_eq!(
        recorded[0].new_values().unwrap()["filter"]["log_id"],
        json!(42)
    );
}

#[test]
fn only_admins_read_the_audit_log_whatever_the_filter() {
    let log = InMemoryAuditLog::default();
    for role in [Role::Staff, Role::Doctor, Role::Patient] {
        let cmd = ReadAuditLog {
            action: Some("bogus".into()),
            ..ReadAuditLog::default()
        };
        let result = read(role, cmd, &log);
        assert!(
            matches!(result, Err(ReadAuditLogError::Denied(Denied::Forbidden))),
            "{role:?}: {result:?}"
        );
    }
    assert!(log.last_filter.lock().unwrap().is_none());
}

#[test]
fn an_unknown_action_is_invalid() {
    let log = InMemoryAuditLog::default();
    let cmd = ReadAuditLog {
        action: Some("bogus".into()),
        table_name: Some("x".repeat(64)),
        ..ReadAuditLog::default()
    };
    invalid_on(read(Role::Admin, cmd, &log), "action");
}

#[test]
fn a_table_name_longer_than_postgres_allows_is_invalid() {
    let log = InMemoryAuditLog::default();
    let at_limit = ReadAuditLog {
        table_name: Some("x".repeat(63)),
        ..ReadAuditLog::default()
    };
    read(Role::Admin, at_limit, &log).unwrap();
    let too_long = ReadAuditLog {
        table_name: Some("x".repeat(64)),
        ..ReadAuditLog::default()
    };
    let result = read(Role::Admin, too_long, &log);
    match result {
        Err(ReadAuditLogError::Invalid(e)) => {
            assert_eq!(e.field, "table_name");
            assert_eq!(e.message, "must be at most 63 characters long");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn an_admin_sees_which_clinical_fields_changed_but_not_their_values() {
    let log = log_of(vec![
        entry(
            8,
            "prescriptions",
            json!({"medication_name": "Vicodin", "record_id": 5}),
        ),
        entry(
            7,
            "medical_records",
            json!({"diagnosis": "Lupus", "patient_id": 3}),
        ),
        entry(6, "patients", json!({"first_name": "Ada"})),
    ]);
    let page = read_with(
        Role::Admin,
        ReadAuditLog::default(),
        &log,
        &RecordingReadAudit::default(),
    )
    .unwrap();
    let shown: Vec<_> = page
        .items
        .into_iter()
        .map(|e| e.new_values.unwrap())
        .collect();
    assert_eq!(
        shown,
        [
            json!({"medication_name": REDACTED, "record_id": 5}),
            json!({"diagnosis": REDACTED, "patient_id": 3}),
            json!({"first_name": "Ada"}),
        ]
    );
}

#[test]
fn reading_the_log_is_recorded_with_the_query_and_the_entries_shown() {
    let log = log_of(vec![
        entry(8, "medical_records", json!({})),
        entry(7, "medical_records", json!({})),
    ]);
    let reads = RecordingReadAudit::default();
    let cmd = ReadAuditLog {
        table_name: Some("medical_records".into()),
        action: Some("insert".into()),
        ..ReadAuditLog::default()
    };
    read_with(Role::Admin, cmd, &log, &reads).unwrap();
    assert_eq!(reads.rows(), [("audit_log".to_owned(), 8, Some(1))]);
    let recorded = reads.recorded.lock().unwrap();
    assert_eq!(recorded[0].action(), AuditAction::Read);
    let query = recorded[0].new_values().unwrap();
    assert_eq!(query["filter"]["table_name"], json!("medical_records"));
    assert_eq!(query["filter"]["action"], json!("insert"));
    assert_eq!(query["log_ids"], json!([8, 7]));
    assert_eq!(
        (query["page"].clone(), query["per_page"].clone()),
        (json!(1), json!(20))
    );
}

#[test]
fn an_empty_page_is_recorded_too() {
    let reads = RecordingReadAudit::default();
    read_with(
        Role::Admin,
        ReadAuditLog::default(),
        &log_of(Vec::new()),
        &reads,
    )
    .unwrap();
    assert_eq!(reads.rows(), [("audit_log".to_owned(), 0, Some(1))]);
}

#[test]
fn nothing_is_shown_when_the_read_cannot_be_recorded() {
    let log = log_of(vec![entry(8, "patients", json!({}))]);
    let result = read_with(
        Role::Admin,
        ReadAuditLog::default(),
        &log,
        &RecordingReadAudit::unavailable(),
    );
    assert!(matches!(
        result,
        Err(ReadAuditLogError::Store(StoreError::Unavailable))
    ));
}

#[test]
fn a_refused_read_records_nothing() {
    let reads = RecordingReadAudit::default();
    let log = log_of(vec![entry(8, "medical_records", json!({"diagnosis": "x"}))]);
    for role in [Role::Staff, Role::Doctor, Role::Patient] {
        assert!(read_with(role, ReadAuditLog::default(), &log, &reads).is_err());
    }
    assert!(reads.rows().is_empty());
}

#[test]
fn changed_by_takes_a_username_or_a_user_id_and_never_fails_on_a_name() {
    let log = InMemoryAuditLog::default();
    for (typed, id, name) in [
        ("  FrontDesk ", None, Some("frontdesk")),
        ("12", Some(12), None),
        ("dr.house2", None, Some("dr.house2")),
        ("99999999999", None, Some("99999999999")),
    ] {
        let cmd = ReadAuditLog {
            changed_by: Some(typed.into()),
            ..ReadAuditLog::default()
        };
        read(Role::Admin, cmd, &log).unwrap();
        let filter = log.last_filter.lock().unwrap().clone().unwrap();
        assert_eq!(
            (filter.changed_by, filter.changed_by_name.as_deref()),
            (id, name),
            "{typed}"
        );
    }
}

#[test]
fn a_blank_changed_by_is_no_filter_and_an_overlong_one_is_a_field_error() {
    assert_eq!(super::parse_author("   "), Ok(None));
    let log = InMemoryAuditLog::default();
    let cmd = ReadAuditLog {
        changed_by: Some("x".repeat(51)),
        ..ReadAuditLog::default()
    };
    invalid_on(read(Role::Admin, cmd, &log), "changed_by");
}

#[test]
fn the_patient_filter_reaches_the_log_and_the_read_names_the_patients_shown() {
    let mut shown = entry(9, "appointments", json!({"patient_id": 4}));
    shown.subject_patient_id = Some(4);
    shown.subject_patient_name = Some("Ada Lovelace".into());
    let log = log_of(vec![shown]);
    let reads = RecordingReadAudit::default();
    let cmd = ReadAuditLog {
        patient_id: Some(4),
        ..ReadAuditLog::default()
    };
    read_with(Role::Admin, cmd, &log, &reads).unwrap();
    assert_eq!(
        log.last_filter.lock().unwrap().clone().unwrap().patient_id,
        Some(4)
    );
    let recorded = reads.recorded.lock().unwrap();
    let query = recorded[0].new_values().unwrap();
    assert_eq!(query["filter"]["patient_id"], json!(4));
    assert_eq!(query["patient_ids"], json!([4]));
}
