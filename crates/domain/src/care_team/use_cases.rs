//! The care-team use cases: read the team, add and remove a member, change the primary doctor.
//!
//! Each change runs in one transaction: the store locks the patient and loads the team, the
//! access policy and the rules of [`CareTeam`] decide, and the store writes exactly the
//! [`TeamChange`] decided, with its audit rows.

use super::{
    AlreadyMember, CareTeam, CareTeamEntry, CareTeamStore, InconsistentTeam, LockedTeam, NotAMember,
};
use crate::access::{Action, Actor, Denied, PatientFacts, authorize};
use crate::audit::{PhiRead, ReadAudit, reads_of};
use crate::clock::Clock;
use crate::pagination::{Page, PageRequest};
use crate::store::StoreError;

/// Add a doctor to a patient's care team.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AddCareTeamMember {
    pub patient_id: i32,
    pub doctor_id: i32,
    /// Join as the primary doctor, demoting the current one.
    pub primary: bool,
}

/// Take a doctor off a patient's care team.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RemoveCareTeamMember {
    pub patient_id: i32,
    pub doctor_id: i32,
}

/// Make a doctor the patient's primary doctor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChangePrimaryDoctor {
    pub patient_id: i32,
    pub doctor_id: i32,
}

/// Why the team could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ReadCareTeamError {
    /// There is no such patient.
    #[error("patient not found")]
    PatientNotFound,
    /// The access policy refused.
    #[error(transparent)]
    Denied(#[from] Denied),
    /// Storage failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Why a doctor could not be added.
#[derive(Debug, thiserror::Error)]
pub enum AddMemberError {
    /// There is no such patient.
    #[error("patient not found")]
    PatientNotFound,
    /// The access policy refused.
    #[error(transparent)]
    Denied(#[from] Denied),
    /// There is no doctor with this id.
    #[error("no such doctor")]
    UnknownDoctor {
        /// The id given.
        doctor_id: i32,
    },
    /// The doctor is on the team already.
    #[error(transparent)]
    AlreadyMember(#[from] AlreadyMember),
    /// The stored team breaks its invariants.
    #[error(transparent)]
    Inconsistent(#[from] InconsistentTeam),
    /// Storage failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Why a doctor could not be removed.
#[derive(Debug, thiserror::Error)]
pub enum RemoveMemberError {
    /// There is no such patient.
    #[error("patient not found")]
    PatientNotFound,
    /// The access policy refused.
    #[error(transparent)]
    Denied(#[from] Denied),
    /// The doctor is not on the team.
    #[error(transparent)]
    NotAMember(#[from] NotAMember),
    /// The stored team breaks its invariants.
    #[error(transparent)]
    Inconsistent(#[from] InconsistentTeam),
    /// Storage failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Why the primary doctor could not be changed.
#[derive(Debug, thiserror::Error)]
pub enum ChangePrimaryError {
    /// There is no such patient.
    #[error("patient not found")]
    PatientNotFound,
    /// The access policy refused.
    #[error(transparent)]
    Denied(#[from] Denied),
    /// There is no doctor with this id.
    #[error("no such doctor")]
    UnknownDoctor {
        /// The id given.
        doctor_id: i32,
    },
    /// The stored team breaks its invariants.
    #[error(transparent)]
    Inconsistent(#[from] InconsistentTeam),
    /// Storage failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// One page of a patient's care team, the primary doctor first: for whoever may read the
/// patient (admins, staff, doctors who treat them, the patient themself).
///
/// # Errors
/// [`ReadCareTeamError::PatientNotFound`], [`ReadCareTeamError::Denied`] (hidden from doctors
/// who do not treat the patient and from other patients), [`ReadCareTeamError::Store`].
pub async fn read_team(
    actor: &Actor,
    patient_id: i32,
    page: PageRequest,
    store: &dyn CareTeamStore,
    reads: &dyn ReadAudit,
) -> Result<Page<CareTeamEntry>, ReadCareTeamError> {
    let facts = store
        .patient_facts(actor, patient_id)
        .await?
        .ok_or(ReadCareTeamError::PatientNotFound)?;
    authorize(actor, Action::ReadPatient(facts)).check("patient")?;
    let page = store.list(patient_id, page).await?;
    let shown = [patient_id.into()];
    reads
        .record(reads_of(actor, PhiRead::CareTeam, shown))
        .await?;
    Ok(page)
}

/// Adds a doctor to the care team, as the primary doctor (demoting the current one) when
/// `cmd.primary`: admins and staff.
///
/// # Errors
/// [`AddMemberError::PatientNotFound`], [`AddMemberError::Denied`] (403 for doctors and
/// patients), [`AddMemberError::UnknownDoctor`], [`AddMemberError::AlreadyMember`],
/// [`AddMemberError::Inconsistent`], [`AddMemberError::Store`].
pub async fn add_member(
    actor: &Actor,
    cmd: AddCareTeamMember,
    clock: &dyn Clock,
    store: &dyn CareTeamStore,
) -> Result<CareTeamEntry, AddMemberError> {
    let mut tx = store.begin().await?;
    let locked = tx.lock_team(actor, cmd.patient_id).await?;
    let mut team = team_to_manage(
        actor,
        cmd.patient_id,
        locked,
        AddMemberError::PatientNotFound,
    )?;
    if !tx.doctor_exists(cmd.doctor_id).await? {
        return Err(AddMemberError::UnknownDoctor {
            doctor_id: cmd.doctor_id,
        });
    }
    let change = if cmd.primary {
        team.add_primary(cmd.doctor_id)?
    } else {
        team.add_member(cmd.doctor_id)?
    };
    tx.save(actor, cmd.patient_id, change, clock.now()).await?;
    let entry = tx.entry(cmd.patient_id, cmd.doctor_id).await?;
    tx.commit().await?;
    Ok(entry)
}

/// Takes a doctor off the care team; removing the primary doctor leaves the patient without
/// one. Admins and staff.
///
/// # Errors
/// [`RemoveMemberError::PatientNotFound`], [`RemoveMemberError::Denied`],
/// [`RemoveMemberError::NotAMember`], [`RemoveMemberError::Inconsistent`],
/// [`RemoveMemberError::Store`].
pub async fn remove_member(
    actor: &Actor,
    cmd: RemoveCareTeamMember,
    clock: &dyn Clock,
    store: &dyn CareTeamStore,
) -> Result<(), RemoveMemberError> {
    let mut tx = store.begin().await?;
    let locked = tx.lock_team(actor, cmd.patient_id).await?;
    let mut team = team_to_manage(
        actor,
        cmd.patient_id,
        locked,
        RemoveMemberError::PatientNotFound,
    )?;
    let change = team.remove_member(cmd.doctor_id)?;
    tx.save(actor, cmd.patient_id, change, clock.now()).await?;
    tx.commit().await?;
    Ok(())
}

/// Makes a doctor the patient's primary doctor, adding them to the team if they are not on it
/// and demoting the previous primary doctor. Naming the current primary again writes nothing.
/// Admins and staff.
///
/// # Errors
/// [`ChangePrimaryError::PatientNotFound`], [`ChangePrimaryError::Denied`],
/// [`ChangePrimaryError::UnknownDoctor`], [`ChangePrimaryError::Inconsistent`],
/// [`ChangePrimaryError::Store`].
pub async fn change_primary(
    actor: &Actor,
    cmd: ChangePrimaryDoctor,
    clock: &dyn Clock,
    store: &dyn CareTeamStore,
) -> Result<CareTeamEntry, ChangePrimaryError> {
    let mut tx = store.begin().await?;
    let locked = tx.lock_team(actor, cmd.patient_id).await?;
    let mut team = team_to_manage(
        actor,
        cmd.patient_id,
        locked,
        ChangePrimaryError::PatientNotFound,
    )?;
    if !tx.doctor_exists(cmd.doctor_id).await? {
        return Err(ChangePrimaryError::UnknownDoctor {
            doctor_id: cmd.doctor_id,
        });
    }
    if let Some(change) = team.make_primary(cmd.doctor_id) {
        tx.save(actor, cmd.patient_id, change, clock.now()).await?;
    }
    let entry = tx.entry(cmd.patient_id, cmd.doctor_id).await?;
    tx.commit().await?;
    Ok(entry)
}

/// The locked team, once the patient is known to exist (else `missing`) and the policy lets
/// `actor` manage it.
fn team_to_manage<E>(
    actor: &Actor,
    patient_id: i32,
    locked: Option<LockedTeam>,
    missing: E,
) -> Result<CareTeam, E>
where
    E: From<Denied> + From<InconsistentTeam>,
{
    let Some(locked) = locked else {
        // A role that may never manage care teams hears 403 for a missing patient too, so the
        // answer says nothing about which patients exist.
        let stranger = PatientFacts {
            patient_id,
            treated_by_actor: false,
        };
        authorize(actor, Action::ManageCareTeam(stranger)).check("patient")?;
        return Err(missing);
    };
    authorize(actor, Action::ManageCareTeam(locked.patient)).check("patient")?;
    Ok(CareTeam::from_rows(
        locked.members,
        locked.recorded_primary,
    )?)
}
