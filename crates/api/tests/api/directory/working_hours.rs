//! `/doctors/{id}/working-hours`.

use clinic_domain::identity::Role;
use reqwest::Method;
use serde_json::{Value, json};

use super::{audit_rows, create_office, error_fields, set_offices};
use crate::helpers::{TestApp, TestUser, assert_problem, json_of, spawn_app};

/// A doctor working at two offices, as `(app, doctor, north, south)`.
async fn doctor_at_two_offices() -> (TestApp, TestUser, i64, i64) {
    let app = spawn_app().await;
    let admin = app.user(Role::Admin, "admin").await;
    let doctor = app.user(Role::Doctor, "doc").await;
    let north = create_office(&app, &admin, "North", "Springfield").await;
    let south = create_office(&app, &admin, "South", "Springfield").await;
    set_offices(&app, &admin, doctor.doctor_id.unwrap(), &[north, south]).await;
    (app, doctor, north, south)
}

fn block(office: i64, weekday: i64, start: &str, end: &str) -> Value {
    json!({"office_id": office, "weekday": weekday, "start": start, "end": end})
}

async fn put_week(
    app: &TestApp,
    user: &TestUser,
    doctor: &TestUser,
    blocks: Value,
) -> reqwest::Response {
    let path = format!("/doctors/{}/working-hours", doctor.doctor_id.unwrap());
    app.send_as(user, Method::PUT, &path, &json!({"working_hours": blocks}))
        .await
}

#[tokio::test]
async fn a_doctor_sets_their_week_across_offices_and_staff_read_it() {
    let (app, doctor, north, south) = doctor_at_two_offices().await;
    let staff = app.user(Role::Staff, "staff").await;
    let week = json!([
        block(south, 3, "13:00", "17:30"),
        block(north, 1, "09:00", "12:00"),
        block(south, 1, "12:00", "16:00"),
    ]);
    let stored = json_of(put_week(&app, &doctor, &doctor, week).await, 200).await;
    let expected = json!({"working_hours": [
        block(north, 1, "09:00", "12:00"),
        block(south, 1, "12:00", "16:00"),
        block(south, 3, "13:00", "17:30"),
    ]});
    assert_eq!(
        stored, expected,
        "ordered by weekday and start; touching blocks are fine"
    );
    let path = format!("/doctors/{}/working-hours", doctor.doctor_id.unwrap());
    assert_eq!(
        json_of(app.get_as(&staff, &path).await, 200).await,
        expected
    );

    // The whole week is replaced, not merged.
    let replaced = json_of(
        put_week(
            &app,
            &doctor,
            &doctor,
            json!([block(north, 7, "08:00", "10:00")]),
        )
        .await,
        200,
    )
    .await;
    assert_eq!(
        replaced["working_hours"],
        json!([block(north, 7, "08:00", "10:00")])
    );
    let cleared = json_of(put_week(&app, &doctor, &doctor, json!([])).await, 200).await;
    assert_eq!(cleared["working_hours"], json!([]));
    assert_eq!(audit_rows(&app, "doctor_working_hours", "insert").await, 1);
    assert_eq!(audit_rows(&app, "doctor_working_hours", "update").await, 1);
    assert_eq!(audit_rows(&app, "doctor_working_hours", "delete").await, 1);
}

#[tokio::test]
async fn overlapping_blocks_are_refused_even_at_different_offices() {
    let (app, doctor, north, south) = doctor_at_two_offices().await;
    let week = json!([
        block(north, 2, "09:00", "12:00"),
        block(south, 2, "11:30", "14:00"),
        block(north, 3, "09:00", "12:00"),
    ]);
    let problem = assert_problem(
        put_week(&app, &doctor, &doctor, week).await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(error_fields(&problem), ["working_hours[1]"]);
    assert_eq!(
        app.scalar("SELECT count(*) FROM doctor_working_hours")
            .await,
        Some(json!(0))
    );
}

#[tokio::test]
async fn hours_at_an_office_the_doctor_does_not_work_at_are_refused() {
    let (app, doctor, north, _) = doctor_at_two_offices().await;
    let admin = app.user(Role::Admin, "admin2").await;
    let elsewhere = create_office(&app, &admin, "Elsewhere", "Shelbyville").await;
    let week = json!([
        block(north, 1, "09:00", "12:00"),
        block(elsewhere, 2, "09:00", "12:00")
    ]);
    let problem = assert_problem(
        put_week(&app, &admin, &doctor, week).await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(error_fields(&problem), ["working_hours[1].office_id"]);
}

#[tokio::test]
async fn every_malformed_block_part_is_named() {
    let (app, doctor, north, _) = doctor_at_two_offices().await;
    let week = json!([
        block(north, 1, "9:00", "12:00"),
        block(north, 2, "12:00", "24:00"),
        block(north, 3, "15:00", "14:00"),
    ]);
    let problem = assert_problem(
        put_week(&app, &doctor, &doctor, week).await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(
        error_fields(&problem),
        ["working_hours[0].start", "working_hours[1].end"]
    );
    let backwards = json!([block(north, 3, "15:00", "14:00")]);
    let problem = assert_problem(
        put_week(&app, &doctor, &doctor, backwards).await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(error_fields(&problem), ["working_hours[0].end"]);
    let bad_day = json!([block(north, 8, "09:00", "10:00")]);
    let problem = assert_problem(
        put_week(&app, &doctor, &doctor, bad_day).await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(error_fields(&problem), ["working_hours[0].weekday"]);
}

#[tokio::test]
async fn only_the_doctor_or_an_admin_sets_the_week() {
    let (app, doctor, north, _) = doctor_at_two_offices().await;
    let other = app.user(Role::Doctor, "other").await;
    let staff = app.user(Role::Staff, "staff").await;
    let week = json!([block(north, 1, "09:00", "12:00")]);
    assert_problem(
        put_week(&app, &other, &doctor, week.clone()).await,
        404,
        "not_found",
    )
    .await;
    assert_problem(
        put_week(&app, &staff, &doctor, week).await,
        403,
        "forbidden",
    )
    .await;
    assert_problem(
        app.get_as(&staff, "/doctors/999999/working-hours").await,
        404,
        "not_found",
    )
    .await;
}
