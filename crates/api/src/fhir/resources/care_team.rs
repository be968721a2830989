//! CareTeam: a patient's doctors, one team per patient (`id` = the patient's id), the primary
//! doctor first. Whoever may read the patient reads their team (admins, staff, the doctors who
//! treat them, the patient themself); others are told there is no such patient.
//!
//! | FHIR | ours |
//! | --- | --- |
//! | `id`, `subject` | the patient (`Patient/{patient_id}`) |
//! | `status` | always `active` |
//! | `participant.member` | `Practitioner/{doctor_id}`, the doctor's name as `display` |
//! | `participant.role` | the primary doctor: SNOMED CT `446050000` "Primary care physician"; any other member: text "Doctor" and their specialty |
//! | `participant.period.start` | when the doctor joined the team |
//! | `managingOrganization` | `Organization/clinic` |

use clinic_domain::care_team::{self, CareTeamEntry};
use clinic_domain::pagination::PageRequest;
use serde_json::{Value, json};

use crate::error::ApiResult;
use crate::fhir::bundle::Found;
use crate::fhir::search::Search;
use crate::fhir::{Fhir, prune};

const SNOMED: &str = "http://snomed.info/sct";
/// SNOMED CT "Primary care physician".
pub const PRIMARY_CARE_PHYSICIAN: &str = "446050000";

/// `GET /fhir/R4/CareTeam/{id}`: the team of patient `id`.
pub async fn read(fhir: &Fhir<'_>, patient_id: i32) -> ApiResult<Value> {
    let state = fhir.state;
    let mut members = Vec::new();
    let mut page = 1;
    loop {
        let request =
            PageRequest::parse(Some(page), Some(PageRequest::MAX_PER_PAGE)).unwrap_or_default();
        let found = care_team::read_team(
            fhir.actor,
            patient_id,
            request,
            &*state.care_teams,
            &*state.reads,
        )
        .await?;
        let fetched = found.items.len();
        members.extend(found.items);
        if fetched == 0 || members.len() as u64 >= found.total {
            break;
        }
        page += 1;
    }
    Ok(to_fhir(patient_id, &members))
}

/// `GET /fhir/R4/CareTeam?…`: `patient` is required; the one team of that patient.
pub async fn search(fhir: &Fhir<'_>, search: &Search) -> ApiResult<Found> {
    let Ok(Some(patient_id)) = super::coverage::required_patient(search)?.filter() else {
        return Ok(Found::none());
    };
    let Ok(by_id) = search.id()?.filter() else {
        return Ok(Found::none());
    };
    if by_id.is_some_and(|id| id != patient_id) {
        return Ok(Found::none());
    }
    let team = read(fhir, patient_id).await?;
    Ok(Found {
        total: 1,
        matches: if search.page == 1 {
            vec![team]
        } else {
            Vec::new()
        },
        included: Vec::new(),
    })
}

/// A patient's team as a FHIR CareTeam.
pub fn to_fhir(patient_id: i32, members: &[CareTeamEntry]) -> Value {
    let participant: Vec<Value> = members
        .iter()
        .map(|m| {
            let role = if m.is_primary {
                json!({
                    "coding": [{
                        "system": SNOMED,
                        "code": PRIMARY_CARE_PHYSICIAN,
                        "display": "Primary care physician",
                    }],
                    "text": "Primary care physician",
                })
            } else {
                json!({"text": format!("Doctor ({})", m.specialty_name)})
            };
            json!({
                "role": [role],
                "member": {
                    "reference": format!("Practitioner/{}", m.doctor_id),
                    "display": format!("Dr. {} {}", m.first_name, m.last_name),
                },
                "period": {"start": super::instant(m.added_at)},
            })
        })
        .collect();
    let resource = json!({
        "resourceType": "CareTeam",
        "id": patient_id.to_string(),
        "status": "active",
        "subject": {"reference": format!("Patient/{patient_id}")},
        "participant": participant,
        "managingOrganization": [{"reference": format!("Organization/{}", super::CLINIC_ORGANIZATION_ID)}],
    });
    prune(resource).unwrap_or_default()
}
