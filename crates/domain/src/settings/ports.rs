//! Where the clinic's settings live.

use async_trait::async_trait;

use super::ClinicSettings;
use crate::access::Actor;
use crate::store::StoreResult;

/// The clinic's one set of settings. Scheduling transactions read them with their own facts
/// (see [`BookingFacts`](crate::scheduling::BookingFacts)); this port is the admin's.
#[async_trait]
pub trait ClinicSettingsStore: Send + Sync {
    /// The current settings.
    ///
    /// # Errors
    /// `Unavailable` / `Unexpected` (also when the settings row is missing: the migration
    /// writes it).
    async fn read(&self) -> StoreResult<ClinicSettings>;

    /// Replaces the settings, by `actor`, with an audit row of the old and new values in the
    /// same transaction; returns what was stored.
    ///
    /// # Errors
    /// `Unavailable` / `Unexpected` only.
    async fn update(&self, actor: &Actor, settings: ClinicSettings) -> StoreResult<ClinicSettings>;
}
