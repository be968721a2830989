//! ServiceRequest: a specialist referral (a specialist approval request), with the same id as
//! the Task of its approval decision (`task.rs`).
//!
//! | FHIR | ours |
//! |---|---|
//! | `id` | `specialist_approvals.approval_id` |
//! | `status` | pending → `active`, approved → `active`, denied → `revoked`, cancelled → `revoked` |
//! | `intent` | `order` |
//! | `code` | SNOMED CT 3457005 "Patient referral" |
//! | `subject` | `Patient/{patient_id}` |
//! | `requester` | `Practitioner/{requesting_doctor_id}` |
//! | `performerType.text` | the specialist's specialty (from the directory) |
//! | `performer` | `Practitioner/{specialist_id}` |
//! | `reasonCode.text` | `reason` |
//! | `authoredOn` | `requested_at` |
//!
//! Who may read it: whoever the domain's `referral::get_approval` / `list_approvals` shows it
//! to, as the REST API does: the patient; the requesting doctor, the specialist and the doctors
//! who treat the patient; staff and admins all.

use std::collections::HashMap;

use clinic_domain::directory;
use clinic_domain::pagination::PageRequest;
use clinic_domain::referral::{self, ApprovalQuery, ApprovalStatus, SpecialistApproval};
use serde_json::{Value, json};

use crate::error::{ApiError, ApiResult};
use crate::fhir::bundle::Found;
use crate::fhir::search::Search;
use crate::fhir::{Fhir, prune};

use super::gathered;

const SNOMED: &str = "http://snomed.info/sct";

/// Our approval status as FHIR's `RequestStatus`.
pub fn status_code(status: ApprovalStatus) -> &'static str {
    match status {
        ApprovalStatus::Pending | ApprovalStatus::Approved => "active",
        ApprovalStatus::Denied | ApprovalStatus::Cancelled => "revoked",
    }
}

/// `GET /fhir/R4/ServiceRequest/{id}`.
pub async fn read(fhir: &Fhir<'_>, id: i32) -> ApiResult<Value> {
    let approval = get(fhir, id).await?;
    let specialties = specialties(fhir, std::slice::from_ref(&approval)).await?;
    Ok(to_fhir(&approval, &specialties))
}

/// One approval through the domain's read.
pub async fn get(fhir: &Fhir<'_>, id: i32) -> ApiResult<SpecialistApproval> {
    Ok(referral::get_approval(fhir.actor, id, &*fhir.state.approvals, &*fhir.state.reads).await?)
}

/// The approvals a search names: by `_id`, or one page of the domain's list (`status` from
/// the domain's own filter, or filtered here when `status_of` needs it).
pub async fn find(
    fhir: &Fhir<'_>,
    search: &Search,
    status: Option<ApprovalStatus>,
    keep: impl Fn(&SpecialistApproval) -> bool,
    paged_by_domain: bool,
) -> ApiResult<Option<(u64, Vec<SpecialistApproval>)>> {
    let (Ok(id), Ok(patient_id)) = (
        search.id()?.filter(),
        search.reference("patient", "Patient")?.filter(),
    ) else {
        return Ok(None);
    };
    if let Some(id) = id {
        let found: Vec<_> = gathered::unless_hidden(get(fhir, id).await)?
            .into_iter()
            .filter(|a| patient_id.is_none_or(|p| p == a.patient_id))
            .filter(|a| status.is_none_or(|s| s == a.status))
            .filter(|a| keep(a))
            .collect();
        return Ok(Some(cut(search, found)));
    }
    let query = ApprovalQuery { status, patient_id };
    let state = fhir.state;
    let list = |page: PageRequest| async move {
        Ok(
            referral::list_approvals(fhir.actor, query, page, &*state.approvals, &*state.reads)
                .await?,
        )
    };
    if paged_by_domain {
        let page = list(search.page_request()).await?;
        return Ok(Some((page.total, page.items)));
    }
    let all: Vec<_> = gathered::every("patient", list)
        .await?
        .into_iter()
        .filter(|a| keep(a))
        .collect();
    Ok(Some(cut(search, all)))
}

/// The page of `all` a search asks for, with the total.
fn cut(search: &Search, all: Vec<SpecialistApproval>) -> (u64, Vec<SpecialistApproval>) {
    let total = all.len() as u64;
    let start = (search.page as usize - 1).saturating_mul(search.count as usize);
    (
        total,
        all.into_iter()
            .skip(start)
            .take(search.count as usize)
            .collect(),
    )
}

/// `GET /fhir/R4/ServiceRequest?…`.
pub async fn search(fhir: &Fhir<'_>, search: &Search) -> ApiResult<Found> {
    let wanted = match search.single("status")? {
        None => None,
        Some(code) => {
            let code = code
                .strip_prefix("http://hl7.org/fhir/request-status|")
                .unwrap_or(code)
                .to_owned();
            if !ApprovalStatus::ALL.iter().any(|s| status_code(*s) == code) {
                return Ok(Found::none());
            }
            Some(code)
        }
    };
    let keep =
        |a: &SpecialistApproval| wanted.as_deref().is_none_or(|w| status_code(a.status) == w);
    let Some((total, approvals)) = find(fhir, search, None, keep, wanted.is_none()).await? else {
        return Ok(Found::none());
    };
    let specialties = specialties(fhir, &approvals).await?;
    Ok(Found {
        total,
        matches: approvals.iter().map(|a| to_fhir(a, &specialties)).collect(),
        included: Vec::new(),
    })
}

/// The specialty of each specialist of `approvals`, from the directory.
async fn specialties(
    fhir: &Fhir<'_>,
    approvals: &[SpecialistApproval],
) -> ApiResult<HashMap<i32, String>> {
    let mut found = HashMap::new();
    for approval in approvals {
        let id = approval.specialist_id;
        if found.contains_key(&id) {
            continue;
        }
        match directory::get_doctor(fhir.actor, id, &*fhir.state.doctors).await {
            Ok(doctor) => {
                found.insert(id, doctor.specialty_name);
            }
            Err(error) => match ApiError::from(error) {
                ApiError::NotFound { .. } | ApiError::Forbidden => {}
                other => return Err(other),
            },
        }
    }
    Ok(found)
}

/// One referral as a FHIR ServiceRequest.
pub fn to_fhir(a: &SpecialistApproval, specialties: &HashMap<i32, String>) -> Value {
    let resource = json!({
        "resourceType": "ServiceRequest",
        "id": a.approval_id.to_string(),
        "status": status_code(a.status),
        "intent": "order",
        "code": {"coding": [{"system": SNOMED, "code": "3457005", "display": "Patient referral"}]},
        "subject": {"reference": format!("Patient/{}", a.patient_id), "display": a.patient_name},
        "authoredOn": super::instant(a.requested_at),
        "requester": {
            "reference": format!("Practitioner/{}", a.requesting_doctor_id),
            "display": a.requesting_doctor_name,
        },
        "performerType": specialties.get(&a.specialist_id).map(|s| json!({"text": s})),
        "performer": [{"reference": format!("Practitioner/{}", a.specialist_id), "display": a.specialist_name}],
        "reasonCode": [{"text": a.reason}],
    });
    prune(resource).unwrap_or_default()
}
