//! An in-memory [`CareTeamStore`] for the use-case tests: a transaction works on a copy of the
//! state and replaces it on commit, so a refused change leaves nothing behind.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Mutex;

use async_trait::async_trait;
use chrono::{DateTime, TimeZone, Utc};

use super::{CareTeamEntry, CareTeamMember, CareTeamStore, CareTeamTx, LockedTeam, TeamChange};
use crate::access::{Actor, PatientFacts};
use crate::pagination::{Page, PageRequest};
use crate::store::{StoreError, StoreResult};

/// When the members a test starts with joined.
pub(super) fn long_ago() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2020, 1, 1, 9, 0, 0).unwrap()
}

/// One patient: their team, the primary doctor their row names, and the doctors who treat
/// them through an appointment only.
#[derive(Debug, Clone, Default)]
pub(super) struct FakePatient {
    pub members: Vec<CareTeamMember>,
    pub recorded_primary: Option<i32>,
    pub added_at: BTreeMap<i32, DateTime<Utc>>,
    pub seen_by: BTreeSet<i32>,
}

#[derive(Debug, Clone, Default)]
pub(super) struct State {
    pub patients: BTreeMap<i32, FakePatient>,
    pub doctors: BTreeSet<i32>,
    /// Every change committed, in order.
    pub writes: Vec<TeamChange>,
}

#[derive(Debug, Default)]
pub(super) struct InMemoryCareTeamStore {
    state: Mutex<State>,
}

impl InMemoryCareTeamStore {
    /// A clinic with these doctors and one patient per id, each with an empty team.
    pub fn new(doctors: &[i32], patients: &[i32]) -> Self {
        let state = State {
            doctors: doctors.iter().copied().collect(),
            patients: patients
                .iter()
                .map(|&id| (id, FakePatient::default()))
                .collect(),
            writes: Vec::new(),
        };
        Self {
            state: Mutex::new(state),
        }
    }

    /// Puts a doctor on a patient's team, as primary or not, without going through a use case.
    pub fn with_member(self, patient_id: i32, doctor_id: i32, is_primary: bool) -> Self {
        {
            let mut state = self.state.lock().unwrap();
            let patient = state.patients.get_mut(&patient_id).unwrap();
            patient.members.push(CareTeamMember {
                doctor_id,
                is_primary,
            });
            patient.added_at.insert(doctor_id, long_ago());
            if is_primary {
                patient.recorded_primary = Some(doctor_id);
            }
        }
        self
    }

    /// Gives a doctor an appointment with the patient: they treat them without being on the team.
    pub fn with_appointment(self, patient_id: i32, doctor_id: i32) -> Self {
        let mut state = self.state.lock().unwrap();
        let patient = state.patients.get_mut(&patient_id).unwrap();
        patient.seen_by.insert(doctor_id);
        drop(state);
        self
    }

    /// Corrupts a patient's row: it names another primary doctor than the team.
    pub fn with_recorded_primary(self, patient_id: i32, doctor_id: Option<i32>) -> Self {
        self.state
            .lock()
            .unwrap()
            .patients
            .get_mut(&patient_id)
            .unwrap()
            .recorded_primary = doctor_id;
        self
    }

    /// The committed state.
    pub fn state(&self) -> State {
        self.state.lock().unwrap().clone()
    }

    /// `(doctor, primary)` of a patient's team, in the order they joined, and the doctor the
    /// patient's row names.
    pub fn team(&self, patient_id: i32) -> (Vec<(i32, bool)>, Option<i32>) {
        let state = self.state();
        let patient = &state.patients[&patient_id];
        let members = patient
            .members
            .iter()
            .map(|m| (m.doctor_id, m.is_primary))
            .collect();
        (members, patient.recorded_primary)
    }
}

fn facts(state: &State, actor: &Actor, patient_id: i32) -> Option<PatientFacts> {
    let patient = state.patients.get(&patient_id)?;
    let treated_by_actor = actor.doctor_id.is_some_and(|doctor| {
        patient.seen_by.contains(&doctor) || patient.members.iter().any(|m| m.doctor_id == doctor)
    });
    Some(PatientFacts {
        patient_id,
        treated_by_actor,
    })
}

fn entry(patient: &FakePatient, member: CareTeamMember) -> CareTeamEntry {
    CareTeamEntry {
        doctor_id: member.doctor_id,
        first_name: format!("Doctor{}", member.doctor_id),
        middle_name: None,
        last_name: "Fake".into(),
        specialty_id: 1,
        specialty_name: "Family Medicine".into(),
        is_primary: member.is_primary,
        added_at: patient.added_at[&member.doctor_id],
    }
}

#[async_trait]
impl CareTeamStore for InMemoryCareTeamStore {
    async fn begin(&self) -> StoreResult<Box<dyn CareTeamTx + '_>> {
        Ok(Box::new(FakeTx {
            store: self,
            work: self.state(),
        }))
    }

    async fn patient_facts(
        &self,
        actor: &Actor,
        patient_id: i32,
    ) -> StoreResult<Option<PatientFacts>> {
        Ok(facts(&self.state(), actor, patient_id))
    }

    async fn list(&self, patient_id: i32, page: PageRequest) -> StoreResult<Page<CareTeamEntry>> {
        let state = self.state();
        let patient = &state.patients[&patient_id];
        let mut members = patient.members.clone();
        members.sort_by_key(|m| !m.is_primary);
        let total = members.len() as u64;
        let items = members.into_iter().map(|m| entry(patient, m)).collect();
        Ok(Page::new(items, page, total))
    }
}

struct FakeTx<'a> {
    store: &'a InMemoryCareTeamStore,
    work: State,
}

impl FakeTx<'_> {
    fn patient(&mut self, patient_id: i32) -> StoreResult<&mut FakePatient> {
        self.work
            .patients
            .get_mut(&patient_id)
            .ok_or_else(|| StoreError::not_found("patient"))
    }
}

fn set_primary(patient: &mut FakePatient, doctor_id: i32, primary: bool) {
    for member in &mut patient.members {
        if member.doctor_id == doctor_id {
            member.is_primary = primary;
        }
    }
}

#[async_trait]
impl CareTeamTx for FakeTx<'_> {
    async fn lock_team(
        &mut self,
        actor: &Actor,
        patient_id: i32,
    ) -> StoreResult<Option<LockedTeam>> {
        let Some(patient) = facts(&self.work, actor, patient_id) else {
            return Ok(None);
        };
        let stored = &self.work.patients[&patient_id];
        Ok(Some(LockedTeam {
            patient,
            members: stored.members.clone(),
            recorded_primary: stored.recorded_primary,
        }))
    }

    async fn doctor_exists(&mut self, doctor_id: i32) -> StoreResult<bool> {
        Ok(self.work.doctors.contains(&doctor_id))
    }

    async fn save(
        &mut self,
        _actor: &Actor,
        patient_id: i32,
        change: TeamChange,
        at: DateTime<Utc>,
    ) -> StoreResult<()> {
        let patient = self.patient(patient_id)?;
        match change {
            TeamChange::Joined { doctor_id } => {
                patient.members.push(CareTeamMember {
                    doctor_id,
                    is_primary: false,
                });
                patient.added_at.insert(doctor_id, at);
            }
            TeamChange::PrimaryChanged(change) => {
                if let Some(old) = change.demoted {
                    set_primary(patient, old, false);
                }
                if change.added {
                    patient.members.push(CareTeamMember {
                        doctor_id: change.primary,
                        is_primary: true,
                    });
                    patient.added_at.insert(change.primary, at);
                } else {
                    set_primary(patient, change.primary, true);
                }
                patient.recorded_primary = Some(change.primary);
            }
            TeamChange::Left(removed) => {
                patient.members.retain(|m| m.doctor_id != removed.doctor_id);
                if removed.was_primary {
                    patient.recorded_primary = None;
                }
            }
        }
        self.work.writes.push(change);
        Ok(())
    }

    async fn entry(&mut self, patient_id: i32, doctor_id: i32) -> StoreResult<CareTeamEntry> {
        let patient = self.patient(patient_id)?;
        let member = patient
            .members
            .iter()
            .find(|m| m.doctor_id == doctor_id)
            .copied()
            .ok_or_else(|| StoreError::not_found("care_team_member"))?;
        Ok(entry(patient, member))
    }

    async fn commit(self: Box<Self>) -> StoreResult<()> {
        *self.store.state.lock().unwrap() = self.work;
        Ok(())
    }
}
