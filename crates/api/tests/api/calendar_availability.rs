//! The availability engine over HTTP: closures, time off and exceptions refuse bookings (the
//! front desk may overbook them, marked), slot listings leave them out, patients never read a
//! time-off reason, and the calendar shows every appointment of a busy day on the right
//! background.

use chrono::Duration;
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

/// Closes `office` on the day `days` from now, as staff, over HTTP.
async fn close(app: &TestApp, staff: &TestUser, office: i64, days: i64, label: &str) -> Value {
    let body = json!({"first_day": day(days), "last_day": day(days), "label": label});
    json_of(
        app.send_as(
            staff,
            Method::POST,
            &format!("/offices/{office}/closures"),
            &body,
        )
        .await,
        201,
    )
    .await
}

/// Time off of `doctor` from `from_hour` to `to_hour` UTC on the day `days` from now.
async fn away(
    app: &TestApp,
    user: &TestUser,
    doctor: &TestUser,
    days: i64,
    hours: (u32, u32),
) -> Value {
    let body = json!({"starts_at": at(days, hours.0), "ends_at": at(days, hours.1), "reason": "chemotherapy"});
    let path = format!("/doctors/{}/time-off", doctor.doctor_id.unwrap());
    json_of(app.send_as(user, Method::POST, &path, &body).await, 201).await
}

fn messages(problem: &Value) -> Vec<String> {
    problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["message"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn booking_into_a_closure_is_refused_unless_the_desk_overbooks_it_marked() {
    let app = spawn_app().await;
    let staff = app.user(Role::Staff, "desk").await;
    let doctor = app.user(Role::Doctor, "house").await;
    let patient = app.user(Role::Patient, "alice").await;
    let office = open_office(&app, &doctor).await;
    close(&app, &staff, office, 3, "Staff training").await;
    let into = booking(None, &doctor, office, &at(3, 10));
    let refused = assert_problem(
        app.send_as(&patient, Method::POST, "/appointments", &into)
            .await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(
        messages(&refused),
        ["the office is closed that day: Staff training"]
    );
    let for_patient = booking(patient.patient_id, &doctor, office, &at(3, 10));
    assert_problem(
        app.send_as(&staff, Method::POST, "/appointments", &for_patient)
            .await,
        422,
        "validation_failed",
    )
    .await;
    let mut overbook = for_patient.clone();
    overbook["overbook_reason"] = json!("urgent dressing change");
    let booked = json_of(
        app.send_as(&staff, Method::POST, "/appointments", &overbook)
            .await,
        201,
    )
    .await;
    assert_eq!(booked["outside_availability"], true);
    assert_eq!(
        booked["outside_availability_reason"],
        "urgent dressing change"
    );
    assert_eq!(booked["is_overbooked"], false, "no conflict was overbooked");
    // The day before is untouched.
    let before = booking(None, &doctor, office, &at(2, 10));
    let fine = json_of(
        app.send_as(&patient, Method::POST, "/appointments", &before)
            .await,
        201,
    )
    .await;
    assert_eq!(fine["outside_availability"], false);
    // Moving that visit into the closure is refused too, and allowed to the desk with a reason.
    let path = format!("/appointments/{}", fine["id"]);
    let refused = assert_problem(
        app.send_as(
            &staff,
            Method::PATCH,
            &path,
            &json!({"starts_at": at(3, 11)}),
        )
        .await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(
        messages(&refused),
        ["the office is closed that day: Staff training"]
    );
    let moved = json_of(
        app.send_as(
            &staff,
            Method::PATCH,
            &path,
            &json!({"starts_at": at(3, 11), "overbook_reason": "patient asked"}),
        )
        .await,
        200,
    )
    .await;
    assert_eq!(moved["outside_availability"], true);
}

#[tokio::test]
async fn time_off_refuses_bookings_without_telling_the_patient_why() {
    let app = spawn_app().await;
    let staff = app.user(Role::Staff, "desk").await;
    let doctor = app.user(Role::Doctor, "house").await;
    let patient = app.user(Role::Patient, "alice").await;
    let office = open_office(&app, &doctor).await;
    away(&app, &doctor, &doctor, 2, (9, 12)).await;
    let into = booking(None, &doctor, office, &at(2, 10));
    let refused = assert_problem(
        app.send_as(&patient, Method::POST, "/appointments", &into)
            .await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(messages(&refused), ["the doctor is away then"]);
    assert!(!refused.to_string().contains("chemotherapy"));
    // The patient may not read the time off at all.
    let path = format!("/doctors/{}/time-off", doctor.doctor_id.unwrap());
    assert_problem(app.get_as(&patient, &path).await, 403, "forbidden").await;
    // The slots leave the time off out, and say nothing of why.
    let slots = app
        .get_as(
            &patient,
            &format!(
                "/doctors/{}/availability?office_id={office}&from={}&to={}&slot_minutes=60",
                doctor.doctor_id.unwrap(),
                day(2),
                day(2)
            ),
        )
        .await;
    let slots = json_of(slots, 200).await;
    assert!(!slots.to_string().contains("chemotherapy"));
    let starts: Vec<_> = slots["slots"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["starts_at"].as_str().unwrap().to_owned())
        .collect();
    let hours: Vec<u32> = (8..18).filter(|h| !(9..12).contains(h)).collect();
    assert_eq!(
        starts,
        hours.iter().map(|h| instant(2, *h)).collect::<Vec<_>>()
    );
    // Staff without a reason are refused; with one, the visit is booked and marked.
    let for_patient = booking(patient.patient_id, &doctor, office, &at(2, 10));
    assert_problem(
        app.send_as(&staff, Method::POST, "/appointments", &for_patient)
            .await,
        422,
        "validation_failed",
    )
    .await;
    let mut overbook = for_patient;
    overbook["overbook_reason"] = json!("the doctor agreed to come in");
    let booked = json_of(
        app.send_as(&staff, Method::POST, "/appointments", &overbook)
            .await,
        201,
    )
    .await;
    assert_eq!(booked["outside_availability"], true);
    // The doctor's own list shows the reason; overlapping time off is refused.
    let own = json_of(app.get_as(&doctor, &path).await, 200).await;
    assert_eq!(own[0]["reason"], "chemotherapy");
    let body = json!({"starts_at": at(2, 11), "ends_at": at(2, 13)});
    assert_problem(
        app.send_as(&doctor, Method::POST, &path, &body).await,
        409,
        "time_off_overlap",
    )
    .await;
}

#[tokio::test]
async fn the_calendar_shows_closures_time_off_and_days_off_as_the_background() {
    let app = spawn_app().await;
    let staff = app.user(Role::Staff, "desk").await;
    let doctor = app.user(Role::Doctor, "house").await;
    let office = open_office(&app, &doctor).await;
    close(&app, &staff, office, 3, "Inventory").await;
    away(&app, &staff, &doctor, 1, (9, 12)).await;
    let path = format!("/doctors/{}/schedule-exceptions", doctor.doctor_id.unwrap());
    let day_off =
        json!({"office_id": office, "date": day(2), "kind": "day_off", "note": "conference"});
    json_of(
        app.send_as(&doctor, Method::POST, &path, &day_off).await,
        201,
    )
    .await;
    assert_problem(
        app.send_as(&doctor, Method::POST, &path, &day_off).await,
        409,
        "day_off_exists",
    )
    .await;
    let extra = json!({"office_id": office, "date": day(4), "kind": "extra_hours", "start_time": "18:00", "end_time": "20:00"});
    json_of(app.send_as(&doctor, Method::POST, &path, &extra).await, 201).await;
    let body = json_of(
        calendar(
            &app,
            &staff,
            &format!("office_id={office}&from={}&days=4", day(1)),
        )
        .await,
        200,
    )
    .await;
    let days = body["doctors"][0]["days"].as_array().unwrap();
    assert_eq!(
        days[0]["open"],
        json!([
            {"starts_at": instant(1, 8), "ends_at": instant(1, 9)},
            {"starts_at": instant(1, 12), "ends_at": instant(1, 18)},
        ])
    );
    assert_eq!(days[0]["blocked"][0]["kind"], "time_off");
    assert_eq!(days[1]["open"], json!([]));
    assert_eq!(days[1]["blocked"][0]["kind"], "day_off");
    assert_eq!(days[1]["blocked"][0]["label"], "conference");
    assert_eq!(days[2]["open"], json!([]));
    assert_eq!(days[2]["blocked"][0]["kind"], "closure");
    assert_eq!(days[2]["blocked"][0]["label"], "Inventory");
    assert_eq!(
        days[3]["open"],
        json!([{"starts_at": instant(4, 8), "ends_at": instant(4, 20)}])
    );
    // Everyone signed in reads the closures; only the desk and admins change them.
    let patient = app.user(Role::Patient, "alice").await;
    let listed = json_of(
        app.get_as(&patient, &format!("/offices/{office}/closures"))
            .await,
        200,
    )
    .await;
    assert_eq!(listed[0]["label"], "Inventory");
    let id = listed[0]["id"].as_i64().unwrap();
    let remove = format!("/offices/{office}/closures/{id}");
    assert_problem(
        app.send_as(&doctor, Method::DELETE, &remove, &json!({}))
            .await,
        403,
        "forbidden",
    )
    .await;
    let gone = app
        .send_as(&staff, Method::DELETE, &remove, &json!({}))
        .await;
    assert_eq!(gone.status().as_u16(), 204);
    let audited = app
        .scalar("SELECT count(*) FROM audit_log WHERE table_name IN ('office_closures', 'doctor_time_off', 'schedule_exceptions')")
        .await;
    assert_eq!(audited, Some(json!(5)));
}
