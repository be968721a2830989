//! `GET /medical-records` and `GET /medical-records/{id}`: every record shown is audited as
//! read by the signed-in user.

use actix_web::{HttpResponse, get, web};
use clinic_domain::clinical::{self, ListRecords};

use super::dto::{RecordQuery, RecordResponse};
use crate::auth::CurrentActor;
use crate::error::{ApiResult, Problem};
use crate::routes::common::{PageQuery, PageResponse};
use crate::state::AppState;

/// A patient's medical records, newest first, optionally of one visit. Patients see their own
/// (`patient_id` may be left out); doctors name a patient they treat. Each record returned is
/// written to the audit log as read, in the same transaction.
#[utoipa::path(
    tag = "clinical",
    security(("bearer" = [])),
    params(RecordQuery, PageQuery),
    responses(
        (status = 200, description = "One page of records", body = PageResponse<RecordResponse>),
        (status = 400, description = "Malformed query", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Staff and admins never see clinical content", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such patient, or not yours", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A doctor named no patient, or invalid paging", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/medical-records")]
pub async fn list_records(
    state: web::Data<AppState>,
    actor: CurrentActor,
    query: crate::http::Query<RecordQuery>,
    paging: crate::http::Query<PageQuery>,
) -> ApiResult<HttpResponse> {
    let page = paging.request()?;
    let query = ListRecords {
        patient_id: query.patient_id,
        appointment_id: query.appointment_id,
    };
    let records = clinical::list_records(&actor, query, page, &*state.clinical).await?;
    Ok(HttpResponse::Ok().json(PageResponse::from_page(records, RecordResponse::from)))
}

/// One medical record, audited as read by the signed-in user.
#[utoipa::path(
    tag = "clinical",
    security(("bearer" = [])),
    params(("id" = i32, Path, description = "Record id")),
    responses(
        (status = 200, description = "The record", body = RecordResponse),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Staff and admins never see clinical content", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such record, or not yours", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/medical-records/{id}")]
pub async fn get_record(
    state: web::Data<AppState>,
    actor: CurrentActor,
    id: web::Path<i32>,
) -> ApiResult<HttpResponse> {
    let record = clinical::read_record(&actor, id.into_inner(), &*state.clinical).await?;
    Ok(HttpResponse::Ok().json(RecordResponse::from(record)))
}
