//! Organization: the clinic itself, the one organization every Location's
//! `managingOrganization` and every Invoice's `issuer` names. Everyone signed in may read it.
//!
//! | FHIR | ours |
//! | --- | --- |
//! | `id` | always `clinic` ([`super::CLINIC_ORGANIZATION_ID`]); any other id is a 404 |
//! | `active` | always true |
//! | `type` | `prov` (Healthcare Provider), `http://terminology.hl7.org/CodeSystem/organization-type` |
//! | `name` | [`CLINIC_NAME`]: no clinic name is stored (neither settings nor configuration hold one) |

use serde_json::{Value, json};

use crate::error::{ApiError, ApiResult};
use crate::fhir::bundle::Found;
use crate::fhir::search::Search;
use crate::fhir::{Fhir, prune};

/// The clinic's name as FHIR shows it: fixed, since none is stored.
pub const CLINIC_NAME: &str = "Clinic";
const ORGANIZATION_TYPE: &str = "http://terminology.hl7.org/CodeSystem/organization-type";

/// `GET /fhir/R4/Organization/{id}`: the clinic for `clinic`, a 404 for any other id.
pub fn read(_fhir: &Fhir<'_>, id: &str) -> ApiResult<Value> {
    if id == super::CLINIC_ORGANIZATION_ID {
        Ok(to_fhir())
    } else {
        Err(ApiError::not_found("Organization"))
    }
}

/// `GET /fhir/R4/Organization?…`: the clinic, when `_id` and `name` (the start of a word of
/// its name, any case) allow it.
pub fn search(_fhir: &Fhir<'_>, search: &Search) -> ApiResult<Found> {
    let id_matches = search
        .single("_id")?
        .is_none_or(|id| id.rsplit('/').next() == Some(super::CLINIC_ORGANIZATION_ID));
    let name_matches = search.text("name")?.is_none_or(|start| {
        CLINIC_NAME
            .to_lowercase()
            .split_whitespace()
            .any(|word| word.starts_with(&start))
            || CLINIC_NAME.to_lowercase().starts_with(&start)
    });
    if !(id_matches && name_matches) {
        return Ok(Found::none());
    }
    let matches: Vec<Value> = std::iter::once(to_fhir())
        .skip((search.page as usize - 1) * search.count as usize)
        .collect();
    Ok(Found {
        total: 1,
        matches,
        included: Vec::new(),
    })
}

/// The clinic as a FHIR Organization.
pub fn to_fhir() -> Value {
    let resource = json!({
        "resourceType": "Organization",
        "id": super::CLINIC_ORGANIZATION_ID,
        "active": true,
        "type": [{
            "coding": [{"system": ORGANIZATION_TYPE, "code": "prov", "display": "Healthcare Provider"}],
        }],
        "name": CLINIC_NAME,
    });
    prune(resource).unwrap_or_default()
}
