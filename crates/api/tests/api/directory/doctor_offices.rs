//! `/doctors/{id}/offices`.

use clinic_domain::identity::Role;
use reqwest::Method;
use serde_json::json;

use super::{audit_rows, create_office, error_fields, set_offices};
use crate::helpers::{assert_problem, json_of, spawn_app};

#[tokio::test]
async fn a_doctor_replaces_their_offices_and_leaving_one_drops_its_hours() {
    let app = spawn_app().await;
    let admin = app.user(Role::Admin, "admin").await;
    let doctor = app.user(Role::Doctor, "doc").await;
    let other = app.user(Role::Doctor, "other").await;
    let id = doctor.doctor_id.unwrap();
    let north = create_office(&app, &admin, "North", "Springfield").await;
    let south = create_office(&app, &admin, "South", "Springfield").await;
    set_offices(&app, &doctor, id, &[south, north]).await;
    let offices = json_of(
        app.get_as(&other, &format!("/doctors/{id}/offices")).await,
        200,
    )
    .await;
    assert_eq!(offices["office_ids"], json!([north, south]));
    assert_eq!(offices["offices"][0]["name"], "North");
    assert_eq!(offices["offices"][0]["time_zone"], "America/Chicago");

    let hours = json!({"working_hours": [
        {"office_id": north, "weekday": 1, "start": "09:00", "end": "12:00"},
        {"office_id": south, "weekday": 1, "start": "13:00", "end": "17:00"}
    ]});
    let path = format!("/doctors/{id}/working-hours");
    json_of(app.send_as(&doctor, Method::PUT, &path, &hours).await, 200).await;
    set_offices(&app, &doctor, id, &[south]).await;
    let week = json_of(app.get_as(&doctor, &path).await, 200).await;
    assert_eq!(
        week["working_hours"],
        json!([
            {"office_id": south, "weekday": 1, "start": "13:00", "end": "17:00"}
        ])
    );
    assert_eq!(
        audit_rows(&app, "doctor_working_hours", "update").await,
        1,
        "the cascade is audited"
    );

    let offices_path = format!("/doctors/{id}/offices");
    let twice = json!({"office_ids": [north, north]});
    let problem = assert_problem(
        app.send_as(&doctor, Method::PUT, &offices_path, &twice)
            .await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(error_fields(&problem), ["office_ids[1]"]);
    let missing = json!({"office_ids": [north, 999_999]});
    let problem = assert_problem(
        app.send_as(&doctor, Method::PUT, &offices_path, &missing)
            .await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(error_fields(&problem), ["office_ids[1]"]);
    let others = format!("/doctors/{}/offices", other.doctor_id.unwrap());
    let body = json!({"office_ids": [north]});
    assert_problem(
        app.send_as(&doctor, Method::PUT, &others, &body).await,
        404,
        "not_found",
    )
    .await;
    assert_problem(
        app.get_as(&doctor, "/doctors/999999/offices").await,
        404,
        "not_found",
    )
    .await;
}
