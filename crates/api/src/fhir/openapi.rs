//! The FHIR routes in the OpenAPI document (so Swagger UI lists them), written from the same
//! registry the parser and the CapabilityStatement read.

use serde_json::{Value, json};
use utoipa::openapi::OpenApi;
use utoipa::openapi::path::PathItem;

use super::registry::{ID_PARAM, ParamKind, RESOURCE_TYPES, ResourceType};
use super::search::MAX_COUNT;
use super::{FHIR_BASE, FHIR_JSON};
use crate::openapi::BEARER;

/// Adds `metadata`, each type's read and search, and `$everything`.
pub fn add_paths(document: &mut OpenApi) {
    let mut paths = vec![(
        format!("{FHIR_BASE}/metadata"),
        operation(
            "fhir_metadata",
            "The CapabilityStatement: every type, interaction and search parameter served",
            &[],
            false,
            &["200", "503"],
        ),
    )];
    for kind in RESOURCE_TYPES {
        paths.push((
            format!("{FHIR_BASE}/{}", kind.name),
            operation(
                &format!("fhir_search_{}", kind.name.to_lowercase()),
                &format!(
                    "Search {}: a searchset Bundle. {}",
                    kind.name, kind.documentation
                ),
                &search_params(kind),
                true,
                &["200", "400", "401", "403", "404", "414", "422", "503"],
            ),
        ));
        paths.push((
            format!("{FHIR_BASE}/{}/{{id}}", kind.name),
            operation(
                &format!("fhir_read_{}", kind.name.to_lowercase()),
                &format!("Read one {}. {}", kind.name, kind.documentation),
                &[id_param()],
                true,
                &["200", "400", "401", "403", "404", "414", "503"],
            ),
        ));
    }
    paths.push((
        format!("{FHIR_BASE}/Patient/{{id}}/$everything"),
        operation(
            "fhir_patient_everything",
            "The patient and every resource of their record the reader may see, paged",
            &[id_param(), count_param(), page_param()],
            true,
            &["200", "400", "401", "403", "404", "414", "422", "503"],
        ),
    ));
    for (path, item) in paths {
        let item: PathItem = serde_json::from_value(item).expect("FHIR path items are OpenAPI");
        document.paths.paths.insert(path, item);
    }
}

fn operation(
    id: &str,
    summary: &str,
    params: &[Value],
    signed_in: bool,
    statuses: &[&str],
) -> Value {
    let mut responses = serde_json::Map::new();
    for status in statuses {
        let (description, schema) = match *status {
            "200" => ("The resource (a Bundle for searches)", resource_schema()),
            "400" => (
                "A search parameter is unknown (strict handling), repeated or malformed",
                outcome_schema(),
            ),
            "401" => ("Not signed in", outcome_schema()),
            "403" => ("This role may never read it", outcome_schema()),
            "404" => (
                "No such resource, or not the reader's to see",
                outcome_schema(),
            ),
            "414" => (
                "The path and query string are longer than 2048 bytes",
                outcome_schema(),
            ),
            "422" => (
                "The reader must name a patient (a doctor's clinical searches), or there is too much to gather in one request",
                outcome_schema(),
            ),
            _ => (
                "The database is unavailable; see `Retry-After`",
                outcome_schema(),
            ),
        };
        responses.insert(
            (*status).to_owned(),
            json!({"description": description, "content": {FHIR_JSON: {"schema": schema}}}),
        );
    }
    let mut operation = json!({
        "tags": ["fhir"],
        "operationId": id,
        "summary": summary,
        "parameters": params,
        "responses": responses,
    });
    if signed_in {
        operation["security"] = json!([{BEARER: []}]);
    }
    json!({"get": operation})
}

fn resource_schema() -> Value {
    json!({
        "type": "object",
        "required": ["resourceType"],
        "properties": {"resourceType": {"type": "string"}},
    })
}

fn outcome_schema() -> Value {
    json!({
        "type": "object",
        "required": ["resourceType", "issue"],
        "properties": {
            "resourceType": {"type": "string", "enum": ["OperationOutcome"]},
            "issue": {"type": "array", "items": {"type": "object"}},
        },
    })
}

fn id_param() -> Value {
    json!({
        "name": "id", "in": "path", "required": true,
        "description": "The logical id",
        "schema": {"type": "string", "pattern": "^[A-Za-z0-9\\-\\.]{1,64}$"},
    })
}

fn count_param() -> Value {
    json!({
        "name": "_count", "in": "query", "required": false,
        "description": format!("Matches per page, 1 to {MAX_COUNT} (default 20)"),
        "schema": {"type": "integer", "minimum": 1, "maximum": MAX_COUNT},
    })
}

fn page_param() -> Value {
    json!({
        "name": "_page", "in": "query", "required": false,
        "description": "The page, from 1",
        "schema": {"type": "integer", "minimum": 1},
    })
}

fn search_params(kind: &ResourceType) -> Vec<Value> {
    let mut params: Vec<Value> = std::iter::once(&ID_PARAM)
        .chain(kind.params)
        .map(|p| {
            let description = match p.kind {
                ParamKind::Date => {
                    format!("{} (`date`, prefixes ge, gt, le, lt, eq)", p.documentation)
                }
                kind => format!("{} (`{}`)", p.documentation, kind.code()),
            };
            json!({
                "name": p.name, "in": "query", "required": false,
                "description": description,
                "schema": {"type": "string"},
            })
        })
        .collect();
    params.push(count_param());
    params.push(page_param());
    if !kind.includes.is_empty() {
        params.push(json!({
            "name": "_include", "in": "query", "required": false,
            "description": "Also return the resources the matches refer to",
            "schema": {"type": "string", "enum": kind.includes},
        }));
    }
    params
}
