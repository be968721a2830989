//! Task: the approval decision of a specialist referral, with the same id as its
//! ServiceRequest (`service_request.rs`).
//!
//! | FHIR | ours |
//! |---|---|
//! | `id` | `specialist_approvals.approval_id` |
//! | `status` | pending → `requested`, approved → `accepted`, denied → `rejected`, cancelled → `cancelled` |
//! | `businessStatus.text` | our status (`pending`, `approved`, `denied`, `cancelled`) |
//! | `intent` | `order` |
//! | `code` | `approve` (task-code) |
//! | `focus` | `ServiceRequest/{approval_id}` |
//! | `for` | `Patient/{patient_id}` |
//! | `requester` | `Practitioner/{requesting_doctor_id}` |
//! | `owner` | `Practitioner/{specialist_id}`: who decides |
//! | `authoredOn` | `requested_at` |
//! | `lastModified` | `decided_at`, else `requested_at` |
//! | `executionPeriod` | `requested_at` – `decided_at` |
//! | `statusReason.text` | `decision_note`: the REST API shows it to every reader of the request |
//!
//! Who may read it: as the ServiceRequest.

use clinic_domain::referral::{ApprovalStatus, SpecialistApproval};
use serde_json::{Value, json};

use crate::error::ApiResult;
use crate::fhir::bundle::Found;
use crate::fhir::search::Search;
use crate::fhir::{Fhir, prune};

use super::service_request;

const TASK_CODE: &str = "http://hl7.org/fhir/CodeSystem/task-code";

/// Our approval status as FHIR's `TaskStatus`.
pub fn status_code(status: ApprovalStatus) -> &'static str {
    match status {
        ApprovalStatus::Pending => "requested",
        ApprovalStatus::Approved => "accepted",
        ApprovalStatus::Denied => "rejected",
        ApprovalStatus::Cancelled => "cancelled",
    }
}

/// `GET /fhir/R4/Task/{id}`.
pub async fn read(fhir: &Fhir<'_>, id: i32) -> ApiResult<Value> {
    Ok(to_fhir(&service_request::get(fhir, id).await?))
}

/// `GET /fhir/R4/Task?…`: the status is the domain's own filter (one of ours per code).
pub async fn search(fhir: &Fhir<'_>, search: &Search) -> ApiResult<Found> {
    let status = match search.single("status")? {
        None => None,
        Some(code) => {
            let code = code
                .strip_prefix("http://hl7.org/fhir/task-status|")
                .unwrap_or(code);
            match ApprovalStatus::ALL
                .iter()
                .find(|s| status_code(**s) == code)
            {
                Some(status) => Some(*status),
                None => return Ok(Found::none()),
            }
        }
    };
    let Some((total, approvals)) =
        service_request::find(fhir, search, status, |_| true, true).await?
    else {
        return Ok(Found::none());
    };
    Ok(Found {
        total,
        matches: approvals.iter().map(to_fhir).collect(),
        included: Vec::new(),
    })
}

/// One referral's decision as a FHIR Task.
pub fn to_fhir(a: &SpecialistApproval) -> Value {
    let last = a.decided_at.unwrap_or(a.requested_at);
    let resource = json!({
        "resourceType": "Task",
        "id": a.approval_id.to_string(),
        "status": status_code(a.status),
        "statusReason": a.decision_note.as_ref().map(|n| json!({"text": n})),
        "businessStatus": {"text": a.status.as_str()},
        "intent": "order",
        "code": {"coding": [{"system": TASK_CODE, "code": "approve", "display": "Activate/approve the focal resource"}]},
        "focus": {"reference": format!("ServiceRequest/{}", a.approval_id)},
        "for": {"reference": format!("Patient/{}", a.patient_id), "display": a.patient_name},
        "executionPeriod": {
            "start": super::instant(a.requested_at),
            "end": a.decided_at.map(super::instant),
        },
        "authoredOn": super::instant(a.requested_at),
        "lastModified": super::instant(last),
        "requester": {
            "reference": format!("Practitioner/{}", a.requesting_doctor_id),
            "display": a.requesting_doctor_name,
        },
        "owner": {"reference": format!("Practitioner/{}", a.specialist_id), "display": a.specialist_name},
    });
    prune(resource).unwrap_or_default()
}
