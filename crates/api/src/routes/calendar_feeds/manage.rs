//! A doctor's own feeds: `GET`, `POST /calendar-feeds` and `DELETE /calendar-feeds/{id}`.

use actix_web::{HttpResponse, delete, get, post, web};
use clinic_domain::calendar_feeds::{create_feed, list_feeds, revoke_feed};

use super::dto::{CalendarFeedResponse, CreateCalendarFeedRequest, CreatedCalendarFeedResponse};
use crate::auth::CurrentActor;
use crate::error::{ApiResult, Problem};
use crate::state::AppState;

/// The signed-in doctor's feeds, newest first, revoked ones included; tokens are never shown
/// again. Doctors only.
#[utoipa::path(
    tag = "calendar feeds",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The doctor's feeds", body = Vec<CalendarFeedResponse>),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not a doctor", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/calendar-feeds")]
pub async fn list_calendar_feeds(
    state: web::Data<AppState>,
    actor: CurrentActor,
) -> ApiResult<HttpResponse> {
    let feeds = list_feeds(&actor, &*state.calendar_feeds).await?;
    let body: Vec<CalendarFeedResponse> = feeds.into_iter().map(Into::into).collect();
    Ok(HttpResponse::Ok().json(body))
}

/// Creates a private feed URL of the signed-in doctor's appointments (audited). The answer
/// holds the URL's token: it is shown this once and stored only hashed. Doctors only.
#[utoipa::path(
    tag = "calendar feeds",
    security(("bearer" = [])),
    request_body = CreateCalendarFeedRequest,
    responses(
        (status = 201, description = "The feed and its secret URL, shown once", body = CreatedCalendarFeedResponse),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not a doctor", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A body with fields it does not know", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/calendar-feeds")]
pub async fn create_calendar_feed(
    state: web::Data<AppState>,
    actor: CurrentActor,
    body: crate::http::Json<CreateCalendarFeedRequest>,
) -> ApiResult<HttpResponse> {
    let created = create_feed(
        &actor,
        body.include_patient_names,
        state.clock.now(),
        &*state.calendar_feeds,
    )
    .await?;
    Ok(HttpResponse::Created().json(CreatedCalendarFeedResponse::from(created)))
}

/// Revokes one of the signed-in doctor's feeds (audited): its URL answers 404 from now on.
/// Revoking it again changes nothing. Doctors only; another doctor's feed answers 404.
#[utoipa::path(
    tag = "calendar feeds",
    security(("bearer" = [])),
    params(("id" = i32, Path, description = "Feed id")),
    responses(
        (status = 204, description = "Revoked"),
        (status = 400, description = "Malformed id", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not a doctor", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such feed, or not yours", body = Problem, content_type = "application/problem+json"),
    )
)]
#[delete("/calendar-feeds/{id}")]
pub async fn revoke_calendar_feed(
    state: web::Data<AppState>,
    actor: CurrentActor,
    id: web::Path<i32>,
) -> ApiResult<HttpResponse> {
    revoke_feed(
        &actor,
        id.into_inner(),
        state.clock.now(),
        &*state.calendar_feeds,
    )
    .await?;
    Ok(HttpResponse::NoContent().finish())
}
