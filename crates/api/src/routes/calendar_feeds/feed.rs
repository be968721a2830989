//! `GET /calendar-feeds/{token}.ics`: the feed a calendar app subscribes to. The token in the
//! path is the credential (calendar apps send no bearer token); the request log shows the
//! path with the token redacted.

use actix_web::http::header;
use actix_web::{HttpResponse, get, web};
use clinic_domain::calendar_feeds::read_feed;
use clinic_infrastructure::ics;

use crate::error::{ApiResult, Problem};
use crate::state::AppState;

/// A doctor's appointments from 30 days back to 180 days ahead as an iCalendar (RFC 5545)
/// feed, cancelled visits left out, one event per visit with a stable UID. Events read
/// "Appointment" unless the doctor chose to show patients' names. No bearer token: the URL's
/// token is the credential; an unknown or revoked token answers 404.
#[utoipa::path(
    tag = "calendar feeds",
    params(("token" = String, Path, description = "The feed's secret token")),
    responses(
        (status = 200, description = "The feed", body = String, content_type = "text/calendar"),
        (status = 404, description = "No such feed, or revoked", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/calendar-feeds/{token}.ics")]
pub async fn calendar_feed(
    state: web::Data<AppState>,
    token: web::Path<String>,
) -> ApiResult<HttpResponse> {
    // The feed's visits come from the read replica while it is usable; the token is checked,
    // and the fetch recorded, on the primary.
    let now = state.clock.now();
    let feed = state
        .read_routed(|side| read_feed(&token, now, side.calendar_feeds, &*state.reads))
        .await?;
    Ok(HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, ics::CONTENT_TYPE))
        .insert_header((
            header::CONTENT_DISPOSITION,
            "inline; filename=\"appointments.ics\"",
        ))
        .body(ics::feed_calendar(&feed.name, &feed.events)))
}
