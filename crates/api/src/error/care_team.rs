//! HTTP answers of the use cases of care teams and the primary doctor.

use clinic_domain::care_team::{
    AddMemberError, ChangePrimaryError, InconsistentTeam, ReadCareTeamError, RemoveMemberError,
};
use clinic_domain::{ConflictCode, DomainError};

use super::ApiError;

/// 404, as for any patient the actor may not know of.
fn no_such_patient() -> ApiError {
    ApiError::not_found("patient")
}

/// 422 on `doctor_id`.
fn unknown_doctor() -> ApiError {
    ApiError::invalid_field("doctor_id", "no such doctor")
}

/// Stored rows that break the team's invariants. The two the constraints name answer 409 as
/// they always did; a patient row naming another primary doctor than the team is corrupt data
/// and answers 500 (logged).
fn inconsistent(error: InconsistentTeam) -> ApiError {
    let code = match error {
        InconsistentTeam::DuplicateMember(_) => ConflictCode::DuplicateCareTeamMember,
        InconsistentTeam::MultiplePrimaries => ConflictCode::MultiplePrimaryDoctors,
        InconsistentTeam::PrimaryMismatch { .. } => return ApiError::internal(error),
    };
    DomainError::conflict(code, error.to_string()).into()
}

impl From<ReadCareTeamError> for ApiError {
    fn from(error: ReadCareTeamError) -> Self {
        match error {
            ReadCareTeamError::PatientNotFound => no_such_patient(),
            ReadCareTeamError::Denied(denied) => denied.into(),
            ReadCareTeamError::Store(store) => store.into(),
        }
    }
}

impl From<AddMemberError> for ApiError {
    fn from(error: AddMemberError) -> Self {
        match error {
            AddMemberError::PatientNotFound => no_such_patient(),
            AddMemberError::Denied(denied) => denied.into(),
            AddMemberError::UnknownDoctor { .. } => unknown_doctor(),
            AddMemberError::AlreadyMember(already) => {
                DomainError::conflict(ConflictCode::AlreadyInCareTeam, already.to_string()).into()
            }
            AddMemberError::Inconsistent(team) => inconsistent(team),
            AddMemberError::Store(store) => store.into(),
        }
    }
}

impl From<RemoveMemberError> for ApiError {
    fn from(error: RemoveMemberError) -> Self {
        match error {
            RemoveMemberError::PatientNotFound => no_such_patient(),
            RemoveMemberError::Denied(denied) => denied.into(),
            RemoveMemberError::NotAMember(_) => ApiError::not_found("care team member"),
            RemoveMemberError::Inconsistent(team) => inconsistent(team),
            RemoveMemberError::Store(store) => store.into(),
        }
    }
}

impl From<ChangePrimaryError> for ApiError {
    fn from(error: ChangePrimaryError) -> Self {
        match error {
            ChangePrimaryError::PatientNotFound => no_such_patient(),
            ChangePrimaryError::Denied(denied) => denied.into(),
            ChangePrimaryError::UnknownDoctor { .. } => unknown_doctor(),
            ChangePrimaryError::Inconsistent(team) => inconsistent(team),
            ChangePrimaryError::Store(store) => store.into(),
        }
    }
}
