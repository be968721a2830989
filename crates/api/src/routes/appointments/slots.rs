//! `GET /slots`: free slots to book, with one doctor, any doctor of a specialty or the first
//! available with anyone, for a visit type's length, around the patient's own visits.

use actix_web::{HttpResponse, get, web};
use chrono::{DateTime, NaiveDate, Utc};
use clinic_domain::scheduling::availability::{
    FoundSlots, MAX_SEARCH_SLOTS, ReferralNeeded, SlotChoice, SlotSearch, search_free_slots,
};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::auth::CurrentActor;
use crate::error::{ApiResult, Problem};
use crate::routes::common::utc;
use crate::state::AppState;

/// The default number of slots answered.
const DEFAULT_LIMIT: u32 = 200;

/// What to search; leave out the doctor (and the specialty) for "first available".
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SlotQuery {
    /// One doctor only.
    pub doctor_id: Option<i32>,
    /// One office only.
    pub office_id: Option<i32>,
    /// Any doctor of this specialty.
    pub specialty_id: Option<i32>,
    /// Its length is the slots' length; a visit type of a specialty narrows to its doctors.
    pub visit_type_id: Option<i32>,
    /// Whom for (staff and doctors): the patient's own visits are not offered over, and their
    /// referrals decide which specialists are offered. A patient searches for themself.
    pub patient_id: Option<i32>,
    /// First day, `YYYY-MM-DD`, in each office's time zone.
    pub from: NaiveDate,
    /// Last day (inclusive), at most 31 days after `from`.
    pub to: NaiveDate,
    /// Without a visit type: the slot length in minutes, 5 to 480 (default 30).
    #[param(minimum = 5, maximum = 480)]
    pub slot_minutes: Option<u32>,
    /// The earliest this many slots, 1 to 500 (default 200).
    #[param(minimum = 1, maximum = 500)]
    pub limit: Option<u32>,
}

/// A free slot with a doctor at an office.
#[derive(Debug, Serialize, ToSchema)]
pub struct SlotChoiceResponse {
    #[serde(serialize_with = "utc")]
    pub starts_at: DateTime<Utc>,
    #[serde(serialize_with = "utc")]
    pub ends_at: DateTime<Utc>,
    pub doctor_id: i32,
    #[schema(example = "Gregory House")]
    pub doctor_name: String,
    #[schema(example = "Family Medicine")]
    pub specialty_name: String,
    pub office_id: i32,
    #[schema(example = "Main Street Clinic")]
    pub office_name: String,
    /// The office's IANA zone: the slot's day and time are read on its clock.
    #[schema(example = "America/Chicago")]
    pub time_zone: String,
}

impl From<SlotChoice> for SlotChoiceResponse {
    fn from(s: SlotChoice) -> Self {
        Self {
            starts_at: s.range.start(),
            ends_at: s.range.end(),
            doctor_id: s.doctor_id,
            doctor_name: s.doctor_name,
            specialty_name: s.specialty_name,
            office_id: s.office_id,
            office_name: s.office_name,
            time_zone: s.time_zone,
        }
    }
}

/// A specialist the patient needs an approved referral for.
#[derive(Debug, Serialize, ToSchema)]
pub struct ReferralNeededResponse {
    pub doctor_id: i32,
    pub doctor_name: String,
    pub specialty_name: String,
    /// The latest request for this specialist: `pending`, `denied` or `cancelled`; `null` when
    /// none was made.
    #[schema(example = "pending")]
    pub latest_request: Option<String>,
    /// Their slots are left out: the patient books for themself and would be refused until
    /// a referral is approved. The front desk and doctors see the slots.
    pub slots_withheld: bool,
}

impl From<ReferralNeeded> for ReferralNeededResponse {
    fn from(r: ReferralNeeded) -> Self {
        Self {
            doctor_id: r.doctor_id,
            doctor_name: r.doctor_name,
            specialty_name: r.specialty_name,
            latest_request: r.latest_request.map(|s| s.as_str().to_owned()),
            slots_withheld: r.slots_withheld,
        }
    }
}

/// Free slots and the specialists that need a referral first.
#[derive(Debug, Serialize, ToSchema)]
pub struct SlotSearchResponse {
    /// The slots' length in minutes.
    #[schema(example = 30)]
    pub duration_minutes: u32,
    /// The earliest free slots, by start.
    pub slots: Vec<SlotChoiceResponse>,
    /// Specialists matching the search who need a referral the patient does not have.
    pub referrals_needed: Vec<ReferralNeededResponse>,
}

impl From<FoundSlots> for SlotSearchResponse {
    fn from(found: FoundSlots) -> Self {
        Self {
            duration_minutes: found.duration.minutes(),
            slots: found.slots.into_iter().map(Into::into).collect(),
            referrals_needed: found.referrals_needed.into_iter().map(Into::into).collect(),
        }
    }
}

/// Free slots to book, from now on, read off each doctor's open time (weekly hours and
/// dated exceptions, minus time off and closures) minus their active visits and the
/// patient's own. Anyone signed in may search; naming a patient needs the right to read
/// that patient (a patient names themself, a doctor a patient they treat, staff anyone).
#[utoipa::path(
    tag = "appointments",
    security(("bearer" = [])),
    params(SlotQuery),
    responses(
        (status = 200, description = "Free slots in time order, and the specialists needing a referral", body = SlotSearchResponse),
        (status = 400, description = "Malformed query", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such patient, or not yours", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A reversed or too long span, a bad limit or length, or a missing or retired visit type", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/slots")]
pub async fn search_slots(
    state: web::Data<AppState>,
    actor: CurrentActor,
    query: crate::http::Query<SlotQuery>,
) -> ApiResult<HttpResponse> {
    let query = query.into_inner();
    let search = SlotSearch {
        doctor_id: query.doctor_id,
        office_id: query.office_id,
        specialty_id: query.specialty_id,
        visit_type_id: query.visit_type_id,
        patient_id: query.patient_id,
        from: query.from,
        to: query.to,
        slot_minutes: query.slot_minutes,
        limit: query.limit.unwrap_or(DEFAULT_LIMIT.min(MAX_SEARCH_SLOTS)),
    };
    let found = search_free_slots(&actor, search, &*state.clock, &*state.availability).await?;
    Ok(HttpResponse::Ok().json(SlotSearchResponse::from(found)))
}
