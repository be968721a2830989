//! Where and when a doctor works: their offices and weekly working hours. The doctor's row is
//! locked while either is replaced, so concurrent replacements run one after the other.

use chrono::NaiveTime;
use clinic_domain::access::Actor;
use clinic_domain::audit::AuditEntryDraft;
use clinic_domain::directory::{
    OfficeIds, OfficeSummary, WeeklySchedule, WorkingHours, iso_weekday,
};
use clinic_domain::scheduling::WeeklyHours;
use clinic_domain::{StoreError, StoreResult, ValidationError, ValidationErrors};
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, FromQueryResult, Statement, Value};

use super::support::{
    begin, commit_audited, ensure_exists, list_change, lock_row, snapshot_rows, store_error,
};

pub(super) const DOCTORS: (&str, &str) = ("doctors", "doctor_id");
const OFFICES: (&str, &str) = ("doctor_offices", "doctor_id");
const HOURS: (&str, &str) = ("doctor_working_hours", "doctor_id");
const HOURS_ORDER: &str = "t.weekday, t.start_time";

#[derive(Debug, FromQueryResult)]
struct OfficeSummaryRow {
    office_id: i32,
    name: String,
    city: String,
    time_zone: String,
    is_active: bool,
}

#[derive(Debug, FromQueryResult)]
struct HoursRow {
    office_id: i32,
    weekday: i16,
    start_time: NaiveTime,
    end_time: NaiveTime,
}

impl HoursRow {
    fn into_hours(self) -> StoreResult<WorkingHours> {
        let stored = |e: ValidationError| StoreError::Unexpected(format!("working hours: {e}"));
        let weekday = iso_weekday("weekday", self.weekday.into()).map_err(stored)?;
        let hours = WeeklyHours::new(weekday, self.start_time, self.end_time).map_err(stored)?;
        Ok(WorkingHours {
            office_id: self.office_id,
            hours,
        })
    }
}

/// The offices doctor `doctor_id` works at, by name.
pub(super) async fn offices(
    db: &DatabaseConnection,
    doctor_id: i32,
) -> StoreResult<Vec<OfficeSummary>> {
    ensure_exists(db, DOCTORS, doctor_id, "doctor").await?;
    let rows = OfficeSummaryRow::find_by_statement(Statement::from_sql_and_values(
        DbBackend::Postgres,
        "SELECT o.office_id, o.name, o.city, o.time_zone, o.is_active
         FROM doctor_offices x JOIN offices o ON o.office_id = x.office_id
         WHERE x.doctor_id = $1 ORDER BY lower(o.name), o.office_id",
        [doctor_id.into()],
    ))
    .all(db)
    .await
    .map_err(store_error)?;
    Ok(rows
        .into_iter()
        .map(|r| OfficeSummary {
            office_id: r.office_id,
            name: r.name,
            city: r.city,
            time_zone: r.time_zone,
            is_active: r.is_active,
        })
        .collect())
}

/// Fails with `office_ids[i]` for every id that names no office.
async fn check_offices_exist<C: ConnectionTrait>(conn: &C, ids: &OfficeIds) -> StoreResult<()> {
    let rows = conn
        .query_all_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "SELECT x.value::integer AS office_id FROM jsonb_array_elements_text($1::jsonb) x
             WHERE NOT EXISTS (SELECT 1 FROM offices o WHERE o.office_id = x.value::integer)",
            [id_list(ids)],
        ))
        .await
        .map_err(store_error)?;
    let mut errors = ValidationErrors::new();
    for row in rows {
        let missing: i32 = row.try_get("", "office_id").map_err(store_error)?;
        for (i, _) in ids
            .as_slice()
            .iter()
            .enumerate()
            .filter(|(_, id)| **id == missing)
        {
            errors.push(ValidationError::new(
                format!("office_ids[{i}]"),
                "no such office",
            ));
        }
    }
    errors.into_result().map_err(StoreError::from)
}

fn id_list(ids: &OfficeIds) -> Value {
    serde_json::Value::from(ids.as_slice().to_vec()).into()
}

/// Makes `ids` the doctor's offices within the caller's transaction; the doctor's hours at
/// an office that leaves the set go with it (`ON DELETE CASCADE`). Returns the audit drafts
/// of what changed.
pub(super) async fn replace_offices<C: ConnectionTrait>(
    conn: &C,
    actor: &Actor,
    doctor_id: i32,
    ids: &OfficeIds,
) -> StoreResult<Vec<AuditEntryDraft>> {
    check_offices_exist(conn, ids).await?;
    let offices_before = snapshot_rows(conn, OFFICES, doctor_id, "t.office_id").await?;
    let hours_before = snapshot_rows(conn, HOURS, doctor_id, HOURS_ORDER).await?;
    conn.execute_raw(Statement::from_sql_and_values(
        DbBackend::Postgres,
        "DELETE FROM doctor_offices WHERE doctor_id = $1 AND office_id NOT IN
            (SELECT value::integer FROM jsonb_array_elements_text($2::jsonb))",
        [doctor_id.into(), id_list(ids)],
    ))
    .await
    .map_err(store_error)?;
    conn.execute_raw(Statement::from_sql_and_values(
        DbBackend::Postgres,
        "INSERT INTO doctor_offices (doctor_id, office_id)
         SELECT $1, value::integer FROM jsonb_array_elements_text($2::jsonb)
         ON CONFLICT DO NOTHING",
        [doctor_id.into(), id_list(ids)],
    ))
    .await
    .map_err(store_error)?;
    let offices_after = snapshot_rows(conn, OFFICES, doctor_id, "t.office_id").await?;
    let hours_after = snapshot_rows(conn, HOURS, doctor_id, HOURS_ORDER).await?;
    Ok([
        list_change(OFFICES.0, doctor_id, actor, offices_before, offices_after),
        list_change(HOURS.0, doctor_id, actor, hours_before, hours_after),
    ]
    .into_iter()
    .flatten()
    .collect())
}

/// Replaces the doctor's offices in a transaction of its own.
pub(super) async fn set_offices(
    db: &DatabaseConnection,
    actor: &Actor,
    doctor_id: i32,
    ids: OfficeIds,
) -> StoreResult<Vec<OfficeSummary>> {
    let txn = begin(db).await?;
    lock_row(&txn, DOCTORS, doctor_id, "doctor").await?;
    let audits = replace_offices(&txn, actor, doctor_id, &ids).await?;
    commit_audited(txn, audits).await?;
    offices(db, doctor_id).await
}

/// The doctor's weekly hours, by weekday and start.
pub(super) async fn working_hours<C: ConnectionTrait>(
    conn: &C,
    doctor_id: i32,
) -> StoreResult<Vec<WorkingHours>> {
    ensure_exists(conn, DOCTORS, doctor_id, "doctor").await?;
    HoursRow::find_by_statement(Statement::from_sql_and_values(
        DbBackend::Postgres,
        "SELECT office_id, weekday, start_time, end_time FROM doctor_working_hours
         WHERE doctor_id = $1 ORDER BY weekday, start_time",
        [doctor_id.into()],
    ))
    .all(conn)
    .await
    .map_err(store_error)?
    .into_iter()
    .map(HoursRow::into_hours)
    .collect()
}

/// Replaces the doctor's whole week in one transaction.
pub(super) async fn set_working_hours(
    db: &DatabaseConnection,
    actor: &Actor,
    doctor_id: i32,
    schedule: WeeklySchedule,
) -> StoreResult<Vec<WorkingHours>> {
    let txn = begin(db).await?;
    lock_row(&txn, DOCTORS, doctor_id, "doctor").await?;
    let before = snapshot_rows(&txn, HOURS, doctor_id, HOURS_ORDER).await?;
    let rows: Vec<serde_json::Value> = schedule
        .as_slice()
        .iter()
        .map(|b| {
            serde_json::json!({
                "office_id": b.office_id,
                "weekday": b.hours.weekday().number_from_monday(),
                "start_time": b.hours.start().to_string(),
                "end_time": b.hours.end().to_string(),
            })
        })
        .collect();
    txn.execute_raw(Statement::from_sql_and_values(
        DbBackend::Postgres,
        "DELETE FROM doctor_working_hours WHERE doctor_id = $1",
        [doctor_id.into()],
    ))
    .await
    .map_err(store_error)?;
    txn.execute_raw(Statement::from_sql_and_values(
        DbBackend::Postgres,
        "INSERT INTO doctor_working_hours (doctor_id, office_id, weekday, start_time, end_time)
         SELECT $1, x.office_id, x.weekday, x.start_time, x.end_time
         FROM jsonb_to_recordset($2::jsonb)
            AS x(office_id integer, weekday smallint, start_time time, end_time time)",
        [doctor_id.into(), serde_json::Value::Array(rows).into()],
    ))
    .await
    .map_err(store_error)?;
    let after = snapshot_rows(&txn, HOURS, doctor_id, HOURS_ORDER).await?;
    let audits = list_change(HOURS.0, doctor_id, actor, before, after);
    let hours = working_hours(&txn, doctor_id).await?;
    commit_audited(txn, audits.into_iter().collect()).await?;
    Ok(hours)
}
