//! The availability rules as SQL: a doctor's dated exceptions at an office, their time off
//! and the office's closures touching a window, each as one JSON array a statement can carry
//! next to other facts (the booking facts read them in the statement that reads the rest).

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use clinic_domain::scheduling::availability::{Closure, ExceptionKind, ScheduleException, TimeOff};
use clinic_domain::values::TimeRange;
use clinic_domain::{StoreError, StoreResult};

/// Microseconds since the epoch of a `timestamptz` expression: exact, and zone-free in JSON.
fn micros(column: &str) -> String {
    format!("(extract(epoch FROM {column}) * 1000000)::bigint")
}

/// Doctor `doctor`'s exceptions at office `office` on dates within the UTC window
/// `[start, end)` (SQL expressions), as `[[date, kind, start, end, note], …]`.
pub(super) fn exceptions_sql(doctor: &str, office: &str, start: &str, end: &str) -> String {
    format!(
        "(SELECT coalesce(jsonb_agg(jsonb_build_array(e.on_date::text, e.kind, e.start_time::text,
                  e.end_time::text, e.note) ORDER BY e.on_date, e.exception_id), '[]'::jsonb)
          FROM schedule_exceptions e
          WHERE e.doctor_id = {doctor} AND e.office_id = {office}
            AND e.on_date BETWEEN ({start} AT TIME ZONE 'UTC')::date - 1
                              AND ({end} AT TIME ZONE 'UTC')::date + 1)"
    )
}

/// Doctor `doctor`'s time off overlapping `[start, end)`, as `[[from µs, to µs, reason], …]`.
pub(super) fn time_off_sql(doctor: &str, start: &str, end: &str) -> String {
    format!(
        "(SELECT coalesce(jsonb_agg(jsonb_build_array({from}, {to}, t.reason)
                  ORDER BY t.starts_at), '[]'::jsonb)
          FROM doctor_time_off t
          WHERE t.doctor_id = {doctor} AND tstzrange(t.starts_at, t.ends_at) && tstzrange({start}, {end}))",
        from = micros("t.starts_at"),
        to = micros("t.ends_at"),
    )
}

/// Office `office`'s closures on dates within `[start, end)` (a day either side), as
/// `[[first, last, label], …]`.
pub(super) fn closures_sql(office: &str, start: &str, end: &str) -> String {
    format!(
        "(SELECT coalesce(jsonb_agg(jsonb_build_array(c.first_day::text, c.last_day::text, c.label)
                  ORDER BY c.first_day), '[]'::jsonb)
          FROM office_closures c
          WHERE c.office_id = {office}
            AND daterange(c.first_day, c.last_day, '[]')
                && daterange(({start} AT TIME ZONE 'UTC')::date - 1,
                             ({end} AT TIME ZONE 'UTC')::date + 1, '[]'))"
    )
}

fn bad(what: &str, e: impl std::fmt::Display) -> StoreError {
    StoreError::Unexpected(format!("stored {what} do not decode: {e}"))
}

fn date(text: &str) -> StoreResult<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|e| bad("dates", e))
}

fn time(text: Option<String>) -> StoreResult<Option<NaiveTime>> {
    text.map(|t| NaiveTime::parse_from_str(&t, "%H:%M:%S").map_err(|e| bad("times", e)))
        .transpose()
}

pub(super) fn instant(micros: i64) -> StoreResult<DateTime<Utc>> {
    DateTime::from_timestamp_micros(micros).ok_or_else(|| bad("instants", micros))
}

/// Decodes [`exceptions_sql`].
pub(super) fn decode_exceptions(value: serde_json::Value) -> StoreResult<Vec<ScheduleException>> {
    let rows: Vec<(
        String,
        String,
        Option<String>,
        Option<String>,
        Option<String>,
    )> = serde_json::from_value(value).map_err(|e| bad("exceptions", e))?;
    rows.into_iter()
        .map(|(on, kind, start, end, note)| {
            Ok(ScheduleException {
                date: date(&on)?,
                kind: ExceptionKind::parse(&kind, time(start)?, time(end)?)
                    .map_err(|e| bad("exceptions", e))?,
                note,
            })
        })
        .collect()
}

/// Decodes [`time_off_sql`].
pub(super) fn decode_time_off(value: serde_json::Value) -> StoreResult<Vec<TimeOff>> {
    let rows: Vec<(i64, i64, Option<String>)> =
        serde_json::from_value(value).map_err(|e| bad("time off", e))?;
    rows.into_iter()
        .map(|(from, to, reason)| {
            Ok(TimeOff {
                range: TimeRange::new(instant(from)?, instant(to)?)
                    .map_err(|e| bad("time off", e))?,
                reason,
            })
        })
        .collect()
}

/// Decodes [`closures_sql`].
pub(super) fn decode_closures(value: serde_json::Value) -> StoreResult<Vec<Closure>> {
    let rows: Vec<(String, String, String)> =
        serde_json::from_value(value).map_err(|e| bad("closures", e))?;
    rows.into_iter()
        .map(|(first, last, label)| {
            Ok(Closure {
                first_day: date(&first)?,
                last_day: date(&last)?,
                label,
            })
        })
        .collect()
}

/// Doctor `doctor`'s weekly hours at office `office`, as `[[weekday, start, end], …]` (decoded
/// by the booking facts' hours decoder).
pub(super) fn hours_sql(doctor: &str, office: &str) -> String {
    format!(
        "(SELECT coalesce(jsonb_agg(jsonb_build_array(h.weekday, h.start_time::text, h.end_time::text)
                  ORDER BY h.weekday, h.start_time), '[]'::jsonb)
          FROM doctor_working_hours h WHERE h.doctor_id = {doctor} AND h.office_id = {office})"
    )
}
