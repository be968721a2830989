//! Searches the domain cannot filter or page by FHIR's terms (a resource made of a part of a
//! row, a status the domain derives): every match of one patient is gathered through the
//! domain's list (which authorizes and audits each read), filtered here, and the page cut
//! from it, so the total and every page stay exact.

use chrono::{DateTime, Utc};
use clinic_domain::clinical::{self, ListClinicalError, ListRecords, MedicalRecord};
use clinic_domain::pagination::{Page, PageRequest};
use serde_json::Value;

use crate::error::{ApiError, ApiResult};
use crate::fhir::Fhir;
use crate::fhir::bundle::Found;
use crate::fhir::date::DateBounds;
use crate::fhir::search::Search;

/// The most rows one such search gathers (ten full pages of the domain's largest).
pub const MAX_GATHERED: u64 = 1_000;
/// Rows fetched per domain page while gathering.
const PER_PAGE: u32 = 100;

/// Every item of a paged domain list, page by page.
///
/// # Errors
/// The domain's, and 422 when there are more than [`MAX_GATHERED`].
pub async fn every<T, F, Fut>(what: &str, mut page_of: F) -> ApiResult<Vec<T>>
where
    F: FnMut(PageRequest) -> Fut,
    Fut: std::future::Future<Output = ApiResult<Page<T>>>,
{
    let mut all = Vec::new();
    let mut page = 1;
    loop {
        let request = PageRequest::parse(Some(page), Some(PER_PAGE)).unwrap_or_default();
        let found = page_of(request).await?;
        if found.total > MAX_GATHERED {
            return Err(ApiError::invalid_field(
                what,
                format!("more than {MAX_GATHERED} to search through; name a patient"),
            ));
        }
        let fetched = found.items.len();
        all.extend(found.items);
        if fetched == 0 || u64::from(page) * u64::from(PER_PAGE) >= found.total {
            return Ok(all);
        }
        page += 1;
    }
}

/// Every medical record of `patient_id` (or of the signed-in patient) the reader may see,
/// newest first.
pub async fn records(fhir: &Fhir<'_>, patient_id: Option<i32>) -> ApiResult<Vec<MedicalRecord>> {
    let query = ListRecords {
        patient_id,
        appointment_id: None,
    };
    every("patient", |page| async move {
        clinical::list_records(fhir.actor, query, page, &*fhir.state.clinical)
            .await
            .map_err(list_error)
    })
    .await
}

/// A read by `_id` as a search: a resource that is missing or hidden from the reader is no
/// match; any other refusal (403) stays the answer, as it is for a read.
pub fn unless_hidden<T>(read: ApiResult<T>) -> ApiResult<Option<T>> {
    match read {
        Ok(found) => Ok(Some(found)),
        Err(ApiError::NotFound { .. }) => Ok(None),
        Err(other) => Err(other),
    }
}

/// The records a search names: the one of `record_id` (if it is `patient_id`'s, when given),
/// else every record of `patient_id` (or the signed-in patient's).
pub async fn records_named(
    fhir: &Fhir<'_>,
    record_id: Option<i32>,
    patient_id: Option<i32>,
) -> ApiResult<Vec<MedicalRecord>> {
    let Some(id) = record_id else {
        return records(fhir, patient_id).await;
    };
    let read = clinical::read_record(fhir.actor, id, &*fhir.state.clinical).await;
    Ok(unless_hidden(read.map_err(ApiError::from))?
        .into_iter()
        .filter(|r| patient_id.is_none_or(|p| p == r.patient_id))
        .collect())
}

/// A clinical list's refusal, naming the FHIR search parameter a doctor must give.
pub fn list_error(error: ListClinicalError) -> ApiError {
    match error {
        ListClinicalError::PatientRequired => {
            ApiError::invalid_field("patient", "is required: name a patient you treat")
        }
        other => other.into(),
    }
}

/// The page `search` asks for out of every match.
pub fn page_of(search: &Search, matches: Vec<Value>) -> Found {
    let total = matches.len() as u64;
    let start = (search.page as usize - 1).saturating_mul(search.count as usize);
    Found {
        total,
        matches: matches
            .into_iter()
            .skip(start)
            .take(search.count as usize)
            .collect(),
        included: Vec::new(),
    }
}

/// True when `at` lies within the half-open `bounds`.
pub fn within(bounds: &DateBounds, at: DateTime<Utc>) -> bool {
    bounds.from.is_none_or(|from| at >= from) && bounds.before.is_none_or(|before| at < before)
}
