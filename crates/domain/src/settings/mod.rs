//! The clinic's own settings: the limits its scheduling rules read (how late a patient may
//! cancel, how far ahead and how many visits a patient may book, when reminders go out). One set per clinic, changed
//! by an admin, read by the scheduling transactions that apply them.

mod model;
mod ports;
mod use_cases;

#[cfg(test)]
mod tests;

pub use model::{ClinicSettings, ClinicSettingsInput, ReminderOffsets};
pub use ports::ClinicSettingsStore;
pub use use_cases::{ClinicSettingsError, read_settings, update_settings};
