//! Reading and changing the clinic's settings: admins only.

use super::{ClinicSettings, ClinicSettingsInput, ClinicSettingsStore};
use crate::access::{Action, Actor, Denied, authorize};
use crate::error::ValidationErrors;
use crate::store::StoreError;

/// Why the settings were not shown or changed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ClinicSettingsError {
    /// Anyone but an admin.
    #[error(transparent)]
    Denied(#[from] Denied),
    /// A value out of its bounds; every one is listed.
    #[error("invalid settings: {0}")]
    Invalid(ValidationErrors),
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// The clinic's settings, for an admin.
///
/// # Errors
/// `Denied(Forbidden)` for anyone but an admin; `Store`.
pub async fn read_settings(
    actor: &Actor,
    store: &dyn ClinicSettingsStore,
) -> Result<ClinicSettings, ClinicSettingsError> {
    authorize(actor, Action::ManageClinicSettings).check("clinic_settings")?;
    Ok(store.read().await?)
}

/// Replaces the clinic's settings (audited). They take effect on the next booking or status
/// change, which reads them in its own transaction.
///
/// # Errors
/// `Denied(Forbidden)` for anyone but an admin; `Invalid` listing every value out of bounds;
/// `Store`. Reminder offsets left out keep their current values.
pub async fn update_settings(
    actor: &Actor,
    input: ClinicSettingsInput,
    store: &dyn ClinicSettingsStore,
) -> Result<ClinicSettings, ClinicSettingsError> {
    authorize(actor, Action::ManageClinicSettings).check("clinic_settings")?;
    let mut input = input;
    if input.reminder_offsets_minutes.is_none() {
        input.reminder_offsets_minutes =
            ClinicSettingsInput::from(store.read().await?).reminder_offsets_minutes;
    }
    let settings = ClinicSettings::parse(input).map_err(ClinicSettingsError::Invalid)?;
    Ok(store.update(actor, settings).await?)
}
