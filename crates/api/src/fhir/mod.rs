//! FHIR R4 (4.0.1) at `/fhir/R4/`: read and search over the same data, under the same sign-in
//! and the same access policy as the REST API. Every read goes through the domain's use case
//! (which authorizes it and records the audited read) and is then mapped: this module holds
//! the wire format only, never a rule or a second copy of the SQL. `docs/fhir.md` has every
//! mapping table.

mod bundle;
mod capability;
mod date;
mod everything;
pub mod openapi;
mod outcome;
mod registry;
mod resources;
mod search;

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};
use clinic_domain::access::Actor;
use serde_json::Value;

pub use outcome::outcome_net;

use crate::auth::CurrentActor;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;

/// Where the FHIR API is served.
pub const FHIR_BASE: &str = "/fhir/R4";
/// The media type of every FHIR body.
pub const FHIR_JSON: &str = "application/fhir+json";

/// One request's view of the FHIR API: the state, who asks, and the base URL resources are
/// named under.
pub struct Fhir<'a> {
    pub state: &'a AppState,
    pub actor: &'a Actor,
    /// `{scheme}://{host}/fhir/R4`, as the client reached us.
    pub base: String,
}

impl Fhir<'_> {
    /// The absolute URL of a resource: `{base}/{resourceType}/{id}`.
    pub fn full_url(&self, resource: &Value) -> String {
        format!(
            "{}/{}/{}",
            self.base,
            resource["resourceType"].as_str().unwrap_or_default(),
            resource["id"].as_str().unwrap_or_default()
        )
    }
}

/// The FHIR routes, under [`FHIR_BASE`]. Documented by [`openapi::add_paths`].
pub fn service() -> actix_web::Scope {
    // Resources (not bare routes), so another method is a 405 rather than a 404.
    web::scope(FHIR_BASE)
        .service(web::resource("/metadata").get(metadata))
        .service(web::resource("/Patient/{id}/$everything").get(everything))
        .service(web::resource("/{type}").get(search_type))
        .service(web::resource("/{type}/{id}").get(read))
}

fn base_url(req: &HttpRequest) -> String {
    let info = req.connection_info();
    format!("{}://{}{FHIR_BASE}", info.scheme(), info.host())
}

/// An `application/fhir+json` 200.
fn respond(resource: &Value) -> HttpResponse {
    HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, FHIR_JSON))
        .body(resource.to_string())
}

fn resource_type(name: &str) -> ApiResult<&'static registry::ResourceType> {
    registry::find(name).ok_or_else(|| ApiError::NotFound {
        detail: format!("{name} is not a resource type served here; see /fhir/R4/metadata"),
    })
}

async fn metadata(req: HttpRequest, state: web::Data<AppState>) -> HttpResponse {
    respond(&capability::statement(&base_url(&req), state.clock.now()))
}

async fn read(
    req: HttpRequest,
    state: web::Data<AppState>,
    actor: CurrentActor,
    path: web::Path<(String, String)>,
) -> ApiResult<HttpResponse> {
    let (type_name, id) = path.into_inner();
    let resource = resource_type(&type_name)?;
    let fhir = Fhir {
        state: &state,
        actor: &actor,
        base: base_url(&req),
    };
    let found = resources::read(&fhir, resource, &id).await?;
    Ok(respond(&found))
}

async fn search_type(
    req: HttpRequest,
    state: web::Data<AppState>,
    actor: CurrentActor,
    path: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let resource = resource_type(&path.into_inner())?;
    let search = search::parse(resource, req.query_string(), search::lenient(&req))?;
    let fhir = Fhir {
        state: &state,
        actor: &actor,
        base: base_url(&req),
    };
    let found = resources::search(&fhir, &search).await?;
    Ok(respond(&bundle::searchset(&fhir, &search, found)))
}

async fn everything(
    req: HttpRequest,
    state: web::Data<AppState>,
    actor: CurrentActor,
    path: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let fhir = Fhir {
        state: &state,
        actor: &actor,
        base: base_url(&req),
    };
    let page = everything::Paging::parse(req.query_string(), search::lenient(&req))?;
    let bundle = everything::everything(&fhir, &path.into_inner(), page).await?;
    Ok(respond(&bundle))
}

/// Removes what FHIR forbids in JSON and mapping code would otherwise check at every field:
/// `null`s, empty strings, empty arrays and empty objects (recursively).
pub fn prune(value: Value) -> Option<Value> {
    match value {
        Value::Null => None,
        Value::String(s) if s.is_empty() => None,
        Value::Array(items) => {
            let kept: Vec<Value> = items.into_iter().filter_map(prune).collect();
            (!kept.is_empty()).then_some(Value::Array(kept))
        }
        Value::Object(fields) => {
            let kept: serde_json::Map<String, Value> = fields
                .into_iter()
                .filter_map(|(k, v)| prune(v).map(|v| (k, v)))
                .collect();
            (!kept.is_empty()).then_some(Value::Object(kept))
        }
        other => Some(other),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    #[test]
    fn prune_drops_what_fhir_json_may_not_hold() {
        let mapped = json!({
            "resourceType": "Patient",
            "id": "3",
            "name": [{"family": "Lee", "given": ["Ada", null], "prefix": []}],
            "telecom": [{"system": "phone", "value": null}],
            "address": [],
            "active": false,
            "note": "",
        });
        assert_eq!(
            super::prune(mapped),
            Some(json!({
                "resourceType": "Patient",
                "id": "3",
                "name": [{"family": "Lee", "given": ["Ada"]}],
                "telecom": [{"system": "phone"}],
                "active": false,
            }))
        );
    }
}
