//! Reading appointments.

use chrono::{DateTime, Utc};
use clinic_domain::scheduling::{Appointment, AppointmentFilter, VisitTypeLabel};
use clinic_domain::{Page, PageRequest, StoreError, StoreResult};
use sea_orm::{ConnectionTrait, DbBackend, FromQueryResult, Statement, Value};

use crate::repositories::ListSql;
use crate::repositories::support::{Conditions, find_one, page_rows};
use crate::repositories::treats::treats;

/// The appointment columns plus the names a schedule shows.
pub(super) const VIEW_COLUMNS: &str =
    "SELECT a.appointment_id, a.patient_id, a.doctor_id, a.office_id,
        a.appointment_datetime AS starts_at, a.duration_minutes, a.ends_at, a.reason, a.status,
        a.is_overbooked, a.overbook_reason, a.cancellation_reason, a.created_by, a.created_at,
        a.updated_at,
        concat_ws(' ', p.first_name, p.last_name) AS patient_name,
        concat_ws(' ', d.first_name, d.last_name) AS doctor_name,
        o.name AS office_name, o.time_zone AS office_time_zone, a.outside_availability_reason, a.series_id,
        a.visit_type_id, vt.name AS visit_type_name, vt.colour AS visit_type_colour";

/// The tables behind [`VIEW_COLUMNS`].
pub(super) const VIEW_FROM: &str = "FROM appointments a
    JOIN patients p ON p.patient_id = a.patient_id
    JOIN doctors d ON d.doctor_id = a.doctor_id
    JOIN offices o ON o.office_id = a.office_id
    LEFT JOIN visit_types vt ON vt.visit_type_id = a.visit_type_id";

#[derive(Debug, FromQueryResult)]
pub(super) struct Row {
    appointment_id: i32,
    patient_id: i32,
    doctor_id: i32,
    office_id: i32,
    starts_at: DateTime<Utc>,
    duration_minutes: i32,
    ends_at: DateTime<Utc>,
    reason: Option<String>,
    status: String,
    is_overbooked: bool,
    overbook_reason: Option<String>,
    cancellation_reason: Option<String>,
    created_by: Option<i32>,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
    patient_name: String,
    doctor_name: String,
    office_name: String,
    office_time_zone: String,
    outside_availability_reason: Option<String>,
    series_id: Option<i32>,
    visit_type_id: Option<i32>,
    visit_type_name: Option<String>,
    visit_type_colour: Option<String>,
}

impl Row {
    pub(super) fn into_appointment(self) -> StoreResult<Appointment> {
        Ok(Appointment {
            status: self.status.parse().map_err(|_| {
                StoreError::Unexpected(format!("unknown appointment status {:?}", self.status))
            })?,
            appointment_id: self.appointment_id,
            patient_id: self.patient_id,
            doctor_id: self.doctor_id,
            office_id: self.office_id,
            starts_at: self.starts_at,
            duration_minutes: self.duration_minutes,
            ends_at: self.ends_at,
            reason: self.reason,
            is_overbooked: self.is_overbooked,
            overbook_reason: self.overbook_reason,
            cancellation_reason: self.cancellation_reason,
            created_by: self.created_by,
            created_at: self.created_at,
            updated_at: self.updated_at,
            patient_name: self.patient_name,
            doctor_name: self.doctor_name,
            office_name: self.office_name,
            office_time_zone: self.office_time_zone,
            outside_availability_reason: self.outside_availability_reason,
            series_id: self.series_id,
            visit_type: match (
                self.visit_type_id,
                self.visit_type_name,
                self.visit_type_colour,
            ) {
                (Some(visit_type_id), Some(name), Some(colour)) => Some(VisitTypeLabel {
                    visit_type_id,
                    name,
                    colour,
                }),
                (None, _, _) => None,
                _ => {
                    return Err(StoreError::Unexpected(
                        "an appointment's visit type is missing".into(),
                    ));
                }
            },
        })
    }
}

pub(super) async fn get<C: ConnectionTrait>(
    conn: &C,
    appointment_id: i32,
) -> StoreResult<Appointment> {
    let stmt = Statement::from_sql_and_values(
        DbBackend::Postgres,
        format!("{VIEW_COLUMNS} {VIEW_FROM} WHERE a.appointment_id = $1"),
        [appointment_id.into()],
    );
    find_one::<Row, _>(conn, stmt, "appointment")
        .await?
        .into_appointment()
}

/// The SQL of `GET /appointments` for `filter`, and its parameters. The lower bound on
/// `appointment_datetime` follows from `ends_at > from` (no appointment lasts over 480 minutes)
/// and lets the `(doctor_id | patient_id | office_id, appointment_datetime)` indexes bound the
/// range from below as well. `now` is the instant a doctor's view is judged at (who they treat).
#[must_use]
pub fn list_sql(filter: &AppointmentFilter, now: DateTime<Utc>) -> (ListSql, Vec<Value>) {
    let mut conditions = Conditions::default()
        .when(filter.doctor_id, "a.doctor_id = $")
        .when(filter.patient_id, "a.patient_id = $")
        .when(filter.office_id, "a.office_id = $")
        .when(filter.status.map(|s| s.as_str().to_owned()), "a.status = $")
        .when(
            filter.from,
            "a.ends_at > $ AND a.appointment_datetime > $ - interval '480 minutes'",
        )
        .when(filter.to, "a.appointment_datetime < $")
        .when(filter.starts_from, "a.appointment_datetime >= $")
        .when(filter.appointment_id, "a.appointment_id = $");
    if let Some(doctor_id) = filter.visible_to_doctor {
        let doctor = conditions.param(doctor_id);
        let now = conditions.param(now);
        conditions.predicate(format!(
            "(a.doctor_id = {doctor} OR {})",
            treats("a.patient_id", &doctor, &now)
        ));
    }
    let condition = conditions.sql();
    let sql = ListSql {
        page: format!(
            "{VIEW_COLUMNS} {VIEW_FROM} {condition} ORDER BY a.appointment_datetime, a.appointment_id"
        ),
        total: format!("SELECT count(*) AS total FROM appointments a {condition}"),
    };
    (sql, conditions.into_params())
}

pub(super) async fn list<C: ConnectionTrait>(
    conn: &C,
    filter: &AppointmentFilter,
    page: PageRequest,
    now: DateTime<Utc>,
) -> StoreResult<Page<Appointment>> {
    let (sql, params) = list_sql(filter, now);
    let (rows, total) = page_rows::<Row, _>(conn, &sql.page, &sql.total, params, page).await?;
    let items = rows
        .into_iter()
        .map(Row::into_appointment)
        .collect::<StoreResult<_>>()?;
    Ok(Page::new(items, page, total))
}

pub(super) fn weekday_of(iso: i16) -> StoreResult<chrono::Weekday> {
    use chrono::Weekday::{Fri, Mon, Sat, Sun, Thu, Tue, Wed};
    Ok(match iso {
        1 => Mon,
        2 => Tue,
        3 => Wed,
        4 => Thu,
        5 => Fri,
        6 => Sat,
        7 => Sun,
        other => {
            return Err(StoreError::Unexpected(format!(
                "weekday {other} out of range"
            )));
        }
    })
}
