//! Transactions: begin one, and commit it together with the audit rows (and notifications) of
//! what it changed, so a change and its trail land together or not at all.

use clinic_domain::StoreError;
use clinic_domain::audit::AuditEntryDraft;
use clinic_domain::notification::NotificationDraft;
use sea_orm::{DatabaseConnection, DatabaseTransaction, TransactionTrait};

use super::store_error;

/// Begins a transaction, mapping failure to a store error.
pub(crate) async fn begin(db: &DatabaseConnection) -> Result<DatabaseTransaction, StoreError> {
    db.begin().await.map_err(store_error)
}

/// Appends the audit rows and commits: the change and its audit trail land together or not at
/// all.
pub(crate) async fn commit_audited(
    txn: DatabaseTransaction,
    drafts: Vec<AuditEntryDraft>,
) -> Result<(), StoreError> {
    crate::audit::append(&txn, drafts)
        .await
        .map_err(store_error)?;
    txn.commit().await.map_err(store_error)
}

/// Writes the notifications and the audit rows, then commits: an event, its audit trail and
/// the notifications about it land together or not at all.
pub(crate) async fn commit_with_notifications(
    txn: DatabaseTransaction,
    drafts: Vec<AuditEntryDraft>,
    notifications: &[NotificationDraft],
) -> Result<(), StoreError> {
    crate::repositories::notifications::insert(&txn, notifications)
        .await
        .map_err(store_error)?;
    commit_audited(txn, drafts).await
}
