//! `GET, POST /waitlist` and `POST /waitlist/{id}/withdraw`.

use actix_web::{HttpResponse, get, post, web};
use clinic_domain::scheduling::waitlist::{self, JoinWaitlist, ListEntries};

use super::dto::{JoinWaitlistRequest, WaitlistEntryResponse, WaitlistQuery};
use crate::auth::CurrentActor;
use crate::error::{ApiResult, Problem};
use crate::routes::common::{PageQuery, PageResponse};
use crate::state::AppState;

/// Waitlist entries, the most urgent first, then the longest waiting. Staff and admins see
/// every entry, a doctor the entries for them, a patient their own. By default only entries
/// still waiting (active or offered).
#[utoipa::path(
    tag = "waitlist",
    security(("bearer" = [])),
    params(WaitlistQuery, PageQuery),
    responses(
        (status = 200, description = "One page of entries", body = PageResponse<WaitlistEntryResponse>),
        (status = 400, description = "Malformed query", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "A patient named another patient", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid paging", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/waitlist")]
pub async fn list_entries(
    state: web::Data<AppState>,
    actor: CurrentActor,
    query: crate::http::Query<WaitlistQuery>,
    paging: crate::http::Query<PageQuery>,
) -> ApiResult<HttpResponse> {
    let query = query.into_inner();
    let list = ListEntries {
        patient_id: query.patient_id,
        doctor_id: query.doctor_id,
        office_id: query.office_id,
        include_closed: query.include_closed.unwrap_or(false),
    };
    let page = waitlist::list_entries(
        &actor,
        list,
        paging.request()?,
        &*state.clock,
        &*state.waitlist,
    )
    .await?;
    Ok(HttpResponse::Ok().json(PageResponse::from_page(page, WaitlistEntryResponse::from)))
}

/// Joins the waitlist of a doctor (at one office, or any): a patient for themselves, staff
/// for anyone. When a visit with the doctor is cancelled, matching entries are offered the
/// freed slot, the most urgent first; the first to accept books it. A patient waits once per
/// doctor and office.
#[utoipa::path(
    tag = "waitlist",
    security(("bearer" = [])),
    request_body = JoinWaitlistRequest,
    responses(
        (status = 201, description = "On the waitlist", body = WaitlistEntryResponse),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Doctors and admins do not manage the waitlist", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "A patient named another patient", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Already waiting for this doctor (`waitlist_already_waiting`)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields: no such patient, doctor or office, a weekday or time out of range, a latest date in the past", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/waitlist")]
pub async fn join_waitlist(
    state: web::Data<AppState>,
    actor: CurrentActor,
    body: crate::http::Json<JoinWaitlistRequest>,
) -> ApiResult<HttpResponse> {
    let preferences = body.preferences()?;
    let body = body.into_inner();
    let command = JoinWaitlist {
        patient_id: body.patient_id,
        doctor_id: body.doctor_id,
        office_id: body.office_id,
        preferences,
        urgency: body.urgency.into(),
        note: body.note,
    };
    let entry = waitlist::join(&actor, command, &*state.clock, &*state.appointments).await?;
    Ok(HttpResponse::Created().json(WaitlistEntryResponse::from(entry)))
}

/// Takes an entry off the waitlist (the patient, or staff for them); its open offers close.
#[utoipa::path(
    tag = "waitlist",
    security(("bearer" = [])),
    params(("id" = i32, Path, description = "Waitlist entry id")),
    responses(
        (status = 200, description = "The entry, withdrawn", body = WaitlistEntryResponse),
        (status = 400, description = "Malformed id", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Doctors and admins do not manage the waitlist", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such entry, or not yours", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Already booked, withdrawn or expired (`waitlist_entry_closed`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/waitlist/{id}/withdraw")]
pub async fn withdraw_entry(
    state: web::Data<AppState>,
    actor: CurrentActor,
    id: web::Path<i32>,
) -> ApiResult<HttpResponse> {
    let entry =
        waitlist::withdraw(&actor, id.into_inner(), &*state.clock, &*state.appointments).await?;
    Ok(HttpResponse::Ok().json(WaitlistEntryResponse::from(entry)))
}
