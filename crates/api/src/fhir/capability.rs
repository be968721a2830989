//! `GET /fhir/R4/metadata`: the CapabilityStatement, written from the registry, so it lists
//! exactly the types, interactions, search parameters and includes the API serves.

use chrono::{DateTime, SecondsFormat, Utc};
use serde_json::{Value, json};

use super::registry::{ID_PARAM, RESOURCE_TYPES, ResourceType};
use super::search::MAX_COUNT;

/// The statement of this server, reached at `base`, as of `now`.
pub fn statement(base: &str, now: DateTime<Utc>) -> Value {
    let resources: Vec<Value> = RESOURCE_TYPES.iter().map(resource).collect();
    json!({
        "resourceType": "CapabilityStatement",
        "status": "active",
        "date": now.to_rfc3339_opts(SecondsFormat::Secs, true),
        "publisher": "Clinic",
        "kind": "instance",
        "software": {"name": "Clinic", "version": env!("CARGO_PKG_VERSION")},
        "implementation": {"description": "Clinic's FHIR R4 API: read and search", "url": base},
        "fhirVersion": "4.0.1",
        "format": ["application/fhir+json", "json"],
        "rest": [{
            "mode": "server",
            "documentation": format!(
                "Read and search only. Sign in at POST /api/v1/auth/login and send the access \
                 token as `Authorization: Bearer`; what each role may read is the REST API's \
                 policy. Searches are strict: an unknown parameter is a 400 unless the request \
                 sends `Prefer: handling=lenient`. Pages are `_count` (1 to {MAX_COUNT}, \
                 default 20) and `_page`, from 1."
            ),
            "security": {
                "cors": true,
                "description": "Bearer access tokens (JWT) from POST /api/v1/auth/login.",
            },
            "resource": resources,
        }],
    })
}

fn resource(kind: &ResourceType) -> Value {
    let params: Vec<Value> = std::iter::once(&ID_PARAM)
        .chain(kind.params)
        .map(|p| json!({"name": p.name, "type": p.kind.code(), "documentation": p.documentation}))
        .collect();
    let mut resource = json!({
        "type": kind.name,
        "documentation": kind.documentation,
        "interaction": [{"code": "read"}, {"code": "search-type"}],
        "searchParam": params,
    });
    if !kind.includes.is_empty() {
        resource["searchInclude"] = json!(kind.includes);
    }
    if kind.name == "Patient" {
        resource["operation"] = json!([{
            "name": "everything",
            "definition": "http://hl7.org/fhir/OperationDefinition/Patient-everything",
            "documentation": "The patient's record, paged: GET /fhir/R4/Patient/{id}/$everything?_count=&_page=",
        }]);
    }
    resource
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_served_type_and_parameter_is_listed() {
        let statement = statement("http://h/fhir/R4", Utc::now());
        let listed = statement["rest"][0]["resource"].as_array().unwrap();
        assert_eq!(listed.len(), RESOURCE_TYPES.len());
        for (entry, kind) in listed.iter().zip(RESOURCE_TYPES) {
            assert_eq!(entry["type"], kind.name);
            let names: Vec<&str> = entry["searchParam"]
                .as_array()
                .unwrap()
                .iter()
                .map(|p| p["name"].as_str().unwrap())
                .collect();
            assert_eq!(names[0], "_id");
            assert_eq!(
                names[1..],
                kind.params.iter().map(|p| p.name).collect::<Vec<_>>()
            );
        }
    }
}
