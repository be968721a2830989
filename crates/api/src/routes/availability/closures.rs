//! `/offices/{id}/closures`: the days an office is closed.

use actix_web::{HttpResponse, delete, get, post, web};
use clinic_domain::scheduling::availability::{
    AddClosure, add_closure as add, list_closures as list, remove_closure as remove,
};

use super::dto::{ClosureRequest, ClosureResponse};
use crate::auth::CurrentActor;
use crate::error::{ApiResult, Problem};
use crate::state::AppState;

/// An office's closures, by first day. Everyone signed in may read them: they are the
/// clinic's public holidays.
#[utoipa::path(
    tag = "availability",
    security(("bearer" = [])),
    params(("id" = i32, Path, description = "Office id")),
    responses(
        (status = 200, description = "The closures", body = [ClosureResponse]),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such office", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/offices/{id}/closures")]
pub async fn list_closures(
    state: web::Data<AppState>,
    actor: CurrentActor,
    id: web::Path<i32>,
) -> ApiResult<HttpResponse> {
    let closures = list(&actor, id.into_inner(), &*state.availability).await?;
    let body: Vec<ClosureResponse> = closures.into_iter().map(Into::into).collect();
    Ok(HttpResponse::Ok().json(body))
}

/// Closes the office over local dates (staff and admins). Bookings into it are refused from
/// then on (the front desk may still overbook with a reason); visits already booked stay and
/// show on the calendar over the closure.
#[utoipa::path(
    tag = "availability",
    security(("bearer" = [])),
    params(("id" = i32, Path, description = "Office id")),
    request_body = ClosureRequest,
    responses(
        (status = 201, description = "Closed", body = ClosureResponse),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not staff or an admin", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such office", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "It overlaps another closure of the office (`closure_overlap`)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A reversed span, one over a year, or a bad label", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/offices/{id}/closures")]
pub async fn add_closure(
    state: web::Data<AppState>,
    actor: CurrentActor,
    id: web::Path<i32>,
    body: crate::http::Json<ClosureRequest>,
) -> ApiResult<HttpResponse> {
    let body = body.into_inner();
    let command = AddClosure {
        office_id: id.into_inner(),
        first_day: body.first_day,
        last_day: body.last_day,
        label: body.label,
    };
    let closure = add(&actor, command, &*state.availability).await?;
    Ok(HttpResponse::Created().json(ClosureResponse::from(closure)))
}

/// Reopens the office: removes one closure (staff and admins).
#[utoipa::path(
    tag = "availability",
    security(("bearer" = [])),
    params(
        ("id" = i32, Path, description = "Office id"),
        ("closure_id" = i32, Path, description = "Closure id"),
    ),
    responses(
        (status = 204, description = "Removed"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not staff or an admin", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such closure at the office", body = Problem, content_type = "application/problem+json"),
    )
)]
#[delete("/offices/{id}/closures/{closure_id}")]
pub async fn remove_closure(
    state: web::Data<AppState>,
    actor: CurrentActor,
    path: web::Path<(i32, i32)>,
) -> ApiResult<HttpResponse> {
    let (office_id, closure_id) = path.into_inner();
    remove(&actor, office_id, closure_id, &*state.availability).await?;
    Ok(HttpResponse::NoContent().finish())
}
