//! A patient's care team: the doctors looking after them, at most one of them primary.
//!
//! `patients.primary_doctor_id` must always name the team's primary doctor; every operation
//! returns the [`TeamChange`] it decided, so the store updates both tables in one transaction.

/// One doctor on a patient's care team.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CareTeamMember {
    /// The doctor.
    pub doctor_id: i32,
    /// True for the patient's primary doctor.
    pub is_primary: bool,
}

/// A change of primary doctor, as [`CareTeam::make_primary`] decided it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PrimaryChange {
    /// The doctor was not on the team and joins it as its primary doctor.
    pub added: bool,
    /// The previous primary doctor, now an ordinary member.
    pub demoted: Option<i32>,
    /// The primary doctor now.
    pub primary: i32,
}

/// What [`CareTeam::remove_member`] changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RemovedMember {
    /// The doctor removed.
    pub doctor_id: i32,
    /// The doctor was the primary: `patients.primary_doctor_id` must be cleared.
    pub was_primary: bool,
}

/// What a care-team decision writes; the store persists exactly this, with its audit rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TeamChange {
    /// The doctor joins as an ordinary member.
    Joined {
        /// The new member.
        doctor_id: i32,
    },
    /// The primary doctor changes: the old one (if any) is demoted, the new one promoted or
    /// added, and `patients.primary_doctor_id` points at them.
    PrimaryChanged(PrimaryChange),
    /// The doctor leaves; when they were primary, the patient is left without one.
    Left(RemovedMember),
}

/// The doctor is already on the team.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("doctor {doctor_id} is already on the care team")]
pub struct AlreadyMember {
    /// The doctor named twice.
    pub doctor_id: i32,
}

/// The doctor is not on the team.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("doctor {doctor_id} is not on the care team")]
pub struct NotAMember {
    /// The doctor looked for.
    pub doctor_id: i32,
}

/// Stored rows that break the team's invariants. The database's constraints should make this
/// impossible; it is reported, never repaired silently.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum InconsistentTeam {
    /// A doctor is listed twice.
    #[error("doctor {0} is on the care team twice")]
    DuplicateMember(i32),
    /// More than one member is primary.
    #[error("a patient has at most one primary doctor")]
    MultiplePrimaries,
    /// `patients.primary_doctor_id` names another doctor than the team's primary member.
    #[error("the patient names doctor {recorded:?} as primary, the care team {team:?}")]
    PrimaryMismatch {
        /// `patients.primary_doctor_id`.
        recorded: Option<i32>,
        /// The team's primary member.
        team: Option<i32>,
    },
}

/// A patient's care team, keeping "each doctor once, at most one primary".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CareTeam {
    members: Vec<CareTeamMember>,
}

impl CareTeam {
    /// A team from stored rows: its members, in the order they joined, and the primary doctor
    /// the patient's row names.
    ///
    /// # Errors
    /// [`InconsistentTeam`] when the rows break an invariant.
    pub fn from_rows(
        members: Vec<CareTeamMember>,
        recorded_primary: Option<i32>,
    ) -> Result<CareTeam, InconsistentTeam> {
        for (i, member) in members.iter().enumerate() {
            if members[..i].iter().any(|m| m.doctor_id == member.doctor_id) {
                return Err(InconsistentTeam::DuplicateMember(member.doctor_id));
            }
        }
        if members.iter().filter(|m| m.is_primary).count() > 1 {
            return Err(InconsistentTeam::MultiplePrimaries);
        }
        let team = CareTeam { members };
        if team.primary() != recorded_primary {
            return Err(InconsistentTeam::PrimaryMismatch {
                recorded: recorded_primary,
                team: team.primary(),
            });
        }
        Ok(team)
    }

    /// The members, in the order they joined.
    pub fn members(&self) -> &[CareTeamMember] {
        &self.members
    }

    /// The primary doctor, if any.
    pub fn primary(&self) -> Option<i32> {
        self.members
            .iter()
            .find(|m| m.is_primary)
            .map(|m| m.doctor_id)
    }

    /// True if the doctor is on the team.
    pub fn contains(&self, doctor_id: i32) -> bool {
        self.members.iter().any(|m| m.doctor_id == doctor_id)
    }

    /// Adds a doctor as an ordinary member.
    ///
    /// # Errors
    /// [`AlreadyMember`] if the doctor is already on the team.
    pub fn add_member(&mut self, doctor_id: i32) -> Result<TeamChange, AlreadyMember> {
        self.ensure_absent(doctor_id)?;
        self.members.push(CareTeamMember {
            doctor_id,
            is_primary: false,
        });
        Ok(TeamChange::Joined { doctor_id })
    }

    /// Adds a doctor who is not on the team yet as its primary doctor, demoting the current
    /// primary.
    ///
    /// # Errors
    /// [`AlreadyMember`] if the doctor is already on the team.
    pub fn add_primary(&mut self, doctor_id: i32) -> Result<TeamChange, AlreadyMember> {
        self.ensure_absent(doctor_id)?;
        Ok(self.promote(doctor_id))
    }

    fn ensure_absent(&self, doctor_id: i32) -> Result<(), AlreadyMember> {
        if self.contains(doctor_id) {
            return Err(AlreadyMember { doctor_id });
        }
        Ok(())
    }

    /// Makes the doctor primary, adding them if needed and demoting the previous primary;
    /// `None` when they are primary already and nothing needs writing.
    pub fn make_primary(&mut self, doctor_id: i32) -> Option<TeamChange> {
        if self.primary() == Some(doctor_id) {
            return None;
        }
        Some(self.promote(doctor_id))
    }

    /// Makes a doctor who is not primary the primary one.
    fn promote(&mut self, doctor_id: i32) -> TeamChange {
        let demoted = self.primary();
        for member in &mut self.members {
            member.is_primary = member.doctor_id == doctor_id;
        }
        let added = !self.contains(doctor_id);
        if added {
            self.members.push(CareTeamMember {
                doctor_id,
                is_primary: true,
            });
        }
        TeamChange::PrimaryChanged(PrimaryChange {
            added,
            demoted,
            primary: doctor_id,
        })
    }

    /// Takes the doctor off the team.
    ///
    /// # Errors
    /// [`NotAMember`] if the doctor is not on the team.
    pub fn remove_member(&mut self, doctor_id: i32) -> Result<TeamChange, NotAMember> {
        let index = self
            .members
            .iter()
            .position(|m| m.doctor_id == doctor_id)
            .ok_or(NotAMember { doctor_id })?;
        let removed = self.members.remove(index);
        Ok(TeamChange::Left(RemovedMember {
            doctor_id,
            was_primary: removed.is_primary,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn team(members: &[(i32, bool)]) -> CareTeam {
        let members: Vec<_> = members
            .iter()
            .map(|&(doctor_id, is_primary)| CareTeamMember {
                doctor_id,
                is_primary,
            })
            .collect();
        let primary = members.iter().find(|m| m.is_primary).map(|m| m.doctor_id);
        CareTeam::from_rows(members, primary).unwrap()
    }

    fn member(doctor_id: i32, is_primary: bool) -> CareTeamMember {
        CareTeamMember {
            doctor_id,
            is_primary,
        }
    }

    #[test]
    fn a_team_with_two_primaries_is_refused() {
        let result = CareTeam::from_rows(vec![member(1, true), member(2, true)], Some(1));
        assert_eq!(result, Err(InconsistentTeam::MultiplePrimaries));
    }

    #[test]
    fn a_team_listing_a_doctor_twice_is_refused() {
        let result = CareTeam::from_rows(vec![member(1, false); 2], None);
        assert_eq!(result, Err(InconsistentTeam::DuplicateMember(1)));
    }

    #[test]
    fn the_patients_primary_doctor_must_be_the_teams_primary_member() {
        let result = CareTeam::from_rows(vec![member(1, true)], Some(2));
        assert_eq!(
            result,
            Err(InconsistentTeam::PrimaryMismatch {
                recorded: Some(2),
                team: Some(1)
            })
        );
        let result = CareTeam::from_rows(vec![member(1, false)], Some(1));
        assert!(matches!(
            result,
            Err(InconsistentTeam::PrimaryMismatch { .. })
        ));
    }

    #[test]
    fn making_an_outsider_primary_adds_them() {
        let mut care_team = team(&[]);
        let change = care_team.make_primary(7);
        assert_eq!(
            change,
            Some(TeamChange::PrimaryChanged(PrimaryChange {
                added: true,
                demoted: None,
                primary: 7
            }))
        );
        assert_eq!(care_team.primary(), Some(7));
    }

    #[test]
    fn a_second_primary_doctor_demotes_the_first() {
        let mut care_team = team(&[(1, true), (2, false)]);
        let change = care_team.make_primary(2);
        assert_eq!(
            change,
            Some(TeamChange::PrimaryChanged(PrimaryChange {
                added: false,
                demoted: Some(1),
                primary: 2,
            }))
        );
        assert_eq!(care_team.primary(), Some(2));
        assert_eq!(
            care_team.members().iter().filter(|m| m.is_primary).count(),
            1
        );
        assert!(care_team.contains(1));
    }

    #[test]
    fn an_outsider_made_primary_demotes_the_current_primary() {
        let mut care_team = team(&[(1, true)]);
        let Some(TeamChange::PrimaryChanged(change)) = care_team.make_primary(3) else {
            panic!("a change of primary doctor");
        };
        assert!(change.added);
        assert_eq!(change.demoted, Some(1));
        assert_eq!(care_team.members().len(), 2);
    }

    #[test]
    fn making_the_primary_primary_again_changes_nothing() {
        let mut care_team = team(&[(1, true), (2, false)]);
        let before = care_team.clone();
        assert_eq!(care_team.make_primary(1), None);
        assert_eq!(care_team, before);
    }

    #[test]
    fn adding_a_member_twice_is_refused() {
        let mut care_team = team(&[(1, false)]);
        assert_eq!(care_team.add_member(1), Err(AlreadyMember { doctor_id: 1 }));
        assert_eq!(
            care_team.add_member(2),
            Ok(TeamChange::Joined { doctor_id: 2 })
        );
        assert!(care_team.contains(2));
        assert_eq!(care_team.primary(), None);
    }

    #[test]
    fn adding_a_new_primary_doctor_demotes_the_current_one() {
        let mut care_team = team(&[(1, true)]);
        assert_eq!(
            care_team.add_primary(2),
            Ok(TeamChange::PrimaryChanged(PrimaryChange {
                added: true,
                demoted: Some(1),
                primary: 2
            }))
        );
        assert_eq!(care_team.primary(), Some(2));
        assert_eq!(
            care_team.add_primary(1),
            Err(AlreadyMember { doctor_id: 1 })
        );
    }

    #[test]
    fn removing_the_primary_reports_it_so_the_patient_row_is_cleared() {
        let mut care_team = team(&[(1, true), (2, false)]);
        assert_eq!(
            care_team.remove_member(1),
            Ok(TeamChange::Left(RemovedMember {
                doctor_id: 1,
                was_primary: true
            }))
        );
        assert_eq!(care_team.primary(), None);
        assert_eq!(
            care_team.remove_member(2),
            Ok(TeamChange::Left(RemovedMember {
                doctor_id: 2,
                was_primary: false
            }))
        );
    }

    #[test]
    fn removing_a_doctor_not_on_the_team_is_refused() {
        let mut care_team = team(&[(1, true)]);
        assert_eq!(care_team.remove_member(9), Err(NotAMember { doctor_id: 9 }));
    }
}
