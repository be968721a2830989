//! What the care-team use cases need from storage.

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use crate::access::Actor;
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

/// Stores care teams. Every change locks the patient first, so changes to one patient's team
/// run one at a time, and writes `patient_doctors`, `patients.primary_doctor_id` and the audit
/// rows in one transaction.
#[async_trait]
pub trait CareTeamRepository: Send + Sync {
    /// One page of a patient's team: the primary doctor first, then by the time they joined.
    ///
    /// # Errors
    /// `Unavailable` / `Unexpected` only.
    async fn list(&self, patient_id: i32, page: PageRequest) -> StoreResult<Page<CareTeamEntry>>;

    /// Adds a doctor, as the primary one (demoting the current primary) when `primary`.
    ///
    /// # Errors
    /// `NotFound { entity: "patient" }`, `Validation` on `doctor_id` for an unknown doctor,
    /// `Conflict { code: "already_in_care_team" }`.
    async fn add(
        &self,
        actor: &Actor,
        patient_id: i32,
        doctor_id: i32,
        primary: bool,
    ) -> StoreResult<CareTeamEntry>;

    /// Takes a doctor off the team; removing the primary doctor leaves the patient without one.
    ///
    /// # Errors
    /// `NotFound { entity: "patient" | "care_team_member" }`.
    async fn remove(&self, actor: &Actor, patient_id: i32, doctor_id: i32) -> StoreResult<()>;

    /// Makes a doctor the primary one, adding them to the team if needed and demoting the
    /// previous primary doctor.
    ///
    /// # Errors
    /// `NotFound { entity: "patient" }`, `Validation` on `doctor_id` for an unknown doctor.
    async fn make_primary(
        &self,
        actor: &Actor,
        patient_id: i32,
        doctor_id: i32,
    ) -> StoreResult<CareTeamEntry>;
}
