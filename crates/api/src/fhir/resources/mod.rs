//! One module per FHIR resource type: each reads through the domain's use cases and maps the
//! domain's read models to FHIR JSON. This file sends a read or a search to its module.

pub mod appointment;
pub mod audit_event;
pub mod care_team;
pub mod coverage;
pub mod diagnostic_report;
pub mod encounter;
mod gathered;
pub mod invoice;
pub mod location;
pub mod medication_request;
pub mod observation;
pub mod organization;
pub mod patient;
pub mod practitioner;
pub mod practitioner_role;
pub mod service_request;
pub mod task;

use chrono::{DateTime, SecondsFormat, Utc};
use serde_json::Value;

use super::Fhir;
use super::bundle::Found;
use super::registry::ResourceType;
use super::search::Search;
use crate::error::{ApiError, ApiResult};

/// The id of the one Organization: the clinic.
pub const CLINIC_ORGANIZATION_ID: &str = "clinic";

/// A FHIR `instant`: UTC, to the second.
pub fn instant(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// The resources `read` finds for `ids`, leaving out those the reader may not see (an
/// `_include` shows what the reader may read, and refuses nothing).
pub async fn read_visible<F, Fut>(ids: &[i32], read: F) -> ApiResult<Vec<Value>>
where
    F: Fn(i32) -> Fut,
    Fut: std::future::Future<Output = ApiResult<Value>>,
{
    let mut found = Vec::new();
    for id in ids {
        match read(*id).await {
            Ok(resource) => found.push(resource),
            Err(ApiError::NotFound { .. } | ApiError::Forbidden) => {}
            Err(other) => return Err(other),
        }
    }
    Ok(found)
}

/// A numeric id as FHIR writes it, or a 404 for any other text (no resource of ours has it).
fn numeric(resource: &ResourceType, id: &str) -> ApiResult<i32> {
    match id.parse::<i32>() {
        Ok(n) if n > 0 && n.to_string() == id => Ok(n),
        _ => Err(ApiError::NotFound {
            detail: format!("no such {}", resource.name),
        }),
    }
}

/// `GET /fhir/R4/{type}/{id}`.
pub async fn read(fhir: &Fhir<'_>, resource: &ResourceType, id: &str) -> ApiResult<Value> {
    match resource.name {
        "Patient" => patient::read(fhir, numeric(resource, id)?).await,
        "Practitioner" => practitioner::read(fhir, numeric(resource, id)?).await,
        "Location" => location::read(fhir, numeric(resource, id)?).await,
        "Appointment" => appointment::read(fhir, numeric(resource, id)?).await,
        "Encounter" => encounter::read(fhir, numeric(resource, id)?).await,
        "DiagnosticReport" => diagnostic_report::read(fhir, numeric(resource, id)?).await,
        "Observation" => observation::read(fhir, id).await,
        "MedicationRequest" => medication_request::read(fhir, numeric(resource, id)?).await,
        "ServiceRequest" => service_request::read(fhir, numeric(resource, id)?).await,
        "Task" => task::read(fhir, numeric(resource, id)?).await,
        "PractitionerRole" => practitioner_role::read(fhir, numeric(resource, id)?).await,
        "Organization" => organization::read(fhir, id),
        "Coverage" => coverage::read(fhir, numeric(resource, id)?).await,
        "CareTeam" => care_team::read(fhir, numeric(resource, id)?).await,
        "Invoice" => invoice::read(fhir, numeric(resource, id)?).await,
        "AuditEvent" => audit_event::read(fhir, numeric(resource, id)?).await,
        other => Err(ApiError::internal(format!("{other} has no reader"))),
    }
}

/// `GET /fhir/R4/{type}?…`.
pub async fn search(fhir: &Fhir<'_>, search: &Search) -> ApiResult<Found> {
    match search.resource.name {
        "Patient" => patient::search(fhir, search).await,
        "Practitioner" => practitioner::search(fhir, search).await,
        "Location" => location::search(fhir, search).await,
        "Appointment" => appointment::search(fhir, search).await,
        "Encounter" => encounter::search(fhir, search).await,
        "DiagnosticReport" => diagnostic_report::search(fhir, search).await,
        "Observation" => observation::search(fhir, search).await,
        "MedicationRequest" => medication_request::search(fhir, search).await,
        "ServiceRequest" => service_request::search(fhir, search).await,
        "Task" => task::search(fhir, search).await,
        "PractitionerRole" => practitioner_role::search(fhir, search).await,
        "Organization" => organization::search(fhir, search),
        "Coverage" => coverage::search(fhir, search).await,
        "CareTeam" => care_team::search(fhir, search).await,
        "Invoice" => invoice::search(fhir, search).await,
        "AuditEvent" => audit_event::search(fhir, search).await,
        other => Err(ApiError::internal(format!("{other} has no search"))),
    }
}
