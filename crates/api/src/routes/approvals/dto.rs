//! Bodies and queries of `/specialist-approvals`.

use chrono::{DateTime, Utc};
use clinic_domain::referral::{ApprovalStatus, SpecialistApproval};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::routes::common::{utc, utc_opt};

/// Where a request stands: pending → approved | denied | cancelled, and no further.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum ApprovalStatusDto {
    Pending,
    Approved,
    Denied,
    Cancelled,
}

impl From<ApprovalStatus> for ApprovalStatusDto {
    fn from(status: ApprovalStatus) -> Self {
        match status {
            ApprovalStatus::Pending => Self::Pending,
            ApprovalStatus::Approved => Self::Approved,
            ApprovalStatus::Denied => Self::Denied,
            ApprovalStatus::Cancelled => Self::Cancelled,
        }
    }
}

impl From<ApprovalStatusDto> for ApprovalStatus {
    fn from(status: ApprovalStatusDto) -> Self {
        match status {
            ApprovalStatusDto::Pending => Self::Pending,
            ApprovalStatusDto::Approved => Self::Approved,
            ApprovalStatusDto::Denied => Self::Denied,
            ApprovalStatusDto::Cancelled => Self::Cancelled,
        }
    }
}

/// A request for a patient to see a specialist, and its decision.
#[derive(Debug, Serialize, ToSchema)]
pub struct ApprovalResponse {
    pub id: i32,
    pub patient_id: i32,
    #[schema(example = "Alice Smith")]
    pub patient_name: String,
    pub requesting_doctor_id: i32,
    #[schema(example = "Greg House")]
    pub requesting_doctor_name: String,
    pub specialist_id: i32,
    #[schema(example = "Cristina Yang")]
    pub specialist_name: String,
    #[schema(example = "Chest pain on exertion")]
    pub reason: String,
    pub status: ApprovalStatusDto,
    #[serde(serialize_with = "utc")]
    pub requested_at: DateTime<Utc>,
    /// Set when approved.
    #[serde(serialize_with = "utc_opt")]
    pub approved_at: Option<DateTime<Utc>>,
    /// Set by every decision (approval, denial, cancellation).
    #[serde(serialize_with = "utc_opt")]
    pub decided_at: Option<DateTime<Utc>>,
    /// The user who decided.
    pub decided_by: Option<i32>,
    pub decision_note: Option<String>,
}

impl From<SpecialistApproval> for ApprovalResponse {
    fn from(a: SpecialistApproval) -> Self {
        Self {
            id: a.approval_id,
            patient_id: a.patient_id,
            patient_name: a.patient_name,
            requesting_doctor_id: a.requesting_doctor_id,
            requesting_doctor_name: a.requesting_doctor_name,
            specialist_id: a.specialist_id,
            specialist_name: a.specialist_name,
            reason: a.reason,
            status: a.status.into(),
            requested_at: a.requested_at,
            approved_at: a.approved_at,
            decided_at: a.decided_at,
            decided_by: a.decided_by,
            decision_note: a.decision_note,
        }
    }
}

// The domain validates requests and notes (one limit, one message: `referral::model`).
/// A request, by a doctor of the patient's care team, for the patient to see a specialist.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateApprovalRequest {
    pub patient_id: i32,
    /// Another doctor.
    pub specialist_id: i32,
    /// Why; line breaks allowed.
    #[schema(min_length = 1, max_length = 2000, example = "Chest pain on exertion")]
    pub reason: String,
}

/// A decision, with an optional note for the requester and the patient. Send `{}` for none.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DecisionRequest {
    #[schema(
        max_length = 2000,
        example = "Seen the ECG; please book within two weeks."
    )]
    pub note: Option<String>,
}

/// Filters of the approval list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ApprovalQuery {
    pub status: Option<ApprovalStatusDto>,
    pub patient_id: Option<i32>,
}
