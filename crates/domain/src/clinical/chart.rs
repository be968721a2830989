//! The chart's lists: allergies, problems, active medications (derived from prescriptions) and
//! the latest vitals, read together as the chart summary; and the use cases that note and
//! change allergies and problems. Who may is the clinical policy: the patient and the doctors
//! who treat them read; the doctors who treat the patient write (any of them, not only one
//! visit's doctor: the lists are the patient's, not a visit's).

use chrono::{DateTime, NaiveDate, Utc};

use super::{
    Allergy, AllergyChange, ClinicalStore, NewAllergy, NewProblem, Prescription, Problem,
    ProblemChange, Vitals, active_medications,
};
use crate::access::{Action, Actor, Denied, authorize, may_ever, or_stranger};
use crate::audit::{AuditAction, AuditEntryDraft};
use crate::clock::Clock;
use crate::error::ValidationErrors;
use crate::store::StoreError;

/// Most prescriptions the active-medication list looks through (newest first).
pub const MAX_CHART_PRESCRIPTIONS: u64 = 500;

/// The vitals of a patient's newest record that has any.
#[derive(Debug, Clone, PartialEq)]
pub struct LatestVitals {
    pub record_id: i32,
    pub taken_at: DateTime<Utc>,
    pub vitals: Vitals,
}

/// What [`ClinicalStore::chart_lists`] loads.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ChartLists {
    pub allergies: Vec<Allergy>,
    pub problems: Vec<Problem>,
    pub prescriptions: Vec<Prescription>,
    pub latest_vitals: Option<LatestVitals>,
}

/// The top of a chart: what a doctor checks before acting.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartSummary {
    /// Every allergy, active and inactive.
    pub allergies: Vec<Allergy>,
    /// Every problem, active and resolved.
    pub problems: Vec<Problem>,
    /// Prescriptions active now ([`Prescription::is_active`]).
    pub active_medications: Vec<Prescription>,
    pub latest_vitals: Option<LatestVitals>,
}

/// Why a chart list was not read or changed.
#[derive(Debug, thiserror::Error)]
pub enum ChartError {
    /// Staff and admins (403); a patient not the actor's (404, as if missing).
    #[error(transparent)]
    Denied(#[from] Denied),
    /// Invalid fields, each named.
    #[error("invalid: {0}")]
    Invalid(ValidationErrors),
    /// No such patient, allergy or problem, or storage failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// The chart summary of a patient, each allergy, problem, active medication and the record of
/// the vitals shown audited as read by `actor`: the patient, and doctors who treat them.
///
/// # Errors
/// [`ChartError::Denied`] (`Hidden { entity: "patient" }` for a chart not the actor's, and
/// for an unknown patient), [`ChartError::Store`].
pub async fn read_chart_summary(
    actor: &Actor,
    patient_id: i32,
    clock: &dyn Clock,
    store: &dyn ClinicalStore,
) -> Result<ChartSummary, ChartError> {
    may_ever(actor, Action::ReadClinical)?;
    let facts = or_stranger(store.patient_facts(actor, patient_id).await, patient_id)?;
    authorize(actor, Action::ReadClinical(facts)).check("patient")?;
    let lists = store.chart_lists(patient_id).await?;
    let active = active_medications(lists.prescriptions, clock.now());
    let read = |table: &str, id: i32| {
        AuditEntryDraft::new(
            table,
            id.into(),
            AuditAction::Read,
            Some(actor.user_id),
            None,
            None,
        )
    };
    let mut reads: Vec<_> = lists
        .allergies
        .iter()
        .map(|a| read("allergies", a.allergy_id))
        .collect();
    reads.extend(
        lists
            .problems
            .iter()
            .map(|p| read("problems", p.problem_id)),
    );
    reads.extend(
        active
            .iter()
            .map(|p| read("prescriptions", p.prescription_id)),
    );
    reads.extend(
        lists
            .latest_vitals
            .iter()
            .map(|v| read("medical_records", v.record_id)),
    );
    store.record_reads(reads).await?;
    Ok(ChartSummary {
        allergies: lists.allergies,
        problems: lists.problems,
        active_medications: active,
        latest_vitals: lists.latest_vitals,
    })
}

/// An allergy to note on a patient's list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteAllergy {
    pub patient_id: i32,
    pub substance: String,
    pub reaction: Option<String>,
    pub severity: String,
}

/// Notes an allergy: a doctor who treats the patient. Audited as an insert.
///
/// # Errors
/// [`ChartError::Denied`], [`ChartError::Invalid`], [`ChartError::Store`].
pub async fn note_allergy(
    actor: &Actor,
    cmd: NoteAllergy,
    store: &dyn ClinicalStore,
) -> Result<Allergy, ChartError> {
    may_write_chart(actor, cmd.patient_id, "patient", store).await?;
    let new = NewAllergy::parse(
        cmd.patient_id,
        &cmd.substance,
        cmd.reaction.as_deref(),
        &cmd.severity,
    )
    .map_err(ChartError::Invalid)?;
    let mut tx = store.begin().await?;
    let allergy = tx.insert_allergy(actor, &new).await?;
    tx.commit().await?;
    Ok(allergy)
}

/// A change of an allergy: mark it inactive (or active again), its severity, its reaction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangeAllergy {
    pub allergy_id: i32,
    pub active: Option<bool>,
    pub severity: Option<String>,
    pub reaction: Option<Option<String>>,
}

/// Changes an allergy: a doctor who treats its patient. Audited as an update.
///
/// # Errors
/// [`ChartError::Denied`] (`Hidden { entity: "allergy" }`), [`ChartError::Invalid`],
/// [`ChartError::Store`] (`NotFound { entity: "allergy" }`).
pub async fn change_allergy(
    actor: &Actor,
    cmd: ChangeAllergy,
    store: &dyn ClinicalStore,
) -> Result<Allergy, ChartError> {
    may_ever(actor, Action::WriteClinical)?;
    let mut tx = store.begin().await?;
    let allergy = tx.lock_allergy(cmd.allergy_id).await?;
    may_write_chart(actor, allergy.patient_id, "allergy", store).await?;
    let change = AllergyChange::parse(
        cmd.active,
        cmd.severity.as_deref(),
        cmd.reaction.as_ref().map(Option::as_deref),
    )
    .map_err(ChartError::Invalid)?;
    let allergy = tx.update_allergy(actor, cmd.allergy_id, &change).await?;
    tx.commit().await?;
    Ok(allergy)
}

/// A problem to add to a patient's list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteProblem {
    pub patient_id: i32,
    pub condition: String,
    pub status: Option<String>,
    pub onset_date: Option<NaiveDate>,
}

/// Adds a problem: a doctor who treats the patient. Audited as an insert.
///
/// # Errors
/// [`ChartError::Denied`], [`ChartError::Invalid`], [`ChartError::Store`].
pub async fn note_problem(
    actor: &Actor,
    cmd: NoteProblem,
    clock: &dyn Clock,
    store: &dyn ClinicalStore,
) -> Result<Problem, ChartError> {
    may_write_chart(actor, cmd.patient_id, "patient", store).await?;
    let new = NewProblem::parse(
        cmd.patient_id,
        &cmd.condition,
        cmd.status.as_deref(),
        cmd.onset_date,
        clock.today(),
    )
    .map_err(ChartError::Invalid)?;
    let mut tx = store.begin().await?;
    let problem = tx.insert_problem(actor, &new).await?;
    tx.commit().await?;
    Ok(problem)
}

/// A change of a problem: resolve (or reactivate) it, or correct its onset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangeProblem {
    pub problem_id: i32,
    pub status: Option<String>,
    pub onset_date: Option<Option<NaiveDate>>,
}

/// Changes a problem: a doctor who treats its patient. Audited as an update.
///
/// # Errors
/// [`ChartError::Denied`] (`Hidden { entity: "problem" }`), [`ChartError::Invalid`],
/// [`ChartError::Store`] (`NotFound { entity: "problem" }`).
pub async fn change_problem(
    actor: &Actor,
    cmd: ChangeProblem,
    clock: &dyn Clock,
    store: &dyn ClinicalStore,
) -> Result<Problem, ChartError> {
    may_ever(actor, Action::WriteClinical)?;
    let mut tx = store.begin().await?;
    let problem = tx.lock_problem(cmd.problem_id).await?;
    may_write_chart(actor, problem.patient_id, "problem", store).await?;
    let change = ProblemChange::parse(cmd.status.as_deref(), cmd.onset_date, clock.today())
        .map_err(ChartError::Invalid)?;
    let problem = tx.update_problem(actor, cmd.problem_id, &change).await?;
    tx.commit().await?;
    Ok(problem)
}

/// A chart list is written by a doctor who treats the patient; other doctors are told
/// `entity` does not exist, everyone else is refused by role.
async fn may_write_chart(
    actor: &Actor,
    patient_id: i32,
    entity: &'static str,
    store: &dyn ClinicalStore,
) -> Result<(), ChartError> {
    may_ever(actor, Action::WriteClinical)?;
    let facts = or_stranger(store.patient_facts(actor, patient_id).await, patient_id)?;
    authorize(actor, Action::WriteClinical(facts)).check(entity)?;
    Ok(())
}
