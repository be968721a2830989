//! Practitioner: a doctor of the directory (everyone signed in may read the directory).

use clinic_domain::directory::{self, Doctor, DoctorFilter};
use serde_json::{Value, json};

use crate::error::ApiResult;
use crate::fhir::bundle::Found;
use crate::fhir::search::Search;
use crate::fhir::{Fhir, prune};

/// The identifier system of doctors' licence numbers.
pub const LICENSE_SYSTEM: &str = "urn:clinic:license";

/// `GET /fhir/R4/Practitioner/{id}`.
pub async fn read(fhir: &Fhir<'_>, id: i32) -> ApiResult<Value> {
    let doctor = directory::get_doctor(fhir.actor, id, &*fhir.state.doctors).await?;
    Ok(to_fhir(&doctor))
}

/// The doctors `ids` names (for `_include`).
pub async fn read_each(fhir: &Fhir<'_>, ids: &[i32]) -> ApiResult<Vec<Value>> {
    super::read_visible(ids, |id| read(fhir, id)).await
}

/// `GET /fhir/R4/Practitioner?…`.
pub async fn search(fhir: &Fhir<'_>, search: &Search) -> ApiResult<Found> {
    let Ok(id) = search.id()?.filter() else {
        return Ok(Found::none());
    };
    let filter = DoctorFilter {
        q: search.text("name")?,
        doctor_id: id,
        ..DoctorFilter::default()
    };
    let page = directory::list_doctors(
        fhir.actor,
        &filter,
        search.page_request(),
        &*fhir.state.doctors,
    )
    .await?;
    Ok(Found {
        total: page.total,
        matches: page.items.iter().map(to_fhir).collect(),
        included: Vec::new(),
    })
}

/// One doctor as a FHIR Practitioner.
pub fn to_fhir(doctor: &Doctor) -> Value {
    let given: Vec<&str> = std::iter::once(doctor.first_name.as_str())
        .chain(doctor.middle_name.as_deref())
        .collect();
    let resource = json!({
        "resourceType": "Practitioner",
        "id": doctor.doctor_id.to_string(),
        "meta": {"lastUpdated": super::instant(doctor.updated_at)},
        "identifier": [{"system": LICENSE_SYSTEM, "value": doctor.license_number}],
        "active": true,
        "name": [{
            "use": "official",
            "text": format!("Dr. {} {}", doctor.first_name, doctor.last_name),
            "family": doctor.last_name,
            "given": given,
            "prefix": ["Dr."],
        }],
    });
    prune(resource).unwrap_or_default()
}
