//! Reading the audit log: admins only, with the filter checked in the domain, clinical values
//! withheld ([`redact_clinical`]) and every read itself audited.

use chrono::{DateTime, Utc};
use serde_json::json;

use super::{
    AuditAction, AuditEntry, AuditEntryDraft, AuditFilter, AuditLog, PhiRead, ReadAudit,
    redact_clinical,
};
use crate::access::{Action, Actor, Denied, authorize};
use crate::error::ValidationError;
use crate::pagination::{Page, PageRequest};
use crate::store::StoreError;
use crate::values::username::MAX_USERNAME_CHARS;

/// The longest table name PostgreSQL keeps (`NAMEDATALEN - 1`): a longer one names no table.
pub const MAX_TABLE_NAME_LEN: usize = 63;

/// Who the "changed by" filter names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AuthorFilter {
    /// A user id: the text was digits only.
    Id(i32),
    /// Part of a username, lower-cased.
    Name(String),
}

/// Reads the "changed by" filter as a person types it: digits only are a user id (as the log
/// shows it, `#12`), anything else is part of a username, case-insensitively. Blank is no
/// filter. Never a parse error for a name: the field takes names.
///
/// # Errors
/// A [`ValidationError`] on `changed_by` for text longer than a username can be
/// ([`MAX_USERNAME_CHARS`]) or holding control characters.
pub fn parse_author(raw: &str) -> Result<Option<AuthorFilter>, ValidationError> {
    let text = raw.trim();
    if text.is_empty() {
        return Ok(None);
    }
    if text.chars().count() > MAX_USERNAME_CHARS || text.chars().any(char::is_control) {
        return Err(ValidationError::new(
            "changed_by",
            format!(
                "must be a user id or part of a username (at most {MAX_USERNAME_CHARS} characters)"
            ),
        ));
    }
    if text.bytes().all(|b| b.is_ascii_digit())
        && let Ok(id) = text.parse::<i32>()
    {
        return Ok(Some(AuthorFilter::Id(id)));
    }
    Ok(Some(AuthorFilter::Name(text.to_lowercase())))
}

/// The audit-log filter as the reader typed it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReadAuditLog {
    /// Only rows about this table.
    pub table_name: Option<String>,
    /// Only rows about this record id.
    pub record_id: Option<i64>,
    /// Only changes made by this user: a user id (digits only), or part of a username.
    pub changed_by: Option<String>,
    /// Only rows about this patient's records.
    pub patient_id: Option<i32>,
    /// From this moment (inclusive).
    pub from: Option<DateTime<Utc>>,
    /// Until this moment (exclusive).
    pub to: Option<DateTime<Utc>>,
    /// Only this action, spelled as [`AuditAction`] spells it.
    pub action: Option<String>,
    /// Only the entry with this id.
    pub log_id: Option<i64>,
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
/// The reader sees which clinical fields each row touched, not their values: nobody who may
/// read the log is a clinician reading a chart, and clinicians read values through the chart,
/// where each read is audited. The filter can only name metadata (table, record, user, time,
/// action), never a value, so it cannot be used to probe a withheld value either.
///
/// The read is itself audited before the page is returned: one `read` row of `audit_log`
/// whose `record_id` is the newest entry shown (0 for an empty page) and whose `new_values`
/// hold the filter, the page asked for and the ids of every entry shown.
///
/// # Errors
/// [`ReadAuditLogError::Denied`] (`Forbidden`); [`ReadAuditLogError::Invalid`] on `action`
/// (checked first) or `table_name`; [`ReadAuditLogError::Store`], also when the read could not
/// be recorded (then nothing is shown).
pub async fn read_audit_log(
    actor: &Actor,
    cmd: ReadAuditLog,
    page: PageRequest,
    log: &dyn AuditLog,
    reads: &dyn ReadAudit,
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
    let author = cmd
        .changed_by
        .as_deref()
        .map(parse_author)
        .transpose()?
        .flatten();
    let (changed_by, changed_by_name) = match author {
        Some(AuthorFilter::Id(id)) => (Some(id), None),
        Some(AuthorFilter::Name(name)) => (None, Some(name)),
        None => (None, None),
    };
    let filter = AuditFilter {
        table_name: cmd.table_name,
        record_id: cmd.record_id,
        changed_by,
        changed_by_name,
        patient_id: cmd.patient_id,
        from: cmd.from,
        to: cmd.to,
        action,
        log_id: cmd.log_id,
    };
    let entries = log.list(&filter, page).await?.map(redact_clinical);
    reads
        .record(vec![audit_log_read(actor, &filter, page, &entries.items)])
        .await?;
    Ok(entries)
}

/// The `read` row of one page of the audit log: what was asked and which entries were shown.
fn audit_log_read(
    actor: &Actor,
    filter: &AuditFilter,
    page: PageRequest,
    shown: &[AuditEntry],
) -> AuditEntryDraft {
    let query = json!({
        "filter": {
            "table_name": filter.table_name,
            "record_id": filter.record_id,
            "changed_by": filter.changed_by,
            "changed_by_name": filter.changed_by_name,
            "patient_id": filter.patient_id,
            "from": filter.from,
            "to": filter.to,
            "action": filter.action.map(AuditAction::as_str),
            "log_id": filter.log_id,
        },
        "page": page.page(),
        "per_page": page.per_page(),
        "log_ids": shown.iter().map(|e| e.log_id).collect::<Vec<_>>(),
        // The patients named beside the entries: a read of their names, recorded here.
        "patient_ids": shown.iter().filter_map(|e| e.subject_patient_id).collect::<std::collections::BTreeSet<_>>(),
    });
    AuditEntryDraft::new(
        PhiRead::AuditLog.table_name(),
        shown.first().map_or(0, |e| e.log_id),
        AuditAction::Read,
        Some(actor.user_id),
        None,
        Some(query),
    )
}
