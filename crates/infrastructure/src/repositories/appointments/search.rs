//! What a slot search reads: every doctor at every active office matching the search, with
//! the availability engine's input, their busy times and the patient's referral standing,
//! in one statement; the patient's own visits and the visit type beside it.

use chrono::{DateTime, Utc};
use clinic_domain::referral::ApprovalStatus;
use clinic_domain::scheduling::availability::{
    AvailabilityInput, ReferralFacts, SearchFacts, SearchFactsQuery, SearchPatient, SlotCandidate,
};
use clinic_domain::values::OfficeZone;
use clinic_domain::{StoreError, StoreResult};
use sea_orm::{ConnectionTrait, DbBackend, FromQueryResult, Statement};

use super::availability::{busy_sql, decode_busy};
use super::facts::decode_hours;
use super::rules::{
    closures_sql, decode_closures, decode_exceptions, decode_time_off, exceptions_sql, hours_sql,
    time_off_sql,
};
use crate::repositories::support::store_error;
use crate::repositories::treats::treats;

#[derive(FromQueryResult)]
struct CandidateRow {
    doctor_id: i32,
    doctor_name: String,
    specialty_id: i32,
    specialty_name: String,
    requires_referral: bool,
    office_id: i32,
    office_name: String,
    time_zone: String,
    hours: serde_json::Value,
    exceptions: serde_json::Value,
    time_off: serde_json::Value,
    closures: serde_json::Value,
    busy: serde_json::Value,
    in_care_team: bool,
    approved: bool,
    latest_request: Option<String>,
}

#[derive(FromQueryResult)]
struct PatientRow {
    treated_by_actor: bool,
    busy: serde_json::Value,
}

/// Parameters: `$1` doctor, `$2` office, `$3` specialty (each may be NULL), `$4`..`$5` the
/// window, `$6` the patient (or NULL).
fn candidates_sql() -> String {
    format!(
        "SELECT d.doctor_id, concat_ws(' ', d.first_name, d.last_name) AS doctor_name,
                d.specialty_id, s.specialty_name, s.requires_referral,
                o.office_id, o.name AS office_name, o.time_zone,
                {hours} AS hours, {exceptions} AS exceptions, {time_off} AS time_off,
                {closures} AS closures, {busy} AS busy,
                ($6::integer IS NOT NULL AND EXISTS (
                    SELECT 1 FROM patient_doctors pd
                    WHERE pd.patient_id = $6 AND pd.doctor_id = d.doctor_id)) AS in_care_team,
                ($6::integer IS NOT NULL AND EXISTS (
                    SELECT 1 FROM specialist_approvals sa
                    WHERE sa.patient_id = $6 AND sa.specialist_id = d.doctor_id
                      AND sa.status = 'approved')) AS approved,
                (SELECT sa.status FROM specialist_approvals sa
                 WHERE sa.patient_id = $6 AND sa.specialist_id = d.doctor_id
                 ORDER BY sa.requested_at DESC, sa.approval_id DESC LIMIT 1) AS latest_request
         FROM doctor_offices x
         JOIN doctors d ON d.doctor_id = x.doctor_id
         JOIN users u ON u.user_id = d.user_id
         JOIN specialties s ON s.specialty_id = d.specialty_id
         JOIN offices o ON o.office_id = x.office_id
         WHERE o.is_active AND u.is_active
           AND ($1::integer IS NULL OR d.doctor_id = $1)
           AND ($2::integer IS NULL OR o.office_id = $2)
           AND ($3::integer IS NULL OR d.specialty_id = $3)
         ORDER BY lower(d.last_name), lower(d.first_name), d.doctor_id, lower(o.name),
                  o.office_id",
        hours = hours_sql("d.doctor_id", "o.office_id"),
        exceptions = exceptions_sql("d.doctor_id", "o.office_id", "$4", "$5"),
        time_off = time_off_sql("d.doctor_id", "$4", "$5"),
        closures = closures_sql("o.office_id", "$4", "$5"),
        busy = busy_sql("a.doctor_id = d.doctor_id", "$4", "$5"),
    )
}

fn latest(status: Option<String>) -> StoreResult<Option<ApprovalStatus>> {
    status
        .map(|s| {
            s.parse()
                .map_err(|_| StoreError::Unexpected(format!("unknown approval status {s:?}")))
        })
        .transpose()
}

/// The facts of a slot search (nothing is locked: a search writes nothing).
pub(super) async fn search_facts<C: ConnectionTrait>(
    conn: &C,
    query: &SearchFactsQuery,
) -> StoreResult<SearchFacts> {
    let (start, end): (DateTime<Utc>, DateTime<Utc>) = (query.window.start(), query.window.end());
    let visit_type = match query.visit_type_id {
        Some(id) => crate::repositories::visit_types::facts(conn, id, false).await?,
        None => None,
    };
    let patient = match query.patient_id {
        Some(patient_id) => PatientRow::find_by_statement(Statement::from_sql_and_values(
            DbBackend::Postgres,
            format!(
                "SELECT ($2::integer IS NOT NULL AND {treated}) AS treated_by_actor,
                        {busy} AS busy
                 FROM patients WHERE patient_id = $1",
                treated = treats("$1", "$2", "$3"),
                busy = busy_sql("a.patient_id = $1", "$4", "$5"),
            ),
            [
                patient_id.into(),
                query.actor_doctor_id.into(),
                query.now.into(),
                start.into(),
                end.into(),
            ],
        ))
        .one(conn)
        .await
        .map_err(store_error)?
        .map(|row| {
            Ok::<_, StoreError>(SearchPatient {
                treated_by_actor: row.treated_by_actor,
                busy: decode_busy(row.busy)?,
            })
        })
        .transpose()?,
        None => None,
    };
    let rows = CandidateRow::find_by_statement(Statement::from_sql_and_values(
        DbBackend::Postgres,
        candidates_sql(),
        [
            query.doctor_id.into(),
            query.office_id.into(),
            query.specialty_id.into(),
            start.into(),
            end.into(),
            query.patient_id.into(),
        ],
    ))
    .all(conn)
    .await
    .map_err(store_error)?;
    let candidates = rows
        .into_iter()
        .map(|row| {
            Ok(SlotCandidate {
                input: AvailabilityInput {
                    zone: OfficeZone::of_office(&row.time_zone),
                    weekly_hours: decode_hours(row.hours)?,
                    exceptions: decode_exceptions(row.exceptions)?,
                    time_off: decode_time_off(row.time_off)?,
                    closures: decode_closures(row.closures)?,
                },
                busy: decode_busy(row.busy)?,
                referral: match query.patient_id {
                    Some(_) => Some(ReferralFacts {
                        requires_referral: row.requires_referral,
                        in_care_team: row.in_care_team,
                        approved: row.approved,
                        latest_request: latest(row.latest_request)?,
                    }),
                    None => None,
                },
                doctor_id: row.doctor_id,
                doctor_name: row.doctor_name,
                specialty_id: row.specialty_id,
                specialty_name: row.specialty_name,
                office_id: row.office_id,
                office_name: row.office_name,
                time_zone: row.time_zone,
            })
        })
        .collect::<StoreResult<Vec<_>>>()?;
    Ok(SearchFacts {
        visit_type,
        patient,
        candidates,
    })
}
