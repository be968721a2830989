//! `GET /waitlist/offers` and answering one: accept (book it) or decline.

use actix_web::{HttpResponse, get, post, web};
use clinic_domain::scheduling::waitlist::{self, ListOffers};

use super::dto::{WaitlistOfferQuery, WaitlistOfferResponse};
use crate::auth::CurrentActor;
use crate::error::{ApiResult, Problem};
use crate::routes::appointments::dto::AppointmentResponse;
use crate::routes::common::{PageQuery, PageResponse};
use crate::state::AppState;

/// Offers of freed slots, the newest first, in the scope of the entries (`GET /waitlist`). By
/// default only open ones.
#[utoipa::path(
    tag = "waitlist",
    security(("bearer" = [])),
    params(WaitlistOfferQuery, PageQuery),
    responses(
        (status = 200, description = "One page of offers", body = PageResponse<WaitlistOfferResponse>),
        (status = 400, description = "Malformed query", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "A patient named another patient", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid paging", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/waitlist/offers")]
pub async fn list_offers(
    state: web::Data<AppState>,
    actor: CurrentActor,
    query: crate::http::Query<WaitlistOfferQuery>,
    paging: crate::http::Query<PageQuery>,
) -> ApiResult<HttpResponse> {
    let query = query.into_inner();
    let list = ListOffers {
        patient_id: query.patient_id,
        entry_id: query.entry_id,
        include_closed: query.include_closed.unwrap_or(false),
    };
    let page = waitlist::list_offers(
        &actor,
        list,
        paging.request()?,
        &*state.clock,
        &*state.waitlist,
    )
    .await?;
    Ok(HttpResponse::Ok().json(PageResponse::from_page(page, WaitlistOfferResponse::from)))
}

/// Accepts an open offer (the patient, or staff for them) and books its slot through the
/// booking rules; the entry is booked and the slot's other offers close as taken. The first
/// to accept wins: a later accept of the same slot answers 409 `waitlist_offer_taken`.
#[utoipa::path(
    tag = "waitlist",
    security(("bearer" = [])),
    params(("id" = i32, Path, description = "Offer id")),
    responses(
        (status = 201, description = "Booked; patient and doctor are notified", body = AppointmentResponse),
        (status = 400, description = "Malformed id", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Doctors and admins do not manage the waitlist", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such offer, or not yours", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Someone else accepted first (`waitlist_offer_taken`), the offer expired (`waitlist_offer_expired`) or was already answered (`waitlist_offer_closed`), or the booking rules refuse the slot (`appointment_conflict`, …)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The booking rules refuse the time (the doctor's hours changed, the office closed)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/waitlist/offers/{id}/accept")]
pub async fn accept_offer(
    state: web::Data<AppState>,
    actor: CurrentActor,
    id: web::Path<i32>,
) -> ApiResult<HttpResponse> {
    let appointment =
        waitlist::accept_offer(&actor, id.into_inner(), &*state.clock, &*state.appointments)
            .await?;
    Ok(HttpResponse::Created().json(AppointmentResponse::from(appointment)))
}

/// Declines an open offer (the patient, or staff for them); the entry keeps waiting.
#[utoipa::path(
    tag = "waitlist",
    security(("bearer" = [])),
    params(("id" = i32, Path, description = "Offer id")),
    responses(
        (status = 200, description = "The offer, declined", body = WaitlistOfferResponse),
        (status = 400, description = "Malformed id", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Doctors and admins do not manage the waitlist", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such offer, or not yours", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Taken, expired or already answered", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/waitlist/offers/{id}/decline")]
pub async fn decline_offer(
    state: web::Data<AppState>,
    actor: CurrentActor,
    id: web::Path<i32>,
) -> ApiResult<HttpResponse> {
    let offer =
        waitlist::decline_offer(&actor, id.into_inner(), &*state.clock, &*state.appointments)
            .await?;
    Ok(HttpResponse::Ok().json(WaitlistOfferResponse::from(offer)))
}
