//! Bodies and queries of `/medical-records`.

use chrono::{DateTime, Utc};
use clinic_domain::clinical::{MedicalRecord, ResultFlag, TestResult};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::openapi::schema::{ObjectBuilder, OneOfBuilder, Schema, Type};
use utoipa::{IntoParams, ToSchema};

use crate::routes::common::{utc, utc_opt};

/// How a result compares with its reference range.
#[derive(Debug, Clone, Copy, Serialize, ToSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum ResultFlagDto {
    Normal,
    Low,
    High,
    Critical,
    Abnormal,
}

impl From<ResultFlag> for ResultFlagDto {
    fn from(flag: ResultFlag) -> Self {
        match flag {
            ResultFlag::Normal => Self::Normal,
            ResultFlag::Low => Self::Low,
            ResultFlag::High => Self::High,
            ResultFlag::Critical => Self::Critical,
            ResultFlag::Abnormal => Self::Abnormal,
        }
    }
}

fn result_value() -> Schema {
    Schema::OneOf(
        OneOfBuilder::new()
        .item(ObjectBuilder::new().schema_type(Type::Number))
        .item(ObjectBuilder::new().schema_type(Type::String).max_length(Some(200)))
        .description(Some(
            "A finite number between -1e15 and 1e15, or one line of text (at most 200 characters)",
        ))
        .examples([serde_json::json!(6.1)])
        .build(),
    )
}

/// One test result. Unknown fields are refused; every error names its path, e.g.
/// `test_results[1].name`.
#[derive(Debug, Serialize, ToSchema)]
pub struct TestResultDto {
    /// What was measured, one line.
    #[schema(example = "HbA1c", min_length = 1, max_length = 200)]
    pub name: String,
    #[schema(schema_with = result_value)]
    pub value: Value,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(example = "%", max_length = 50)]
    pub unit: Option<String>,
    /// The normal range as printed by the lab.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(example = "4.0-5.6", max_length = 100)]
    pub reference_range: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub flag: Option<ResultFlagDto>,
    /// When the sample was taken (RFC 3339 with an offset).
    #[serde(serialize_with = "utc_opt", skip_serializing_if = "Option::is_none")]
    pub observed_at: Option<DateTime<Utc>>,
}

impl From<&TestResult> for TestResultDto {
    fn from(r: &TestResult) -> Self {
        Self {
            name: r.name().to_owned(),
            value: r.value().clone(),
            unit: r.unit().map(str::to_owned),
            reference_range: r.reference_range().map(str::to_owned),
            flag: r.flag().map(Into::into),
            observed_at: r.observed_at(),
        }
    }
}

/// A medical record.
#[derive(Debug, Serialize, ToSchema)]
pub struct RecordResponse {
    pub id: i32,
    pub patient_id: i32,
    #[schema(example = "Alice Smith")]
    pub patient_name: String,
    /// The visit's doctor, who wrote it.
    pub doctor_id: i32,
    #[schema(example = "Greg House")]
    pub doctor_name: String,
    pub appointment_id: i32,
    pub diagnosis: Option<String>,
    pub notes: Option<String>,
    pub test_results: Vec<TestResultDto>,
    #[serde(serialize_with = "utc")]
    pub created_at: DateTime<Utc>,
    #[serde(serialize_with = "utc")]
    pub updated_at: DateTime<Utc>,
}

impl From<MedicalRecord> for RecordResponse {
    fn from(r: MedicalRecord) -> Self {
        Self {
            id: r.record_id,
            patient_id: r.patient_id,
            patient_name: r.patient_name,
            doctor_id: r.doctor_id,
            doctor_name: r.doctor_name,
            appointment_id: r.appointment_id,
            diagnosis: r.diagnosis,
            notes: r.notes,
            test_results: r.test_results.as_slice().iter().map(Into::into).collect(),
            created_at: r.created_at,
            updated_at: r.updated_at,
        }
    }
}

/// A record of a visit. It needs a diagnosis, notes or at least one test result.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateRecordRequest {
    /// The visit: checked in or completed, and yours. The record's patient and doctor are the
    /// appointment's.
    pub appointment_id: i32,
    #[schema(max_length = 2000, example = "Type 2 diabetes mellitus")]
    pub diagnosis: Option<String>,
    /// Free text; line breaks allowed.
    #[schema(max_length = 20000)]
    pub notes: Option<String>,
    /// At most 200 results; absent means none.
    #[schema(value_type = Option<Vec<TestResultDto>>)]
    pub test_results: Option<Value>,
}

/// An amendment: given fields replace the stored ones, omitted fields stay. `null` clears the
/// diagnosis or notes; `[]` clears the test results. The old values stay in the audit log.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AmendRecordRequest {
    #[serde(default, deserialize_with = "crate::routes::common::nullable")]
    #[schema(value_type = Option<String>, max_length = 2000)]
    pub diagnosis: Option<Option<String>>,
    #[serde(default, deserialize_with = "crate::routes::common::nullable")]
    #[schema(value_type = Option<String>, max_length = 20000)]
    pub notes: Option<Option<String>>,
    #[schema(value_type = Option<Vec<TestResultDto>>)]
    pub test_results: Option<Value>,
}

/// Whose records to list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RecordQuery {
    /// The patient. Required for doctors (a patient they treat); a patient may leave it out.
    pub patient_id: Option<i32>,
    /// Only the records of this visit (an appointment of that patient).
    pub appointment_id: Option<i32>,
}
