//! `POST /medical-records` (with its prescriptions, all or nothing), `PATCH
//! /medical-records/{id}` and `POST /medical-records/{id}/addenda` (both append an addendum):
//! only the visit's doctor writes.

use actix_web::{HttpResponse, patch, post, web};
use clinic_domain::clinical::{self, AmendRecord, WriteRecord};

use super::dto::{
    AddendumRequest, AmendRecordRequest, CreateRecordRequest, CreatedRecordResponse, RecordResponse,
};
use crate::auth::CurrentActor;
use crate::error::{ApiResult, Problem};
use crate::routes::prescriptions::PrescriptionResponse;
use crate::state::AppState;

/// Writes the record of a visit and the prescriptions issued with it, in one transaction: if
/// any field of the record or of any prescription is refused, nothing is saved and every error
/// is reported at once (`prescriptions[1].dose`). Only the appointment's doctor, and only once
/// the patient is checked in or the visit completed. The patient is notified.
#[utoipa::path(
    tag = "clinical",
    security(("bearer" = [])),
    request_body = CreateRecordRequest,
    responses(
        (status = 201, description = "Written with its prescriptions; each audited as an insert, the patient is notified", body = CreatedRecordResponse),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the visit's doctor (staff, admins and patients never write records)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such appointment, or not yours", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`visit_not_in_progress`: the appointment is not checked in or completed", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields, by path (`test_results[1].name`, `vitals.pulse_bpm`, `prescriptions[0].allergy_override_reason`), or an empty record; nothing was saved", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/medical-records")]
pub async fn create_record(
    state: web::Data<AppState>,
    actor: CurrentActor,
    body: crate::http::Json<CreateRecordRequest>,
) -> ApiResult<HttpResponse> {
    let body = body.into_inner();
    let cmd = WriteRecord {
        appointment_id: body.appointment_id,
        diagnosis: body.diagnosis,
        notes: body.notes,
        test_results: body.test_results,
        vitals: body.vitals,
        prescriptions: body.prescriptions.into_iter().map(Into::into).collect(),
    };
    let (record, prescriptions) = clinical::write_record(&actor, cmd, &*state.clinical).await?;
    Ok(HttpResponse::Created().json(CreatedRecordResponse {
        record: record.into(),
        prescriptions: prescriptions
            .into_iter()
            .map(PrescriptionResponse::from)
            .collect(),
    }))
}

/// Amends a record by appending an addendum (the next version; `reason` optional here, kept
/// for older clients): only its doctor. Nothing is ever deleted: the addendum keeps each
/// changed field before and after, the audit log the old and new rows. The patient is
/// notified.
#[utoipa::path(
    tag = "clinical",
    security(("bearer" = [])),
    params(("id" = i32, Path, description = "Record id")),
    request_body = AmendRecordRequest,
    responses(
        (status = 200, description = "Amended: the record at its new version, with its addenda; audited", body = RecordResponse),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the record's doctor", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such record, or not yours", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields, or an addendum that changes nothing", body = Problem, content_type = "application/problem+json"),
    )
)]
#[patch("/medical-records/{id}")]
pub async fn amend_record(
    state: web::Data<AppState>,
    actor: CurrentActor,
    id: web::Path<i32>,
    body: crate::http::Json<AmendRecordRequest>,
) -> ApiResult<HttpResponse> {
    let body = body.into_inner();
    let cmd = AmendRecord {
        record_id: id.into_inner(),
        diagnosis: body.diagnosis,
        notes: body.notes,
        test_results: body.test_results,
        reason: body.reason,
        note: body.note,
        reason_required: false,
    };
    let record = clinical::amend_record(&actor, cmd, &*state.clinical).await?;
    Ok(HttpResponse::Ok().json(RecordResponse::from(record)))
}

/// Appends an addendum to a signed record: a reason (required), an optional note, and any
/// fields that change. Only the record's doctor. The patient is notified.
#[utoipa::path(
    tag = "clinical",
    security(("bearer" = [])),
    params(("id" = i32, Path, description = "Record id")),
    request_body = AddendumRequest,
    responses(
        (status = 201, description = "Appended: the record at its new version, with its addenda; audited", body = RecordResponse),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the record's doctor", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such record, or not yours", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "No reason, invalid fields, or an addendum that changes nothing", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/medical-records/{id}/addenda")]
pub async fn add_addendum(
    state: web::Data<AppState>,
    actor: CurrentActor,
    id: web::Path<i32>,
    body: crate::http::Json<AddendumRequest>,
) -> ApiResult<HttpResponse> {
    let body = body.into_inner();
    let cmd = AmendRecord {
        record_id: id.into_inner(),
        diagnosis: body.diagnosis,
        notes: body.notes,
        test_results: body.test_results,
        reason: body.reason,
        note: body.note,
        reason_required: true,
    };
    let record = clinical::amend_record(&actor, cmd, &*state.clinical).await?;
    Ok(HttpResponse::Created().json(RecordResponse::from(record)))
}
