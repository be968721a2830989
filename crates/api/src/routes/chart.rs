//! The chart's lists: `GET /patients/{id}/chart-summary` (allergies, problems, active
//! medications, latest vitals), allergies (`POST /patients/{id}/allergies`, `PATCH
//! /allergies/{id}`) and problems (`POST /patients/{id}/problems`, `PATCH /problems/{id}`).
//! Who may is decided by the clinical use cases; handlers only translate.

use actix_web::{HttpResponse, get, patch, post, web};
use chrono::{DateTime, NaiveDate, Utc};
use clinic_domain::clinical::{
    self, Allergy, ChangeAllergy, ChangeProblem, ChartSummary, NoteAllergy, NoteProblem, Problem,
};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_actix_web::service_config::ServiceConfig;

use crate::auth::CurrentActor;
use crate::error::{ApiResult, Problem as ProblemBody};
use crate::routes::common::utc;
use crate::routes::medical_records::dto::{VitalDto, vitals_dto};
use crate::routes::prescriptions::PrescriptionResponse;
use crate::state::AppState;

/// Registers the chart routes.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(chart_summary)
        .service(note_allergy)
        .service(change_allergy)
        .service(note_problem)
        .service(change_problem);
}

/// How bad a reaction is.
#[derive(Debug, Clone, Copy, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum AllergySeverityDto {
    Mild,
    Moderate,
    Severe,
}

/// An allergy on a patient's list.
#[derive(Debug, Serialize, ToSchema)]
pub struct AllergyResponse {
    pub id: i32,
    pub patient_id: i32,
    #[schema(example = "Penicillin")]
    pub substance: String,
    #[schema(example = "Hives")]
    pub reaction: Option<String>,
    pub severity: AllergySeverityDto,
    /// Inactive allergies stay on the list but are not checked when prescribing.
    pub active: bool,
    pub noted_by: i32,
    #[schema(example = "Greg House")]
    pub noted_by_name: String,
    #[serde(serialize_with = "utc")]
    pub noted_at: DateTime<Utc>,
}

impl From<Allergy> for AllergyResponse {
    fn from(a: Allergy) -> Self {
        use clinic_domain::clinical::AllergySeverity as S;
        Self {
            severity: match a.severity {
                S::Mild => AllergySeverityDto::Mild,
                S::Moderate => AllergySeverityDto::Moderate,
                S::Severe => AllergySeverityDto::Severe,
            },
            id: a.allergy_id,
            patient_id: a.patient_id,
            substance: a.substance,
            reaction: a.reaction,
            active: a.active,
            noted_by: a.noted_by,
            noted_by_name: a.noted_by_name,
            noted_at: a.noted_at,
        }
    }
}

/// Whether a problem is still being managed.
#[derive(Debug, Clone, Copy, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ProblemStatusDto {
    Active,
    Resolved,
}

/// A problem on a patient's list.
#[derive(Debug, Serialize, ToSchema)]
pub struct ProblemResponse {
    pub id: i32,
    pub patient_id: i32,
    #[schema(example = "Type 2 diabetes mellitus")]
    pub condition: String,
    pub status: ProblemStatusDto,
    pub onset_date: Option<NaiveDate>,
    pub noted_by: i32,
    pub noted_by_name: String,
    #[serde(serialize_with = "utc")]
    pub noted_at: DateTime<Utc>,
}

impl From<Problem> for ProblemResponse {
    fn from(p: Problem) -> Self {
        use clinic_domain::clinical::ProblemStatus as S;
        Self {
            status: match p.status {
                S::Active => ProblemStatusDto::Active,
                S::Resolved => ProblemStatusDto::Resolved,
            },
            id: p.problem_id,
            patient_id: p.patient_id,
            condition: p.condition,
            onset_date: p.onset_date,
            noted_by: p.noted_by,
            noted_by_name: p.noted_by_name,
            noted_at: p.noted_at,
        }
    }
}

/// The vitals of the newest record that has any.
#[derive(Debug, Serialize, ToSchema)]
pub struct LatestVitalsResponse {
    pub record_id: i32,
    #[serde(serialize_with = "utc")]
    pub taken_at: DateTime<Utc>,
    pub readings: Vec<VitalDto>,
}

/// The top of a patient's chart.
#[derive(Debug, Serialize, ToSchema)]
pub struct ChartSummaryResponse {
    /// Every allergy, active and inactive, oldest first.
    pub allergies: Vec<AllergyResponse>,
    /// Every problem, active and resolved, oldest first.
    pub problems: Vec<ProblemResponse>,
    /// Prescriptions active now (not ended, within their duration), newest first.
    pub active_medications: Vec<PrescriptionResponse>,
    pub latest_vitals: Option<LatestVitalsResponse>,
}

impl From<ChartSummary> for ChartSummaryResponse {
    fn from(s: ChartSummary) -> Self {
        Self {
            allergies: s.allergies.into_iter().map(Into::into).collect(),
            problems: s.problems.into_iter().map(Into::into).collect(),
            active_medications: s.active_medications.into_iter().map(Into::into).collect(),
            latest_vitals: s.latest_vitals.map(|v| LatestVitalsResponse {
                record_id: v.record_id,
                taken_at: v.taken_at,
                readings: vitals_dto(Some(&v.vitals)),
            }),
        }
    }
}

/// A patient's allergies, problems, active medications and latest vitals. The patient, and
/// doctors who treat them; every item shown is audited as read.
#[utoipa::path(
    tag = "clinical",
    security(("bearer" = [])),
    params(("id" = i32, Path, description = "Patient id")),
    responses(
        (status = 200, description = "The chart summary", body = ChartSummaryResponse),
        (status = 401, description = "Not signed in", body = ProblemBody, content_type = "application/problem+json"),
        (status = 403, description = "Staff and admins never see clinical content", body = ProblemBody, content_type = "application/problem+json"),
        (status = 404, description = "No such patient, or not yours", body = ProblemBody, content_type = "application/problem+json"),
    )
)]
#[get("/patients/{id}/chart-summary")]
pub async fn chart_summary(
    state: web::Data<AppState>,
    actor: CurrentActor,
    id: web::Path<i32>,
) -> ApiResult<HttpResponse> {
    let summary =
        clinical::read_chart_summary(&actor, id.into_inner(), &*state.clock, &*state.clinical)
            .await?;
    Ok(HttpResponse::Ok().json(ChartSummaryResponse::from(summary)))
}

/// An allergy to note.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NoteAllergyRequest {
    /// What the patient reacts to; prescriptions are checked against it.
    #[schema(min_length = 1, max_length = 200, example = "Penicillin")]
    pub substance: String,
    #[schema(max_length = 500, example = "Hives")]
    pub reaction: Option<String>,
    /// `mild`, `moderate` or `severe`.
    #[schema(example = "severe")]
    pub severity: String,
}

/// Notes an allergy on a patient's list: a doctor who treats the patient. Audited.
#[utoipa::path(
    tag = "clinical",
    security(("bearer" = [])),
    params(("id" = i32, Path, description = "Patient id")),
    request_body = NoteAllergyRequest,
    responses(
        (status = 201, description = "Noted; audited as an insert", body = AllergyResponse),
        (status = 400, description = "Malformed JSON", body = ProblemBody, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = ProblemBody, content_type = "application/problem+json"),
        (status = 403, description = "Only doctors write the chart", body = ProblemBody, content_type = "application/problem+json"),
        (status = 404, description = "No such patient, or not yours", body = ProblemBody, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields, each named", body = ProblemBody, content_type = "application/problem+json"),
    )
)]
#[post("/patients/{id}/allergies")]
pub async fn note_allergy(
    state: web::Data<AppState>,
    actor: CurrentActor,
    id: web::Path<i32>,
    body: crate::http::Json<NoteAllergyRequest>,
) -> ApiResult<HttpResponse> {
    let body = body.into_inner();
    let cmd = NoteAllergy {
        patient_id: id.into_inner(),
        substance: body.substance,
        reaction: body.reaction,
        severity: body.severity,
    };
    let allergy = clinical::note_allergy(&actor, cmd, &*state.clinical).await?;
    Ok(HttpResponse::Created().json(AllergyResponse::from(allergy)))
}

/// A change of an allergy; omitted fields stay.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ChangeAllergyRequest {
    /// `false` marks it inactive (ruled out, outgrown): kept, no longer checked.
    pub active: Option<bool>,
    #[schema(example = "moderate")]
    pub severity: Option<String>,
    #[serde(default, deserialize_with = "crate::routes::common::nullable")]
    #[schema(value_type = Option<String>, max_length = 500)]
    pub reaction: Option<Option<String>>,
}

/// Changes an allergy: a doctor who treats its patient. Audited.
#[utoipa::path(
    tag = "clinical",
    security(("bearer" = [])),
    params(("id" = i32, Path, description = "Allergy id")),
    request_body = ChangeAllergyRequest,
    responses(
        (status = 200, description = "Changed; audited as an update", body = AllergyResponse),
        (status = 400, description = "Malformed JSON", body = ProblemBody, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = ProblemBody, content_type = "application/problem+json"),
        (status = 403, description = "Only doctors write the chart", body = ProblemBody, content_type = "application/problem+json"),
        (status = 404, description = "No such allergy, or not yours", body = ProblemBody, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields, or nothing to change", body = ProblemBody, content_type = "application/problem+json"),
    )
)]
#[patch("/allergies/{id}")]
pub async fn change_allergy(
    state: web::Data<AppState>,
    actor: CurrentActor,
    id: web::Path<i32>,
    body: crate::http::Json<ChangeAllergyRequest>,
) -> ApiResult<HttpResponse> {
    let body = body.into_inner();
    let cmd = ChangeAllergy {
        allergy_id: id.into_inner(),
        active: body.active,
        severity: body.severity,
        reaction: body.reaction,
    };
    let allergy = clinical::change_allergy(&actor, cmd, &*state.clinical).await?;
    Ok(HttpResponse::Ok().json(AllergyResponse::from(allergy)))
}

/// A problem to add.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NoteProblemRequest {
    #[schema(min_length = 1, max_length = 300, example = "Asthma")]
    pub condition: String,
    /// `active` (the default) or `resolved`.
    #[schema(example = "active")]
    pub status: Option<String>,
    /// Not in the future.
    pub onset_date: Option<NaiveDate>,
}

/// Adds a problem to a patient's list: a doctor who treats the patient. Audited.
#[utoipa::path(
    tag = "clinical",
    security(("bearer" = [])),
    params(("id" = i32, Path, description = "Patient id")),
    request_body = NoteProblemRequest,
    responses(
        (status = 201, description = "Added; audited as an insert", body = ProblemResponse),
        (status = 400, description = "Malformed JSON", body = ProblemBody, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = ProblemBody, content_type = "application/problem+json"),
        (status = 403, description = "Only doctors write the chart", body = ProblemBody, content_type = "application/problem+json"),
        (status = 404, description = "No such patient, or not yours", body = ProblemBody, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields, each named", body = ProblemBody, content_type = "application/problem+json"),
    )
)]
#[post("/patients/{id}/problems")]
pub async fn note_problem(
    state: web::Data<AppState>,
    actor: CurrentActor,
    id: web::Path<i32>,
    body: crate::http::Json<NoteProblemRequest>,
) -> ApiResult<HttpResponse> {
    let body = body.into_inner();
    let cmd = NoteProblem {
        patient_id: id.into_inner(),
        condition: body.condition,
        status: body.status,
        onset_date: body.onset_date,
    };
    let problem = clinical::note_problem(&actor, cmd, &*state.clock, &*state.clinical).await?;
    Ok(HttpResponse::Created().json(ProblemResponse::from(problem)))
}

/// A change of a problem; omitted fields stay.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ChangeProblemRequest {
    /// `active` or `resolved`.
    #[schema(example = "resolved")]
    pub status: Option<String>,
    #[serde(default, deserialize_with = "crate::routes::common::nullable")]
    #[schema(value_type = Option<NaiveDate>)]
    pub onset_date: Option<Option<NaiveDate>>,
}

/// Changes a problem (resolve, reactivate, correct the onset): a doctor who treats its
/// patient. Audited.
#[utoipa::path(
    tag = "clinical",
    security(("bearer" = [])),
    params(("id" = i32, Path, description = "Problem id")),
    request_body = ChangeProblemRequest,
    responses(
        (status = 200, description = "Changed; audited as an update", body = ProblemResponse),
        (status = 400, description = "Malformed JSON", body = ProblemBody, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = ProblemBody, content_type = "application/problem+json"),
        (status = 403, description = "Only doctors write the chart", body = ProblemBody, content_type = "application/problem+json"),
        (status = 404, description = "No such problem, or not yours", body = ProblemBody, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields, or nothing to change", body = ProblemBody, content_type = "application/problem+json"),
    )
)]
#[patch("/problems/{id}")]
pub async fn change_problem(
    state: web::Data<AppState>,
    actor: CurrentActor,
    id: web::Path<i32>,
    body: crate::http::Json<ChangeProblemRequest>,
) -> ApiResult<HttpResponse> {
    let body = body.into_inner();
    let cmd = ChangeProblem {
        problem_id: id.into_inner(),
        status: body.status,
        onset_date: body.onset_date,
    };
    let problem = clinical::change_problem(&actor, cmd, &*state.clock, &*state.clinical).await?;
    Ok(HttpResponse::Ok().json(ProblemResponse::from(problem)))
}
