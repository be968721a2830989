//! The availability engine over HTTP: closures, time off and exceptions refuse bookings (the
//! front desk may overbook them, marked), slot listings leave them out, patients never read a
//! time-off reason, and the calendar shows every appointment of a busy day on the right
//! background.

use chrono::{Duration, NaiveTime};
use clinic_domain::identity::Role;
use reqwest::Method;
use serde_json::{Value, json};

use crate::appointments::{at, open_office};
use crate::helpers::{TestApp, TestUser, assert_problem, json_of, spawn_app, test_now};

/// The local date `days` from now, `YYYY-MM-DD` (the test office is in UTC).
fn day(days: i64) -> String {
    (test_now() + Duration::days(days))
        .date_naive()
        .format("%Y-%m-%d")
        .to_string()
}

/// `hour:minute` UTC, `days` days from now, as RFC 3339.
fn at_minute(days: i64, hour: u32, minute: u32) -> String {
    let date = (test_now() + Duration::days(days)).date_naive();
    date.and_time(NaiveTime::from_hms_opt(hour, minute, 0).unwrap())
        .and_utc()
        .to_rfc3339()
}

/// `hour`:00 UTC, `days` days from now, as the API writes instants.
fn instant(days: i64, hour: u32) -> String {
    format!("{}T{hour:02}:00:00.000000Z", day(days))
}

fn booking(patient: Option<i32>, doctor: &TestUser, office: i64, starts_at: &str) -> Value {
    let mut body = json!({"doctor_id": doctor.doctor_id, "office_id": office, "starts_at": starts_at, "duration_minutes": 30});
    if let Some(patient) = patient {
        body["patient_id"] = json!(patient);
    }
    body
}

async fn calendar(app: &TestApp, user: &TestUser, query: &str) -> reqwest::Response {
    app.get_as(user, &format!("/calendar?{query}")).await
}

#[tokio::test]
async fn the_calendar_shows_every_appointment_of_a_busy_day_and_each_doctors_hours() {
    let app = spawn_app().await;
    let staff = app.user(Role::Staff, "desk").await;
    let doctor = app.user(Role::Doctor, "house").await;
    let office = open_office(&app, &doctor).await;
    let doctor_id = doctor.doctor_id.unwrap();
    // 120 patients, one five-minute visit each, 08:00 to 18:00 tomorrow: over a page's 100.
    let start = at(1, 8);
    app.exec(&format!(
        "INSERT INTO users (username, email, role)
            SELECT 'busy' || i, 'busy' || i || '@clinic.test', 'patient' FROM generate_series(1, 120) i;
         INSERT INTO patients (user_id, first_name, last_name)
            SELECT user_id, 'Pat', username FROM users WHERE username ~ '^busy[0-9]+$';
         INSERT INTO appointments (patient_id, doctor_id, office_id, appointment_datetime,
                                   duration_minutes, ends_at, status)
            SELECT p.patient_id, {doctor_id}, {office},
                   '{start}'::timestamptz + (row_number() OVER (ORDER BY p.patient_id) - 1) * interval '5 minutes',
                   5,
                   '{start}'::timestamptz + row_number() OVER (ORDER BY p.patient_id) * interval '5 minutes',
                   'scheduled'
            FROM patients p JOIN users u ON u.user_id = p.user_id WHERE u.username ~ '^busy[0-9]+$';"
    ))
    .await;
    let body = json_of(
        calendar(&app, &staff, &format!("office_id={office}&from={}", day(1))).await,
        200,
    )
    .await;
    assert_eq!(body["days"], 1);
    assert_eq!(body["time_zone"], "UTC");
    assert_eq!(body["appointments"].as_array().unwrap().len(), 120);
    let doctors = body["doctors"].as_array().unwrap();
    assert_eq!(doctors.len(), 1);
    assert_eq!(doctors[0]["doctor_id"], doctor_id);
    let days = doctors[0]["days"].as_array().unwrap();
    assert_eq!(days.len(), 1);
    assert_eq!(days[0]["date"], day(1));
    assert_eq!(
        days[0]["open"],
        json!([{"starts_at": instant(1, 8), "ends_at": instant(1, 18)}])
    );
    assert_eq!(days[0]["blocked"], json!([]));
}

#[tokio::test]
async fn doctors_read_only_their_own_calendar_and_patients_none() {
    let app = spawn_app().await;
    let house = app.user(Role::Doctor, "house").await;
    let wilson = app.user(Role::Doctor, "wilson").await;
    let patient = app.user(Role::Patient, "alice").await;
    let office = open_office(&app, &house).await;
    open_office(&app, &wilson).await;
    let query = format!("office_id={office}&from={}&days=7", day(1));
    let own = json_of(calendar(&app, &house, &query).await, 200).await;
    let shown: Vec<_> = own["doctors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["doctor_id"].clone())
        .collect();
    assert_eq!(shown, [json!(house.doctor_id)]);
    assert_eq!(own["doctors"][0]["days"].as_array().unwrap().len(), 7);
    let other = format!("{query}&doctor_id={}", wilson.doctor_id.unwrap());
    assert_problem(calendar(&app, &house, &other).await, 403, "forbidden").await;
    assert_problem(calendar(&app, &patient, &query).await, 403, "forbidden").await;
    let staff = app.user(Role::Staff, "desk").await;
    let all = json_of(calendar(&app, &staff, &query).await, 200).await;
    assert_eq!(all["doctors"].as_array().unwrap().len(), 2);
    let too_many = format!("office_id={office}&from={}&days=8", day(1));
    assert_problem(
        calendar(&app, &staff, &too_many).await,
        422,
        "validation_failed",
    )
    .await;
    let nowhere = format!("office_id=999999&from={}", day(1));
    assert_problem(calendar(&app, &staff, &nowhere).await, 404, "not_found").await;
}
