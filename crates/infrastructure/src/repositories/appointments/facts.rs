//! The facts of a booking in one statement, locking what the rules depend on: the office, the
//! doctor's place and hours there, and with them the availability engine's dated rules (the
//! doctor's exceptions and time off, the office's closures). Adding a closure, time off or an
//! exception locks the office or the doctor's place rows the booking holds `FOR SHARE`, so it
//! waits for a booking judged without it, and a booking after it sees it.

use chrono::{DateTime, NaiveTime, Utc};
use clinic_domain::access::AppointmentParties;
use clinic_domain::scheduling::{
    BookingFacts, BookingQuery, ConflictingAppointment, OfficeFacts, Party, WeeklyHours,
};
use clinic_domain::{StoreError, StoreResult};
use sea_orm::{ConnectionTrait, DbBackend, FromQueryResult, Statement, Value};

use super::query::weekday_of;
use super::rules::{
    closures_sql, decode_closures, decode_exceptions, decode_time_off, exceptions_sql, time_off_sql,
};
use crate::repositories::clinic_settings::{SETTINGS, decode_settings};
use crate::repositories::support::store_error;
use crate::repositories::treats::treats;

/// Active, not overbooked appointments of doctor `$2` or patient `$1` overlapping `[$3, $4)`,
/// other than `$5`, as a JSON array of `[id, patient, doctor, treated, start]` (the start in
/// microseconds since the epoch), where `treated` says
/// whether the acting doctor `actor` treats that appointment's patient at `now` (the domain
/// decides from it which of them the actor may be shown). The lower bound on the start is
/// implied by the overlap (appointments last at most 480 minutes) and lets the indexes bound
/// the scan.
fn conflicts_sql(actor: &str, now: &str) -> String {
    format!(
        "(SELECT coalesce(jsonb_agg(jsonb_build_array(c.appointment_id, c.patient_id, c.doctor_id,
                  {actor}::integer IS NOT NULL AND {treated},
                  (extract(epoch FROM c.appointment_datetime) * 1000000)::bigint)
                  ORDER BY c.appointment_id), '[]'::jsonb)
        FROM appointments c
        WHERE (c.doctor_id = $2 OR c.patient_id = $1)
          AND c.status IN ('scheduled', 'confirmed', 'checked_in') AND NOT c.is_overbooked
          AND tstzrange(c.appointment_datetime, c.ends_at) && tstzrange($3, $4)
          AND c.appointment_datetime < $4 AND c.appointment_datetime > $3 - interval '480 minutes'
          AND c.appointment_id <> COALESCE($5, 0))",
        treated = treats("c.patient_id", actor, now),
    )
}

/// The booking facts. The office row, the doctor's place at it and their hours there are
/// locked `FOR SHARE` until the booking commits: an office closed, a doctor removed from the
/// office or hours replaced by another transaction wait for this booking, or, if they
/// committed first, are what this booking sees. Parameters: `$1` patient, `$2` doctor, `$3`
/// and `$4` the range, `$5` the appointment being moved, `$6` office, `$7` acting doctor, `$8`
/// now: the instant who treats whom is judged at, and after which the patient's active
/// appointments are their future ones.
fn facts_sql() -> String {
    format!(
        "WITH office AS (
             SELECT name, time_zone, is_active FROM offices WHERE office_id = $6 FOR SHARE
         ), works AS (
             SELECT 1 FROM doctor_offices WHERE doctor_id = $2 AND office_id = $6 FOR SHARE
         ), hours AS (
             SELECT weekday, start_time, end_time FROM doctor_working_hours
             WHERE doctor_id = $2 AND office_id = $6 FOR SHARE
         ), patient AS (
             SELECT user_id, concat_ws(' ', first_name, last_name) AS name
             FROM patients WHERE patient_id = $1
         ), doctor AS (
             SELECT d.user_id, concat_ws(' ', d.first_name, d.last_name) AS name,
                    s.requires_referral, d.specialty_id
             FROM doctors d JOIN specialties s ON s.specialty_id = d.specialty_id
             WHERE d.doctor_id = $2
         )
         SELECT
             (SELECT user_id FROM patient) AS patient_user_id,
             (SELECT name FROM patient) AS patient_name,
             ($7::integer IS NOT NULL AND {treated}) AS treated_by_actor,
             (SELECT user_id FROM doctor) AS doctor_user_id,
             (SELECT name FROM doctor) AS doctor_name,
             coalesce((SELECT requires_referral FROM doctor), false) AS requires_referral,
             (SELECT specialty_id FROM doctor) AS doctor_specialty_id,
             (SELECT i.appointment_id FROM appointments i
              WHERE i.patient_id = $1 AND i.doctor_id = $2 AND i.appointment_datetime = $3
                AND i.status IN ('scheduled', 'confirmed', 'checked_in')
                AND i.appointment_id <> COALESCE($5, 0)
              ORDER BY i.appointment_id LIMIT 1) AS identical,
             (SELECT name FROM office) AS office_name,
             (SELECT time_zone FROM office) AS office_time_zone,
             (SELECT is_active FROM office) AS office_active,
             EXISTS (SELECT 1 FROM works) AS works_at_office,
             (SELECT coalesce(jsonb_agg(jsonb_build_array(weekday, start_time::text, end_time::text)
                              ORDER BY weekday, start_time), '[]'::jsonb) FROM hours) AS hours,
             EXISTS (SELECT 1 FROM patient_doctors WHERE patient_id = $1 AND doctor_id = $2)
                 AS in_care_team,
             EXISTS (SELECT 1 FROM specialist_approvals
                     WHERE patient_id = $1 AND specialist_id = $2 AND status = 'approved')
                 AS approved_referral,
             (SELECT count(*) FROM appointments f
              WHERE f.patient_id = $1 AND f.status IN ('scheduled', 'confirmed', 'checked_in')
                AND f.appointment_datetime > $8 AND f.appointment_id <> COALESCE($5, 0))
                 AS patient_future_active,
             {SETTINGS} AS settings,
             {conflicts} AS conflicts,
             {exceptions} AS exceptions,
             {time_off} AS time_off,
             {closures} AS closures",
        treated = treats("$1", "$7", "$8"),
        conflicts = conflicts_sql("$7", "$8"),
        exceptions = exceptions_sql("$2", "$6", "$3", "$4"),
        time_off = time_off_sql("$2", "$3", "$4"),
        closures = closures_sql("$6", "$3", "$4"),
    )
}

#[derive(FromQueryResult)]
struct FactsRow {
    patient_user_id: Option<i32>,
    patient_name: Option<String>,
    treated_by_actor: bool,
    doctor_user_id: Option<i32>,
    doctor_name: Option<String>,
    requires_referral: bool,
    doctor_specialty_id: Option<i32>,
    identical: Option<i32>,
    office_name: Option<String>,
    office_time_zone: Option<String>,
    office_active: Option<bool>,
    works_at_office: bool,
    hours: serde_json::Value,
    in_care_team: bool,
    approved_referral: bool,
    patient_future_active: i64,
    settings: Option<serde_json::Value>,
    conflicts: serde_json::Value,
    exceptions: serde_json::Value,
    time_off: serde_json::Value,
    closures: serde_json::Value,
}

fn params(query: &BookingQuery) -> Vec<Value> {
    vec![
        query.patient_id.into(),
        query.doctor_id.into(),
        query.range.start().into(),
        query.range.end().into(),
        query.moving.into(),
    ]
}

/// The booking facts, read (and locked) in the caller's transaction.
pub(super) async fn booking_facts<C: ConnectionTrait>(
    conn: &C,
    query: &BookingQuery,
    now: DateTime<Utc>,
) -> StoreResult<BookingFacts> {
    let mut values = params(query);
    values.extend([
        query.office_id.into(),
        query.actor_doctor_id.into(),
        now.into(),
    ]);
    let row = FactsRow::find_by_statement(Statement::from_sql_and_values(
        DbBackend::Postgres,
        facts_sql(),
        values,
    ))
    .one(conn)
    .await
    .map_err(store_error)?
    .ok_or_else(|| StoreError::Unexpected("booking facts returned no row".into()))?;
    let party = |user_id, name| match (user_id, name) {
        (Some(user_id), Some(name)) => Some(Party { user_id, name }),
        _ => None,
    };
    let office = match (row.office_name, row.office_time_zone, row.office_active) {
        (Some(name), Some(time_zone), Some(active)) => Some(OfficeFacts {
            name,
            time_zone,
            active,
        }),
        _ => None,
    };
    Ok(BookingFacts {
        patient: party(row.patient_user_id, row.patient_name),
        patient_treated_by_actor: row.treated_by_actor,
        doctor: party(row.doctor_user_id, row.doctor_name),
        office,
        doctor_works_at_office: row.works_at_office,
        weekly_hours: decode_hours(row.hours)?,
        conflicts: decode_ids(row.conflicts, query.patient_id)?,
        specialty_requires_referral: row.requires_referral,
        doctor_in_care_team: row.in_care_team,
        approved_referral: row.approved_referral,
        patient_future_active: u32::try_from(row.patient_future_active)
            .map_err(|_| StoreError::Unexpected("future appointment count out of range".into()))?,
        settings: decode_settings(row.settings)?,
        exceptions: decode_exceptions(row.exceptions)?,
        time_off: decode_time_off(row.time_off)?,
        closures: decode_closures(row.closures)?,
        identical: row.identical,
        doctor_specialty_id: row.doctor_specialty_id,
    })
}

/// The overlapping active appointments alone, read after a lost race.
pub(super) async fn conflicts<C: ConnectionTrait>(
    conn: &C,
    query: &BookingQuery,
    now: DateTime<Utc>,
) -> StoreResult<Vec<ConflictingAppointment>> {
    let mut values = params(query);
    values.extend([query.actor_doctor_id.into(), now.into()]);
    let row = conn
        .query_one_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            format!("SELECT {} AS conflicts", conflicts_sql("$6", "$7")),
            values,
        ))
        .await
        .map_err(store_error)?
        .ok_or_else(|| StoreError::Unexpected("conflicts returned no row".into()))?;
    decode_ids(
        row.try_get("", "conflicts").map_err(store_error)?,
        query.patient_id,
    )
}

/// The conflicts of a booking for `patient_id`.
fn decode_ids(
    value: serde_json::Value,
    patient_id: i32,
) -> StoreResult<Vec<ConflictingAppointment>> {
    let rows: Vec<(i32, i32, i32, bool, i64)> = serde_json::from_value(value)
        .map_err(|e| StoreError::Unexpected(format!("conflicts do not decode: {e}")))?;
    rows.into_iter()
        .map(
            |(appointment_id, conflict_patient, doctor_id, treated_by_actor, start)| {
                Ok(ConflictingAppointment {
                    appointment_id,
                    parties: AppointmentParties {
                        patient_id: conflict_patient,
                        doctor_id,
                    },
                    treated_by_actor,
                    starts_at: super::rules::instant(start)?,
                    of_patient: conflict_patient == patient_id,
                })
            },
        )
        .collect()
}

pub(super) fn decode_hours(value: serde_json::Value) -> StoreResult<Vec<WeeklyHours>> {
    let rows: Vec<(i16, String, String)> = serde_json::from_value(value)
        .map_err(|e| StoreError::Unexpected(format!("working hours do not decode: {e}")))?;
    rows.into_iter()
        .map(|(weekday, start, end)| {
            let time = |text: &str| {
                NaiveTime::parse_from_str(text, "%H:%M:%S").map_err(|e| {
                    StoreError::Unexpected(format!("stored time {text:?} does not parse: {e}"))
                })
            };
            WeeklyHours::new(weekday_of(weekday)?, time(&start)?, time(&end)?).map_err(|e| {
                StoreError::Unexpected(format!("stored working hours are invalid: {e}"))
            })
        })
        .collect()
}
