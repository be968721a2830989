//! `GET /audit-log`: who changed or read what, newest first. Admins only; clinical values are
//! withheld and every read of the log is itself audited (see `clinic_domain::audit`).

use actix_web::{HttpResponse, get, web};
use chrono::{DateTime, FixedOffset, Utc};
use clinic_domain::audit::{self, AuditEntry, ReadAuditLog};
use serde::{Deserialize, Serialize};
use utoipa::openapi::schema::{ArrayBuilder, ObjectBuilder, OneOfBuilder, Schema, Type};
use utoipa::{IntoParams, ToSchema};
use utoipa_actix_web::service_config::ServiceConfig;

use crate::auth::CurrentActor;
use crate::error::{ApiResult, Problem};
use crate::routes::common::{PageQuery, PageResponse, utc};
use crate::state::AppState;

/// Filters of the audit log.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AuditQuery {
    /// Only rows about this table, e.g. `patients`.
    #[param(max_length = 63, example = "patients")]
    pub table_name: Option<String>,
    /// Only rows about this record id (use with `table_name`).
    pub record_id: Option<i64>,
    /// Only changes made by this user: part of a username (case-insensitive), or a user id
    /// when digits only.
    #[param(max_length = 50, example = "frontdesk")]
    pub changed_by: Option<String>,
    /// Only rows about this patient's records: their profile, account, visits, records,
    /// prescriptions, bills, payments, insurances, referrals, contacts and care team.
    pub patient_id: Option<i32>,
    /// From this moment (inclusive), RFC 3339.
    pub from: Option<DateTime<FixedOffset>>,
    /// Until this moment (exclusive), RFC 3339.
    pub to: Option<DateTime<FixedOffset>>,
    /// Only this action: insert, update, delete, read, login, login_failed.
    #[param(example = "update")]
    pub action: Option<String>,
}

/// One audit row: what changed, by whom, when; secrets removed from the values, clinical
/// values withheld.
#[derive(Debug, Serialize, ToSchema)]
pub struct AuditEntryResponse {
    pub id: i64,
    #[schema(example = "patients")]
    pub table_name: String,
    pub record_id: Option<i64>,
    #[schema(example = "update")]
    pub action: String,
    pub changed_by: Option<i32>,
    /// The username of `changed_by` as it is now.
    #[schema(example = "frontdesk")]
    pub changed_by_username: Option<String>,
    #[serde(serialize_with = "utc")]
    pub changed_at: DateTime<Utc>,
    /// The values before the change: see the schema's description.
    #[schema(schema_with = audit_values)]
    pub old_values: Option<serde_json::Value>,
    /// The values after the change: see the schema's description.
    #[schema(schema_with = audit_values)]
    pub new_values: Option<serde_json::Value>,
    /// The patient whose record this row is about, when it is about one.
    pub subject_patient_id: Option<i32>,
    /// That patient's name ("First Last") as it is now.
    #[schema(example = "Ada Lovelace")]
    pub subject_patient_name: Option<String>,
}

/// The shapes an audit row's values take. A change to one row records that row as an object;
/// replacing a parent's child rows (an office's services, a doctor's offices or working hours)
/// records the list of child rows, so `record_id` names the parent and the values are arrays.
fn audit_values() -> Schema {
    Schema::OneOf(
        OneOfBuilder::new()
            .item(ObjectBuilder::new().schema_type(Type::Object))
            .item(ArrayBuilder::new().items(ObjectBuilder::new().schema_type(Type::Object)))
            .item(ObjectBuilder::new().schema_type(Type::Null))
            .description(Some(
                "One row as an object (secrets removed; clinical fields such as a diagnosis or \
                 a medication keep their names but read \"[redacted]\", or \"[redacted: \
                 changed]\" as the new value of a field an update changed); for a replaced \
                 list of child rows, the array of those rows; for a login, an object with its \
                 details; for a read of the audit log, its filter and the ids shown; null when \
                 there is nothing to record (before an insert, after a delete, other reads)",
            ))
            .build(),
    )
}

impl From<AuditEntry> for AuditEntryResponse {
    fn from(e: AuditEntry) -> Self {
        Self {
            id: e.log_id,
            table_name: e.table_name,
            record_id: e.record_id,
            action: e.action.as_str().to_owned(),
            changed_by: e.changed_by,
            changed_by_username: e.changed_by_username,
            changed_at: e.changed_at,
            old_values: e.old_values,
            new_values: e.new_values,
            subject_patient_id: e.subject_patient_id,
            subject_patient_name: e.subject_patient_name,
        }
    }
}

/// The audit log, newest first.
#[utoipa::path(
    tag = "audit",
    security(("bearer" = [])),
    params(AuditQuery, PageQuery),
    responses(
        (status = 200, description = "One page of audit rows", body = PageResponse<AuditEntryResponse>),
        (status = 400, description = "Malformed query", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an admin", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Unknown action, an overlong changed_by or invalid paging", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/audit-log")]
pub async fn list_audit_log(
    state: web::Data<AppState>,
    actor: CurrentActor,
    query: crate::http::Query<AuditQuery>,
    paging: crate::http::Query<PageQuery>,
) -> ApiResult<HttpResponse> {
    let query = query.into_inner();
    let cmd = ReadAuditLog {
        table_name: query.table_name,
        record_id: query.record_id,
        changed_by: query.changed_by,
        patient_id: query.patient_id,
        from: query.from.map(|t| t.with_timezone(&Utc)),
        to: query.to.map(|t| t.with_timezone(&Utc)),
        action: query.action,
        log_id: None,
    };
    let page_request = paging.request()?;
    // The rows come from the read replica while it is usable (docs/operations.md, "Read
    // replica"); who may search, and the audit row of this read, stay on the primary.
    let page = state
        .read_routed(|side| {
            audit::read_audit_log(
                &actor,
                cmd.clone(),
                page_request,
                side.audit_log,
                &*state.reads,
            )
        })
        .await?;
    Ok(HttpResponse::Ok().json(PageResponse::from_page(page, AuditEntryResponse::from)))
}

/// Registers the audit-log route.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_audit_log);
}
