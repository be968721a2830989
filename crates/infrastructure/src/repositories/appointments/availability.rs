//! The availability engine's store: what slot listings and the calendar read, and the
//! closures, time off and exceptions staff and doctors manage (each write audited in its
//! own transaction).

use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use clinic_domain::audit::AuditAction;
use clinic_domain::scheduling::availability::{
    AvailabilityInput, AvailabilityStore, CalendarDoctorFacts, CalendarFacts, Closure,
    ClosureRecord, DoctorRules, ExceptionKind, ExceptionRecord, ScheduleException, SearchFacts,
    SearchFactsQuery, SlotListingFacts, TimeOff, TimeOffRecord,
};
use clinic_domain::values::{OfficeZone, TimeRange};
use clinic_domain::{StoreError, StoreResult};
use sea_orm::{ConnectionTrait, DbBackend, FromQueryResult, Statement, Value};

use super::PgAppointments;
use super::facts::decode_hours;
use super::query::{Row, VIEW_COLUMNS, VIEW_FROM};
use super::rules::{
    closures_sql, decode_closures, decode_exceptions, decode_time_off, exceptions_sql, hours_sql,
    instant, time_off_sql,
};
use crate::repositories::support::{
    ReturnedRow, begin, commit_audited, draft, ensure_exists, find_one, insert_audited, store_error,
};

const OFFICES: (&str, &str) = ("offices", "office_id");
const DOCTORS: (&str, &str) = ("doctors", "doctor_id");

#[derive(FromQueryResult)]
struct SlotRow {
    time_zone: String,
    doctor_exists: bool,
    hours: serde_json::Value,
    exceptions: serde_json::Value,
    time_off: serde_json::Value,
    closures: serde_json::Value,
    busy: serde_json::Value,
}

#[derive(FromQueryResult)]
struct OfficeRow {
    office_name: String,
    time_zone: String,
    closures: serde_json::Value,
}

#[derive(FromQueryResult)]
struct DoctorRow {
    doctor_id: i32,
    name: String,
    specialty_name: String,
    hours: serde_json::Value,
    exceptions: serde_json::Value,
    time_off: serde_json::Value,
}

#[derive(FromQueryResult)]
struct ClosureRow {
    closure_id: i32,
    office_id: i32,
    first_day: NaiveDate,
    last_day: NaiveDate,
    label: String,
    created_at: DateTime<Utc>,
}

impl From<ClosureRow> for ClosureRecord {
    fn from(r: ClosureRow) -> Self {
        Self {
            closure_id: r.closure_id,
            office_id: r.office_id,
            closure: Closure {
                first_day: r.first_day,
                last_day: r.last_day,
                label: r.label,
            },
            created_at: r.created_at,
        }
    }
}

#[derive(FromQueryResult)]
struct TimeOffRow {
    time_off_id: i32,
    doctor_id: i32,
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
    reason: Option<String>,
    created_at: DateTime<Utc>,
}

impl TimeOffRow {
    fn into_record(self) -> StoreResult<TimeOffRecord> {
        Ok(TimeOffRecord {
            time_off_id: self.time_off_id,
            doctor_id: self.doctor_id,
            time_off: TimeOff {
                range: TimeRange::new(self.starts_at, self.ends_at)
                    .map_err(|e| StoreError::Unexpected(format!("stored time off: {e}")))?,
                reason: self.reason,
            },
            created_at: self.created_at,
        })
    }
}

#[derive(FromQueryResult)]
struct ExceptionRow {
    exception_id: i32,
    doctor_id: i32,
    office_id: i32,
    on_date: NaiveDate,
    kind: String,
    start_time: Option<NaiveTime>,
    end_time: Option<NaiveTime>,
    note: Option<String>,
    created_at: DateTime<Utc>,
}

impl ExceptionRow {
    fn into_record(self) -> StoreResult<ExceptionRecord> {
        Ok(ExceptionRecord {
            exception_id: self.exception_id,
            doctor_id: self.doctor_id,
            office_id: self.office_id,
            exception: ScheduleException {
                date: self.on_date,
                kind: ExceptionKind::parse(&self.kind, self.start_time, self.end_time)
                    .map_err(|e| StoreError::Unexpected(format!("stored exception: {e}")))?,
                note: self.note,
            },
            created_at: self.created_at,
        })
    }
}

fn statement(sql: impl Into<String>, values: Vec<Value>) -> Statement {
    Statement::from_sql_and_values(DbBackend::Postgres, sql.into(), values)
}

/// The active appointments matching `whose` (a condition on `a`) overlapping `[start, end)`, as
/// a JSON array of `[start, end]` in microseconds since the epoch.
pub(super) fn busy_sql(whose: &str, start: &str, end: &str) -> String {
    format!(
        "(SELECT coalesce(jsonb_agg(jsonb_build_array(
              (extract(epoch FROM a.appointment_datetime) * 1000000)::bigint,
              (extract(epoch FROM a.ends_at) * 1000000)::bigint)), '[]'::jsonb)
          FROM appointments a
          WHERE {whose} AND a.status IN ('scheduled', 'confirmed', 'checked_in')
            AND tstzrange(a.appointment_datetime, a.ends_at) && tstzrange({start}, {end})
            -- Implied by the overlap (appointments last at most 480 minutes); bounds the
            -- scan of the (doctor_id | patient_id, appointment_datetime) indexes.
            AND a.appointment_datetime < {end}
            AND a.appointment_datetime > {start} - interval '480 minutes')"
    )
}

pub(super) fn decode_busy(value: serde_json::Value) -> StoreResult<Vec<TimeRange>> {
    let rows: Vec<(i64, i64)> = serde_json::from_value(value)
        .map_err(|e| StoreError::Unexpected(format!("busy times do not decode: {e}")))?;
    rows.into_iter()
        .map(|(from, to)| {
            TimeRange::new(instant(from)?, instant(to)?)
                .map_err(|e| StoreError::Unexpected(format!("busy time: {e}")))
        })
        .collect()
}

/// A statement's one row decoded as `R`, mapping "no row" to `NotFound { entity }`.
async fn one<R: FromQueryResult, C: ConnectionTrait>(
    conn: &C,
    stmt: Statement,
    entity: &'static str,
) -> StoreResult<R> {
    find_one(conn, stmt, entity).await
}

const CLOSURE_COLUMNS: &str =
    "SELECT closure_id, office_id, first_day, last_day, label, created_at FROM office_closures";
const TIME_OFF_COLUMNS: &str =
    "SELECT time_off_id, doctor_id, starts_at, ends_at, reason, created_at FROM doctor_time_off";
const EXCEPTION_COLUMNS: &str = "SELECT exception_id, doctor_id, office_id, on_date, kind,
        start_time, end_time, note, created_at FROM schedule_exceptions";

#[async_trait]
impl AvailabilityStore for PgAppointments {
    async fn search_facts(&self, query: &SearchFactsQuery) -> StoreResult<SearchFacts> {
        super::search::search_facts(&self.db, query).await
    }

    async fn slot_facts(
        &self,
        doctor_id: i32,
        office_id: i32,
        window: &TimeRange,
    ) -> StoreResult<SlotListingFacts> {
        let sql = format!(
            "SELECT o.time_zone,
                    EXISTS (SELECT 1 FROM doctors WHERE doctor_id = $1) AS doctor_exists,
                    {hours} AS hours, {exceptions} AS exceptions, {time_off} AS time_off,
                    {closures} AS closures, {busy} AS busy
             FROM offices o WHERE o.office_id = $2",
            busy = busy_sql("a.doctor_id = $1", "$3", "$4"),
            hours = hours_sql("$1", "$2"),
            exceptions = exceptions_sql("$1", "$2", "$3", "$4"),
            time_off = time_off_sql("$1", "$3", "$4"),
            closures = closures_sql("$2", "$3", "$4"),
        );
        let row: SlotRow = one(
            &self.db,
            statement(
                sql,
                vec![
                    doctor_id.into(),
                    office_id.into(),
                    window.start().into(),
                    window.end().into(),
                ],
            ),
            "office",
        )
        .await?;
        if !row.doctor_exists {
            return Err(StoreError::not_found("doctor"));
        }
        let zone = OfficeZone::of_office(&row.time_zone);
        Ok(SlotListingFacts {
            input: AvailabilityInput {
                zone,
                weekly_hours: decode_hours(row.hours)?,
                exceptions: decode_exceptions(row.exceptions)?,
                time_off: decode_time_off(row.time_off)?,
                closures: decode_closures(row.closures)?,
            },
            time_zone: row.time_zone,
            busy: decode_busy(row.busy)?,
        })
    }

    async fn calendar_facts(
        &self,
        office_id: i32,
        doctor_id: Option<i32>,
        window: &TimeRange,
    ) -> StoreResult<CalendarFacts> {
        let range = [window.start().into(), window.end().into()];
        let office: OfficeRow = one(
            &self.db,
            statement(
                format!(
                    "SELECT o.name AS office_name, o.time_zone, {closures} AS closures
                     FROM offices o WHERE o.office_id = $1",
                    closures = closures_sql("$1", "$2", "$3"),
                ),
                [vec![office_id.into()], range.to_vec()].concat(),
            ),
            "office",
        )
        .await?;
        let doctors = DoctorRow::find_by_statement(statement(
            format!(
                "SELECT d.doctor_id, concat_ws(' ', d.first_name, d.last_name) AS name,
                        s.specialty_name, {hours} AS hours, {exceptions} AS exceptions,
                        {time_off} AS time_off
                 FROM doctor_offices x
                 JOIN doctors d ON d.doctor_id = x.doctor_id
                 JOIN specialties s ON s.specialty_id = d.specialty_id
                 WHERE x.office_id = $1 AND ($4::integer IS NULL OR d.doctor_id = $4)
                 ORDER BY lower(d.last_name), lower(d.first_name), d.doctor_id",
                hours = hours_sql("d.doctor_id", "$1"),
                exceptions = exceptions_sql("d.doctor_id", "$1", "$2", "$3"),
                time_off = time_off_sql("d.doctor_id", "$2", "$3"),
            ),
            [
                vec![office_id.into()],
                range.to_vec(),
                vec![doctor_id.into()],
            ]
            .concat(),
        ))
        .all(&self.db)
        .await
        .map_err(store_error)?
        .into_iter()
        .map(|r| {
            Ok(CalendarDoctorFacts {
                doctor_id: r.doctor_id,
                name: r.name,
                specialty_name: r.specialty_name,
                rules: DoctorRules {
                    weekly_hours: decode_hours(r.hours)?,
                    exceptions: decode_exceptions(r.exceptions)?,
                    time_off: decode_time_off(r.time_off)?,
                },
            })
        })
        .collect::<StoreResult<Vec<_>>>()?;
        let appointments = Row::find_by_statement(statement(
            format!(
                "{VIEW_COLUMNS} {VIEW_FROM}
                 WHERE a.office_id = $1 AND ($4::integer IS NULL OR a.doctor_id = $4)
                   AND a.appointment_datetime >= $2 AND a.appointment_datetime < $3
                 ORDER BY a.appointment_datetime, a.appointment_id"
            ),
            [
                vec![office_id.into()],
                range.to_vec(),
                vec![doctor_id.into()],
            ]
            .concat(),
        ))
        .all(&self.db)
        .await
        .map_err(store_error)?
        .into_iter()
        .map(Row::into_appointment)
        .collect::<StoreResult<Vec<_>>>()?;
        Ok(CalendarFacts {
            office_name: office.office_name,
            time_zone: office.time_zone,
            closures: decode_closures(office.closures)?,
            doctors,
            appointments,
        })
    }

    async fn calendar_version(
        &self,
        office_id: i32,
        doctor_id: Option<i32>,
        window: &TimeRange,
    ) -> StoreResult<String> {
        super::live::calendar_version(&self.db, office_id, doctor_id, window).await
    }

    async fn list_closures(&self, office_id: i32) -> StoreResult<Vec<ClosureRecord>> {
        ensure_exists(&self.db, OFFICES, office_id, "office").await?;
        let rows = ClosureRow::find_by_statement(statement(
            format!("{CLOSURE_COLUMNS} WHERE office_id = $1 ORDER BY first_day, closure_id"),
            vec![office_id.into()],
        ))
        .all(&self.db)
        .await
        .map_err(store_error)?;
        Ok(rows.into_iter().map(ClosureRecord::from).collect())
    }

    async fn add_closure(
        &self,
        author: i32,
        office_id: i32,
        closure: &Closure,
    ) -> StoreResult<ClosureRecord> {
        let txn = begin(&self.db).await?;
        // Waits for bookings at the office judged without this closure (they hold the office
        // row FOR SHARE); bookings after it see it.
        lock(
            &txn,
            "SELECT office_id FROM offices WHERE office_id = $1 FOR NO KEY UPDATE",
            vec![office_id.into()],
            "office",
        )
        .await?;
        let (id, audit) = insert_audited(
            &txn,
            Some(author),
            "office_closures",
            statement(
                "INSERT INTO office_closures AS t (office_id, first_day, last_day, label, created_by)
                 VALUES ($1, $2, $3, $4, $5) RETURNING closure_id AS id, to_jsonb(t) AS row",
                vec![
                    office_id.into(),
                    closure.first_day.into(),
                    closure.last_day.into(),
                    closure.label.clone().into(),
                    author.into(),
                ],
            ),
        )
        .await?;
        let row: ClosureRow = one(
            &txn,
            statement(
                format!("{CLOSURE_COLUMNS} WHERE closure_id = $1"),
                vec![id.into()],
            ),
            "closure",
        )
        .await?;
        commit_audited(txn, vec![audit]).await?;
        Ok(row.into())
    }

    async fn remove_closure(
        &self,
        author: i32,
        office_id: i32,
        closure_id: i32,
    ) -> StoreResult<()> {
        delete_audited(
            self,
            author,
            "office_closures",
            "DELETE FROM office_closures AS t WHERE closure_id = $1 AND office_id = $2
             RETURNING closure_id AS id, to_jsonb(t) AS row",
            vec![closure_id.into(), office_id.into()],
            "closure",
        )
        .await
    }

    async fn list_time_off(&self, doctor_id: i32) -> StoreResult<Vec<TimeOffRecord>> {
        ensure_exists(&self.db, DOCTORS, doctor_id, "doctor").await?;
        TimeOffRow::find_by_statement(statement(
            format!("{TIME_OFF_COLUMNS} WHERE doctor_id = $1 ORDER BY starts_at, time_off_id"),
            vec![doctor_id.into()],
        ))
        .all(&self.db)
        .await
        .map_err(store_error)?
        .into_iter()
        .map(TimeOffRow::into_record)
        .collect()
    }

    async fn add_time_off(
        &self,
        author: i32,
        doctor_id: i32,
        time_off: &TimeOff,
    ) -> StoreResult<TimeOffRecord> {
        let txn = begin(&self.db).await?;
        ensure_exists(&txn, DOCTORS, doctor_id, "doctor").await?;
        // Waits for the doctor's bookings judged without this time off (they hold the
        // doctor's place at the office FOR SHARE).
        lock_places(&txn, doctor_id, None).await?;
        let (id, audit) = insert_audited(
            &txn,
            Some(author),
            "doctor_time_off",
            statement(
                "INSERT INTO doctor_time_off AS t (doctor_id, starts_at, ends_at, reason, created_by)
                 VALUES ($1, $2, $3, $4, $5) RETURNING time_off_id AS id, to_jsonb(t) AS row",
                vec![
                    doctor_id.into(),
                    time_off.range.start().into(),
                    time_off.range.end().into(),
                    time_off.reason.clone().into(),
                    author.into(),
                ],
            ),
        )
        .await?;
        let row: TimeOffRow = one(
            &txn,
            statement(
                format!("{TIME_OFF_COLUMNS} WHERE time_off_id = $1"),
                vec![id.into()],
            ),
            "time off",
        )
        .await?;
        commit_audited(txn, vec![audit]).await?;
        row.into_record()
    }

    async fn remove_time_off(
        &self,
        author: i32,
        doctor_id: i32,
        time_off_id: i32,
    ) -> StoreResult<()> {
        delete_audited(
            self,
            author,
            "doctor_time_off",
            "DELETE FROM doctor_time_off AS t WHERE time_off_id = $1 AND doctor_id = $2
             RETURNING time_off_id AS id, to_jsonb(t) AS row",
            vec![time_off_id.into(), doctor_id.into()],
            "time off",
        )
        .await
    }

    async fn list_exceptions(&self, doctor_id: i32) -> StoreResult<Vec<ExceptionRecord>> {
        ensure_exists(&self.db, DOCTORS, doctor_id, "doctor").await?;
        ExceptionRow::find_by_statement(statement(
            format!(
                "{EXCEPTION_COLUMNS} WHERE doctor_id = $1
                 ORDER BY on_date, start_time NULLS FIRST, exception_id"
            ),
            vec![doctor_id.into()],
        ))
        .all(&self.db)
        .await
        .map_err(store_error)?
        .into_iter()
        .map(ExceptionRow::into_record)
        .collect()
    }

    async fn add_exception(
        &self,
        author: i32,
        doctor_id: i32,
        office_id: i32,
        exception: &ScheduleException,
    ) -> StoreResult<ExceptionRecord> {
        let txn = begin(&self.db).await?;
        ensure_exists(&txn, DOCTORS, doctor_id, "doctor").await?;
        ensure_exists(&txn, OFFICES, office_id, "office").await?;
        lock_places(&txn, doctor_id, Some(office_id)).await?;
        let hours = exception.kind.hours();
        let (id, audit) = insert_audited(
            &txn,
            Some(author),
            "schedule_exceptions",
            statement(
                "INSERT INTO schedule_exceptions AS t
                    (doctor_id, office_id, on_date, kind, start_time, end_time, note, created_by)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
                 RETURNING exception_id AS id, to_jsonb(t) AS row",
                vec![
                    doctor_id.into(),
                    office_id.into(),
                    exception.date.into(),
                    exception.kind.as_str().into(),
                    hours.map(|h| h.start()).into(),
                    hours.map(|h| h.end()).into(),
                    exception.note.clone().into(),
                    author.into(),
                ],
            ),
        )
        .await?;
        let row: ExceptionRow = one(
            &txn,
            statement(
                format!("{EXCEPTION_COLUMNS} WHERE exception_id = $1"),
                vec![id.into()],
            ),
            "schedule exception",
        )
        .await?;
        commit_audited(txn, vec![audit]).await?;
        row.into_record()
    }

    async fn remove_exception(
        &self,
        author: i32,
        doctor_id: i32,
        exception_id: i32,
    ) -> StoreResult<()> {
        delete_audited(
            self,
            author,
            "schedule_exceptions",
            "DELETE FROM schedule_exceptions AS t WHERE exception_id = $1 AND doctor_id = $2
             RETURNING exception_id AS id, to_jsonb(t) AS row",
            vec![exception_id.into(), doctor_id.into()],
            "schedule exception",
        )
        .await
    }
}

/// Locks the row a statement selects, or fails with `NotFound { entity }`.
async fn lock<C: ConnectionTrait>(
    conn: &C,
    sql: &str,
    values: Vec<Value>,
    entity: &'static str,
) -> StoreResult<()> {
    conn.query_one_raw(statement(sql, values))
        .await
        .map_err(store_error)?
        .map(|_| ())
        .ok_or_else(|| StoreError::not_found(entity))
}

/// Locks the doctor's places at their offices (or at one office), which every booking with
/// the doctor holds `FOR SHARE` while it is judged.
async fn lock_places<C: ConnectionTrait>(
    conn: &C,
    doctor_id: i32,
    office_id: Option<i32>,
) -> StoreResult<()> {
    conn.execute_raw(statement(
        "SELECT 1 FROM doctor_offices WHERE doctor_id = $1
           AND ($2::integer IS NULL OR office_id = $2) FOR NO KEY UPDATE",
        vec![doctor_id.into(), office_id.into()],
    ))
    .await
    .map_err(store_error)?;
    Ok(())
}

/// Runs a `DELETE … RETURNING <key> AS id, to_jsonb(t) AS row` and audits the removed row in
/// the same transaction.
async fn delete_audited(
    store: &PgAppointments,
    author: i32,
    table: &str,
    sql: &str,
    values: Vec<Value>,
    entity: &'static str,
) -> StoreResult<()> {
    let txn = begin(&store.db).await?;
    let removed: ReturnedRow = one(&txn, statement(sql, values), entity).await?;
    let audit = draft(
        table,
        removed.id.into(),
        AuditAction::Delete,
        Some(author),
        Some(removed.row),
        None,
    );
    commit_audited(txn, vec![audit]).await
}
