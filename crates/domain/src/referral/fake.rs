//! An in-memory [`ReferralStore`] for the use-case tests: a transaction works on a copy of the
//! state and replaces it on commit, so a refused request or decision leaves nothing behind.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Mutex;

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::{
    ApprovalContacts, ApprovalDecision, ApprovalFilter, ApprovalStatus, LockedApproval,
    NewApproval, ReferralStore, ReferralTx, RequestFacts, SpecialistApproval,
};
use crate::access::{Actor, PatientFacts};
use crate::notification::NotificationDraft;
use crate::pagination::{Page, PageRequest};
use crate::store::{StoreError, StoreResult};

/// One patient: their account, their care team and the doctors with an appointment.
#[derive(Debug, Clone, Default)]
pub(super) struct FakePatient {
    pub user_id: i32,
    pub team: BTreeSet<i32>,
    pub seen_by: BTreeSet<i32>,
}

#[derive(Debug, Clone, Default)]
pub(super) struct State {
    pub patients: BTreeMap<i32, FakePatient>,
    /// Doctor id → user id.
    pub doctors: BTreeMap<i32, i32>,
    pub approvals: BTreeMap<i32, SpecialistApproval>,
    /// Committed notifications.
    pub notifications: Vec<NotificationDraft>,
    /// `(patient, doctor)` of every care-team row an approval added.
    pub joined: Vec<(i32, i32)>,
    /// How many times a list was asked of the store.
    pub lists: usize,
    /// The filter of the last list.
    pub last_filter: Option<ApprovalFilter>,
}

#[derive(Debug, Default)]
pub(super) struct InMemoryReferralStore {
    state: Mutex<State>,
}

/// The user account of a doctor in the fakes.
pub(super) fn doctor_user(doctor_id: i32) -> i32 {
    1000 + doctor_id
}

/// The user account of a patient in the fakes.
pub(super) fn patient_user(patient_id: i32) -> i32 {
    2000 + patient_id
}

impl InMemoryReferralStore {
    /// A clinic with these doctors and patients, nobody on anybody's team yet.
    pub fn new(doctors: &[i32], patients: &[i32]) -> Self {
        let state = State {
            doctors: doctors.iter().map(|&d| (d, doctor_user(d))).collect(),
            patients: patients
                .iter()
                .map(|&p| {
                    let patient = FakePatient {
                        user_id: patient_user(p),
                        ..FakePatient::default()
                    };
                    (p, patient)
                })
                .collect(),
            ..State::default()
        };
        Self {
            state: Mutex::new(state),
        }
    }

    fn edit(self, change: impl FnOnce(&mut State)) -> Self {
        change(&mut self.state.lock().unwrap());
        self
    }

    /// Puts a doctor on a patient's care team.
    pub fn with_member(self, patient_id: i32, doctor_id: i32) -> Self {
        self.edit(|s| {
            s.patients
                .get_mut(&patient_id)
                .unwrap()
                .team
                .insert(doctor_id);
        })
    }

    /// Gives a doctor an appointment with the patient: they treat them without being on the
    /// team.
    pub fn with_appointment(self, patient_id: i32, doctor_id: i32) -> Self {
        self.edit(|s| {
            s.patients
                .get_mut(&patient_id)
                .unwrap()
                .seen_by
                .insert(doctor_id);
        })
    }

    /// A stored request in `status`.
    pub fn with_request(
        self,
        approval_id: i32,
        (patient_id, requesting_doctor_id, specialist_id): (i32, i32, i32),
        status: ApprovalStatus,
        at: DateTime<Utc>,
    ) -> Self {
        self.edit(|s| {
            let approval = approval(
                approval_id,
                patient_id,
                requesting_doctor_id,
                specialist_id,
                at,
            );
            s.approvals
                .insert(approval_id, SpecialistApproval { status, ..approval });
        })
    }

    /// The committed state.
    pub fn state(&self) -> State {
        self.state.lock().unwrap().clone()
    }

    /// The committed request.
    pub fn approval(&self, approval_id: i32) -> SpecialistApproval {
        self.state().approvals[&approval_id].clone()
    }
}

fn approval(
    approval_id: i32,
    patient_id: i32,
    requesting_doctor_id: i32,
    specialist_id: i32,
    at: DateTime<Utc>,
) -> SpecialistApproval {
    SpecialistApproval {
        approval_id,
        patient_id,
        requesting_doctor_id,
        specialist_id,
        reason: "Chest pain on exertion".into(),
        status: ApprovalStatus::Pending,
        requested_at: at,
        approved_at: None,
        decided_at: None,
        decided_by: None,
        decision_note: None,
        patient_name: format!("Patient{patient_id}"),
        requesting_doctor_name: format!("Doctor{requesting_doctor_id}"),
        specialist_name: format!("Doctor{specialist_id}"),
    }
}

fn facts(state: &State, actor: &Actor, patient_id: i32) -> PatientFacts {
    let treated_by_actor = match (state.patients.get(&patient_id), actor.doctor_id) {
        (Some(patient), Some(doctor)) => {
            patient.team.contains(&doctor) || patient.seen_by.contains(&doctor)
        }
        _ => false,
    };
    PatientFacts {
        patient_id,
        treated_by_actor,
    }
}

#[async_trait]
impl ReferralStore for InMemoryReferralStore {
    async fn begin(&self) -> StoreResult<Box<dyn ReferralTx + '_>> {
        Ok(Box::new(FakeTx {
            store: self,
            work: self.state(),
            queued: Vec::new(),
        }))
    }

    async fn get(&self, approval_id: i32) -> StoreResult<Option<SpecialistApproval>> {
        Ok(self.state().approvals.get(&approval_id).cloned())
    }

    async fn patient_facts(&self, actor: &Actor, patient_id: i32) -> StoreResult<PatientFacts> {
        Ok(facts(&self.state(), actor, patient_id))
    }

    async fn list(
        &self,
        filter: &ApprovalFilter,
        page: PageRequest,
    ) -> StoreResult<Page<SpecialistApproval>> {
        let mut state = self.state.lock().unwrap();
        state.lists += 1;
        state.last_filter = Some(*filter);
        let treats = |patient_id: i32, doctor: i32| {
            state
                .patients
                .get(&patient_id)
                .is_some_and(|p| p.team.contains(&doctor) || p.seen_by.contains(&doctor))
        };
        let mut items: Vec<_> = state
            .approvals
            .values()
            .filter(|a| filter.status.is_none_or(|s| a.status == s))
            .filter(|a| filter.patient_id.is_none_or(|p| a.patient_id == p))
            .filter(|a| {
                filter.visible_to_doctor.is_none_or(|d| {
                    a.requesting_doctor_id == d || a.specialist_id == d || treats(a.patient_id, d)
                })
            })
            .cloned()
            .collect();
        items.reverse();
        let total = items.len() as u64;
        Ok(Page::new(items, page, total))
    }
}

struct FakeTx<'a> {
    store: &'a InMemoryReferralStore,
    work: State,
    queued: Vec<NotificationDraft>,
}

#[async_trait]
impl ReferralTx for FakeTx<'_> {
    async fn lock_request_facts(
        &mut self,
        actor: &Actor,
        patient_id: i32,
        requesting_doctor_id: i32,
        specialist_id: i32,
    ) -> StoreResult<RequestFacts> {
        let requester_in_care_team = self
            .work
            .patients
            .get(&patient_id)
            .is_some_and(|p| p.team.contains(&requesting_doctor_id));
        let already_pending = self.work.approvals.values().any(|a| {
            a.patient_id == patient_id
                && a.specialist_id == specialist_id
                && a.status == ApprovalStatus::Pending
        });
        Ok(RequestFacts {
            patient: facts(&self.work, actor, patient_id),
            requester_in_care_team,
            specialist_user_id: self.work.doctors.get(&specialist_id).copied(),
            already_pending,
        })
    }

    async fn insert_request(
        &mut self,
        _actor: &Actor,
        new: &NewApproval,
        at: DateTime<Utc>,
    ) -> StoreResult<SpecialistApproval> {
        let id = self.work.approvals.keys().max().map_or(1, |max| max + 1);
        let request = new.request;
        let approval = SpecialistApproval {
            reason: new.reason.clone(),
            ..approval(
                id,
                request.patient_id(),
                request.requesting_doctor_id(),
                request.specialist_id(),
                at,
            )
        };
        self.work.approvals.insert(id, approval.clone());
        Ok(approval)
    }

    async fn lock_approval(
        &mut self,
        actor: &Actor,
        approval_id: i32,
    ) -> StoreResult<Option<LockedApproval>> {
        let Some(approval) = self.work.approvals.get(&approval_id).cloned() else {
            return Ok(None);
        };
        let patient = &self.work.patients[&approval.patient_id];
        Ok(Some(LockedApproval {
            contacts: ApprovalContacts {
                patient_user_id: patient.user_id,
                requester_user_id: self.work.doctors[&approval.requesting_doctor_id],
                specialist_user_id: self.work.doctors[&approval.specialist_id],
            },
            specialist_on_care_team: patient.team.contains(&approval.specialist_id),
            patient: facts(&self.work, actor, approval.patient_id),
            approval,
        }))
    }

    async fn record_decision(
        &mut self,
        actor: &Actor,
        approval_id: i32,
        decision: ApprovalDecision,
        note: Option<String>,
        at: DateTime<Utc>,
    ) -> StoreResult<SpecialistApproval> {
        let approval = self
            .work
            .approvals
            .get_mut(&approval_id)
            .ok_or_else(|| StoreError::not_found("specialist_approval"))?;
        approval.status = decision.status;
        if decision.sets_approved_at {
            approval.approved_at = Some(at);
        }
        approval.decided_at = Some(at);
        approval.decided_by = Some(actor.user_id);
        approval.decision_note = note;
        Ok(approval.clone())
    }

    async fn join_care_team(
        &mut self,
        _actor: &Actor,
        patient_id: i32,
        doctor_id: i32,
        _at: DateTime<Utc>,
    ) -> StoreResult<()> {
        let patient = self
            .work
            .patients
            .get_mut(&patient_id)
            .ok_or_else(|| StoreError::not_found("patient"))?;
        if !patient.team.insert(doctor_id) {
            return Err(StoreError::Unexpected("already on the team".into()));
        }
        self.work.joined.push((patient_id, doctor_id));
        Ok(())
    }

    fn notify(&mut self, notifications: Vec<NotificationDraft>) {
        self.queued.extend(notifications);
    }

    async fn commit(self: Box<Self>) -> StoreResult<()> {
        let mut work = self.work;
        work.notifications.extend(self.queued);
        *self.store.state.lock().unwrap() = work;
        Ok(())
    }
}
