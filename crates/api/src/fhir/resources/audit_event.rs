//! AuditEvent: an entry of the audit log, without its values. Admins only (everyone else gets
//! the REST API's 403). Like `GET /audit-log`, it says what was touched, by whom and when,
//! never what a row said: the entry's old and new values are not mapped at all (not even the
//! names of the fields touched).
//!
//! | FHIR | ours |
//! | --- | --- |
//! | `id` | `audit_log.log_id` |
//! | `type` | `rest` (`http://terminology.hl7.org/CodeSystem/audit-event-type`); a sign-in (`login`, `login_failed`): DICOM `110114` User Authentication |
//! | `subtype` | insert → `create`, update → `update`, delete → `delete`, read → `read` (`http://hl7.org/fhir/restful-interaction`); login, login_failed → DICOM `110122` Login |
//! | `action` | insert `C`, read `R`, update `U`, delete `D`, login / login_failed `E` |
//! | `recorded` | `changed_at` |
//! | `outcome` | `0` (success); a failed sign-in `4` (minor failure) |
//! | `agent` | the user who did it: `who.identifier` `urn:clinic:user` = the user id, `display` = the username, `requestor` true; the system when no user is on record |
//! | `source.observer` | display "Clinic" |
//! | `entity` | the row: a reference for the tables served as FHIR types (patients, doctors, offices, appointments, bills, insurances), else `display` "{table} #{id}"; and the patient the row is about (`role` 1 Patient) |

use clinic_domain::audit::{self, AuditAction, AuditEntry, ReadAuditLog};
use clinic_domain::pagination::PageRequest;
use serde_json::{Value, json};

use crate::error::{ApiError, ApiResult};
use crate::fhir::bundle::Found;
use crate::fhir::search::Search;
use crate::fhir::{Fhir, prune};

const EVENT_TYPE: &str = "http://terminology.hl7.org/CodeSystem/audit-event-type";
const INTERACTION: &str = "http://hl7.org/fhir/restful-interaction";
const DICOM: &str = "http://dicom.nema.org/resources/ontology/DCM";
const ENTITY_TYPE: &str = "http://terminology.hl7.org/CodeSystem/audit-entity-type";
const OBJECT_ROLE: &str = "http://terminology.hl7.org/CodeSystem/object-role";
/// The identifier system of user accounts.
pub const USER_SYSTEM: &str = "urn:clinic:user";

/// The FHIR type a row of `table` is served as, when its id is the row's id.
fn served_as(table: &str) -> Option<&'static str> {
    Some(match table {
        "patients" => "Patient",
        "doctors" => "Practitioner",
        "offices" => "Location",
        "appointments" => "Appointment",
        "bills" => "Invoice",
        "insurances" => "Coverage",
        _ => return None,
    })
}

/// The entries `cmd` selects, through the audit log's use case (admins only; the read is
/// itself audited).
async fn entries(
    fhir: &Fhir<'_>,
    cmd: ReadAuditLog,
    page: PageRequest,
) -> ApiResult<clinic_domain::pagination::Page<AuditEntry>> {
    let state = fhir.state;
    // The rows come from the read replica while it is usable; the read is audited on the
    // primary.
    state
        .read_routed(|side| {
            audit::read_audit_log(fhir.actor, cmd.clone(), page, side.audit_log, &*state.reads)
        })
        .await
}

/// `GET /fhir/R4/AuditEvent/{id}`.
pub async fn read(fhir: &Fhir<'_>, id: i32) -> ApiResult<Value> {
    let cmd = ReadAuditLog {
        log_id: Some(i64::from(id)),
        ..ReadAuditLog::default()
    };
    let page = entries(fhir, cmd, PageRequest::default()).await?;
    page.items
        .first()
        .map(to_fhir)
        .ok_or_else(|| ApiError::not_found("AuditEvent"))
}

/// `GET /fhir/R4/AuditEvent?…`.
pub async fn search(fhir: &Fhir<'_>, search: &Search) -> ApiResult<Found> {
    let (Ok(log_id), Ok(patient_id)) = (
        search.id()?.filter(),
        search.reference("patient", "Patient")?.filter(),
    ) else {
        return Ok(Found::none());
    };
    let dates = search.dates("date")?;
    if dates.is_empty() {
        return Ok(Found::none());
    }
    let cmd = ReadAuditLog {
        log_id: log_id.map(i64::from),
        changed_by: search.text("agent-name")?,
        patient_id,
        from: dates.from,
        to: dates.before,
        ..ReadAuditLog::default()
    };
    let page = entries(fhir, cmd, search.page_request()).await?;
    Ok(Found {
        total: page.total,
        matches: page.items.iter().map(to_fhir).collect(),
        included: Vec::new(),
    })
}

/// `(type, subtype, action)` of an audited action.
fn kind(action: AuditAction) -> (Value, Value, &'static str) {
    let rest = json!({"system": EVENT_TYPE, "code": "rest", "display": "RESTful Operation"});
    let interaction = |code: &str| json!({"system": INTERACTION, "code": code});
    match action {
        AuditAction::Insert => (rest, interaction("create"), "C"),
        AuditAction::Read => (rest, interaction("read"), "R"),
        AuditAction::Update => (rest, interaction("update"), "U"),
        AuditAction::Delete => (rest, interaction("delete"), "D"),
        AuditAction::Login | AuditAction::LoginFailed => (
            json!({"system": DICOM, "code": "110114", "display": "User Authentication"}),
            json!({"system": DICOM, "code": "110122", "display": "Login"}),
            "E",
        ),
    }
}

/// One audit entry as a FHIR AuditEvent: metadata only, never its values.
pub fn to_fhir(entry: &AuditEntry) -> Value {
    let (event_type, subtype, action) = kind(entry.action);
    let who = match entry.changed_by {
        Some(user_id) => json!({
            "identifier": {"system": USER_SYSTEM, "value": user_id.to_string()},
            "display": entry.changed_by_username.clone().unwrap_or_else(|| format!("user #{user_id}")),
        }),
        None => json!({"display": "system"}),
    };
    let row = match (served_as(&entry.table_name), entry.record_id) {
        (Some(resource), Some(id)) => json!({
            "reference": format!("{resource}/{id}"),
            "display": format!("{} #{id}", entry.table_name),
        }),
        (_, Some(id)) => json!({"display": format!("{} #{id}", entry.table_name)}),
        (_, None) => json!({"display": entry.table_name}),
    };
    let object = json!({"system": ENTITY_TYPE, "code": "2", "display": "System Object"});
    let mut entity = vec![json!({"what": row, "type": object})];
    if let Some(patient_id) = entry.subject_patient_id {
        entity.push(json!({
            "what": {
                "reference": format!("Patient/{patient_id}"),
                "display": entry.subject_patient_name,
            },
            "type": {"system": ENTITY_TYPE, "code": "1", "display": "Person"},
            "role": {"system": OBJECT_ROLE, "code": "1", "display": "Patient"},
        }));
    }
    let resource = json!({
        "resourceType": "AuditEvent",
        "id": entry.log_id.to_string(),
        "type": event_type,
        "subtype": [subtype],
        "action": action,
        "recorded": super::instant(entry.changed_at),
        "outcome": if entry.action == AuditAction::LoginFailed { "4" } else { "0" },
        "agent": [{"who": who, "requestor": true}],
        "source": {"observer": {"display": "Clinic"}},
        "entity": entity,
    });
    prune(resource).unwrap_or_default()
}
