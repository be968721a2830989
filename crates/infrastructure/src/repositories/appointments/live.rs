//! The calendar's change token: what a screen left open polls to know whether to read again.

use clinic_domain::values::TimeRange;
use clinic_domain::{StoreError, StoreResult};
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, Statement};

use crate::repositories::support::store_error;

/// One statement, one row: an md5 over every row the calendar shows that can change during a
/// day, each with the columns that change (an appointment's `updated_at` moves on every edit;
/// its status and times are named too, so a writer that forgot `updated_at` still shows).
/// Removed rows change the aggregate as much as added ones. Probes are the indexes the
/// calendar itself reads by (`appointments_office_datetime_idx`, the availability tables'
/// doctor and office indexes).
const VERSION_SQL: &str = "
SELECT md5(concat_ws('|',
    (SELECT string_agg(concat_ws(':', a.appointment_id, a.doctor_id, a.status,
                a.appointment_datetime, a.ends_at, a.updated_at), ',' ORDER BY a.appointment_id)
     FROM appointments a
     WHERE a.office_id = $1 AND ($4::integer IS NULL OR a.doctor_id = $4)
       AND a.appointment_datetime >= $2 AND a.appointment_datetime < $3),
    (SELECT string_agg(concat_ws(':', c.closure_id, c.first_day, c.last_day, c.label), ','
                       ORDER BY c.closure_id)
     FROM office_closures c
     WHERE c.office_id = $1 AND c.last_day >= ($2::timestamptz - interval '1 day')::date
       AND c.first_day <= ($3::timestamptz + interval '1 day')::date),
    (SELECT string_agg(concat_ws(':', t.time_off_id, t.doctor_id, t.starts_at, t.ends_at), ','
                       ORDER BY t.time_off_id)
     FROM doctor_time_off t
     WHERE t.starts_at < $3 AND t.ends_at > $2
       AND ($4::integer IS NULL OR t.doctor_id = $4)
       AND t.doctor_id IN (SELECT x.doctor_id FROM doctor_offices x WHERE x.office_id = $1)),
    (SELECT string_agg(concat_ws(':', e.exception_id, e.doctor_id, e.on_date, e.kind,
                e.start_time, e.end_time), ',' ORDER BY e.exception_id)
     FROM schedule_exceptions e
     WHERE e.office_id = $1 AND ($4::integer IS NULL OR e.doctor_id = $4)
       AND e.on_date >= ($2::timestamptz - interval '1 day')::date
       AND e.on_date <= ($3::timestamptz + interval '1 day')::date)
)) AS version
FROM offices o WHERE o.office_id = $1";

/// The calendar's change token for `office_id` (and `doctor_id`) over `window`.
pub(super) async fn calendar_version(
    db: &DatabaseConnection,
    office_id: i32,
    doctor_id: Option<i32>,
    window: &TimeRange,
) -> StoreResult<String> {
    let row = db
        .query_one_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            VERSION_SQL,
            [
                office_id.into(),
                window.start().into(),
                window.end().into(),
                doctor_id.into(),
            ],
        ))
        .await
        .map_err(store_error)?
        .ok_or_else(|| StoreError::not_found("office"))?;
    row.try_get("", "version").map_err(store_error)
}
