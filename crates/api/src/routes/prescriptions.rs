//! Prescriptions: issued on a medical record by its doctor (`POST
//! /medical-records/{id}/prescriptions`), read by the patient and the doctors who treat them.
//! Every prescription shown is audited as read.

use actix_web::{HttpResponse, get, post, web};
use chrono::{DateTime, Utc};
use clinic_domain::clinical::{
    self, IssuePrescription, ListPrescriptions, PharmacyDetails, Prescription, PrescriptionInput,
};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::{IntoParams, ToSchema};
use utoipa_actix_web::service_config::ServiceConfig;

use crate::auth::CurrentActor;
use crate::error::{ApiResult, Problem};
use crate::routes::common::{PageQuery, PageResponse, utc, utc_opt};
use crate::state::AppState;

/// Registers the prescription routes.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(create_prescription)
        .service(list_prescriptions)
        .service(get_prescription);
}

/// Where a prescription is to be filled.
#[derive(Debug, Serialize, ToSchema)]
pub struct PharmacyDetailsDto {
    #[schema(example = "Corner Pharmacy", min_length = 1, max_length = 200)]
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(example = "1 Main St, Springfield", max_length = 300)]
    pub address: Option<String>,
    /// Digits with optional spaces and `+ - ( ) .`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(example = "+1 555 010 0000", max_length = 30)]
    pub phone: Option<String>,
}

impl From<&PharmacyDetails> for PharmacyDetailsDto {
    fn from(p: &PharmacyDetails) -> Self {
        Self {
            name: p.name().to_owned(),
            address: p.address().map(str::to_owned),
            phone: p.phone().map(str::to_owned),
        }
    }
}

/// A prescription.
#[derive(Debug, Serialize, ToSchema)]
pub struct PrescriptionResponse {
    pub id: i32,
    pub record_id: i32,
    pub patient_id: i32,
    /// The record's doctor, who prescribed.
    pub doctor_id: i32,
    #[schema(example = "Greg House")]
    pub doctor_name: String,
    #[schema(example = "Amoxicillin")]
    pub medication_name: String,
    #[schema(example = "500 mg")]
    pub dose: String,
    #[schema(example = "oral")]
    pub route: String,
    #[schema(example = "every 8 hours")]
    pub frequency: String,
    #[schema(example = 21)]
    pub quantity: i32,
    #[schema(example = 0)]
    pub refills: i16,
    pub instructions: Option<String>,
    #[serde(serialize_with = "utc")]
    pub date_issued: DateTime<Utc>,
    pub pharmacy_details: Option<PharmacyDetailsDto>,
    /// Days the course lasts from `date_issued`; `null`: until ended.
    #[schema(example = 7)]
    pub duration_days: Option<i32>,
    /// When the course runs out on its own (`date_issued` + `duration_days`).
    #[serde(serialize_with = "utc_opt")]
    pub runs_until: Option<DateTime<Utc>>,
    /// When the doctor ended it.
    #[serde(serialize_with = "utc_opt")]
    pub ended_at: Option<DateTime<Utc>>,
    /// Why it was prescribed despite a matching active allergy.
    pub allergy_override_reason: Option<String>,
}

impl From<Prescription> for PrescriptionResponse {
    fn from(p: Prescription) -> Self {
        Self {
            runs_until: p.runs_until(),
            duration_days: p.duration_days,
            ended_at: p.ended_at,
            allergy_override_reason: p.allergy_override_reason.clone(),
            pharmacy_details: p.pharmacy_details.as_ref().map(Into::into),
            id: p.prescription_id,
            record_id: p.record_id,
            patient_id: p.patient_id,
            doctor_id: p.doctor_id,
            doctor_name: p.doctor_name,
            medication_name: p.medication_name,
            dose: p.dose,
            route: p.route,
            frequency: p.frequency,
            quantity: p.quantity,
            refills: p.refills,
            instructions: p.instructions,
            date_issued: p.date_issued,
        }
    }
}

/// A prescription to issue. Every invalid field is reported, pharmacy fields by path
/// (`pharmacy_details.phone`).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreatePrescriptionRequest {
    #[schema(example = "Amoxicillin", min_length = 1, max_length = 200)]
    pub medication_name: String,
    #[schema(example = "500 mg", min_length = 1, max_length = 100)]
    pub dose: String,
    #[schema(example = "oral", min_length = 1, max_length = 50)]
    pub route: String,
    #[schema(example = "every 8 hours", min_length = 1, max_length = 100)]
    pub frequency: String,
    #[schema(minimum = 1, maximum = 10000, example = 21)]
    pub quantity: i64,
    #[schema(minimum = 0, maximum = 12, example = 0)]
    pub refills: i64,
    /// Directions for the patient; line breaks allowed.
    #[schema(max_length = 2000)]
    pub instructions: Option<String>,
    #[schema(value_type = Option<PharmacyDetailsDto>)]
    pub pharmacy_details: Option<Value>,
    /// Days the course lasts; absent: until ended.
    #[schema(minimum = 1, maximum = 3650, example = 7)]
    pub duration_days: Option<i64>,
    /// Required when the medication matches an active allergy of the patient (its name and
    /// the allergy's substance share a run of words, case-insensitively); stored and audited.
    #[schema(max_length = 500, example = "Tolerated under observation in 2024")]
    pub allergy_override_reason: Option<String>,
}

impl From<CreatePrescriptionRequest> for PrescriptionInput {
    fn from(body: CreatePrescriptionRequest) -> Self {
        Self {
            medication_name: body.medication_name,
            dose: body.dose,
            route: body.route,
            frequency: body.frequency,
            quantity: body.quantity,
            refills: body.refills,
            instructions: body.instructions,
            pharmacy_details: body.pharmacy_details,
            duration_days: body.duration_days,
            allergy_override_reason: body.allergy_override_reason,
        }
    }
}

/// Filters of the prescription list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PrescriptionQuery {
    /// The patient. Doctors name a patient they treat (or a record); a patient may leave it out.
    pub patient_id: Option<i32>,
    /// Only the prescriptions of this record.
    pub record_id: Option<i32>,
}

/// Issues a prescription on a record: only the record's doctor. The patient is notified.
#[utoipa::path(
    tag = "clinical",
    security(("bearer" = [])),
    params(("id" = i32, Path, description = "Record id")),
    request_body = CreatePrescriptionRequest,
    responses(
        (status = 201, description = "Issued; audited as an insert, the patient is notified", body = PrescriptionResponse),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the record's doctor (staff, admins and patients never prescribe)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such record, or not yours", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields, each named; `allergy_override_reason` when the medication matches an active allergy and no reason is given", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/medical-records/{id}/prescriptions")]
pub async fn create_prescription(
    state: web::Data<AppState>,
    actor: CurrentActor,
    id: web::Path<i32>,
    body: crate::http::Json<CreatePrescriptionRequest>,
) -> ApiResult<HttpResponse> {
    let cmd = IssuePrescription {
        record_id: id.into_inner(),
        prescription: body.into_inner().into(),
    };
    let prescription = clinical::issue_prescription(&actor, cmd, &*state.clinical).await?;
    Ok(HttpResponse::Created().json(PrescriptionResponse::from(prescription)))
}

/// A patient's prescriptions, newest first, optionally of one record. Visible like records:
/// the patient, and doctors who treat them. Each one returned is audited as read.
#[utoipa::path(
    tag = "clinical",
    security(("bearer" = [])),
    params(PrescriptionQuery, PageQuery),
    responses(
        (status = 200, description = "One page of prescriptions", body = PageResponse<PrescriptionResponse>),
        (status = 400, description = "Malformed query", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Staff and admins never see prescriptions", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such patient or record, or not yours", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A doctor named neither patient nor record, or invalid paging", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/prescriptions")]
pub async fn list_prescriptions(
    state: web::Data<AppState>,
    actor: CurrentActor,
    query: crate::http::Query<PrescriptionQuery>,
    paging: crate::http::Query<PageQuery>,
) -> ApiResult<HttpResponse> {
    let page = paging.request()?;
    let query = ListPrescriptions {
        patient_id: query.patient_id,
        record_id: query.record_id,
    };
    let prescriptions = clinical::list_prescriptions(&actor, query, page, &*state.clinical).await?;
    Ok(HttpResponse::Ok().json(PageResponse::from_page(
        prescriptions,
        PrescriptionResponse::from,
    )))
}

/// One prescription, audited as read by the signed-in user.
#[utoipa::path(
    tag = "clinical",
    security(("bearer" = [])),
    params(("id" = i32, Path, description = "Prescription id")),
    responses(
        (status = 200, description = "The prescription", body = PrescriptionResponse),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Staff and admins never see prescriptions", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such prescription, or not yours", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/prescriptions/{id}")]
pub async fn get_prescription(
    state: web::Data<AppState>,
    actor: CurrentActor,
    id: web::Path<i32>,
) -> ApiResult<HttpResponse> {
    let prescription =
        clinical::read_prescription(&actor, id.into_inner(), &*state.clinical).await?;
    Ok(HttpResponse::Ok().json(PrescriptionResponse::from(prescription)))
}
