//! Audit drafts of changes: a row before and after, or a parent's child rows before and after.

use clinic_domain::StoreResult;
use clinic_domain::access::Actor;
use clinic_domain::audit::{AuditAction, AuditEntryDraft};
use sea_orm::ConnectionTrait;

use super::support::{draft, snapshot, store_error};

/// The audit draft of a change to `table`'s row `id` by `actor`, reading the row as it is now
/// for the new values.
pub(crate) async fn audited<C: ConnectionTrait>(
    conn: &C,
    (table, key_column): (&str, &str),
    id: i32,
    action: AuditAction,
    actor: &Actor,
    before: Option<serde_json::Value>,
) -> StoreResult<AuditEntryDraft> {
    let after = snapshot(conn, table, key_column, id.into())
        .await
        .map_err(store_error)?;
    Ok(draft(
        table,
        id.into(),
        action,
        Some(actor.user_id),
        before,
        after,
    ))
}

/// The audit draft of replacing the rows of child table `table` that belong to parent `id`,
/// given the parent's rows before and after as [`snapshot_rows`] reads them: `None` when
/// nothing changed, an insert when there were none, a delete when none are left, else an
/// update. The audit row's `record_id` is the parent's id.
pub(crate) fn list_change(
    table: &str,
    id: i32,
    actor: &Actor,
    before: serde_json::Value,
    after: serde_json::Value,
) -> Option<AuditEntryDraft> {
    let empty = |rows: &serde_json::Value| rows.as_array().is_none_or(Vec::is_empty);
    let action = match (empty(&before), empty(&after)) {
        _ if before == after => return None,
        (true, _) => AuditAction::Insert,
        (_, true) => AuditAction::Delete,
        _ => AuditAction::Update,
    };
    Some(draft(
        table,
        id.into(),
        action,
        Some(actor.user_id),
        Some(before),
        Some(after),
    ))
}
