//! MedicationRequest: a prescription.
//!
//! | FHIR | ours |
//! |---|---|
//! | `id` | `prescriptions.prescription_id` |
//! | `status` | see below |
//! | `intent` | `order` |
//! | `medicationCodeableConcept.text` | `medication_name` (we store no RxNorm code) |
//! | `subject` | `Patient/{patient_id}` |
//! | `requester` | `Practitioner/{doctor_id}`: the record's doctor, who prescribed |
//! | `authoredOn` | `date_issued` |
//! | `dosageInstruction` | `text` = dose, route, frequency and instructions; `patientInstruction` = instructions; `route.text`, `timing.code.text` = frequency, `doseAndRate` not structured (dose is text) |
//! | `dispenseRequest` | `quantity.value` = quantity, `numberOfRepeatsAllowed` = refills, `expectedSupplyDuration` = `duration_days` (UCUM `d`), `validityPeriod` = issued – course end |
//! | `identifier` | `urn:clinic:medical-record` \| `record_id`: the record it is on (the prescription does not carry the visit, so no `encounter`) |
//! | `note` | the allergy override reason, when prescribed despite a matching allergy |
//!
//! Status, at the time of the read: ended by the doctor (`ended_at` passed) → `stopped`; a
//! course of fixed length run out (`date_issued + duration_days` passed) → `completed`; else
//! `active`.
//!
//! Who may read it: as the record it is on (`clinical::read_prescription` /
//! `list_prescriptions`): the patient and the doctors who treat them; staff and admins never
//! (403).

use chrono::{DateTime, Utc};
use clinic_domain::clinical::{self, Course, ListPrescriptions, Prescription};
use serde_json::{Value, json};

use crate::error::{ApiError, ApiResult};
use crate::fhir::bundle::Found;
use crate::fhir::search::Search;
use crate::fhir::{Fhir, prune};

use super::{gathered, observation};

/// The identifier system of the medical record a prescription is on.
const RECORD_SYSTEM: &str = "urn:clinic:medical-record";
const STATUSES: [&str; 3] = ["active", "completed", "stopped"];

/// The FHIR status of `p` at `now`: its course, one to one.
pub fn status_code(p: &Prescription, now: DateTime<Utc>) -> &'static str {
    match p.course(now) {
        Course::Running => "active",
        Course::Completed => "completed",
        Course::Stopped => "stopped",
    }
}

/// `GET /fhir/R4/MedicationRequest/{id}`.
pub async fn read(fhir: &Fhir<'_>, id: i32) -> ApiResult<Value> {
    let p = clinical::read_prescription(fhir.actor, id, &*fhir.state.clinical).await?;
    Ok(to_fhir(&p, fhir.state.clock.now()))
}

/// `GET /fhir/R4/MedicationRequest?…`.
pub async fn search(fhir: &Fhir<'_>, search: &Search) -> ApiResult<Found> {
    let (Ok(id), Ok(patient_id)) = (
        search.id()?.filter(),
        search.reference("patient", "Patient")?.filter(),
    ) else {
        return Ok(Found::none());
    };
    let status = match search.single("status")? {
        None => None,
        Some(code) => {
            let code = code
                .strip_prefix("http://hl7.org/fhir/CodeSystem/medicationrequest-status|")
                .unwrap_or(code);
            match STATUSES.iter().find(|s| **s == code) {
                Some(status) => Some(*status),
                None => return Ok(Found::none()),
            }
        }
    };
    let now = fhir.state.clock.now();
    let state = fhir.state;
    if let Some(id) = id {
        let read = clinical::read_prescription(fhir.actor, id, &*state.clinical).await;
        let found: Vec<Prescription> = gathered::unless_hidden(read.map_err(ApiError::from))?
            .into_iter()
            .filter(|p| patient_id.is_none_or(|patient| patient == p.patient_id))
            .collect();
        let matches = found
            .iter()
            .filter(|p| status.is_none_or(|s| s == status_code(p, now)))
            .map(|p| to_fhir(p, now))
            .collect();
        return Ok(gathered::page_of(search, matches));
    }
    let query = ListPrescriptions {
        patient_id,
        record_id: None,
    };
    let Some(status) = status else {
        // Without a status the domain pages the list itself.
        let page = clinical::list_prescriptions(
            fhir.actor,
            query,
            search.page_request(),
            &*state.clinical,
        )
        .await
        .map_err(gathered::list_error)?;
        return Ok(Found {
            total: page.total,
            matches: page.items.iter().map(|p| to_fhir(p, now)).collect(),
            included: Vec::new(),
        });
    };
    // The status is derived at the time of the read, so it is filtered here.
    let all = gathered::every("patient", |page| async move {
        clinical::list_prescriptions(fhir.actor, query, page, &*state.clinical)
            .await
            .map_err(gathered::list_error)
    })
    .await?;
    let matches = all
        .iter()
        .filter(|p| status_code(p, now) == status)
        .map(|p| to_fhir(p, now))
        .collect();
    Ok(gathered::page_of(search, matches))
}

/// One prescription as a FHIR MedicationRequest, as it stands at `now`.
pub fn to_fhir(p: &Prescription, now: DateTime<Utc>) -> Value {
    let mut text = format!("{} {}, {}", p.dose, p.route, p.frequency);
    if let Some(instructions) = &p.instructions {
        text.push_str(". ");
        text.push_str(instructions);
    }
    let days = p
        .duration_days
        .map(|d| json!({"value": d, "unit": "days", "system": observation::UCUM, "code": "d"}));
    let resource = json!({
        "resourceType": "MedicationRequest",
        "id": p.prescription_id.to_string(),
        "identifier": [{"system": RECORD_SYSTEM, "value": p.record_id.to_string()}],
        "status": status_code(p, now),
        "intent": "order",
        "medicationCodeableConcept": {"text": p.medication_name},
        "subject": {"reference": format!("Patient/{}", p.patient_id)},
        "authoredOn": super::instant(p.date_issued),
        "requester": {"reference": format!("Practitioner/{}", p.doctor_id), "display": p.doctor_name},
        "note": p.allergy_override_reason.as_ref().map(|reason| {
            vec![json!({"text": format!("Prescribed despite a matching allergy: {reason}")})]
        }),
        "dosageInstruction": [{
            "text": text,
            "patientInstruction": p.instructions,
            "timing": {"code": {"text": p.frequency}},
            "route": {"text": p.route},
        }],
        "dispenseRequest": {
            "validityPeriod": {
                "start": super::instant(p.date_issued),
                "end": p.runs_until().map(super::instant),
            },
            "numberOfRepeatsAllowed": p.refills,
            "quantity": {"value": p.quantity},
            "expectedSupplyDuration": days,
        },
    });
    prune(resource).unwrap_or_default()
}
