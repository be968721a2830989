//! The port that tells the policy how an actor relates to a patient.

use async_trait::async_trait;

use super::{Actor, PatientFacts};
use crate::store::StoreResult;

/// Looks up the relationships the access policy decides on.
#[async_trait]
pub trait AccessFacts: Send + Sync {
    /// How `actor` relates to patient `patient_id`: whether, as a doctor, they treat them (a
    /// member of the care team, or with any appointment with them).
    ///
    /// # Errors
    /// `NotFound { entity: "patient" }` when there is no such patient.
    async fn patient_facts(&self, actor: &Actor, patient_id: i32) -> StoreResult<PatientFacts>;
}

/// The facts `lookup` found about patient `patient_id`, or, when there is no such patient,
/// those of a patient nobody treats: the policy then hides it (404) like any patient that is
/// not the actor's, so nobody learns which patient ids exist.
///
/// # Errors
/// Any other error of `lookup`.
pub fn or_stranger(
    lookup: StoreResult<PatientFacts>,
    patient_id: i32,
) -> StoreResult<PatientFacts> {
    match lookup {
        Err(crate::store::StoreError::Domain(crate::error::DomainError::NotFound { .. })) => {
            Ok(PatientFacts {
                patient_id,
                treated_by_actor: false,
            })
        }
        other => other,
    }
}
