//! Reading the audit log against the in-memory log.

use super::fake::InMemoryAuditLog;
use super::{AuditAction, ReadAuditLog, ReadAuditLogError, read_audit_log};
use crate::access::{Actor, Denied};
use crate::identity::Role;
use crate::pagination::PageRequest;
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
    block_on(read_audit_log(
        &actor(role),
        cmd,
        PageRequest::default(),
        log,
    ))
    .map(|_| ())
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
