//! `GET /doctors/{id}/availability`: free slots of a doctor at an office.

use actix_web::{HttpResponse, get, web};
use chrono::{DateTime, Days, NaiveDate, Utc};
use clinic_domain::scheduling::{expand_weekly_hours, free_slots};
use clinic_domain::values::{OfficeZone, TimeRange};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::auth::CurrentActor;
use crate::error::{ApiError, ApiResult, Problem};
use crate::routes::common::utc;
use crate::state::AppState;

/// The longest range one request may ask about.
const MAX_DAYS: u64 = 31;

/// Which office and days to look at.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AvailabilityQuery {
    pub office_id: i32,
    /// First day, `YYYY-MM-DD`, in the office's time zone.
    pub from: NaiveDate,
    /// Last day (inclusive), at most 31 days after `from`.
    pub to: NaiveDate,
    /// Slot length in minutes, 5 to 480 (default 30).
    #[param(minimum = 5, maximum = 480)]
    pub slot_minutes: Option<u32>,
}

/// A free slot.
#[derive(Debug, Serialize, ToSchema)]
pub struct Slot {
    #[serde(serialize_with = "utc")]
    pub starts_at: DateTime<Utc>,
    #[serde(serialize_with = "utc")]
    pub ends_at: DateTime<Utc>,
}

/// Free slots and the zone they were computed in.
#[derive(Debug, Serialize, ToSchema)]
pub struct AvailabilityResponse {
    pub doctor_id: i32,
    pub office_id: i32,
    /// The office's IANA time zone.
    #[schema(example = "America/New_York")]
    pub time_zone: String,
    pub slots: Vec<Slot>,
}

/// The doctor's working hours at the office minus their active appointments, cut into slots,
/// from now on.
#[utoipa::path(
    tag = "appointments",
    security(("bearer" = [])),
    params(("id" = i32, Path, description = "Doctor id"), AvailabilityQuery),
    responses(
        (status = 200, description = "Free slots in time order", body = AvailabilityResponse),
        (status = 400, description = "Malformed query", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such doctor or office", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A range that is reversed or longer than 31 days, or a bad slot length", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/doctors/{id}/availability")]
pub async fn doctor_availability(
    state: web::Data<AppState>,
    _actor: CurrentActor,
    id: web::Path<i32>,
    query: web::Query<AvailabilityQuery>,
) -> ApiResult<HttpResponse> {
    let doctor_id = id.into_inner();
    let slot_minutes = query.slot_minutes.unwrap_or(30);
    if !(5..=480).contains(&slot_minutes) {
        return Err(ApiError::invalid_field(
            "slot_minutes",
            "must be from 5 to 480",
        ));
    }
    if query.to < query.from {
        return Err(ApiError::invalid_field("to", "must not be before from"));
    }
    if query
        .from
        .checked_add_days(Days::new(MAX_DAYS))
        .is_some_and(|limit| query.to > limit)
    {
        return Err(ApiError::invalid_field("to", "at most 31 days after from"));
    }
    // A generous UTC window around the local days; the working hours cut it down exactly.
    let start = query
        .from
        .pred_opt()
        .unwrap_or(query.from)
        .and_time(chrono::NaiveTime::MIN)
        .and_utc();
    let end = query
        .to
        .succ_opt()
        .and_then(|d| d.succ_opt())
        .unwrap_or(query.to)
        .and_time(chrono::NaiveTime::MIN)
        .and_utc();
    let window = TimeRange::new(start, end)
        .map_err(|_| ApiError::invalid_field("to", "must be after from"))?;
    let (time_zone, hours, busy) = state
        .appointments
        .availability_facts(doctor_id, query.office_id, &window)
        .await?;
    let zone = OfficeZone::of_office(&time_zone);
    let working = expand_weekly_hours(&hours, query.from, query.to, |local| zone.to_utc(local));
    let slots = free_slots(&working, &busy, slot_minutes, state.clock.now())
        .into_iter()
        .map(|s| Slot {
            starts_at: s.start(),
            ends_at: s.end(),
        })
        .collect();
    Ok(HttpResponse::Ok().json(AvailabilityResponse {
        doctor_id,
        office_id: query.office_id,
        time_zone,
        slots,
    }))
}
