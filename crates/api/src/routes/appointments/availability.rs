//! `GET /doctors/{id}/availability`: free slots of a doctor at an office.

use actix_web::{HttpResponse, get, web};
use chrono::{DateTime, NaiveDate, Utc};
use clinic_domain::scheduling::availability::{ListFreeSlots, list_free_slots};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::auth::CurrentActor;
use crate::error::{ApiResult, Problem};
use crate::routes::common::utc;
use crate::state::AppState;

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

/// The doctor's open time at the office (weekly hours and dated exceptions, minus time off and
/// the office's closures) minus their active appointments, cut into slots, from now on.
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
    query: crate::http::Query<AvailabilityQuery>,
) -> ApiResult<HttpResponse> {
    let doctor_id = id.into_inner();
    let listing = ListFreeSlots {
        doctor_id,
        office_id: query.office_id,
        from: query.from,
        to: query.to,
        slot_minutes: query.slot_minutes.unwrap_or(30),
    };
    let free = list_free_slots(listing, &*state.clock, &*state.availability).await?;
    Ok(HttpResponse::Ok().json(AvailabilityResponse {
        doctor_id,
        office_id: query.office_id,
        time_zone: free.time_zone,
        slots: free
            .slots
            .into_iter()
            .map(|s| Slot {
                starts_at: s.start(),
                ends_at: s.end(),
            })
            .collect(),
    }))
}
