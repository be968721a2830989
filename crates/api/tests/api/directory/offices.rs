//! `/offices`.

use clinic_domain::identity::Role;
use reqwest::Method;
use serde_json::json;

use super::{audit_rows, create_office, error_fields, office_body};
use crate::helpers::{assert_problem, json_of, spawn_app};

#[tokio::test]
async fn an_admin_creates_an_office_with_its_services_and_anyone_reads_it() {
    let app = spawn_app().await;
    let admin = app.user(Role::Admin, "admin").await;
    let patient = app.user(Role::Patient, "pat").await;
    let body = office_body("Main Street Clinic", "Springfield");
    let created = json_of(
        app.send_as(&admin, Method::POST, "/offices", &body).await,
        201,
    )
    .await;
    assert_eq!(created["address"]["country"], "US");
    assert_eq!(created["email"], "front.desk@clinic.example");
    assert_eq!(created["time_zone"], "America/Chicago");
    assert_eq!(created["is_active"], true);
    assert_eq!(created["phone"]["number"], "555-0100");
    assert_eq!(
        created["services"],
        json!([{"name": "Vaccination", "price": null}, {"name": "X-ray", "price": "80.00"}])
    );
    let read = json_of(
        app.get_as(&patient, &format!("/offices/{}", created["id"]))
            .await,
        200,
    )
    .await;
    assert_eq!(read, created);
    assert_eq!(audit_rows(&app, "offices", "insert").await, 1);
    assert_eq!(audit_rows(&app, "office_services", "insert").await, 1);
}

#[tokio::test]
async fn the_office_list_filters_by_name_or_city_and_activity_and_pages() {
    let app = spawn_app().await;
    let admin = app.user(Role::Admin, "admin").await;
    let staff = app.user(Role::Staff, "staff").await;
    create_office(&app, &admin, "Beta Clinic", "Springfield").await;
    let alpha = create_office(&app, &admin, "Alpha Clinic", "Shelbyville").await;
    create_office(&app, &admin, "Springfield Heights", "Capital City").await;
    let path = format!("/offices/{alpha}");
    let deactivate = json!({"is_active": false});
    json_of(
        app.send_as(&admin, Method::PATCH, &path, &deactivate).await,
        200,
    )
    .await;

    let names = |page: &serde_json::Value| -> Vec<String> {
        page["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|o| o["name"].as_str().unwrap().to_owned())
            .collect()
    };
    let all = json_of(app.get_as(&staff, "/offices").await, 200).await;
    assert_eq!(
        names(&all),
        ["Alpha Clinic", "Beta Clinic", "Springfield Heights"]
    );
    let by_q = json_of(app.get_as(&staff, "/offices?q=SPRINGFIELD").await, 200).await;
    assert_eq!(names(&by_q), ["Beta Clinic", "Springfield Heights"]);
    let active = json_of(app.get_as(&staff, "/offices?is_active=false").await, 200).await;
    assert_eq!(names(&active), ["Alpha Clinic"]);
    let page = json_of(app.get_as(&staff, "/offices?per_page=1&page=2").await, 200).await;
    assert_eq!(names(&page), ["Beta Clinic"]);
    assert_eq!(
        (page["total"].as_i64(), page["page"].as_i64()),
        (Some(3), Some(2))
    );
    let wildcard = json_of(app.get_as(&staff, "/offices?q=%25").await, 200).await;
    assert_eq!(wildcard["total"], 0, "% is searched for, not a wildcard");
    let long = format!("/offices?q={}", "x".repeat(101));
    assert_problem(app.get_as(&staff, &long).await, 422, "validation_failed").await;
}

#[tokio::test]
async fn patching_an_office_replaces_only_what_is_given() {
    let app = spawn_app().await;
    let admin = app.user(Role::Admin, "admin").await;
    let id = create_office(&app, &admin, "Main", "Springfield").await;
    let path = format!("/offices/{id}");
    let service_id =
        "SELECT office_service_id FROM office_services WHERE lower(service_name) = 'x-ray'";
    let xray = app.scalar(service_id).await;
    let patch = json!({
        "phone": null,
        "address": {"line1": "9 Elm Street", "city": "Berlin", "country": "DE"},
        "time_zone": "Europe/Berlin",
        "services": [{"name": "x-RAY", "price": "95.5"}, {"name": "Physiotherapy", "price": "60"}]
    });
    let changed = json_of(app.send_as(&admin, Method::PATCH, &path, &patch).await, 200).await;
    assert_eq!(changed["phone"], json!(null));
    assert_eq!(
        changed["email"], "front.desk@clinic.example",
        "an omitted field stays"
    );
    assert_eq!(
        changed["address"]["state"],
        json!(null),
        "the address is replaced whole"
    );
    assert_eq!(changed["address"]["city"], "Berlin");
    assert_eq!(changed["time_zone"], "Europe/Berlin");
    assert_eq!(
        changed["services"],
        json!([{"name": "Physiotherapy", "price": "60.00"}, {"name": "x-RAY", "price": "95.50"}])
    );
    assert_eq!(
        app.scalar(service_id).await,
        xray,
        "a service that stays keeps its row"
    );

    let rename = json!({"name": "Main Street"});
    let renamed = json_of(
        app.send_as(&admin, Method::PATCH, &path, &rename).await,
        200,
    )
    .await;
    assert_eq!(
        renamed["services"].as_array().unwrap().len(),
        2,
        "no services: kept"
    );
    let clear = json!({"services": []});
    let cleared = json_of(app.send_as(&admin, Method::PATCH, &path, &clear).await, 200).await;
    assert_eq!(cleared["services"], json!([]));
    assert_eq!(audit_rows(&app, "offices", "update").await, 3);
    assert_eq!(audit_rows(&app, "office_services", "update").await, 1);
    assert_eq!(audit_rows(&app, "office_services", "delete").await, 1);
}

#[tokio::test]
async fn every_invalid_office_field_is_named() {
    let app = spawn_app().await;
    let admin = app.user(Role::Admin, "admin").await;
    let mut body = office_body("Main", "Springfield");
    body["time_zone"] = json!("Mars/Olympus_Mons");
    body["address"]["country"] = json!("XX");
    body["email"] = json!("not-an-email");
    body["phone"] = json!({"number": "12"});
    body["services"] = json!([
        {"name": "X-ray", "price": "1.234"},
        {"name": "x-ray"},
        {"name": "Lab", "price": 20}
    ]);
    let problem = assert_problem(
        app.send_as(&admin, Method::POST, "/offices", &body).await,
        422,
        "validation_failed",
    )
    .await;
    let fields = error_fields(&problem);
    for field in [
        "time_zone",
        "address.country",
        "email",
        "phone.phone_number",
        "services[0].price",
        "services[1].name",
        "services[2].price",
    ] {
        assert!(
            fields.contains(&field.to_owned()),
            "{field} missing in {fields:?}"
        );
    }
    let tz = json!({"time_zone": "Europe/Atlantis"});
    let problem = assert_problem(
        app.send_as(&admin, Method::PATCH, "/offices/1", &tz).await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(error_fields(&problem), ["time_zone"]);
}

#[tokio::test]
async fn an_office_name_is_unique_in_any_case_and_missing_offices_are_404() {
    let app = spawn_app().await;
    let admin = app.user(Role::Admin, "admin").await;
    create_office(&app, &admin, "Main", "Springfield").await;
    let other = create_office(&app, &admin, "North", "Springfield").await;
    let duplicate = office_body("MAIN", "Elsewhere");
    assert_problem(
        app.send_as(&admin, Method::POST, "/offices", &duplicate)
            .await,
        409,
        "office_exists",
    )
    .await;
    let rename = json!({"name": "main"});
    let path = format!("/offices/{other}");
    assert_problem(
        app.send_as(&admin, Method::PATCH, &path, &rename).await,
        409,
        "office_exists",
    )
    .await;
    assert_problem(
        app.get_as(&admin, "/offices/999999").await,
        404,
        "not_found",
    )
    .await;
    let patch = json!({"is_active": false});
    assert_problem(
        app.send_as(&admin, Method::PATCH, "/offices/999999", &patch)
            .await,
        404,
        "not_found",
    )
    .await;
}

#[tokio::test]
async fn the_audit_log_shows_a_replaced_service_list_as_the_rows_before_and_after() {
    let app = spawn_app().await;
    let admin = app.user(Role::Admin, "admin").await;
    let id = create_office(&app, &admin, "Main", "Springfield").await;
    let patch = json!({"services": [{"name": "X-ray", "price": "95"}]});
    let path = format!("/offices/{id}");
    json_of(app.send_as(&admin, Method::PATCH, &path, &patch).await, 200).await;

    let query = format!("/audit-log?table_name=office_services&record_id={id}");
    let log = json_of(app.get_as(&admin, &query).await, 200).await;
    let names = |values: &serde_json::Value| -> Vec<(String, Option<f64>)> {
        let rows = values
            .as_array()
            .expect("a list change records arrays of rows");
        rows.iter()
            .map(|r| {
                (
                    r["service_name"].as_str().unwrap().to_owned(),
                    r["price"].as_f64(),
                )
            })
            .collect()
    };
    let (update, insert) = (&log["items"][0], &log["items"][1]);
    assert_eq!(log["total"], 2, "{log}");
    assert_eq!(insert["action"], "insert");
    assert_eq!(names(&insert["old_values"]), []);
    assert_eq!(update["action"], "update");
    assert_eq!(
        names(&update["old_values"]),
        [("Vaccination".into(), None), ("X-ray".into(), Some(80.0))]
    );
    assert_eq!(names(&update["new_values"]), [("X-ray".into(), Some(95.0))]);
}
