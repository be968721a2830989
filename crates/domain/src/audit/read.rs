//! Reading the audit log: admins only, with the filter checked in the domain.

use chrono::{DateTime, Utc};

use super::{AuditAction, AuditEntry, AuditFilter, AuditLog};
use crate::access::{Action, Actor, Denied, authorize};
use crate::error::ValidationError;
use crate::pagination::{Page, PageRequest};
use crate::store::StoreError;

/// The longest table name PostgreSQL keeps (`NAMEDATALEN - 1`): a longer one names no table.
pub const MAX_TABLE_NAME_LEN: usize = 63;

/// The audit-log filter as the reader typed it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReadAuditLog {
    /// Only rows about this table.
    pub table_name: Option<String>,
    /// Only rows about this record id.
    pub record_id: Option<i64>,
    /// Only changes made by this user.
    pub changed_by: Option<i32>,
    /// From this moment (inclusive).
    pub from: Option<DateTime<Utc>>,
    /// Until this moment (exclusive).
    pub to: Option<DateTime<Utc>>,
    /// Only this action, spelled as [`AuditAction`] spells it.
    pub action: Option<String>,
}

/// Why the audit log was not shown.
#[derive(Debug, thiserror::Error)]
pub enum ReadAuditLogError {
    /// Not an admin (403).
    #[error(transparent)]
    Denied(#[from] Denied),
    /// An unknown `action`, or a `table_name` longer than [`MAX_TABLE_NAME_LEN`].
    #[error(transparent)]
    Invalid(#[from] ValidationError),
    /// Storage failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// One page of the audit rows `cmd` selects, newest first. Admins only; the filter is judged
/// only once the reader may read the log.
///
/// # Errors
/// [`ReadAuditLogError::Denied`] (`Forbidden`); [`ReadAuditLogError::Invalid`] on `action`
/// (checked first) or `table_name`; [`ReadAuditLogError::Store`].
pub async fn read_audit_log(
    actor: &Actor,
    cmd: ReadAuditLog,
    page: PageRequest,
    log: &dyn AuditLog,
) -> Result<Page<AuditEntry>, ReadAuditLogError> {
    authorize(actor, Action::ReadAuditLog).check("audit log")?;
    let action = cmd
        .action
        .as_deref()
        .map(|a| a.parse::<AuditAction>().map_err(|e| e.on("action")))
        .transpose()?;
    if cmd
        .table_name
        .as_ref()
        .is_some_and(|t| t.len() > MAX_TABLE_NAME_LEN)
    {
        return Err(ValidationError::new(
            "table_name",
            format!("must be at most {MAX_TABLE_NAME_LEN} characters long"),
        )
        .into());
    }
    let filter = AuditFilter {
        table_name: cmd.table_name,
        record_id: cmd.record_id,
        changed_by: cmd.changed_by,
        from: cmd.from,
        to: cmd.to,
        action,
    };
    Ok(log.list(&filter, page).await?)
}
