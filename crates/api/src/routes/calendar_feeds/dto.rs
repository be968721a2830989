//! Bodies of `/calendar-feeds`.

use chrono::{DateTime, Utc};
use clinic_domain::calendar_feeds::{CalendarFeed, CreatedFeed};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::routes::API_BASE;
use crate::routes::common::utc;

/// A new feed.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateCalendarFeedRequest {
    /// Show each patient's name as the event's title (default: every event reads
    /// "Appointment"). Anyone who gets hold of the URL sees what the feed shows.
    #[serde(default)]
    pub include_patient_names: bool,
}

/// A feed, without its token (which is shown once, when it is created).
#[derive(Debug, Serialize, ToSchema)]
pub struct CalendarFeedResponse {
    pub id: i32,
    pub doctor_id: i32,
    pub include_patient_names: bool,
    #[serde(serialize_with = "utc")]
    pub created_at: DateTime<Utc>,
    /// When the URL was revoked; it answers 404 since.
    #[schema(value_type = Option<String>, format = DateTime)]
    #[serde(serialize_with = "optional_utc")]
    pub revoked_at: Option<DateTime<Utc>>,
    /// When a calendar last fetched the feed.
    #[schema(value_type = Option<String>, format = DateTime)]
    #[serde(serialize_with = "optional_utc")]
    pub last_used_at: Option<DateTime<Utc>>,
}

fn optional_utc<S: serde::Serializer>(
    moment: &Option<DateTime<Utc>>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match moment {
        Some(m) => utc(m, serializer),
        None => serializer.serialize_none(),
    }
}

impl From<CalendarFeed> for CalendarFeedResponse {
    fn from(f: CalendarFeed) -> Self {
        Self {
            id: f.feed_id,
            doctor_id: f.doctor_id,
            include_patient_names: f.include_patient_names,
            created_at: f.created_at,
            revoked_at: f.revoked_at,
            last_used_at: f.last_used_at,
        }
    }
}

/// A feed just created, with its secret URL: shown this once, never again.
#[derive(Debug, Serialize, ToSchema)]
pub struct CreatedCalendarFeedResponse {
    pub feed: CalendarFeedResponse,
    /// The secret part of the URL (64 hex digits).
    pub token: String,
    /// The feed's path on this server (`/api/v1/calendar-feeds/{token}.ics`); prefix it with
    /// the server's origin to subscribe.
    #[schema(example = "/api/v1/calendar-feeds/0123abcd….ics")]
    pub path: String,
}

impl From<CreatedFeed> for CreatedCalendarFeedResponse {
    fn from(created: CreatedFeed) -> Self {
        Self {
            path: format!("{API_BASE}/calendar-feeds/{}.ics", created.token),
            feed: created.feed.into(),
            token: created.token,
        }
    }
}
