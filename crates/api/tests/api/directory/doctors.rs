//! `/doctors`: profiles.

use clinic_domain::identity::Role;
use reqwest::Method;
use serde_json::{Value, json};

use super::{audit_rows, create_office, error_fields, set_offices};
use crate::helpers::{TestApp, TestUser, assert_problem, json_of, spawn_app};

/// A doctor-role account without a profile, created over HTTP; returns its user id.
async fn doctor_account(app: &TestApp, admin: &TestUser, username: &str) -> i64 {
    let body =
        json!({"username": username, "email": format!("{username}@clinic.test"), "role": "doctor"});
    let user = json_of(app.send_as(admin, Method::POST, "/users", &body).await, 201).await;
    user["id"].as_i64().unwrap()
}

fn new_doctor(user_id: i64, license: &str) -> Value {
    json!({
        "user_id": user_id, "first_name": "Gregory", "middle_name": "M", "last_name": "House",
        "license_number": license, "specialty_id": 2, "years_of_experience": 12
    })
}

#[tokio::test]
async fn an_admin_creates_a_doctor_profile_with_offices_for_a_doctor_account() {
    let app = spawn_app().await;
    let admin = app.user(Role::Admin, "admin").await;
    let patient = app.user(Role::Patient, "pat").await;
    let north = create_office(&app, &admin, "North", "Springfield").await;
    let south = create_office(&app, &admin, "South", "Springfield").await;
    let user_id = doctor_account(&app, &admin, "dr.house").await;
    let mut body = new_doctor(user_id, " MD-42 ");
    body["office_ids"] = json!([south, north]);
    let created = json_of(
        app.send_as(&admin, Method::POST, "/doctors", &body).await,
        201,
    )
    .await;
    assert_eq!(created["license_number"], "MD-42");
    assert_eq!(created["specialty_name"], "Internal Medicine");
    assert_eq!(created["office_ids"], json!([north, south]));
    assert_eq!(created["user_id"], user_id);
    let read = json_of(
        app.get_as(&patient, &format!("/doctors/{}", created["id"]))
            .await,
        200,
    )
    .await;
    assert_eq!(read, created);
    let account = json_of(app.get_as(&admin, &format!("/users/{user_id}")).await, 200).await;
    assert_eq!(account["doctor_id"], created["id"]);
    assert_eq!(audit_rows(&app, "doctors", "insert").await, 1);
    assert_eq!(audit_rows(&app, "doctor_offices", "insert").await, 1);
}

#[tokio::test]
async fn a_profile_needs_a_doctor_account_a_free_license_and_known_references() {
    let app = spawn_app().await;
    let admin = app.user(Role::Admin, "admin").await;
    let patient = app.user(Role::Patient, "pat").await;
    app.user(Role::Doctor, "existing").await; // license LIC-existing
    let user_id = doctor_account(&app, &admin, "dr.new").await;
    let post = |body: Value| {
        let app = &app;
        let admin = &admin;
        async move { app.send_as(admin, Method::POST, "/doctors", &body).await }
    };

    for account in [i64::from(patient.user_id), 999_999] {
        let problem = assert_problem(
            post(new_doctor(account, "MD-1")).await,
            422,
            "validation_failed",
        )
        .await;
        assert_eq!(error_fields(&problem), ["user_id"]);
    }
    assert_problem(
        post(new_doctor(user_id, "lic-EXISTING")).await,
        409,
        "license_number_taken",
    )
    .await;
    let mut body = new_doctor(user_id, "MD-1");
    body["specialty_id"] = json!(999);
    let problem = assert_problem(post(body).await, 422, "validation_failed").await;
    assert_eq!(error_fields(&problem), ["specialty_id"]);
    let mut body = new_doctor(user_id, "MD-1");
    body["office_ids"] = json!([999_998, 999_999, 999_998]);
    let problem = assert_problem(post(body.clone()).await, 422, "validation_failed").await;
    assert_eq!(error_fields(&problem), ["office_ids[2]"]);
    body["office_ids"] = json!([999_998]);
    let problem = assert_problem(post(body).await, 422, "validation_failed").await;
    assert_eq!(error_fields(&problem), ["office_ids[0]"]);
    let mut body = new_doctor(user_id, "MD-1");
    body["years_of_experience"] = json!(71);
    body["first_name"] = json!("");
    let problem = assert_problem(post(body).await, 422, "validation_failed").await;
    assert_eq!(
        error_fields(&problem),
        ["first_name", "years_of_experience"]
    );

    json_of(post(new_doctor(user_id, "MD-1")).await, 201).await;
    assert_problem(
        post(new_doctor(user_id, "MD-2")).await,
        409,
        "user_already_doctor",
    )
    .await;
    assert_eq!(
        audit_rows(&app, "doctors", "insert").await,
        1,
        "failures leave no trace"
    );
}

#[tokio::test]
async fn the_doctor_list_filters_by_specialty_office_and_name() {
    let app = spawn_app().await;
    let admin = app.user(Role::Admin, "admin").await;
    let patient = app.user(Role::Patient, "pat").await;
    let adams = app.user(Role::Doctor, "adams").await;
    let baker = app.user(Role::Doctor, "baker").await;
    app.user(Role::Doctor, "clark").await;
    app.exec(&format!(
        "UPDATE doctors SET specialty_id = 4 WHERE doctor_id = {}",
        baker.doctor_id.unwrap()
    ))
    .await;
    let office = create_office(&app, &admin, "Main", "Springfield").await;
    set_offices(&app, &admin, adams.doctor_id.unwrap(), &[office]).await;

    let names = |page: &Value| -> Vec<String> {
        page["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["last_name"].as_str().unwrap().to_owned())
            .collect()
    };
    let all = json_of(app.get_as(&patient, "/doctors").await, 200).await;
    assert_eq!(names(&all), ["adams", "baker", "clark"]);
    let cardiology = json_of(app.get_as(&patient, "/doctors?specialty_id=4").await, 200).await;
    assert_eq!(names(&cardiology), ["baker"]);
    assert_eq!(cardiology["items"][0]["specialty_name"], "Cardiology");
    let at_office = format!("/doctors?office_id={office}");
    let at_office = json_of(app.get_as(&patient, &at_office).await, 200).await;
    assert_eq!(names(&at_office), ["adams"]);
    assert_eq!(at_office["items"][0]["office_ids"], json!([office]));
    let by_name = json_of(app.get_as(&patient, "/doctors?q=doc%20CLA").await, 200).await;
    assert_eq!(names(&by_name), ["clark"]);
    let paged = json_of(
        app.get_as(&patient, "/doctors?per_page=2&page=2").await,
        200,
    )
    .await;
    assert_eq!(
        (names(&paged), paged["total"].clone()),
        (vec!["clark".into()], json!(3))
    );
    assert_problem(
        app.get_as(&patient, "/doctors?per_page=101").await,
        422,
        "validation_failed",
    )
    .await;
}

#[tokio::test]
async fn a_doctor_edits_their_own_name_and_experience_but_not_their_credentials() {
    let app = spawn_app().await;
    let doctor = app.user(Role::Doctor, "doc").await;
    let other = app.user(Role::Doctor, "other").await;
    let staff = app.user(Role::Staff, "staff").await;
    let own = format!("/doctors/{}", doctor.doctor_id.unwrap());
    let body = json!({"first_name": "Lisa", "middle_name": "J", "years_of_experience": 20});
    let changed = json_of(app.send_as(&doctor, Method::PATCH, &own, &body).await, 200).await;
    assert_eq!(
        (
            changed["first_name"].clone(),
            changed["years_of_experience"].clone()
        ),
        (json!("Lisa"), json!(20))
    );
    let cleared = json!({"middle_name": null});
    let changed = json_of(
        app.send_as(&doctor, Method::PATCH, &own, &cleared).await,
        200,
    )
    .await;
    assert_eq!(changed["middle_name"], json!(null));

    for forbidden in [
        json!({"license_number": "NEW-1"}),
        json!({"last_name": "X", "specialty_id": 4}),
    ] {
        assert_problem(
            app.send_as(&doctor, Method::PATCH, &own, &forbidden).await,
            403,
            "forbidden",
        )
        .await;
    }
    let others = format!("/doctors/{}", other.doctor_id.unwrap());
    assert_problem(
        app.send_as(&doctor, Method::PATCH, &others, &body).await,
        404,
        "not_found",
    )
    .await;
    assert_problem(
        app.send_as(&staff, Method::PATCH, &own, &body).await,
        403,
        "forbidden",
    )
    .await;
    let invalid = json!({"last_name": " ", "years_of_experience": -1});
    let problem = assert_problem(
        app.send_as(&doctor, Method::PATCH, &own, &invalid).await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(
        error_fields(&problem),
        ["years_of_experience"],
        "validator first"
    );
    let invalid = json!({"last_name": " "});
    let problem = assert_problem(
        app.send_as(&doctor, Method::PATCH, &own, &invalid).await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(error_fields(&problem), ["last_name"]);
    assert_eq!(audit_rows(&app, "doctors", "update").await, 2);
}

#[tokio::test]
async fn an_admin_changes_credentials_and_licenses_stay_unique() {
    let app = spawn_app().await;
    let admin = app.user(Role::Admin, "admin").await;
    let doctor = app.user(Role::Doctor, "doc").await;
    app.user(Role::Doctor, "other").await;
    let path = format!("/doctors/{}", doctor.doctor_id.unwrap());
    let body = json!({"license_number": "MD-7", "specialty_id": 5});
    let changed = json_of(app.send_as(&admin, Method::PATCH, &path, &body).await, 200).await;
    assert_eq!(
        (
            changed["license_number"].clone(),
            changed["specialty_name"].clone()
        ),
        (json!("MD-7"), json!("Dermatology"))
    );
    let taken = json!({"license_number": "lic-OTHER"});
    assert_problem(
        app.send_as(&admin, Method::PATCH, &path, &taken).await,
        409,
        "license_number_taken",
    )
    .await;
    let unknown = json!({"specialty_id": 999});
    let problem = assert_problem(
        app.send_as(&admin, Method::PATCH, &path, &unknown).await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(error_fields(&problem), ["specialty_id"]);
    assert_problem(
        app.send_as(&admin, Method::PATCH, "/doctors/999999", &body)
            .await,
        404,
        "not_found",
    )
    .await;
    let nothing = json_of(
        app.send_as(&admin, Method::PATCH, &path, &json!({})).await,
        200,
    )
    .await;
    assert_eq!(nothing["license_number"], "MD-7");
    assert_eq!(
        audit_rows(&app, "doctors", "update").await,
        1,
        "an empty patch writes nothing"
    );
}
