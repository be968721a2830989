//! `/notifications`: the signed-in user's own notifications. Nobody reads anyone else's.

use actix_web::{HttpResponse, get, post, web};
use chrono::{DateTime, Utc};
use clinic_domain::notification::{Notification, NotificationFilter};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_actix_web::service_config::ServiceConfig;

use crate::auth::CurrentActor;
use crate::error::{ApiResult, Problem};
use crate::routes::common::{PageQuery, PageResponse, utc, utc_opt};
use crate::state::AppState;

/// A notification.
#[derive(Debug, Serialize, ToSchema)]
pub struct NotificationResponse {
    pub id: i64,
    /// appointment, approval, billing, prescription, record or system.
    #[schema(example = "appointment")]
    pub kind: String,
    #[schema(example = "Your appointment on 2026-12-01 at 09:00 is booked.")]
    pub message: String,
    pub is_read: bool,
    #[serde(serialize_with = "utc")]
    pub created_at: DateTime<Utc>,
    #[serde(serialize_with = "utc_opt")]
    pub read_at: Option<DateTime<Utc>>,
    /// The kind of thing it is about, e.g. `appointments`.
    #[schema(example = "appointments")]
    pub related_entity_type: Option<String>,
    pub related_entity_id: Option<i64>,
}

impl From<Notification> for NotificationResponse {
    fn from(n: Notification) -> Self {
        Self {
            id: n.notification_id,
            kind: n.kind.as_str().to_owned(),
            message: n.message,
            is_read: n.read_at.is_some(),
            created_at: n.created_at,
            read_at: n.read_at,
            related_entity_type: n.related_entity_type,
            related_entity_id: n.related_entity_id,
        }
    }
}

/// Filter of the notification list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct NotificationQuery {
    /// Only unread (true) or only read (false) notifications.
    pub unread: Option<bool>,
}

/// How many notifications are unread.
#[derive(Debug, Serialize, ToSchema)]
pub struct UnreadCount {
    #[schema(example = 3)]
    pub unread: u64,
}

/// How many notifications were marked read.
#[derive(Debug, Serialize, ToSchema)]
pub struct MarkedCount {
    #[schema(example = 3)]
    pub marked: u64,
}

/// The signed-in user's notifications, newest first.
#[utoipa::path(
    tag = "notifications",
    security(("bearer" = [])),
    params(NotificationQuery, PageQuery),
    responses(
        (status = 200, description = "One page of notifications", body = PageResponse<NotificationResponse>),
        (status = 400, description = "Malformed query", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid paging", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/notifications")]
pub async fn list_notifications(
    state: web::Data<AppState>,
    actor: CurrentActor,
    query: crate::http::Query<NotificationQuery>,
    paging: crate::http::Query<PageQuery>,
) -> ApiResult<HttpResponse> {
    let filter = NotificationFilter {
        unread: query.unread,
    };
    let page = state
        .notifications
        .list(actor.user_id, filter, paging.request()?)
        .await?;
    Ok(HttpResponse::Ok().json(PageResponse::from_page(page, NotificationResponse::from)))
}

/// How many of the signed-in user's notifications are unread (for the bell).
#[utoipa::path(
    tag = "notifications",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The unread count", body = UnreadCount),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/notifications/unread-count")]
pub async fn unread_count(
    state: web::Data<AppState>,
    actor: CurrentActor,
) -> ApiResult<HttpResponse> {
    let unread = state.notifications.unread_count(actor.user_id).await?;
    Ok(HttpResponse::Ok().json(UnreadCount { unread }))
}

/// Marks one notification read (again is fine).
#[utoipa::path(
    tag = "notifications",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Notification id")),
    responses(
        (status = 200, description = "The notification, read", body = NotificationResponse),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such notification of yours", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/notifications/{id}/read")]
pub async fn mark_read(
    state: web::Data<AppState>,
    actor: CurrentActor,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let notification = state
        .notifications
        .mark_read(actor.user_id, id.into_inner())
        .await?;
    Ok(HttpResponse::Ok().json(NotificationResponse::from(notification)))
}

/// Marks all of the signed-in user's notifications read.
#[utoipa::path(
    tag = "notifications",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "How many were marked", body = MarkedCount),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/notifications/read-all")]
pub async fn mark_all_read(
    state: web::Data<AppState>,
    actor: CurrentActor,
) -> ApiResult<HttpResponse> {
    let marked = state.notifications.mark_all_read(actor.user_id).await?;
    Ok(HttpResponse::Ok().json(MarkedCount { marked }))
}

/// Registers the notification routes.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_notifications)
        .service(unread_count)
        .service(mark_all_read)
        .service(mark_read);
}
