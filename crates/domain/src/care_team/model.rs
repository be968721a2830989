//! A patient's care team: the doctors looking after them, at most one of them primary.
//!
//! `patients.primary_doctor_id` must always name the team's primary doctor; every operation
//! reports what changed so the repository can update both tables in one transaction.

use crate::error::{ConflictCode, DomainError};

/// One doctor on a patient's care team.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CareTeamMember {
    /// The doctor.
    pub doctor_id: i32,
    /// True for the patient's primary doctor.
    pub is_primary: bool,
}

/// What [`CareTeam::make_primary`] changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PrimaryChange {
    /// The doctor was not on the team and has been added.
    pub added: bool,
    /// The previous primary doctor, now an ordinary member.
    pub demoted: Option<i32>,
    /// The primary doctor now.
    pub primary: i32,
    /// The doctor was primary already: nothing changed, nothing needs writing.
    pub already_primary: bool,
}

impl PrimaryChange {
    /// True if something must be written.
    pub fn changed(&self) -> bool {
        !self.already_primary
    }
}

/// What [`CareTeam::remove_member`] changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RemovedMember {
    /// The doctor removed.
    pub doctor_id: i32,
    /// The doctor was the primary: `patients.primary_doctor_id` must be cleared.
    pub was_primary: bool,
}

/// A patient's care team, keeping "each doctor once, at most one primary".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CareTeam {
    members: Vec<CareTeamMember>,
}

impl CareTeam {
    /// A team from stored rows.
    ///
    /// # Errors
    /// `Conflict` `duplicate_care_team_member` or `multiple_primary_doctors` when the rows break
    /// the invariant (the database constraints should make this impossible).
    pub fn from_members(members: Vec<CareTeamMember>) -> Result<CareTeam, DomainError> {
        for (i, member) in members.iter().enumerate() {
            if members[..i].iter().any(|m| m.doctor_id == member.doctor_id) {
                return Err(DomainError::conflict(
                    ConflictCode::DuplicateCareTeamMember,
                    format!("doctor {} is on the care team twice", member.doctor_id),
                ));
            }
        }
        if members.iter().filter(|m| m.is_primary).count() > 1 {
            return Err(DomainError::conflict(
                ConflictCode::MultiplePrimaryDoctors,
                "a patient has at most one primary doctor",
            ));
        }
        Ok(CareTeam { members })
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
    /// `Conflict` `already_in_care_team` if the doctor is already on the team.
    pub fn add_member(&mut self, doctor_id: i32) -> Result<(), DomainError> {
        self.ensure_absent(doctor_id)?;
        self.members.push(CareTeamMember {
            doctor_id,
            is_primary: false,
        });
        Ok(())
    }

    /// Adds a doctor who is not on the team yet as its primary doctor, demoting the current
    /// primary.
    ///
    /// # Errors
    /// `Conflict` `already_in_care_team` if the doctor is already on the team.
    pub fn add_primary(&mut self, doctor_id: i32) -> Result<PrimaryChange, DomainError> {
        self.ensure_absent(doctor_id)?;
        Ok(self.make_primary(doctor_id))
    }

    fn ensure_absent(&self, doctor_id: i32) -> Result<(), DomainError> {
        if self.contains(doctor_id) {
            return Err(DomainError::conflict(
                ConflictCode::AlreadyInCareTeam,
                format!("doctor {doctor_id} is already on the care team"),
            ));
        }
        Ok(())
    }

    /// Makes the doctor primary, adding them if needed and demoting the previous primary.
    pub fn make_primary(&mut self, doctor_id: i32) -> PrimaryChange {
        if self.primary() == Some(doctor_id) {
            return PrimaryChange {
                added: false,
                demoted: None,
                primary: doctor_id,
                already_primary: true,
            };
        }
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
        PrimaryChange {
            added,
            demoted,
            primary: doctor_id,
            already_primary: false,
        }
    }

    /// Takes the doctor off the team.
    ///
    /// # Errors
    /// `NotFound` (`care_team_member`) if the doctor is not on the team.
    pub fn remove_member(&mut self, doctor_id: i32) -> Result<RemovedMember, DomainError> {
        let index = self
            .members
            .iter()
            .position(|m| m.doctor_id == doctor_id)
            .ok_or(DomainError::NotFound {
                entity: "care_team_member",
            })?;
        let removed = self.members.remove(index);
        Ok(RemovedMember {
            doctor_id,
            was_primary: removed.is_primary,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn team(members: &[(i32, bool)]) -> CareTeam {
        CareTeam::from_members(
            members
                .iter()
                .map(|&(doctor_id, is_primary)| CareTeamMember {
                    doctor_id,
                    is_primary,
                })
                .collect(),
        )
        .unwrap()
    }

    #[test]
    fn a_team_with_two_primaries_is_refused() {
        let result = CareTeam::from_members(vec![
            CareTeamMember {
                doctor_id: 1,
                is_primary: true,
            },
            CareTeamMember {
                doctor_id: 2,
                is_primary: true,
            },
        ]);
        assert_eq!(result.unwrap_err().code(), "multiple_primary_doctors");
    }

    #[test]
    fn a_team_listing_a_doctor_twice_is_refused() {
        let members = vec![
            CareTeamMember {
                doctor_id: 1,
                is_primary: false,
            };
            2
        ];
        let result = CareTeam::from_members(members);
        assert_eq!(result.unwrap_err().code(), "duplicate_care_team_member");
    }

    #[test]
    fn making_an_outsider_primary_adds_them() {
        let mut care_team = team(&[]);
        let change = care_team.make_primary(7);
        assert!(change.added);
        assert_eq!(change.demoted, None);
        assert!(change.changed());
        assert_eq!(care_team.primary(), Some(7));
    }

    #[test]
    fn a_second_primary_doctor_demotes_the_first() {
        let mut care_team = team(&[(1, true), (2, false)]);
        let change = care_team.make_primary(2);
        assert_eq!(
            change,
            PrimaryChange {
                added: false,
                demoted: Some(1),
                primary: 2,
                already_primary: false
            }
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
        let change = care_team.make_primary(3);
        assert!(change.added);
        assert_eq!(change.demoted, Some(1));
        assert_eq!(care_team.members().len(), 2);
    }

    #[test]
    fn making_the_primary_primary_again_changes_nothing() {
        let mut care_team = team(&[(1, true), (2, false)]);
        let before = care_team.clone();
        let change = care_team.make_primary(1);
        assert!(!change.changed());
        assert!(!change.added);
        assert_eq!(change.demoted, None);
        assert_eq!(care_team, before);
    }

    #[test]
    fn adding_a_member_twice_is_a_conflict() {
        let mut care_team = team(&[(1, false)]);
        assert_eq!(
            care_team.add_member(1).unwrap_err().code(),
            "already_in_care_team"
        );
        care_team.add_member(2).unwrap();
        assert!(care_team.contains(2));
        assert_eq!(care_team.primary(), None);
    }

    #[test]
    fn adding_a_new_primary_doctor_demotes_the_current_one() {
        let mut care_team = team(&[(1, true)]);
        let change = care_team.add_primary(2).unwrap();
        assert!(change.added);
        assert_eq!(change.demoted, Some(1));
        assert_eq!(care_team.primary(), Some(2));
        assert_eq!(
            care_team.add_primary(1).unwrap_err().code(),
            "already_in_care_team"
        );
    }

    #[test]
    fn removing_the_primary_reports_it_so_the_patient_row_is_cleared() {
        let mut care_team = team(&[(1, true), (2, false)]);
        let removed = care_team.remove_member(1).unwrap();
        assert!(removed.was_primary);
        assert_eq!(care_team.primary(), None);
        assert!(!care_team.remove_member(2).unwrap().was_primary);
    }

    #[test]
    fn removing_a_doctor_not_on_the_team_is_not_found() {
        let mut care_team = team(&[(1, true)]);
        assert_eq!(
            care_team.remove_member(9),
            Err(DomainError::NotFound {
                entity: "care_team_member"
            })
        );
    }
}
