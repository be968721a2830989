//! Recurring visits over HTTP: a series books its free visits and reports the others,
//! all-or-nothing books none, cancelling this / this and following / the whole series, and who
//! may book one.

use clinic_domain::identity::Role;
use reqwest::Method;
use serde_json::{Value, json};

use crate::appointments::{at, open_office};
use crate::helpers::{TestApp, TestUser, assert_problem, error_fields, json_of, spawn_app};

/// Four daily visits at 10:00 UTC from tomorrow for `patient` with `doctor`.
fn daily(patient: &TestUser, doctor: &TestUser, office: i64) -> Value {
    json!({
        "patient_id": patient.patient_id, "doctor_id": doctor.doctor_id, "office_id": office,
        "starts_at": at(1, 10), "duration_minutes": 30, "reason": "Physiotherapy",
        "rrule": "FREQ=DAILY;COUNT=4"
    })
}

/// Another patient holds the doctor's 10:00 on the third day.
async fn third_day_taken(app: &TestApp, staff: &TestUser, doctor: &TestUser, office: i64) -> i64 {
    let bob = app.user(Role::Patient, "bob").await;
    let body = json!({"patient_id": bob.patient_id, "doctor_id": doctor.doctor_id, "office_id": office, "starts_at": at(3, 10), "duration_minutes": 30});
    json_of(
        app.send_as(staff, Method::POST, "/appointments", &body)
            .await,
        201,
    )
    .await["id"]
        .as_i64()
        .unwrap()
}

#[tokio::test]
async fn a_series_books_its_free_visits_and_reports_the_conflicting_one() {
    let app = spawn_app().await;
    let staff = app.user(Role::Staff, "desk").await;
    let doctor = app.user(Role::Doctor, "house").await;
    let alice = app.user(Role::Patient, "alice").await;
    let office = open_office(&app, &doctor).await;
    let taken = third_day_taken(&app, &staff, &doctor, office).await;
    let body = daily(&alice, &doctor, office);

    let preview = json_of(
        app.send_as(&staff, Method::POST, "/appointment-series/preview", &body)
            .await,
        200,
    )
    .await;
    let free: Vec<bool> = preview["occurrences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["free"].as_bool().unwrap())
        .collect();
    assert_eq!(free, [true, true, false, true]);
    assert_eq!(
        preview["occurrences"][2]["problem"]["code"],
        "appointment_conflict"
    );
    assert_eq!(
        preview["occurrences"][2]["problem"]["conflicts"],
        json!([taken])
    );
    assert_eq!(preview["rrule"], "FREQ=DAILY;COUNT=4");

    let booked = json_of(
        app.send_as(&staff, Method::POST, "/appointment-series", &body)
            .await,
        201,
    )
    .await;
    let series_id = booked["series"]["id"].as_i64().unwrap();
    assert_eq!(booked["series"]["occurrences"].as_array().unwrap().len(), 3);
    assert_eq!(booked["skipped"][0]["number"], 3);
    assert_eq!(booked["series"]["occurrences"][0]["series_id"], series_id);
    let rows = app
        .scalar(&format!(
            "SELECT count(*) FROM appointments WHERE series_id = {series_id}"
        ))
        .await
        .unwrap();
    assert_eq!(rows, json!(3));
    // One summary notification each for the patient and the doctor, not one per visit.
    let notes = app
        .scalar(&format!(
            "SELECT count(*) FROM notifications WHERE related_entity_type = 'appointment_series'
               AND related_entity_id = {series_id}"
        ))
        .await
        .unwrap();
    assert_eq!(notes, json!(2));
    let audited = app
        .scalar("SELECT count(*) FROM audit_log WHERE table_name = 'appointment_series'")
        .await
        .unwrap();
    assert_eq!(audited, json!(1));

    let shown = json_of(
        app.get_as(&alice, &format!("/appointment-series/{series_id}"))
            .await,
        200,
    )
    .await;
    assert_eq!(shown["occurrences"].as_array().unwrap().len(), 3);
    let one = booked["series"]["occurrences"][0]["id"].as_i64().unwrap();
    let single = json_of(
        app.get_as(&alice, &format!("/appointments/{one}")).await,
        200,
    )
    .await;
    assert_eq!(single["series_id"], series_id);
}

#[tokio::test]
async fn all_or_nothing_books_none_when_one_visit_conflicts() {
    let app = spawn_app().await;
    let staff = app.user(Role::Staff, "desk").await;
    let doctor = app.user(Role::Doctor, "house").await;
    let alice = app.user(Role::Patient, "alice").await;
    let office = open_office(&app, &doctor).await;
    let taken = third_day_taken(&app, &staff, &doctor, office).await;
    let mut body = daily(&alice, &doctor, office);
    body["all_or_nothing"] = json!(true);
    let problem = assert_problem(
        app.send_as(&staff, Method::POST, "/appointment-series", &body)
            .await,
        409,
        "series_conflict",
    )
    .await;
    assert_eq!(problem["conflicts"], json!([taken]));
    let rows = app
        .scalar("SELECT count(*) FROM appointments WHERE series_id IS NOT NULL")
        .await
        .unwrap();
    assert_eq!(rows, json!(0));
    let series = app
        .scalar("SELECT count(*) FROM appointment_series")
        .await
        .unwrap();
    assert_eq!(series, json!(0));
}

#[tokio::test]
async fn a_bad_rule_is_a_field_error() {
    let app = spawn_app().await;
    let staff = app.user(Role::Staff, "desk").await;
    let doctor = app.user(Role::Doctor, "house").await;
    let alice = app.user(Role::Patient, "alice").await;
    let office = open_office(&app, &doctor).await;
    let mut body = daily(&alice, &doctor, office);
    body["rrule"] = json!("FREQ=MONTHLY;COUNT=3");
    let problem = assert_problem(
        app.send_as(&staff, Method::POST, "/appointment-series/preview", &body)
            .await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(error_fields(&problem), ["rrule"]);
    body["rrule"] = json!("FREQ=WEEKLY;COUNT=53");
    let problem = assert_problem(
        app.send_as(&staff, Method::POST, "/appointment-series", &body)
            .await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(error_fields(&problem), ["rrule"]);
}

/// Alice's four daily visits, booked by staff: their ids, by start.
async fn four_visits(app: &TestApp, staff: &TestUser, doctor: &TestUser) -> Vec<i64> {
    let alice = app.user(Role::Patient, "alice").await;
    let office = open_office(app, doctor).await;
    let booked = json_of(
        app.send_as(
            staff,
            Method::POST,
            "/appointment-series",
            &daily(&alice, doctor, office),
        )
        .await,
        201,
    )
    .await;
    booked["series"]["occurrences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_i64().unwrap())
        .collect()
}

async fn statuses(app: &TestApp, ids: &[i64]) -> Vec<String> {
    let mut out = Vec::new();
    for id in ids {
        let status = app
            .scalar(&format!(
                "SELECT status FROM appointments WHERE appointment_id = {id}"
            ))
            .await
            .unwrap();
        out.push(status.as_str().unwrap().to_owned());
    }
    out
}

#[tokio::test]
async fn cancelling_this_one_this_and_following_and_the_whole_series() {
    let app = spawn_app().await;
    let staff = app.user(Role::Staff, "desk").await;
    let doctor = app.user(Role::Doctor, "house").await;
    let ids = four_visits(&app, &staff, &doctor).await;
    let reason = "Course changed";
    let cancel = |scope: &str| json!({"scope": scope, "reason": reason});

    let one = json_of(
        app.send_as(
            &staff,
            Method::POST,
            &format!("/appointments/{}/series-cancel", ids[1]),
            &cancel("this"),
        )
        .await,
        200,
    )
    .await;
    assert_eq!(one["changed"].as_array().unwrap().len(), 1);
    assert_eq!(
        statuses(&app, &ids).await,
        ["scheduled", "cancelled", "scheduled", "scheduled"]
    );

    let following = json_of(
        app.send_as(
            &doctor,
            Method::POST,
            &format!("/appointments/{}/series-cancel", ids[2]),
            &cancel("this_and_following"),
        )
        .await,
        200,
    )
    .await;
    assert_eq!(following["changed"].as_array().unwrap().len(), 2);
    assert_eq!(
        statuses(&app, &ids).await,
        ["scheduled", "cancelled", "cancelled", "cancelled"]
    );

    let whole = json_of(
        app.send_as(
            &staff,
            Method::POST,
            &format!("/appointments/{}/series-cancel", ids[3]),
            &cancel("whole_series"),
        )
        .await,
        200,
    )
    .await;
    // Only the first visit was still open; the cancelled ones are left alone.
    assert_eq!(whole["changed"].as_array().unwrap().len(), 1);
    assert_eq!(whole["left_alone"].as_array().unwrap().len(), 3);
    assert_eq!(statuses(&app, &ids).await, ["cancelled"; 4]);
    assert_problem(
        app.send_as(
            &staff,
            Method::POST,
            &format!("/appointments/{}/series-cancel", ids[0]),
            &cancel("whole_series"),
        )
        .await,
        409,
        "invalid_transition",
    )
    .await;
}

#[tokio::test]
async fn editing_this_and_following_moves_each_visit_by_the_same_time() {
    let app = spawn_app().await;
    let staff = app.user(Role::Staff, "desk").await;
    let doctor = app.user(Role::Doctor, "house").await;
    let ids = four_visits(&app, &staff, &doctor).await;
    let body = json!({"scope": "this_and_following", "starts_at": at(3, 14)});
    let done = json_of(
        app.send_as(
            &staff,
            Method::POST,
            &format!("/appointments/{}/series-edit", ids[2]),
            &body,
        )
        .await,
        200,
    )
    .await;
    assert_eq!(done["changed"].as_array().unwrap().len(), 2);
    for (id, expected) in [
        (ids[1], at(2, 10)),
        (ids[2], at(3, 14)),
        (ids[3], at(4, 14)),
    ] {
        let single = json_of(
            app.get_as(&staff, &format!("/appointments/{id}")).await,
            200,
        )
        .await;
        assert_eq!(
            chrono::DateTime::parse_from_rfc3339(single["starts_at"].as_str().unwrap()).unwrap(),
            chrono::DateTime::parse_from_rfc3339(&expected).unwrap()
        );
    }
}

#[tokio::test]
async fn a_patient_may_not_book_or_change_a_series() {
    let app = spawn_app().await;
    let staff = app.user(Role::Staff, "desk").await;
    let doctor = app.user(Role::Doctor, "house").await;
    let ids = four_visits(&app, &staff, &doctor).await;
    let alice = app.user(Role::Patient, "alice2").await;
    let office = app
        .scalar("SELECT office_id FROM offices WHERE name = 'Main'")
        .await
        .unwrap()
        .as_i64()
        .unwrap();
    for path in ["/appointment-series", "/appointment-series/preview"] {
        assert_problem(
            app.send_as(&alice, Method::POST, path, &daily(&alice, &doctor, office))
                .await,
            403,
            "forbidden",
        )
        .await;
    }
    assert_problem(
        app.send_as(
            &alice,
            Method::POST,
            "/appointments/999999/series-cancel",
            &json!({"scope": "whole_series"}),
        )
        .await,
        403,
        "forbidden",
    )
    .await;
    assert_problem(
        app.send_as(
            &alice,
            Method::POST,
            &format!("/appointments/{}/series-edit", ids[0]),
            &json!({"scope": "whole_series", "starts_at": at(1, 11)}),
        )
        .await,
        403,
        "forbidden",
    )
    .await;
}

#[tokio::test]
async fn a_doctor_books_a_series_with_a_patient_they_treat_and_not_with_a_stranger() {
    let app = spawn_app().await;
    let doctor = app.user(Role::Doctor, "house").await;
    let treated = app.user(Role::Patient, "alice").await;
    let stranger = app.user(Role::Patient, "bob").await;
    let office = open_office(&app, &doctor).await;
    app.exec(&format!(
        "INSERT INTO patient_doctors (patient_id, doctor_id) VALUES ({}, {})",
        treated.patient_id.unwrap(),
        doctor.doctor_id.unwrap()
    ))
    .await;
    json_of(
        app.send_as(
            &doctor,
            Method::POST,
            "/appointment-series",
            &daily(&treated, &doctor, office),
        )
        .await,
        201,
    )
    .await;
    assert_problem(
        app.send_as(
            &doctor,
            Method::POST,
            "/appointment-series",
            &daily(&stranger, &doctor, office),
        )
        .await,
        404,
        "not_found",
    )
    .await;
    let rows = app
        .scalar(&format!(
            "SELECT count(*) FROM appointments WHERE patient_id = {}",
            stranger.patient_id.unwrap()
        ))
        .await
        .unwrap();
    assert_eq!(rows, json!(0));
}
