//! Care team: which doctors look after a patient, and which one is primary.

pub mod model;

pub use model::{CareTeam, CareTeamMember, PrimaryChange, RemovedMember};
