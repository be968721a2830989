//! What the care-team use cases need from storage.

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::{CareTeamMember, TeamChange};
use crate::access::{Actor, PatientFacts};
use crate::pagination::{Page, PageRequest};
use crate::store::StoreResult;

/// A care-team member as listed: the doctor, their specialty and their place on the team.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CareTeamEntry {
    pub doctor_id: i32,
    pub first_name: String,
    pub middle_name: Option<String>,
    pub last_name: String,
    pub specialty_id: i32,
    pub specialty_name: String,
    pub is_primary: bool,
    pub added_at: DateTime<Utc>,
}

/// A patient's team as loaded under the patient's row lock: what every care-team rule reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LockedTeam {
    /// How the actor relates to the patient, for the access policy.
    pub patient: PatientFacts,
    /// The members, in the order they joined.
    pub members: Vec<CareTeamMember>,
    /// `patients.primary_doctor_id`.
    pub recorded_primary: Option<i32>,
}

/// Stores care teams.
#[async_trait]
pub trait CareTeamStore: Send + Sync {
    /// Begins the transaction of one change to a care team; dropping it without
    /// [`commit`](CareTeamTx::commit) rolls everything back.
    ///
    /// # Errors
    /// `Unavailable` / `Unexpected` only.
    async fn begin(&self) -> StoreResult<Box<dyn CareTeamTx + '_>>;

    /// How `actor` relates to the patient; `None` when there is no such patient.
    ///
    /// # Errors
    /// `Unavailable` / `Unexpected` only.
    async fn patient_facts(
        &self,
        actor: &Actor,
        patient_id: i32,
    ) -> StoreResult<Option<PatientFacts>>;

    /// One page of a patient's team: the primary doctor first, then by the time they joined.
    ///
    /// # Errors
    /// `Unavailable` / `Unexpected` only.
    async fn list(&self, patient_id: i32, page: PageRequest) -> StoreResult<Page<CareTeamEntry>>;
}

/// One transaction over one patient's care team. Every change locks the patient first, so
/// changes to one team run one after another and never decide on stale members.
#[async_trait]
pub trait CareTeamTx: Send {
    /// Locks the patient's row (`FOR NO KEY UPDATE`) until the transaction ends and loads the
    /// team; `None` when there is no such patient.
    ///
    /// # Errors
    /// `Unavailable` / `Unexpected` only.
    async fn lock_team(
        &mut self,
        actor: &Actor,
        patient_id: i32,
    ) -> StoreResult<Option<LockedTeam>>;

    /// Whether a doctor with this id exists.
    ///
    /// # Errors
    /// `Unavailable` / `Unexpected` only.
    async fn doctor_exists(&mut self, doctor_id: i32) -> StoreResult<bool>;

    /// Writes a decided change by `actor` at `at`: `patient_doctors`, `patients.primary_doctor_id`
    /// and their audit rows.
    ///
    /// # Errors
    /// A `Conflict` or `Validation` error when a constraint still refuses the change (a
    /// concurrent writer that bypassed the lock); `Unavailable` / `Unexpected`.
    async fn save(
        &mut self,
        actor: &Actor,
        patient_id: i32,
        change: TeamChange,
        at: DateTime<Utc>,
    ) -> StoreResult<()>;

    /// The member as listed, as this transaction sees it.
    ///
    /// # Errors
    /// `NotFound { entity: "care_team_member" }` when the doctor is not on the team.
    async fn entry(&mut self, patient_id: i32, doctor_id: i32) -> StoreResult<CareTeamEntry>;

    /// Commits the change with its audit rows.
    ///
    /// # Errors
    /// A `Conflict` when a deferred constraint refuses the result; `Unavailable` /
    /// `Unexpected`.
    async fn commit(self: Box<Self>) -> StoreResult<()>;
}
