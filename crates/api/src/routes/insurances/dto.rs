//! Request and response bodies of the insurance routes.

use chrono::{DateTime, NaiveDate, Utc};
use clinic_domain::patients::{HolderRelationship, Insurance};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::Validate;

use crate::routes::common::{nullable, utc};

/// How the policy holder is related to the patient.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum HolderRelationshipDto {
    /// The patient holds the policy themself.
    #[serde(rename = "self")]
    Own,
    Spouse,
    Parent,
    Child,
    Other,
}

impl From<HolderRelationship> for HolderRelationshipDto {
    fn from(relationship: HolderRelationship) -> Self {
        match relationship {
            HolderRelationship::Own => Self::Own,
            HolderRelationship::Spouse => Self::Spouse,
            HolderRelationship::Parent => Self::Parent,
            HolderRelationship::Child => Self::Child,
            HolderRelationship::Other => Self::Other,
        }
    }
}

/// An insurance policy of a patient.
#[derive(Debug, Serialize, ToSchema)]
pub struct InsuranceResponse {
    pub id: i32,
    pub patient_id: i32,
    #[schema(example = "Acme Health")]
    pub provider_name: String,
    #[schema(example = "P-123456")]
    pub policy_number: String,
    pub group_number: Option<String>,
    #[schema(example = "Ada Lovelace")]
    pub holder_name: String,
    pub holder_relationship: HolderRelationshipDto,
    #[schema(example = "2025-01-01")]
    pub valid_from: NaiveDate,
    /// `null`: valid until further notice.
    pub valid_to: Option<NaiveDate>,
    /// Inactive policies are kept for the record and not billed.
    pub is_active: bool,
    #[serde(serialize_with = "utc")]
    pub created_at: DateTime<Utc>,
    #[serde(serialize_with = "utc")]
    pub updated_at: DateTime<Utc>,
}

impl From<Insurance> for InsuranceResponse {
    fn from(i: Insurance) -> Self {
        Self {
            id: i.insurance_id,
            patient_id: i.patient_id,
            provider_name: i.provider_name,
            policy_number: i.policy_number,
            group_number: i.group_number,
            holder_name: i.holder_name,
            holder_relationship: i.holder_relationship.into(),
            valid_from: i.valid_from,
            valid_to: i.valid_to,
            is_active: i.is_active,
            created_at: i.created_at,
            updated_at: i.updated_at,
        }
    }
}

fn active_by_default() -> bool {
    true
}

/// A new policy.
#[derive(Debug, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct CreateInsuranceRequest {
    #[validate(length(min = 1, max = 200))]
    #[schema(min_length = 1, max_length = 200, example = "Acme Health")]
    pub provider_name: String,
    #[validate(length(min = 1, max = 100))]
    #[schema(min_length = 1, max_length = 100, example = "P-123456")]
    pub policy_number: String,
    #[validate(length(max = 100))]
    #[schema(max_length = 100)]
    pub group_number: Option<String>,
    #[validate(length(min = 1, max = 200))]
    #[schema(min_length = 1, max_length = 200, example = "Ada Lovelace")]
    pub holder_name: String,
    #[schema(value_type = HolderRelationshipDto)]
    pub holder_relationship: String,
    /// First day of cover, `YYYY-MM-DD`.
    #[schema(example = "2025-01-01")]
    pub valid_from: NaiveDate,
    /// Last day of cover, not before `valid_from`; omit for open-ended cover.
    pub valid_to: Option<NaiveDate>,
    #[serde(default = "active_by_default")]
    #[schema(default = true)]
    pub is_active: bool,
}

/// Changes to a policy; omitted fields stay as they are, `null` clears `group_number` or
/// `valid_to`. Deactivate with `"is_active": false`; policies are never deleted.
#[derive(Debug, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct UpdateInsuranceRequest {
    #[validate(length(min = 1, max = 200))]
    #[schema(min_length = 1, max_length = 200)]
    pub provider_name: Option<String>,
    #[validate(length(min = 1, max = 100))]
    #[schema(min_length = 1, max_length = 100)]
    pub policy_number: Option<String>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<String>, max_length = 100)]
    pub group_number: Option<Option<String>>,
    #[validate(length(min = 1, max = 200))]
    #[schema(min_length = 1, max_length = 200)]
    pub holder_name: Option<String>,
    #[schema(value_type = Option<HolderRelationshipDto>)]
    pub holder_relationship: Option<String>,
    pub valid_from: Option<NaiveDate>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<NaiveDate>)]
    pub valid_to: Option<Option<NaiveDate>>,
    pub is_active: Option<bool>,
}
