//! PractitionerRole: what a doctor does where and when, one per doctor (`id` = the doctor's
//! id). The directory: everyone signed in may read it.
//!
//! | FHIR | ours |
//! | --- | --- |
//! | `id` | `doctors.doctor_id` |
//! | `active` | always true (a doctor of the directory) |
//! | `practitioner` | `Practitioner/{doctor_id}` |
//! | `organization` | `Organization/clinic` |
//! | `specialty` | the doctor's specialty: `urn:clinic:specialty` code = the specialty id, text = its name (no SNOMED/NUCC code is stored) |
//! | `location` | the offices the doctor works at (`Location/{office_id}`) |
//! | `availableTime` | the weekly working hours, one entry per office and hours, the weekdays grouped; the office is named by the extension [`HOURS_LOCATION`] |

use std::collections::BTreeMap;

use clinic_domain::directory::{self, Doctor, DoctorFilter, OfficeSummary, WorkingHours};
use serde_json::{Value, json};

use crate::error::ApiResult;
use crate::fhir::bundle::Found;
use crate::fhir::search::{Search, Wanted};
use crate::fhir::{Fhir, prune};

/// The code system of our specialties: the code is the specialty's id.
pub const SPECIALTY_SYSTEM: &str = "urn:clinic:specialty";
/// The extension of an `availableTime` naming the office the hours are at.
pub const HOURS_LOCATION: &str = "urn:clinic:fhir:StructureDefinition:available-time-location";

/// `GET /fhir/R4/PractitionerRole/{id}`.
pub async fn read(fhir: &Fhir<'_>, id: i32) -> ApiResult<Value> {
    let doctor = directory::get_doctor(fhir.actor, id, &*fhir.state.doctors).await?;
    with_schedule(fhir, &doctor).await
}

/// The role of `doctor` with their offices and hours, read through the directory.
async fn with_schedule(fhir: &Fhir<'_>, doctor: &Doctor) -> ApiResult<Value> {
    let store = &*fhir.state.doctors;
    let offices = directory::doctor_offices(fhir.actor, doctor.doctor_id, store).await?;
    let hours = directory::working_hours(fhir.actor, doctor.doctor_id, store).await?;
    Ok(to_fhir(doctor, &offices, &hours))
}

/// The specialty id a `specialty` token names (`urn:clinic:specialty|{id}` or the id).
fn specialty(code: &str) -> Wanted {
    let code = code
        .strip_prefix(SPECIALTY_SYSTEM)
        .and_then(|rest| rest.strip_prefix('|'))
        .unwrap_or(code);
    match code.parse::<i32>() {
        Ok(n) if n > 0 && n.to_string() == code => Wanted::Id(n),
        _ => Wanted::Nothing,
    }
}

/// `GET /fhir/R4/PractitionerRole?…`.
pub async fn search(fhir: &Fhir<'_>, search: &Search) -> ApiResult<Found> {
    let specialty = match search.single("specialty")? {
        None => Wanted::Any,
        Some(code) => specialty(code),
    };
    let (Ok(by_id), Ok(by_practitioner), Ok(office_id), Ok(specialty_id)) = (
        search.id()?.filter(),
        search.reference("practitioner", "Practitioner")?.filter(),
        search.reference("location", "Location")?.filter(),
        specialty.filter(),
    ) else {
        return Ok(Found::none());
    };
    let doctor_id = match (by_id, by_practitioner) {
        (Some(a), Some(b)) if a != b => return Ok(Found::none()),
        (a, b) => a.or(b),
    };
    let filter = DoctorFilter {
        specialty_id,
        office_id,
        doctor_id,
        ..DoctorFilter::default()
    };
    let page = directory::list_doctors(
        fhir.actor,
        &filter,
        search.page_request(),
        &*fhir.state.doctors,
    )
    .await?;
    let mut matches = Vec::with_capacity(page.items.len());
    for doctor in &page.items {
        matches.push(with_schedule(fhir, doctor).await?);
    }
    Ok(Found {
        total: page.total,
        matches,
        included: Vec::new(),
    })
}

/// FHIR's `daysOfWeek` code of a weekday.
fn day_code(day: chrono::Weekday) -> &'static str {
    use chrono::Weekday::{Fri, Mon, Sat, Sun, Thu, Tue, Wed};
    match day {
        Mon => "mon",
        Tue => "tue",
        Wed => "wed",
        Thu => "thu",
        Fri => "fri",
        Sat => "sat",
        Sun => "sun",
    }
}

/// The week as `availableTime`s: one per office and start–end, with the weekdays it holds.
fn available_times(hours: &[WorkingHours]) -> Vec<Value> {
    let mut grouped: BTreeMap<(i32, chrono::NaiveTime, chrono::NaiveTime), Vec<chrono::Weekday>> =
        BTreeMap::new();
    for block in hours {
        let h = block.hours;
        grouped
            .entry((block.office_id, h.start(), h.end()))
            .or_default()
            .push(h.weekday());
    }
    grouped
        .into_iter()
        .map(|((office_id, start, end), mut days)| {
            days.sort_by_key(chrono::Weekday::num_days_from_monday);
            days.dedup();
            json!({
                "extension": [{
                    "url": HOURS_LOCATION,
                    "valueReference": {"reference": format!("Location/{office_id}")},
                }],
                "daysOfWeek": days.into_iter().map(day_code).collect::<Vec<_>>(),
                "availableStartTime": start.format("%H:%M:%S").to_string(),
                "availableEndTime": end.format("%H:%M:%S").to_string(),
            })
        })
        .collect()
}

/// One doctor, their offices and their week as a FHIR PractitionerRole.
pub fn to_fhir(doctor: &Doctor, offices: &[OfficeSummary], hours: &[WorkingHours]) -> Value {
    let resource = json!({
        "resourceType": "PractitionerRole",
        "id": doctor.doctor_id.to_string(),
        "meta": {"lastUpdated": super::instant(doctor.updated_at)},
        "active": true,
        "practitioner": {
            "reference": format!("Practitioner/{}", doctor.doctor_id),
            "display": format!("Dr. {} {}", doctor.first_name, doctor.last_name),
        },
        "organization": {"reference": format!("Organization/{}", super::CLINIC_ORGANIZATION_ID)},
        "specialty": [{
            "coding": [{
                "system": SPECIALTY_SYSTEM,
                "code": doctor.specialty_id.to_string(),
                "display": doctor.specialty_name,
            }],
            "text": doctor.specialty_name,
        }],
        "location": offices.iter().map(|o| json!({
            "reference": format!("Location/{}", o.office_id),
            "display": o.name,
        })).collect::<Vec<_>>(),
        "availableTime": available_times(hours),
    });
    prune(resource).unwrap_or_default()
}
