//! Observation: each test result of a medical record (`medical_records.test_results`), and each
//! vital sign taken at the visit (`medical_records.vitals`).
//!
//! | FHIR | ours |
//! |---|---|
//! | `id` | `{record_id}-{n}`: the record's n-th test result (from 1); `{record_id}-vs-{key}` a vital sign (`12-vs-pulse-bpm`) |
//! | `status` | `final`; `amended` once an addendum changed the record's test results |
//! | `category` | `laboratory` (test results) or `vital-signs` (observation-category) |
//! | `code` | a test result: `text` = its name (we store no LOINC code for test results); a vital sign: its LOINC code and label |
//! | `subject` | `Patient/{patient_id}` |
//! | `encounter` | `Encounter/{appointment_id}`: the visit the record is about |
//! | `effectiveDateTime` | the result's `observed_at`, else when the record was written |
//! | `issued` | when the record (this version) was last written |
//! | `performer` | `Practitioner/{doctor_id}`: the record's doctor |
//! | `valueQuantity` | a numeric value with its unit; UCUM `system` + `code` when the unit is one we know the UCUM code of |
//! | `valueString` | a text value |
//! | `interpretation` | the flag the domain computes: normal `N`, low `L`, high `H`, critical `AA`, abnormal `A` (v3-ObservationInterpretation) |
//! | `referenceRange` | `low`/`high` as the domain reads them, `text` the printed range |
//!
//! Who may read it: as the record (`clinical::read_record` / `list_records`): the patient and
//! the doctors who treat them; staff and admins never (403).

use clinic_domain::clinical::{
    self, MedicalRecord, ResultFlag, TestResult, VITALS, VitalReading, VitalSpec,
};
use serde_json::{Value, json};

use crate::error::{ApiError, ApiResult};
use crate::fhir::bundle::Found;
use crate::fhir::search::Search;
use crate::fhir::{Fhir, prune};

use super::gathered;

/// UCUM, the units of measure.
pub const UCUM: &str = "http://unitsofmeasure.org";
/// LOINC.
pub const LOINC: &str = "http://loinc.org";
const CATEGORY: &str = "http://terminology.hl7.org/CodeSystem/observation-category";
const INTERPRETATION: &str = "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation";

/// The LOINC code of each vital sign of [`VITALS`], by key.
const VITAL_LOINC: [(&str, &str, &str); 7] = [
    ("systolic_mmhg", "8480-6", "Systolic blood pressure"),
    ("diastolic_mmhg", "8462-4", "Diastolic blood pressure"),
    ("pulse_bpm", "8867-4", "Heart rate"),
    ("temperature_c", "8310-5", "Body temperature"),
    ("weight_kg", "29463-7", "Body weight"),
    ("height_cm", "8302-2", "Body height"),
    (
        "spo2_percent",
        "59408-5",
        "Oxygen saturation in Arterial blood by Pulse oximetry",
    ),
];

/// Units as written in the clinic and their UCUM codes. A unit not listed is shown as text.
const UCUM_UNITS: &[(&str, &str)] = &[
    ("%", "%"),
    ("mmHg", "mm[Hg]"),
    ("bpm", "/min"),
    ("/min", "/min"),
    ("°C", "Cel"),
    ("kg", "kg"),
    ("g", "g"),
    ("cm", "cm"),
    ("mm", "mm"),
    ("mg/dL", "mg/dL"),
    ("g/dL", "g/dL"),
    ("g/L", "g/L"),
    ("mg/L", "mg/L"),
    ("mmol/L", "mmol/L"),
    ("µmol/L", "umol/L"),
    ("umol/L", "umol/L"),
    ("mEq/L", "meq/L"),
    ("U/L", "U/L"),
    ("IU/L", "[IU]/L"),
    ("mIU/L", "m[IU]/L"),
    ("ng/mL", "ng/mL"),
    ("pg/mL", "pg/mL"),
    ("µg/dL", "ug/dL"),
    ("ug/dL", "ug/dL"),
    ("ng/dL", "ng/dL"),
    ("fL", "fL"),
    ("pg", "pg"),
    ("mL/min", "mL/min"),
    ("mL/min/1.73m2", "mL/min/{1.73_m2}"),
    ("10^9/L", "10*9/L"),
    ("x10^9/L", "10*9/L"),
    ("10^12/L", "10*12/L"),
    ("x10^12/L", "10*12/L"),
    ("mm/h", "mm/h"),
    ("s", "s"),
];

/// The UCUM code of a unit as written, if we know it.
pub fn ucum(unit: &str) -> Option<&'static str> {
    UCUM_UNITS
        .iter()
        .find(|(written, _)| *written == unit.trim())
        .map(|(_, code)| *code)
}

/// A Quantity of `value` in `unit`: with UCUM system and code when the unit is UCUM.
pub fn quantity(value: Value, unit: Option<&str>) -> Value {
    let code = unit.and_then(ucum);
    json!({
        "value": value,
        "unit": unit,
        "system": code.map(|_| UCUM),
        "code": code,
    })
}

fn not_found() -> ApiError {
    ApiError::NotFound {
        detail: "no such Observation".into(),
    }
}

/// Which part of a record an Observation id names.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Part {
    /// The n-th test result, from 1.
    Result(usize),
    /// The vital sign of this key (`pulse_bpm`).
    Vital(&'static str),
}

/// Reads `{record_id}-{n}` or `{record_id}-vs-{key}`.
fn parse_id(id: &str) -> Option<(i32, Part)> {
    let (record, part) = id.split_once('-')?;
    let record_id = record
        .parse::<i32>()
        .ok()
        .filter(|n| *n > 0 && n.to_string() == record)?;
    let part = match part.strip_prefix("vs-") {
        Some(key) => Part::Vital(VITALS.iter().find(|s| vital_id(s) == key)?.key),
        None => {
            let n = part
                .parse::<usize>()
                .ok()
                .filter(|n| *n > 0 && n.to_string() == part)?;
            Part::Result(n)
        }
    };
    Some((record_id, part))
}

/// A vital sign's key as a FHIR id part (`pulse_bpm` → `pulse-bpm`).
fn vital_id(spec: &VitalSpec) -> String {
    spec.key.replace('_', "-")
}

/// `GET /fhir/R4/Observation/{id}`.
pub async fn read(fhir: &Fhir<'_>, id: &str) -> ApiResult<Value> {
    let (record_id, part) = parse_id(id).ok_or_else(not_found)?;
    let record = clinical::read_record(fhir.actor, record_id, &*fhir.state.clinical).await?;
    of_record(&record)
        .into_iter()
        .find(|(p, _)| *p == part)
        .map(|(_, observation)| observation)
        .ok_or_else(not_found)
}

/// A code search value: `code` or `http://loinc.org|code` (LOINC only).
fn loinc_of(value: &str) -> Option<&str> {
    match value.split_once('|') {
        None => Some(value),
        Some((LOINC | "", code)) => Some(code),
        Some(_) => None,
    }
}

/// `GET /fhir/R4/Observation?…`: the results and vitals of one patient's records.
pub async fn search(fhir: &Fhir<'_>, search: &Search) -> ApiResult<Found> {
    let (Ok(wanted_id), Ok(patient_id)) = (
        match search.single("_id")? {
            None => Ok(None),
            Some(id) => parse_id(id).map(Some).ok_or(()),
        },
        search.reference("patient", "Patient")?.filter(),
    ) else {
        return Ok(Found::none());
    };
    let dates = search.dates("date")?;
    let code = match search.single("code")? {
        None => None,
        Some(value) => match loinc_of(value) {
            Some(code) => Some(code.to_owned()),
            None => return Ok(Found::none()),
        },
    };
    let category = search.single("category")?.map(|c| {
        c.strip_prefix(&format!("{CATEGORY}|"))
            .unwrap_or(c)
            .to_owned()
    });
    if dates.is_empty() {
        return Ok(Found::none());
    }
    let records =
        gathered::records_named(fhir, wanted_id.as_ref().map(|(r, _)| *r), patient_id).await?;
    let matches = records
        .iter()
        .flat_map(of_record)
        .filter(|(part, _)| wanted_id.as_ref().is_none_or(|(_, p)| p == part))
        .map(|(_, observation)| observation)
        .filter(|o| {
            o["effectiveDateTime"]
                .as_str()
                .and_then(|t| chrono::DateTime::parse_from_rfc3339(t).ok())
                .is_some_and(|t| gathered::within(&dates, t.to_utc()))
        })
        .filter(|o| {
            code.as_deref().is_none_or(|code| {
                o["code"]["coding"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .any(|c| c["system"] == LOINC && c["code"] == code)
            })
        })
        .filter(|o| {
            category
                .as_deref()
                .is_none_or(|cat| o["category"][0]["coding"][0]["code"] == cat)
        })
        .collect();
    Ok(gathered::page_of(search, matches))
}

/// Whether an addendum changed the record's test results.
pub fn results_amended(record: &MedicalRecord) -> bool {
    record
        .addenda
        .iter()
        .any(|a| a.changes.iter().any(|c| c.field == "test_results"))
}

/// The id of the record's n-th test result (from 1).
pub fn result_id(record: &MedicalRecord, n: usize) -> String {
    format!("{}-{n}", record.record_id)
}

/// Every Observation of a record, test results first, then vital signs.
fn of_record(record: &MedicalRecord) -> Vec<(Part, Value)> {
    let results = record
        .test_results
        .as_slice()
        .iter()
        .enumerate()
        .map(|(i, r)| (Part::Result(i + 1), test_result(record, i + 1, r)));
    let vitals = record
        .vitals
        .iter()
        .flat_map(|v| v.readings())
        .map(|reading| (Part::Vital(reading.spec.key), vital(record, &reading)));
    results.chain(vitals).collect()
}

fn interpretation(flag: Option<ResultFlag>) -> Option<Value> {
    let (code, display) = match flag? {
        ResultFlag::Normal => ("N", "Normal"),
        ResultFlag::Low => ("L", "Low"),
        ResultFlag::High => ("H", "High"),
        ResultFlag::Critical => ("AA", "Critical abnormal"),
        ResultFlag::Abnormal => ("A", "Abnormal"),
    };
    Some(json!([{"coding": [{"system": INTERPRETATION, "code": code, "display": display}]}]))
}

fn category(code: &str, display: &str) -> Value {
    json!([{"coding": [{"system": CATEGORY, "code": code, "display": display}]}])
}

/// What every Observation of `record` shares.
fn common(record: &MedicalRecord, id: String) -> Value {
    json!({
        "resourceType": "Observation",
        "id": id,
        "meta": {"lastUpdated": super::instant(record.updated_at)},
        "status": if results_amended(record) { "amended" } else { "final" },
        "subject": {"reference": format!("Patient/{}", record.patient_id), "display": record.patient_name},
        "encounter": {"reference": format!("Encounter/{}", record.appointment_id)},
        "issued": super::instant(record.updated_at),
        "performer": [{"reference": format!("Practitioner/{}", record.doctor_id), "display": record.doctor_name}],
    })
}

fn merge(mut base: Value, more: Value) -> Value {
    if let (Some(base), Value::Object(more)) = (base.as_object_mut(), more) {
        base.extend(more);
    }
    prune(base).unwrap_or_default()
}

/// The n-th test result of a record.
fn test_result(record: &MedicalRecord, n: usize, result: &TestResult) -> Value {
    let value = result.value();
    let unit = result.unit();
    let range = result.range();
    let limit = |limit: Option<f64>| limit.map(|l| quantity(json!(l), unit));
    let reference_range = (range.low.is_some()
        || range.high.is_some()
        || result.reference_range().is_some())
    .then(|| {
        json!([{
            "low": limit(range.low),
            "high": limit(range.high),
            "text": result.reference_range(),
        }])
    });
    let observed = result.observed_at().unwrap_or(record.created_at);
    merge(
        common(record, result_id(record, n)),
        json!({
            "category": category("laboratory", "Laboratory"),
            "code": {"text": result.name()},
            "effectiveDateTime": super::instant(observed),
            "valueQuantity": value.is_number().then(|| quantity(value.clone(), unit)),
            "valueString": value.as_str(),
            "interpretation": interpretation(result.flag()),
            "referenceRange": reference_range,
        }),
    )
}

/// One vital sign of a record.
fn vital(record: &MedicalRecord, reading: &VitalReading) -> Value {
    let spec = reading.spec;
    let loinc = VITAL_LOINC.iter().find(|(key, _, _)| *key == spec.key);
    let unit = Some(spec.unit);
    let reference_range = spec.normal.map(|(low, high)| {
        json!([{"low": quantity(json!(low), unit), "high": quantity(json!(high), unit)}])
    });
    merge(
        common(
            record,
            format!("{}-vs-{}", record.record_id, vital_id(&spec)),
        ),
        json!({
            "category": category("vital-signs", "Vital Signs"),
            "code": {
                "coding": loinc.map(|(_, code, display)| vec![json!({"system": LOINC, "code": code, "display": display})]),
                "text": spec.label,
            },
            "effectiveDateTime": super::instant(record.created_at),
            "valueQuantity": quantity(json!(reading.value), unit),
            "interpretation": interpretation(reading.flag),
            "referenceRange": reference_range,
        }),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_name_a_result_or_a_vital_sign() {
        assert_eq!(parse_id("12-3"), Some((12, Part::Result(3))));
        assert_eq!(
            parse_id("12-vs-pulse-bpm"),
            Some((12, Part::Vital("pulse_bpm")))
        );
        for bad in ["12", "12-0", "012-1", "12-01", "12-vs-colour", "x-1", "12-"] {
            assert_eq!(parse_id(bad), None, "{bad}");
        }
    }

    #[test]
    fn every_vital_sign_has_a_loinc_code_and_a_ucum_unit() {
        for spec in VITALS {
            assert!(
                VITAL_LOINC.iter().any(|(key, _, _)| *key == spec.key),
                "{}",
                spec.key
            );
            assert!(ucum(spec.unit).is_some(), "{}", spec.unit);
        }
    }

    #[test]
    fn a_unit_we_do_not_know_stays_text() {
        assert_eq!(
            quantity(json!(4), Some("furlongs")),
            json!({"value": 4, "unit": "furlongs", "system": null, "code": null})
        );
        assert_eq!(quantity(json!(4), Some("mmol/L"))["code"], "mmol/L");
    }
}
