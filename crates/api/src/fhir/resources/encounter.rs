//! Encounter: a completed visit (an appointment with status completed), with the same id.
//!
//! | FHIR | ours |
//! |---|---|
//! | `id` | `appointments.appointment_id` |
//! | `status` | always `finished` (only completed visits are Encounters) |
//! | `class` | `AMB` (ambulatory, v3-ActCode) |
//! | `serviceType.text` | the visit type's name |
//! | `subject` | `Patient/{patient_id}` |
//! | `participant` | the doctor, type `ATND` (attender) |
//! | `appointment` | `Appointment/{appointment_id}` |
//! | `period` | `starts_at` – `ends_at` |
//! | `length` | `duration_minutes` (UCUM `min`) |
//! | `reasonCode.text` | `reason` |
//! | `location` | `Location/{office_id}` |
//!
//! Who may read it: whoever may read the visit as an Appointment (the domain's
//! `scheduling::view` / `scheduling::list`): the patient, their doctors, staff and admins. A
//! visit that is not completed is not an Encounter (404).

use clinic_domain::scheduling::{self, Appointment, AppointmentStatus, ListAppointments};
use serde_json::{Value, json};

use crate::error::{ApiError, ApiResult};
use crate::fhir::bundle::Found;
use crate::fhir::search::{Search, Wanted};
use crate::fhir::{Fhir, prune};

/// FHIR's v3 ActCode system, for `Encounter.class`.
const ACT_CODE: &str = "http://terminology.hl7.org/CodeSystem/v3-ActCode";
/// FHIR's v3 ParticipationType system, for the doctor's role in the visit.
const PARTICIPATION_TYPE: &str = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType";

fn not_found() -> ApiError {
    ApiError::NotFound {
        detail: "no such Encounter".into(),
    }
}

/// `GET /fhir/R4/Encounter/{id}`.
pub async fn read(fhir: &Fhir<'_>, id: i32) -> ApiResult<Value> {
    let state = fhir.state;
    let visit = scheduling::view(
        fhir.actor,
        id,
        &*state.appointments,
        &*state.access,
        &*state.reads,
    )
    .await?;
    if visit.status != AppointmentStatus::Completed {
        return Err(not_found());
    }
    Ok(to_fhir(&visit))
}

/// `GET /fhir/R4/Encounter?…`: the completed visits the domain's list shows the reader.
pub async fn search(fhir: &Fhir<'_>, search: &Search) -> ApiResult<Found> {
    let wanted = |w: Wanted| w.filter();
    let practitioner = match search.reference("practitioner", "Practitioner")? {
        Wanted::Any => search.reference("participant", "Practitioner")?,
        named => {
            if search.single("participant")?.is_some() {
                return Err(ApiError::invalid_field(
                    "participant",
                    "give practitioner or participant, not both",
                ));
            }
            named
        }
    };
    let (Ok(appointment_id), Ok(patient_id), Ok(doctor_id)) = (
        wanted(search.id()?),
        wanted(search.reference("patient", "Patient")?),
        wanted(practitioner),
    ) else {
        return Ok(Found::none());
    };
    let dates = search.dates("date")?;
    if dates.is_empty() {
        return Ok(Found::none());
    }
    let query = ListAppointments {
        doctor_id,
        patient_id,
        office_id: None,
        status: Some(AppointmentStatus::Completed),
        from: None,
        to: dates.before,
        starts_from: dates.from,
        appointment_id,
    };
    let page = super::appointment::list_page(fhir, search, query).await?;
    Ok(Found {
        total: page.total,
        matches: page.items.iter().map(to_fhir).collect(),
        included: Vec::new(),
    })
}

/// One completed visit as a FHIR Encounter.
pub fn to_fhir(a: &Appointment) -> Value {
    let resource = json!({
        "resourceType": "Encounter",
        "id": a.appointment_id.to_string(),
        "meta": {"lastUpdated": super::instant(a.updated_at)},
        "status": "finished",
        "class": {"system": ACT_CODE, "code": "AMB", "display": "ambulatory"},
        "serviceType": a.visit_type.as_ref().map(|v| json!({"text": v.name})),
        "subject": {"reference": format!("Patient/{}", a.patient_id), "display": a.patient_name},
        "participant": [{
            "type": [{"coding": [{"system": PARTICIPATION_TYPE, "code": "ATND", "display": "attender"}]}],
            "individual": {"reference": format!("Practitioner/{}", a.doctor_id), "display": a.doctor_name},
        }],
        "appointment": [{"reference": format!("Appointment/{}", a.appointment_id)}],
        "period": {"start": super::instant(a.starts_at), "end": super::instant(a.ends_at)},
        "length": {
            "value": a.duration_minutes,
            "unit": "min",
            "system": super::observation::UCUM,
            "code": "min",
        },
        "reasonCode": a.reason.as_ref().map(|r| vec![json!({"text": r})]),
        "location": [{"location": {"reference": format!("Location/{}", a.office_id), "display": a.office_name}}],
    });
    prune(resource).unwrap_or_default()
}
