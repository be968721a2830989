//! Care team: which doctors look after a patient, and which one is primary.

pub mod model;
pub mod ports;

pub use model::{CareTeam, CareTeamMember, PrimaryChange, RemovedMember};
pub use ports::{CareTeamEntry, CareTeamRepository};
