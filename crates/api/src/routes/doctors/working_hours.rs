//! `GET, PUT /doctors/{id}/working-hours`: a doctor's regular week.

use actix_web::{HttpResponse, get, put, web};
use chrono::NaiveTime;
use clinic_domain::directory::{self, SetWorkingHours, WorkingHours, WorkingHoursInput};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::Validate;

use crate::auth::CurrentActor;
use crate::error::{ApiResult, Problem, draft};
use crate::state::AppState;

/// One block of working hours: a weekday at an office, from `start` to `end` in the office's
/// local time (its `time_zone`).
#[derive(Debug, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct WorkingHoursBlock {
    /// An office the doctor works at (see `/doctors/{id}/offices`).
    pub office_id: i32,
    /// ISO weekday: 1 = Monday ... 7 = Sunday.
    #[validate(range(min = 1, max = 7))]
    #[schema(minimum = 1, maximum = 7, example = 1)]
    pub weekday: i64,
    /// Local start, `HH:MM`.
    #[schema(pattern = r"^([01]\d|2[0-3]):[0-5]\d$", example = "09:00")]
    pub start: String,
    /// Local end, `HH:MM`, after `start` on the same day (at most 23:59).
    #[schema(pattern = r"^([01]\d|2[0-3]):[0-5]\d$", example = "12:30")]
    pub end: String,
}

/// A doctor's whole week. No two blocks may overlap on a weekday, even at different offices.
#[derive(Debug, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct WorkingHoursBody {
    /// Ordered by weekday and start in answers; `[]` clears the week.
    #[validate(length(max = 100), nested)]
    #[schema(max_items = 100)]
    pub working_hours: Vec<WorkingHoursBlock>,
}

impl From<Vec<WorkingHours>> for WorkingHoursBody {
    fn from(blocks: Vec<WorkingHours>) -> Self {
        let clock = |t: NaiveTime| t.format("%H:%M").to_string();
        Self {
            working_hours: blocks
                .into_iter()
                .map(|b| WorkingHoursBlock {
                    office_id: b.office_id,
                    weekday: b.hours.weekday().number_from_monday().into(),
                    start: clock(b.hours.start()),
                    end: clock(b.hours.end()),
                })
                .collect(),
        }
    }
}

impl WorkingHoursBody {
    /// The blocks as the domain reads them.
    fn blocks(&self) -> Vec<WorkingHoursInput> {
        self.working_hours
            .iter()
            .map(|b| WorkingHoursInput {
                office_id: b.office_id,
                weekday: b.weekday,
                start: b.start.clone(),
                end: b.end.clone(),
            })
            .collect()
    }
}

/// A doctor's weekly working hours. Any signed-in user: staff schedule by them.
#[utoipa::path(
    tag = "doctors",
    security(("bearer" = [])),
    params(("id" = i32, Path, description = "Doctor id")),
    responses(
        (status = 200, description = "The doctor's week", body = WorkingHoursBody),
        (status = 400, description = "Malformed id", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such doctor", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/doctors/{id}/working-hours")]
pub async fn get_working_hours(
    state: web::Data<AppState>,
    actor: CurrentActor,
    id: web::Path<i32>,
) -> ApiResult<HttpResponse> {
    let hours = directory::working_hours(&actor, id.into_inner(), &*state.doctors).await?;
    Ok(HttpResponse::Ok().json(WorkingHoursBody::from(hours)))
}

/// Replaces a doctor's whole week in one transaction: an admin or the doctor themself. Every
/// block must be at one of the doctor's offices and no two may overlap on a weekday, across
/// offices; errors name `working_hours[i]` (overlap) or its part.
#[utoipa::path(
    tag = "doctors",
    security(("bearer" = [])),
    params(("id" = i32, Path, description = "Doctor id")),
    request_body = WorkingHoursBody,
    responses(
        (status = 200, description = "The doctor's week now", body = WorkingHoursBody),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Staff and patients", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such doctor, or another doctor's", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Overlapping blocks, an office not the doctor's, a bad weekday or time", body = Problem, content_type = "application/problem+json"),
    )
)]
#[put("/doctors/{id}/working-hours")]
pub async fn put_working_hours(
    state: web::Data<AppState>,
    actor: CurrentActor,
    id: web::Path<i32>,
    body: crate::http::Json<WorkingHoursBody>,
) -> ApiResult<HttpResponse> {
    let cmd = SetWorkingHours {
        doctor_id: id.into_inner(),
        blocks: draft(&*body, || Ok(body.blocks())),
    };
    let hours = directory::set_working_hours(&actor, cmd, &*state.doctors).await?;
    Ok(HttpResponse::Ok().json(WorkingHoursBody::from(hours)))
}
