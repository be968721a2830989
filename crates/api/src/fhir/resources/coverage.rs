//! Coverage: a patient's insurance policy. Whoever may read the patient's profile reads their
//! policies (admins, staff, the doctors who treat them, the patient themself); others are told
//! there is no such policy.
//!
//! | FHIR | ours |
//! | --- | --- |
//! | `id` | `insurances.insurance_id` |
//! | `status` | `is_active`: true → `active`, false (deactivated) → `cancelled` |
//! | `identifier` (`urn:clinic:policy`), `subscriberId` | the policy number |
//! | `beneficiary` | `Patient/{patient_id}` |
//! | `subscriber` | the holder: `Patient/{patient_id}` when the patient holds it themself, else the holder's name as `display` |
//! | `relationship` | the holder's relationship, `http://terminology.hl7.org/CodeSystem/subscriber-relationship` (self, spouse, parent, child, other) |
//! | `period` | `valid_from` – `valid_to` (open-ended without it) |
//! | `payor` | the insurer's name as `display` (insurers are not stored as organizations) |
//! | `class` (`group`) | the group number, when stored |

use clinic_domain::patients::{self, HolderRelationship, Insurance};
use serde_json::{Value, json};

use crate::error::{ApiError, ApiResult};
use crate::fhir::bundle::Found;
use crate::fhir::search::{Search, Wanted};
use crate::fhir::{Fhir, prune};

/// The identifier system of policy numbers.
pub const POLICY_SYSTEM: &str = "urn:clinic:policy";
const RELATIONSHIP: &str = "http://terminology.hl7.org/CodeSystem/subscriber-relationship";
const CLASS: &str = "http://terminology.hl7.org/CodeSystem/coverage-class";

/// `GET /fhir/R4/Coverage/{id}`.
pub async fn read(fhir: &Fhir<'_>, id: i32) -> ApiResult<Value> {
    let state = fhir.state;
    let insurance = patients::read_insurance(
        fhir.actor,
        id,
        &*state.access,
        &*state.insurances,
        &*state.reads,
    )
    .await?;
    Ok(to_fhir(&insurance))
}

/// The patient a search names by `patient`, required.
///
/// # Errors
/// 400 when it is not given.
pub fn required_patient(search: &Search) -> ApiResult<Wanted> {
    match search.reference("patient", "Patient")? {
        Wanted::Any => Err(required("patient")),
        wanted => Ok(wanted),
    }
}

/// The 400 of a search without its required parameter `name`.
pub fn required(name: &str) -> ApiError {
    ApiError::InvalidQuery {
        errors: vec![crate::error::FieldError {
            field: name.into(),
            message: format!(
                "is required: this type is searched per patient ({name}=Patient/{{id}})"
            ),
        }],
    }
}

/// The patient a search names by `patient` or `beneficiary` (the same here), required.
///
/// # Errors
/// 400 when neither is given.
fn searched_patient(search: &Search) -> ApiResult<Wanted> {
    let patient = search.reference("patient", "Patient")?;
    let beneficiary = search.reference("beneficiary", "Patient")?;
    Ok(match (patient, beneficiary) {
        (Wanted::Any, Wanted::Any) => return Err(required("patient")),
        (Wanted::Id(a), Wanted::Id(b)) if a != b => Wanted::Nothing,
        (Wanted::Nothing, _) | (_, Wanted::Nothing) => Wanted::Nothing,
        (Wanted::Id(a), _) | (_, Wanted::Id(a)) => Wanted::Id(a),
    })
}

/// `GET /fhir/R4/Coverage?…`: `patient` (or `beneficiary`) is required.
pub async fn search(fhir: &Fhir<'_>, search: &Search) -> ApiResult<Found> {
    let Ok(Some(patient_id)) = searched_patient(search)?.filter() else {
        return Ok(Found::none());
    };
    let Ok(by_id) = search.id()?.filter() else {
        return Ok(Found::none());
    };
    let state = fhir.state;
    if let Some(id) = by_id {
        // One policy: read it (authorized as a read), and keep it if it is this patient's.
        let insurance = match patients::read_insurance(
            fhir.actor,
            id,
            &*state.access,
            &*state.insurances,
            &*state.reads,
        )
        .await
        {
            Ok(insurance) => insurance,
            Err(e) => match ApiError::from(e) {
                ApiError::NotFound { .. } => return Ok(Found::none()),
                other => return Err(other),
            },
        };
        if insurance.patient_id != patient_id || search.page > 1 {
            return Ok(Found {
                total: u64::from(insurance.patient_id == patient_id),
                ..Found::none()
            });
        }
        return Ok(Found {
            total: 1,
            matches: vec![to_fhir(&insurance)],
            included: Vec::new(),
        });
    }
    let page = patients::list_insurances(
        fhir.actor,
        patient_id,
        search.page_request(),
        &*state.access,
        &*state.insurances,
        &*state.reads,
    )
    .await?;
    Ok(Found {
        total: page.total,
        matches: page.items.iter().map(to_fhir).collect(),
        included: Vec::new(),
    })
}

/// One policy as a FHIR Coverage.
pub fn to_fhir(insurance: &Insurance) -> Value {
    let patient = format!("Patient/{}", insurance.patient_id);
    let subscriber = match insurance.holder_relationship {
        HolderRelationship::Own => {
            json!({"reference": patient, "display": insurance.holder_name})
        }
        _ => json!({"display": insurance.holder_name}),
    };
    let group = insurance.group_number.as_ref().map(|group| {
        json!({
            "type": {"coding": [{"system": CLASS, "code": "group", "display": "Group"}]},
            "value": group,
        })
    });
    let resource = json!({
        "resourceType": "Coverage",
        "id": insurance.insurance_id.to_string(),
        "meta": {"lastUpdated": super::instant(insurance.updated_at)},
        "identifier": [{"system": POLICY_SYSTEM, "value": insurance.policy_number}],
        "status": if insurance.is_active { "active" } else { "cancelled" },
        "subscriber": subscriber,
        "subscriberId": insurance.policy_number,
        "beneficiary": {"reference": patient},
        "relationship": {
            "coding": [{"system": RELATIONSHIP, "code": insurance.holder_relationship.as_str()}],
        },
        "period": {
            "start": insurance.valid_from.to_string(),
            "end": insurance.valid_to.map(|d| d.to_string()),
        },
        "payor": [{"display": insurance.provider_name}],
        "class": [group],
    });
    prune(resource).unwrap_or_default()
}
