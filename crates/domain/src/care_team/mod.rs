//! Care team: which doctors look after a patient, and which one is primary.

pub mod model;
pub mod ports;
pub mod use_cases;

#[cfg(test)]
mod fake;
#[cfg(test)]
mod tests;

pub use model::{
    AlreadyMember, CareTeam, CareTeamMember, InconsistentTeam, NotAMember, PrimaryChange,
    RemovedMember, TeamChange,
};
pub use ports::{CareTeamEntry, CareTeamStore, CareTeamTx, LockedTeam};
pub use use_cases::{
    AddCareTeamMember, AddMemberError, ChangePrimaryDoctor, ChangePrimaryError, ReadCareTeamError,
    RemoveCareTeamMember, RemoveMemberError, add_member, change_primary, read_team, remove_member,
};
