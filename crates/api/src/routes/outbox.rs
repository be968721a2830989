//! `GET /outbox`: the messages that left (or will leave) the building, for staff and admins —
//! who is told what, when, and how delivery went. Never a message's body.

use actix_web::{HttpResponse, get, web};
use chrono::{DateTime, Utc};
use clinic_domain::messaging::{
    self, Channel, MessageKind, OutboxEntry, OutboxFilter, OutboxStatus,
};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_actix_web::service_config::ServiceConfig;

use crate::auth::CurrentActor;
use crate::error::{ApiResult, Problem};
use crate::routes::common::{PageQuery, PageResponse, utc, utc_opt};
use crate::state::AppState;

/// Registers the outbox route.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_outbox);
}

/// Where a message is in its delivery.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum OutboxStatusDto {
    /// Waiting for its time or its next attempt.
    Pending,
    /// A worker is sending it.
    Sending,
    /// Handed to the mail server.
    Sent,
    /// Given up: refused, or out of attempts.
    Failed,
    /// No longer due when its time came (cancelled or moved visit, visit under way).
    Skipped,
    /// Due, but no sender is configured (no SMTP server): what would have been sent.
    Unsent,
}

impl From<OutboxStatus> for OutboxStatusDto {
    fn from(status: OutboxStatus) -> Self {
        match status {
            OutboxStatus::Pending => Self::Pending,
            OutboxStatus::Sending => Self::Sending,
            OutboxStatus::Sent => Self::Sent,
            OutboxStatus::Failed => Self::Failed,
            OutboxStatus::Skipped => Self::Skipped,
            OutboxStatus::Unsent => Self::Unsent,
        }
    }
}

impl From<OutboxStatusDto> for OutboxStatus {
    fn from(status: OutboxStatusDto) -> Self {
        match status {
            OutboxStatusDto::Pending => Self::Pending,
            OutboxStatusDto::Sending => Self::Sending,
            OutboxStatusDto::Sent => Self::Sent,
            OutboxStatusDto::Failed => Self::Failed,
            OutboxStatusDto::Skipped => Self::Skipped,
            OutboxStatusDto::Unsent => Self::Unsent,
        }
    }
}

/// What a message tells.
#[derive(Debug, Clone, Copy, Serialize, ToSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum MessageKindDto {
    Booked,
    Moved,
    Cancelled,
    Reminder,
}

impl From<MessageKind> for MessageKindDto {
    fn from(kind: MessageKind) -> Self {
        match kind {
            MessageKind::Booked => Self::Booked,
            MessageKind::Moved => Self::Moved,
            MessageKind::Cancelled => Self::Cancelled,
            MessageKind::Reminder => Self::Reminder,
        }
    }
}

/// How a message leaves the building.
#[derive(Debug, Clone, Copy, Serialize, ToSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum ChannelDto {
    Email,
    Sms,
}

impl From<Channel> for ChannelDto {
    fn from(channel: Channel) -> Self {
        match channel {
            Channel::Email => Self::Email,
            Channel::Sms => Self::Sms,
        }
    }
}

/// Filters of the outbox.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct OutboxQuery {
    /// Only messages in this status.
    pub status: Option<OutboxStatusDto>,
    /// Only the messages about this appointment.
    pub appointment_id: Option<i32>,
}

/// One message of the outbox: who, what, when, how it went. No body, no clinical text.
#[derive(Debug, Serialize, ToSchema)]
pub struct OutboxMessageResponse {
    pub id: i64,
    pub channel: ChannelDto,
    pub kind: MessageKindDto,
    pub status: OutboxStatusDto,
    pub appointment_id: i32,
    pub recipient_user_id: i32,
    #[schema(example = "Alice Smith")]
    pub recipient_name: String,
    #[schema(example = "Reminder: your appointment on Thu, Dec 3, 2026, 10:00 AM CET")]
    pub subject: String,
    /// When it goes (or went) out.
    #[serde(serialize_with = "utc")]
    pub due_at: DateTime<Utc>,
    /// Delivery attempts so far.
    pub attempts: u32,
    /// The next attempt, for a pending message.
    #[serde(serialize_with = "utc_opt")]
    pub next_attempt_at: Option<DateTime<Utc>>,
    /// When the mail server accepted it.
    #[serde(serialize_with = "utc_opt")]
    pub sent_at: Option<DateTime<Utc>>,
    /// Why it failed, was skipped or left unsent (or the last temporary failure).
    #[schema(example = "the visit was moved after this message was planned")]
    pub last_error: Option<String>,
    #[serde(serialize_with = "utc")]
    pub created_at: DateTime<Utc>,
}

impl From<OutboxEntry> for OutboxMessageResponse {
    fn from(e: OutboxEntry) -> Self {
        Self {
            id: e.message_id,
            channel: e.channel.into(),
            kind: e.kind.into(),
            status: e.status.into(),
            appointment_id: e.appointment_id,
            recipient_user_id: e.recipient_user_id,
            recipient_name: e.recipient_name,
            subject: e.subject,
            due_at: e.due_at,
            attempts: e.attempts,
            next_attempt_at: e.next_attempt_at,
            sent_at: e.sent_at,
            last_error: e.last_error,
            created_at: e.created_at,
        }
    }
}

/// The outbox, latest due first. Staff and admins only.
#[utoipa::path(
    tag = "outbox",
    security(("bearer" = [])),
    params(OutboxQuery, PageQuery),
    responses(
        (status = 200, description = "One page of outbox messages", body = PageResponse<OutboxMessageResponse>),
        (status = 400, description = "Malformed query (e.g. an unknown status)", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Doctors and patients", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid paging", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/outbox")]
pub async fn list_outbox(
    state: web::Data<AppState>,
    actor: CurrentActor,
    query: crate::http::Query<OutboxQuery>,
    paging: crate::http::Query<PageQuery>,
) -> ApiResult<HttpResponse> {
    let filter = OutboxFilter {
        status: query.status.map(Into::into),
        appointment_id: query.appointment_id,
    };
    let page = messaging::list_outbox(&actor, filter, paging.request()?, &*state.outbox).await?;
    Ok(HttpResponse::Ok().json(PageResponse::from_page(page, OutboxMessageResponse::from)))
}
