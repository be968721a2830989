//! Bodies and queries of `/medical-records`.

use chrono::{DateTime, Utc};
use clinic_domain::clinical::{
    Addendum, FieldChange, MedicalRecord, ResultFlag, TestResult, VitalReading, Vitals,
};
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
/// `test_results[1].name`. The flag of a numeric value with a range (`reference_low` /
/// `reference_high`, or a `reference_range` such as `4.0-5.6`, `<5`, `>=40`) is computed by the
/// server and wins over one sent; a sent flag is kept for text results and results without a
/// range.
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
    /// The lowest normal value (given, or read from `reference_range`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(example = 4.0)]
    pub reference_low: Option<f64>,
    /// The highest normal value (given, or read from `reference_range`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(example = 5.6)]
    pub reference_high: Option<f64>,
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
            reference_low: r.reference_low(),
            reference_high: r.reference_high(),
            flag: r.flag().map(Into::into),
            observed_at: r.observed_at(),
        }
    }
}

/// One vital sign, with its unit, its normal range (if it has one) and its flag.
#[derive(Debug, Serialize, ToSchema)]
pub struct VitalDto {
    /// `systolic_mmhg`, `diastolic_mmhg`, `pulse_bpm`, `temperature_c`, `weight_kg`,
    /// `height_cm` or `spo2_percent`.
    #[schema(example = "pulse_bpm")]
    pub key: String,
    #[schema(example = "Pulse")]
    pub label: String,
    #[schema(example = 72.0)]
    pub value: f64,
    #[schema(example = "bpm")]
    pub unit: String,
    pub normal_low: Option<f64>,
    pub normal_high: Option<f64>,
    pub flag: Option<ResultFlagDto>,
}

impl From<VitalReading> for VitalDto {
    fn from(r: VitalReading) -> Self {
        Self {
            key: r.spec.key.to_owned(),
            label: r.spec.label.to_owned(),
            value: r.value,
            unit: r.spec.unit.to_owned(),
            normal_low: r.spec.normal.map(|n| n.0),
            normal_high: r.spec.normal.map(|n| n.1),
            flag: r.flag.map(Into::into),
        }
    }
}

/// The vitals of a record, in chart order.
pub fn vitals_dto(vitals: Option<&Vitals>) -> Vec<VitalDto> {
    vitals.map_or_else(Vec::new, |v| {
        v.readings().into_iter().map(Into::into).collect()
    })
}

/// Vital signs as sent: every measure optional (at least one), numbers in the units named.
#[derive(Debug, Deserialize, ToSchema)]
#[allow(dead_code)]
pub struct VitalsInput {
    #[schema(minimum = 40, maximum = 300, example = 120)]
    pub systolic_mmhg: Option<f64>,
    #[schema(minimum = 20, maximum = 200, example = 80)]
    pub diastolic_mmhg: Option<f64>,
    #[schema(minimum = 20, maximum = 300, example = 72)]
    pub pulse_bpm: Option<f64>,
    #[schema(minimum = 25, maximum = 45, example = 36.8)]
    pub temperature_c: Option<f64>,
    #[schema(minimum = 0.2, maximum = 500, example = 70.5)]
    pub weight_kg: Option<f64>,
    #[schema(minimum = 20, maximum = 280, example = 172)]
    pub height_cm: Option<f64>,
    #[schema(minimum = 50, maximum = 100, example = 98)]
    pub spo2_percent: Option<f64>,
}

fn change_value() -> Schema {
    Schema::OneOf(
        OneOfBuilder::new()
            .item(ObjectBuilder::new().schema_type(Type::String))
            .item(ObjectBuilder::new().schema_type(Type::Array))
            .item(ObjectBuilder::new().schema_type(Type::Null))
            .description(Some(
                "Text (diagnosis, notes), a list of test results, or null (none)",
            ))
            .build(),
    )
}

/// One field an addendum changed, before and after.
#[derive(Debug, Serialize, ToSchema)]
pub struct FieldChangeDto {
    /// `diagnosis`, `notes` or `test_results`.
    #[schema(example = "diagnosis")]
    pub field: String,
    #[schema(schema_with = change_value)]
    pub before: Value,
    #[schema(schema_with = change_value)]
    pub after: Value,
}

impl From<FieldChange> for FieldChangeDto {
    fn from(c: FieldChange) -> Self {
        Self {
            field: c.field,
            before: c.before,
            after: c.after,
        }
    }
}

/// An addendum: one version of the record after the signed one.
#[derive(Debug, Serialize, ToSchema)]
pub struct AddendumResponse {
    pub id: i32,
    /// 2 for the first addendum; the record as signed is version 1.
    #[schema(example = 2)]
    pub version: i32,
    pub author_id: i32,
    #[schema(example = "Greg House")]
    pub author_name: String,
    #[serde(serialize_with = "utc")]
    pub created_at: DateTime<Utc>,
    pub reason: Option<String>,
    pub note: Option<String>,
    pub changes: Vec<FieldChangeDto>,
}

impl From<Addendum> for AddendumResponse {
    fn from(a: Addendum) -> Self {
        Self {
            id: a.addendum_id,
            version: a.version,
            author_id: a.author_id,
            author_name: a.author_name,
            created_at: a.created_at,
            reason: a.reason,
            note: a.note,
            changes: a.changes.into_iter().map(Into::into).collect(),
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
    /// The vital signs taken at the visit, each flagged against its range.
    pub vitals: Vec<VitalDto>,
    /// 1 as signed, one more per addendum.
    #[schema(example = 1)]
    pub version: i32,
    /// The history: every addendum, oldest first.
    pub addenda: Vec<AddendumResponse>,
    /// When it was signed (written).
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
            vitals: vitals_dto(r.vitals.as_ref()),
            version: r.version,
            addenda: r.addenda.into_iter().map(Into::into).collect(),
            created_at: r.created_at,
            updated_at: r.updated_at,
        }
    }
}

/// A record of a visit, with the prescriptions issued on it: saved together or not at all. It
/// needs a diagnosis, notes, vitals or at least one test result.
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
    /// Errors name their path, e.g. `vitals.pulse_bpm`.
    #[schema(value_type = Option<VitalsInput>)]
    pub vitals: Option<Value>,
    /// At most 20, issued with the record. Errors name their path, e.g.
    /// `prescriptions[1].dose`; a medication matching an active allergy of the patient needs
    /// `allergy_override_reason` (else `prescriptions[0].allergy_override_reason`).
    #[serde(default)]
    pub prescriptions: Vec<crate::routes::prescriptions::CreatePrescriptionRequest>,
}

/// A record with the prescriptions written with it.
#[derive(Debug, Serialize, ToSchema)]
pub struct CreatedRecordResponse {
    #[serde(flatten)]
    pub record: RecordResponse,
    pub prescriptions: Vec<crate::routes::prescriptions::PrescriptionResponse>,
}

/// An amendment, appended as an addendum (the next version): given fields replace the current
/// ones, omitted fields stay. `null` clears the diagnosis or notes; `[]` clears the test
/// results. Each changed field's value before and after is kept in the addendum (and the
/// audit log). `reason` is optional here, for `PATCH`'s older clients; `POST …/addenda`
/// requires it.
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
    /// Why the record is amended (one line).
    #[schema(max_length = 500, example = "Lab result came back")]
    pub reason: Option<String>,
    /// Text the addendum adds; line breaks allowed.
    #[schema(max_length = 20000)]
    pub note: Option<String>,
}

/// An addendum to a signed record: why (required), an optional note, and the fields that
/// change (as in `PATCH`).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AddendumRequest {
    /// Why the record is amended (one line).
    #[schema(min_length = 1, max_length = 500, example = "Lab result came back")]
    pub reason: Option<String>,
    /// Text the addendum adds; line breaks allowed.
    #[schema(max_length = 20000)]
    pub note: Option<String>,
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
