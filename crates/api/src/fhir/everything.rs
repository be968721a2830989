//! `GET /fhir/R4/Patient/{id}/$everything`: the patient and every resource of their compartment
//! the reader may see, as one paged `searchset` Bundle. Each type is searched with
//! `patient={id}` through the same search as `GET /fhir/R4/{type}`, so `$everything` shows
//! exactly what those searches show the same reader, in the order of [`COMPARTMENT`]; a type
//! the reader is forbidden to read at all (403) is left out rather than failing the whole.

use serde_json::{Value, json};

use super::Fhir;
use super::bundle::{Found, searchset};
use super::registry;
use super::resources;
use super::search::{self, MAX_COUNT, Search};
use crate::error::{ApiError, ApiResult, FieldError};

/// The types of a patient's compartment, in the order they are listed.
pub const COMPARTMENT: &[&str] = &[
    "Appointment",
    "Encounter",
    "DiagnosticReport",
    "Observation",
    "MedicationRequest",
    "ServiceRequest",
    "Task",
    "Coverage",
    "CareTeam",
    "Invoice",
];

/// The most resources of one type `$everything` gathers (ten full pages).
const MAX_PER_TYPE: u64 = 1_000;

/// The page asked for.
#[derive(Debug, Clone, Copy)]
pub struct Paging {
    count: u32,
    page: u32,
}

impl Paging {
    /// Reads `_count` and `_page`; anything else is refused unless handling is lenient.
    ///
    /// # Errors
    /// 400 naming each bad or unknown parameter.
    pub fn parse(query: &str, lenient: bool) -> ApiResult<Self> {
        // The Patient type stands in: only its paging parameters are taken here.
        let patient = registry::find("Patient").expect("Patient is served");
        let parsed = search::parse(patient, query, lenient)?;
        if parsed.has_params() && !lenient {
            return Err(ApiError::InvalidQuery {
                errors: vec![FieldError {
                    field: "query".into(),
                    message: "$everything takes only _count and _page".into(),
                }],
            });
        }
        Ok(Self {
            count: parsed.count,
            page: parsed.page,
        })
    }
}

/// The page of the patient's record.
///
/// # Errors
/// 404 when the patient is not the reader's to see; 422 when one type holds more than
/// [`MAX_PER_TYPE`] resources (search that type instead).
pub async fn everything(fhir: &Fhir<'_>, id: &str, paging: Paging) -> ApiResult<Value> {
    let patient_type = registry::find("Patient").expect("Patient is served");
    let patient = resources::read(fhir, patient_type, id).await?;
    let patient_id = patient["id"].as_str().unwrap_or_default().to_owned();
    let mut all = vec![patient];
    for type_name in COMPARTMENT {
        let Some(kind) = registry::find(type_name) else {
            continue;
        };
        let mut page = 1;
        loop {
            let search =
                Search::everything(kind, MAX_COUNT, page).with("patient", patient_id.clone());
            let found = match resources::search(fhir, &search).await {
                Ok(found) => found,
                // A type this role may never read (an admin and clinical records) is left out:
                // the record is everything the reader may see.
                Err(ApiError::Forbidden) => break,
                Err(other) => return Err(other),
            };
            if found.total > MAX_PER_TYPE {
                return Err(ApiError::invalid_field(
                    type_name,
                    format!(
                        "has more than {MAX_PER_TYPE} resources for this patient; search {type_name}?patient={patient_id} instead"
                    ),
                ));
            }
            let fetched = found.matches.len();
            all.extend(found.matches);
            if fetched == 0 || u64::from(page) * u64::from(MAX_COUNT) >= found.total {
                break;
            }
            page += 1;
        }
    }
    let total = all.len() as u64;
    let start = (paging.page as usize - 1).saturating_mul(paging.count as usize);
    let matches: Vec<Value> = all
        .into_iter()
        .skip(start)
        .take(paging.count as usize)
        .collect();
    let search = Search::everything(patient_type, paging.count, paging.page);
    let mut bundle = searchset(
        fhir,
        &search,
        Found {
            total,
            matches,
            included: Vec::new(),
        },
    );
    // The links of `$everything` name the operation, not a Patient search.
    let operation = format!("{}/Patient/{patient_id}/$everything?", fhir.base);
    let search_prefix = format!("{}/Patient?", fhir.base);
    for link in bundle["link"].as_array_mut().into_iter().flatten() {
        if let Some(url) = link["url"].as_str() {
            link["url"] = json!(url.replacen(&search_prefix, &operation, 1));
        }
    }
    Ok(bundle)
}
