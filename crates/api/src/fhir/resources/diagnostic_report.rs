//! DiagnosticReport: the test results of one medical record, grouping their Observations.
//! A record without test results has no report.
//!
//! | FHIR | ours |
//! |---|---|
//! | `id` | `medical_records.record_id` |
//! | `status` | `final`; `amended` once an addendum changed the test results |
//! | `category` | `LAB` (v2-0074) |
//! | `code.text` | "Test results" (we store no panel code) |
//! | `subject` | `Patient/{patient_id}` |
//! | `encounter` | `Encounter/{appointment_id}` |
//! | `effectiveDateTime` | the earliest `observed_at` of its results, else when the record was written |
//! | `issued` | when the record (this version) was last written |
//! | `performer` | `Practitioner/{doctor_id}` |
//! | `result` | `Observation/{record_id}-{n}` for each test result |
//! | `conclusion` | the record's `diagnosis`: the domain shows it to every reader of the record, as REST does |
//!
//! Who may read it: as the record (`clinical::read_record` / `list_records`): the patient and
//! the doctors who treat them; staff and admins never (403).

use chrono::{DateTime, Utc};
use clinic_domain::clinical::{self, MedicalRecord};
use serde_json::{Value, json};

use crate::error::{ApiError, ApiResult};
use crate::fhir::bundle::Found;
use crate::fhir::search::Search;
use crate::fhir::{Fhir, prune};

use super::{gathered, observation};

const DIAGNOSTIC_SERVICE: &str = "http://terminology.hl7.org/CodeSystem/v2-0074";

fn not_found() -> ApiError {
    ApiError::NotFound {
        detail: "no such DiagnosticReport".into(),
    }
}

/// `GET /fhir/R4/DiagnosticReport/{id}`.
pub async fn read(fhir: &Fhir<'_>, id: i32) -> ApiResult<Value> {
    let record = clinical::read_record(fhir.actor, id, &*fhir.state.clinical).await?;
    to_fhir(&record).ok_or_else(not_found)
}

/// `GET /fhir/R4/DiagnosticReport?…`.
pub async fn search(fhir: &Fhir<'_>, search: &Search) -> ApiResult<Found> {
    let (Ok(record_id), Ok(patient_id)) = (
        search.id()?.filter(),
        search.reference("patient", "Patient")?.filter(),
    ) else {
        return Ok(Found::none());
    };
    let dates = search.dates("date")?;
    if dates.is_empty() {
        return Ok(Found::none());
    }
    let records = gathered::records_named(fhir, record_id, patient_id).await?;
    let matches = records
        .iter()
        .filter(|r| gathered::within(&dates, effective(r)))
        .filter_map(to_fhir)
        .collect();
    Ok(gathered::page_of(search, matches))
}

/// When the results were taken: the earliest `observed_at`, else when the record was written.
fn effective(record: &MedicalRecord) -> DateTime<Utc> {
    record
        .test_results
        .as_slice()
        .iter()
        .filter_map(|r| r.observed_at())
        .min()
        .unwrap_or(record.created_at)
}

/// The record's report, or `None` when it has no test results.
pub fn to_fhir(record: &MedicalRecord) -> Option<Value> {
    let results = record.test_results.as_slice();
    if results.is_empty() {
        return None;
    }
    let result: Vec<Value> = (1..=results.len())
        .map(|n| json!({"reference": format!("Observation/{}", observation::result_id(record, n))}))
        .collect();
    let resource = json!({
        "resourceType": "DiagnosticReport",
        "id": record.record_id.to_string(),
        "meta": {"lastUpdated": super::instant(record.updated_at)},
        "status": if observation::results_amended(record) { "amended" } else { "final" },
        "category": [{"coding": [{"system": DIAGNOSTIC_SERVICE, "code": "LAB", "display": "Laboratory"}]}],
        "code": {"text": "Test results"},
        "subject": {"reference": format!("Patient/{}", record.patient_id), "display": record.patient_name},
        "encounter": {"reference": format!("Encounter/{}", record.appointment_id)},
        "effectiveDateTime": super::instant(effective(record)),
        "issued": super::instant(record.updated_at),
        "performer": [{"reference": format!("Practitioner/{}", record.doctor_id), "display": record.doctor_name}],
        "result": result,
        "conclusion": record.diagnosis,
    });
    prune(resource)
}
