//! The authenticated user on whose behalf a request runs.

use crate::identity::Role;

/// Who is asking, as loaded fresh from the database for every request (so a deactivation or a
/// role change takes effect at once).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    /// `users.user_id`.
    pub user_id: i32,
    /// The user's current role.
    pub role: Role,
    /// The doctor profile of this user, if any.
    pub doctor_id: Option<i32>,
    /// The patient profile of this user, if any.
    pub patient_id: Option<i32>,
}

impl Actor {
    /// Whether the actor is the doctor with this id.
    #[must_use]
    pub fn is_doctor(&self, doctor_id: i32) -> bool {
        self.role == Role::Doctor && self.doctor_id == Some(doctor_id)
    }

    /// Whether the actor is the patient with this id.
    #[must_use]
    pub fn is_patient(&self, patient_id: i32) -> bool {
        self.role == Role::Patient && self.patient_id == Some(patient_id)
    }
}

#[cfg(test)]
impl Actor {
    /// User 1 with `role` and the given profiles, for unit tests of access rules.
    pub(crate) fn test(role: Role, doctor_id: Option<i32>, patient_id: Option<i32>) -> Actor {
        Actor {
            user_id: 1,
            role,
            doctor_id,
            patient_id,
        }
    }
}
