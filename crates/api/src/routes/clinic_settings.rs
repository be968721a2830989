//! `/clinic/settings`: the clinic's own limits and reminder offsets (admin).

use actix_web::{HttpResponse, get, put, web};
use clinic_domain::settings::{self, ClinicSettings, ClinicSettingsInput};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_actix_web::service_config::ServiceConfig;

use crate::auth::CurrentActor;
use crate::error::{ApiResult, Problem};
use crate::state::AppState;

/// Registers the clinic settings routes.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(get_clinic_settings)
        .service(put_clinic_settings);
}

/// The clinic's settings.
#[derive(Debug, Serialize, ToSchema)]
pub struct ClinicSettingsResponse {
    /// A patient may cancel or move a visit online until this many hours before its start;
    /// later, the front desk does it (saying why).
    #[schema(example = 24)]
    pub late_cancellation_hours: u32,
    /// A patient books at most this many days ahead (staff and doctors are not limited).
    #[schema(example = 180)]
    pub booking_horizon_days: u32,
    /// A patient holds at most this many active appointments in the future by booking
    /// themselves (staff and doctors may book more for them).
    #[schema(example = 5)]
    pub max_future_appointments: u32,
    /// Reminder emails go out this many minutes before each visit, longest first (empty: no
    /// reminders).
    #[schema(example = json!([1440, 120]))]
    pub reminder_offsets_minutes: Vec<u32>,
}

impl From<ClinicSettings> for ClinicSettingsResponse {
    fn from(s: ClinicSettings) -> Self {
        Self {
            late_cancellation_hours: s.late_cancellation_hours(),
            booking_horizon_days: s.booking_horizon_days(),
            max_future_appointments: s.max_future_appointments(),
            reminder_offsets_minutes: s.reminder_offsets().minutes().to_vec(),
        }
    }
}

/// New settings: every one is given, except the reminder offsets (left out, they stay).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ClinicSettingsRequest {
    /// 0 to 168 hours (0: patients may cancel until the start).
    #[schema(minimum = 0, maximum = 168, example = 24)]
    pub late_cancellation_hours: i64,
    /// 1 to 730 days.
    #[schema(minimum = 1, maximum = 730, example = 180)]
    pub booking_horizon_days: i64,
    /// 1 to 100 appointments.
    #[schema(minimum = 1, maximum = 100, example = 5)]
    pub max_future_appointments: i64,
    /// At most 3 distinct offsets of 15 to 10080 minutes (a week) before a visit; `[]` turns
    /// reminders off; left out, the current ones stay.
    #[schema(max_items = 3, example = json!([1440, 120]))]
    #[serde(default)]
    pub reminder_offsets_minutes: Option<Vec<i64>>,
}

/// The clinic's settings. Admins only.
#[utoipa::path(
    tag = "clinic",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The clinic's settings", body = ClinicSettingsResponse),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an admin", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/clinic/settings")]
pub async fn get_clinic_settings(
    state: web::Data<AppState>,
    actor: CurrentActor,
) -> ApiResult<HttpResponse> {
    let current = settings::read_settings(&actor, &*state.clinic_settings).await?;
    Ok(HttpResponse::Ok().json(ClinicSettingsResponse::from(current)))
}

/// Replaces the clinic's settings. Admins only; audited. They apply from the next booking,
/// cancellation or move.
#[utoipa::path(
    tag = "clinic",
    security(("bearer" = [])),
    request_body = ClinicSettingsRequest,
    responses(
        (status = 200, description = "The settings as stored", body = ClinicSettingsResponse),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an admin", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Values out of bounds, listed in `errors`", body = Problem, content_type = "application/problem+json"),
    )
)]
#[put("/clinic/settings")]
pub async fn put_clinic_settings(
    state: web::Data<AppState>,
    actor: CurrentActor,
    body: crate::http::Json<ClinicSettingsRequest>,
) -> ApiResult<HttpResponse> {
    let input = ClinicSettingsInput {
        late_cancellation_hours: body.late_cancellation_hours,
        booking_horizon_days: body.booking_horizon_days,
        max_future_appointments: body.max_future_appointments,
        reminder_offsets_minutes: body.reminder_offsets_minutes.clone(),
    };
    let stored = settings::update_settings(&actor, input, &*state.clinic_settings).await?;
    Ok(HttpResponse::Ok().json(ClinicSettingsResponse::from(stored)))
}
