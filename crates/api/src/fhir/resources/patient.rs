//! Patient: a registration, with the demographics its reader may see.
//!
//! | FHIR | ours |
//! | --- | --- |
//! | `id`, `identifier` (`urn:clinic:mrn`) | `patients.patient_id` |
//! | `name` (official) | first, middle and last name |
//! | `telecom` | the account's email and phone |
//! | `gender` | demographics' gender code (FHIR administrative gender) |
//! | `birthDate` | demographics' date of birth |
//! | `address` | the postal address |
//! | `generalPractitioner` | the care team's primary doctor |
//! | US Core race / ethnicity extensions | demographics' race / ethnicity, CDC codes from the code tables |

use clinic_domain::demographics::{self, Code, CodeKind, ReadDemographicsError};
use clinic_domain::identity::Demographics;
use clinic_domain::patients::{self, Patient, PatientFields, SearchPatients};
use serde_json::{Value, json};

use crate::error::{ApiError, ApiResult};
use crate::fhir::bundle::Found;
use crate::fhir::search::Search;
use crate::fhir::{Fhir, prune};

/// The identifier system of our medical record numbers (the patient id).
pub const MRN_SYSTEM: &str = "urn:clinic:mrn";
const CDC_RACE_AND_ETHNICITY: &str = "urn:oid:2.16.840.1.113883.6.238";
const NULL_FLAVOR: &str = "http://terminology.hl7.org/CodeSystem/v3-NullFlavor";
const US_CORE_RACE: &str = "http://hl7.org/fhir/us/core/StructureDefinition/us-core-race";
const US_CORE_ETHNICITY: &str = "http://hl7.org/fhir/us/core/StructureDefinition/us-core-ethnicity";
/// The OMB race categories; any other CDC race code is a `detailed` one.
const OMB_RACES: [&str; 5] = ["1002-5", "2028-9", "2054-5", "2076-8", "2106-3"];

/// `GET /fhir/R4/Patient/{id}`.
pub async fn read(fhir: &Fhir<'_>, id: i32) -> ApiResult<Value> {
    let state = fhir.state;
    let patient = patients::read_patient(
        fhir.actor,
        id,
        &*state.access,
        &*state.patients,
        &*state.reads,
    )
    .await?;
    let mut mapped = map_all(fhir, vec![patient]).await?;
    mapped.pop().ok_or_else(|| ApiError::not_found("patient"))
}

/// The patients `ids` names, as far as the reader may see them (for `_include`).
pub async fn read_each(fhir: &Fhir<'_>, ids: &[i32]) -> ApiResult<Vec<Value>> {
    super::read_visible(ids, |id| read(fhir, id)).await
}

/// `GET /fhir/R4/Patient?…`.
pub async fn search(fhir: &Fhir<'_>, search: &Search) -> ApiResult<Found> {
    let Ok(by_id) = search.id()?.filter() else {
        return Ok(Found::none());
    };
    let Ok(by_identifier) = identifier(search)? else {
        return Ok(Found::none());
    };
    let patient_id = match (by_id, by_identifier) {
        (Some(a), Some(b)) if a != b => return Ok(Found::none()),
        (a, b) => a.or(b),
    };
    let gender = match search.single("gender")? {
        None => None,
        Some(text) => match gender_code(fhir, text).await? {
            Some(code) => Some(code),
            None => return Ok(Found::none()),
        },
    };
    let born = search.dates("birthdate")?;
    if born.is_empty() {
        return Ok(Found::none());
    }
    let (born_from, born_before) = born.days();
    let fields = PatientFields {
        patient_id,
        name: search.text("name")?,
        family: search.text("family")?,
        given: search.text("given")?,
        gender,
        born_from,
        born_before,
    };
    let query = SearchPatients {
        fields,
        ..SearchPatients::default()
    };
    let state = fhir.state;
    let page = patients::search_patients(
        fhir.actor,
        query,
        search.page_request(),
        &*state.patients,
        &*state.reads,
    )
    .await?;
    Ok(Found {
        total: page.total,
        matches: map_all(fhir, page.items).await?,
        included: Vec::new(),
    })
}

/// `identifier=[system|]value`: an MRN, or nothing when another system is named.
fn identifier(search: &Search) -> ApiResult<Result<Option<i32>, ()>> {
    let Some(value) = search.single("identifier")? else {
        return Ok(Ok(None));
    };
    let number = match value.split_once('|') {
        Some((system, number)) if system.is_empty() || system == MRN_SYSTEM => number,
        Some(_) => return Ok(Err(())),
        None => value,
    };
    Ok(match number.parse::<i32>() {
        Ok(n) if n > 0 && n.to_string() == number => Ok(Some(n)),
        _ => Err(()),
    })
}

/// The code of a FHIR administrative gender, `None` for a code we do not have.
async fn gender_code(fhir: &Fhir<'_>, text: &str) -> ApiResult<Option<i16>> {
    let code = text
        .strip_prefix("http://hl7.org/fhir/administrative-gender|")
        .unwrap_or(text);
    let genders = fhir.state.codes.list(CodeKind::Gender).await?;
    Ok(genders.iter().find(|g| g.text == code).map(|g| g.code))
}

/// The code tables a page of patients is mapped with, read once.
struct Codes {
    race: Vec<Code>,
    ethnicity: Vec<Code>,
    gender: Vec<Code>,
}

async fn map_all(fhir: &Fhir<'_>, patients: Vec<Patient>) -> ApiResult<Vec<Value>> {
    let mut mapped = Vec::with_capacity(patients.len());
    let mut codes: Option<Codes> = None;
    for patient in patients {
        let demographics = readable_demographics(fhir, patient.user_id).await?;
        if demographics.is_some() && codes.is_none() {
            let tables = &fhir.state.codes;
            codes = Some(Codes {
                race: tables.list(CodeKind::Race).await?,
                ethnicity: tables.list(CodeKind::Ethnicity).await?,
                gender: tables.list(CodeKind::Gender).await?,
            });
        }
        mapped.push(to_fhir(&patient, demographics.as_ref().zip(codes.as_ref())));
    }
    Ok(mapped)
}

/// The patient's demographics when the reader may see them (the domain decides), else `None`.
async fn readable_demographics(fhir: &Fhir<'_>, user_id: i32) -> ApiResult<Option<Demographics>> {
    let state = fhir.state;
    match demographics::read_demographics(fhir.actor, user_id, &*state.users, &*state.reads).await {
        Ok(found) => Ok(Some(found)),
        Err(ReadDemographicsError::Denied(_)) => Ok(None),
        Err(other) => Err(other.into()),
    }
}

fn to_fhir(patient: &Patient, demographics: Option<(&Demographics, &Codes)>) -> Value {
    let given: Vec<&str> = std::iter::once(patient.first_name.as_str())
        .chain(patient.middle_name.as_deref())
        .collect();
    let text = given
        .iter()
        .copied()
        .chain([patient.last_name.as_str()])
        .collect::<Vec<_>>()
        .join(" ");
    let phone = patient.phone_number.as_ref().map(|number| {
        let mut value = match &patient.phone_country_code {
            Some(cc) => format!("+{} {number}", cc.trim_start_matches('+')),
            None => number.clone(),
        };
        if let Some(ext) = &patient.phone_extension {
            value.push_str(&format!(" ext. {ext}"));
        }
        json!({"system": "phone", "value": value, "use": "mobile"})
    });
    let address = patient.address.as_ref().map(|a| {
        json!({
            "use": "home",
            "line": [a.line1, a.line2],
            "city": a.city,
            "state": a.state,
            "postalCode": a.postal_code,
            "country": a.country,
        })
    });
    let (gender, extensions) = match demographics {
        None => (None, Vec::new()),
        Some((d, codes)) => (
            d.gender
                .and_then(|g| codes.gender.iter().find(|c| c.code == g))
                .map(|c| c.text.clone()),
            [
                d.race
                    .and_then(|r| codes.race.iter().find(|c| c.code == r))
                    .map(race),
                d.ethnicity
                    .and_then(|e| codes.ethnicity.iter().find(|c| c.code == e))
                    .map(ethnicity),
            ]
            .into_iter()
            .flatten()
            .collect(),
        ),
    };
    let resource = json!({
        "resourceType": "Patient",
        "id": patient.patient_id.to_string(),
        "meta": {"lastUpdated": super::instant(patient.updated_at)},
        "extension": extensions,
        "identifier": [{
            "use": "usual",
            "type": {"coding": [{
                "system": "http://terminology.hl7.org/CodeSystem/v2-0203",
                "code": "MR",
                "display": "Medical record number",
            }]},
            "system": MRN_SYSTEM,
            "value": patient.patient_id.to_string(),
        }],
        "active": true,
        "name": [{"use": "official", "text": text, "family": patient.last_name, "given": given}],
        "telecom": [
            Some(json!({"system": "email", "value": patient.email, "use": "home"})),
            phone,
        ],
        "gender": gender,
        "birthDate": patient.dob.map(|d| d.to_string()),
        "address": [address],
        "generalPractitioner": patient
            .primary_doctor_id
            .map(|d| vec![json!({"reference": format!("Practitioner/{d}")})]),
    });
    prune(resource).unwrap_or_default()
}

/// The US Core race extension: an OMB category, the CDC's detailed "Other Race", or the
/// `UNK` null flavour for "Unknown or declined".
fn race(code: &Code) -> Value {
    let (slot, coding) = match code.cdc_code.as_deref() {
        Some(cdc) if OMB_RACES.contains(&cdc) => ("ombCategory", cdc_coding(cdc, &code.text)),
        Some(cdc) => ("detailed", cdc_coding(cdc, &code.text)),
        None => ("ombCategory", unknown()),
    };
    json!({
        "url": US_CORE_RACE,
        "extension": [
            {"url": slot, "valueCoding": coding},
            {"url": "text", "valueString": code.text},
        ],
    })
}

/// The US Core ethnicity extension: "Hispanic or Latino" or not, or `UNK`.
fn ethnicity(code: &Code) -> Value {
    let coding = match code.cdc_code.as_deref() {
        Some(cdc) => cdc_coding(cdc, &code.text),
        None => unknown(),
    };
    json!({
        "url": US_CORE_ETHNICITY,
        "extension": [
            {"url": "ombCategory", "valueCoding": coding},
            {"url": "text", "valueString": code.text},
        ],
    })
}

fn cdc_coding(code: &str, display: &str) -> Value {
    json!({"system": CDC_RACE_AND_ETHNICITY, "code": code, "display": display})
}

fn unknown() -> Value {
    json!({"system": NULL_FLAVOR, "code": "UNK", "display": "Unknown"})
}
