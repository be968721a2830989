//! `POST /medical-records` and `PATCH /medical-records/{id}`: only the visit's doctor writes.

use actix_web::{HttpResponse, patch, post, web};
use clinic_domain::clinical::{self, AmendRecord, WriteRecord};

use super::dto::{AmendRecordRequest, CreateRecordRequest, RecordResponse};
use crate::auth::CurrentActor;
use crate::error::{ApiResult, Problem};
use crate::state::AppState;

/// Writes the record of a visit: only the appointment's doctor, and only once the patient is
/// checked in or the visit completed. The patient is notified.
#[utoipa::path(
    tag = "clinical",
    security(("bearer" = [])),
    request_body = CreateRecordRequest,
    responses(
        (status = 201, description = "Written; audited as an insert, the patient is notified", body = RecordResponse),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the visit's doctor (staff, admins and patients never write records)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such appointment, or not yours", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`visit_not_in_progress`: the appointment is not checked in or completed", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields, test results by path (`test_results[1].name`), or an empty record", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/medical-records")]
pub async fn create_record(
    state: web::Data<AppState>,
    actor: CurrentActor,
    body: web::Json<CreateRecordRequest>,
) -> ApiResult<HttpResponse> {
    let body = body.into_inner();
    let cmd = WriteRecord {
        appointment_id: body.appointment_id,
        diagnosis: body.diagnosis,
        notes: body.notes,
        test_results: body.test_results,
    };
    let record = clinical::write_record(&actor, cmd, &*state.clinical).await?;
    Ok(HttpResponse::Created().json(RecordResponse::from(record)))
}

/// Amends a record: only its doctor. Nothing is ever deleted: the audit log keeps the old and
/// the new values of every amendment. The patient is notified.
#[utoipa::path(
    tag = "clinical",
    security(("bearer" = [])),
    params(("id" = i32, Path, description = "Record id")),
    request_body = AmendRecordRequest,
    responses(
        (status = 200, description = "Amended; audited as an update with old and new values", body = RecordResponse),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the record's doctor", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such record, or not yours", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields, or nothing to change", body = Problem, content_type = "application/problem+json"),
    )
)]
#[patch("/medical-records/{id}")]
pub async fn amend_record(
    state: web::Data<AppState>,
    actor: CurrentActor,
    id: web::Path<i32>,
    body: web::Json<AmendRecordRequest>,
) -> ApiResult<HttpResponse> {
    let body = body.into_inner();
    let cmd = AmendRecord {
        record_id: id.into_inner(),
        diagnosis: body.diagnosis,
        notes: body.notes,
        test_results: body.test_results,
    };
    let record = clinical::amend_record(&actor, cmd, &*state.clinical).await?;
    Ok(HttpResponse::Ok().json(RecordResponse::from(record)))
}
