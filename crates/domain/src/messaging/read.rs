//! The outbox as staff see it.

use super::model::{OutboxEntry, OutboxFilter};
use super::ports::OutboxStore;
use crate::access::{Action, Actor, Denied, authorize};
use crate::pagination::{Page, PageRequest};
use crate::store::StoreError;

/// Why the outbox was not shown.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ListOutboxError {
    /// Doctors and patients.
    #[error(transparent)]
    Denied(#[from] Denied),
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// One page of the outbox, for staff and admins: who is told what, when, and how it went
/// (never a message's body).
///
/// # Errors
/// `Denied(Forbidden)` for doctors and patients; `Store`.
pub async fn list_outbox(
    actor: &Actor,
    filter: OutboxFilter,
    page: PageRequest,
    store: &dyn OutboxStore,
) -> Result<Page<OutboxEntry>, ListOutboxError> {
    authorize(actor, Action::ReadOutbox).check("outbox")?;
    Ok(store.list(&filter, page).await?)
}
