//! Appointment: a visit, with its patient, doctor and office as participants.
//!
//! Status: scheduled → `pending` (the patient has not confirmed), confirmed → `booked`,
//! checked_in → `checked-in`, completed → `fulfilled`, cancelled → `cancelled`, no_show →
//! `noshow`. The table is in `docs/fhir.md`.

use clinic_domain::scheduling::{self, Appointment, AppointmentStatus, ListAppointments};
use serde_json::{Value, json};

use crate::error::{ApiError, ApiResult};
use crate::fhir::bundle::{Found, dedupe};
use crate::fhir::search::{Search, Wanted};
use crate::fhir::{Fhir, prune};

use super::{location, patient, practitioner};

/// The extension marking a visit booked over another on purpose (FHIR's `Slot.overbooked`).
pub const OVERBOOKED: &str = "urn:clinic:fhir:StructureDefinition:appointment-overbooked";

/// Our status as FHIR's `AppointmentStatus`.
pub fn status_code(status: AppointmentStatus) -> &'static str {
    match status {
        AppointmentStatus::Scheduled => "pending",
        AppointmentStatus::Confirmed => "booked",
        AppointmentStatus::CheckedIn => "checked-in",
        AppointmentStatus::Completed => "fulfilled",
        AppointmentStatus::Cancelled => "cancelled",
        AppointmentStatus::NoShow => "noshow",
    }
}

/// The status a FHIR `status` search value names; `None` for one we never use.
fn status_of(code: &str) -> Option<AppointmentStatus> {
    let code = code
        .strip_prefix("http://hl7.org/fhir/appointmentstatus|")
        .unwrap_or(code);
    AppointmentStatus::ALL
        .iter()
        .copied()
        .find(|s| status_code(*s) == code)
}

/// `GET /fhir/R4/Appointment/{id}`.
pub async fn read(fhir: &Fhir<'_>, id: i32) -> ApiResult<Value> {
    let state = fhir.state;
    let appointment = scheduling::view(
        fhir.actor,
        id,
        &*state.appointments,
        &*state.access,
        &*state.reads,
    )
    .await?;
    Ok(to_fhir(&appointment))
}

/// The visits of a search, as the domain's list filters them.
pub async fn find(
    fhir: &Fhir<'_>,
    search: &Search,
) -> ApiResult<Option<clinic_domain::pagination::Page<Appointment>>> {
    let wanted = |w: Wanted| w.filter();
    let (Ok(appointment_id), Ok(patient_id), Ok(doctor_id), Ok(office_id)) = (
        wanted(search.id()?),
        wanted(search.reference("patient", "Patient")?),
        wanted(search.reference("practitioner", "Practitioner")?),
        wanted(search.reference("location", "Location")?),
    ) else {
        return Ok(None);
    };
    let status = match search.single("status")? {
        None => None,
        Some(code) => match status_of(code) {
            Some(status) => Some(status),
            None => return Ok(None),
        },
    };
    let dates = search.dates("date")?;
    if dates.is_empty() {
        return Ok(None);
    }
    let query = ListAppointments {
        doctor_id,
        patient_id,
        office_id,
        status,
        from: None,
        to: dates.before,
        starts_from: dates.from,
        appointment_id,
    };
    Ok(Some(list_page(fhir, search, query).await?))
}

/// The search's page of the visits `query` names, as the domain lists them for the reader.
pub async fn list_page(
    fhir: &Fhir<'_>,
    search: &Search,
    query: ListAppointments,
) -> ApiResult<clinic_domain::pagination::Page<Appointment>> {
    let state = fhir.state;
    Ok(scheduling::list(
        fhir.actor,
        query,
        search.page_request(),
        &*state.appointments,
        &*state.reads,
    )
    .await?)
}

/// `GET /fhir/R4/Appointment?…`, with its `_include`s.
pub async fn search(fhir: &Fhir<'_>, search: &Search) -> ApiResult<Found> {
    let Some(page) = find(fhir, search).await? else {
        return Ok(Found::none());
    };
    let mut included = Vec::new();
    for include in &search.includes {
        let ids = |of: fn(&Appointment) -> i32| {
            let mut ids: Vec<i32> = page.items.iter().map(of).collect();
            ids.sort_unstable();
            ids.dedup();
            ids
        };
        let found = match *include {
            "Appointment:patient" => patient::read_each(fhir, &ids(|a| a.patient_id)).await?,
            "Appointment:practitioner" => {
                practitioner::read_each(fhir, &ids(|a| a.doctor_id)).await?
            }
            "Appointment:location" => location::read_each(fhir, &ids(|a| a.office_id)).await?,
            other => return Err(ApiError::internal(format!("include {other} not mapped"))),
        };
        included.extend(found);
    }
    dedupe(&mut included, &[]);
    Ok(Found {
        total: page.total,
        matches: page.items.iter().map(to_fhir).collect(),
        included,
    })
}

/// One visit as a FHIR Appointment.
pub fn to_fhir(a: &Appointment) -> Value {
    let patient_status = match a.status {
        AppointmentStatus::Scheduled => "needs-action",
        _ => "accepted",
    };
    let participant = |reference: String, display: &str, status: &str| {
        json!({
            "actor": {"reference": reference, "display": display},
            "required": "required",
            "status": status,
        })
    };
    let overbooked = a
        .is_overbooked
        .then(|| json!({"url": OVERBOOKED, "valueBoolean": true}));
    let comment = [
        a.overbook_reason.as_deref(),
        a.outside_availability_reason.as_deref(),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join("; ");
    let resource = json!({
        "resourceType": "Appointment",
        "id": a.appointment_id.to_string(),
        "meta": {"lastUpdated": super::instant(a.updated_at)},
        "extension": [overbooked],
        "status": status_code(a.status),
        "cancelationReason": (a.status == AppointmentStatus::Cancelled)
            .then(|| a.cancellation_reason.as_ref().map(|r| json!({"text": r})))
            .flatten(),
        "serviceType": a.visit_type.as_ref().map(|v| vec![json!({"text": v.name})]),
        "reasonCode": a.reason.as_ref().map(|r| vec![json!({"text": r})]),
        "start": super::instant(a.starts_at),
        "end": super::instant(a.ends_at),
        "minutesDuration": a.duration_minutes,
        "created": super::instant(a.created_at),
        "comment": comment,
        "participant": [
            participant(format!("Patient/{}", a.patient_id), &a.patient_name, patient_status),
            participant(format!("Practitioner/{}", a.doctor_id), &a.doctor_name, "accepted"),
            participant(format!("Location/{}", a.office_id), &a.office_name, "accepted"),
        ],
    });
    prune(resource).unwrap_or_default()
}
