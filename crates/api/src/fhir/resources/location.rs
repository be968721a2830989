//! Location: an office of the clinic (everyone signed in may read the directory).

use clinic_domain::directory::{self, Office, OfficeFilter};
use serde_json::{Value, json};

use crate::error::ApiResult;
use crate::fhir::bundle::Found;
use crate::fhir::search::Search;
use crate::fhir::{Fhir, prune};

/// `GET /fhir/R4/Location/{id}`.
pub async fn read(fhir: &Fhir<'_>, id: i32) -> ApiResult<Value> {
    let office = directory::get_office(fhir.actor, id, &*fhir.state.offices).await?;
    Ok(to_fhir(&office))
}

/// The offices `ids` names (for `_include`).
pub async fn read_each(fhir: &Fhir<'_>, ids: &[i32]) -> ApiResult<Vec<Value>> {
    super::read_visible(ids, |id| read(fhir, id)).await
}

/// `GET /fhir/R4/Location?…`.
pub async fn search(fhir: &Fhir<'_>, search: &Search) -> ApiResult<Found> {
    let Ok(id) = search.id()?.filter() else {
        return Ok(Found::none());
    };
    let filter = OfficeFilter {
        q: search.text("name")?,
        office_id: id,
        ..OfficeFilter::default()
    };
    let page = directory::list_offices(
        fhir.actor,
        &filter,
        search.page_request(),
        &*fhir.state.offices,
    )
    .await?;
    Ok(Found {
        total: page.total,
        matches: page.items.iter().map(to_fhir).collect(),
        included: Vec::new(),
    })
}

/// One office as a FHIR Location.
pub fn to_fhir(office: &Office) -> Value {
    let phone = office.phone_number.as_ref().map(|number| {
        let value = match &office.phone_country_code {
            Some(cc) => format!("+{} {number}", cc.trim_start_matches('+')),
            None => number.clone(),
        };
        json!({"system": "phone", "value": value, "use": "work"})
    });
    let email = office
        .email
        .as_ref()
        .map(|e| json!({"system": "email", "value": e, "use": "work"}));
    let resource = json!({
        "resourceType": "Location",
        "id": office.office_id.to_string(),
        "meta": {"lastUpdated": super::instant(office.updated_at)},
        "status": if office.is_active { "active" } else { "inactive" },
        "name": office.name,
        "mode": "instance",
        "telecom": [phone, email],
        "address": {
            "use": "work",
            "line": [office.address_line1, office.address_line2],
            "city": office.city,
            "state": office.state,
            "postalCode": office.postal_code,
            "country": office.country,
        },
        "managingOrganization": {"reference": format!("Organization/{}", super::CLINIC_ORGANIZATION_ID)},
    });
    prune(resource).unwrap_or_default()
}
