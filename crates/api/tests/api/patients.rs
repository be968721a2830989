//! Patients: front-desk registration, search, who sees whom and profile edits.

use clinic_domain::identity::Role;
use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::{TestApp, TestUser, assert_problem, error_fields, json_of, spawn_app};

fn registration(username: &str, first: &str, last: &str, dob: &str) -> Value {
    json!({
        "username": username,
        "email": format!("{username}@example.test"),
        "first_name": first,
        "last_name": last,
        "dob": dob
    })
}

async fn register(app: &TestApp, staff: &TestUser, body: &Value) -> i64 {
    let created = json_of(
        app.send_as(staff, Method::POST, "/patients", body).await,
        201,
    )
    .await;
    created["id"].as_i64().expect("a patient id")
}

fn ids(page: &Value) -> Vec<i64> {
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_i64().unwrap())
        .collect()
}

#[tokio::test]
async fn staff_register_a_patient_who_cannot_sign_in_until_a_password_is_set() {
    let app = spawn_app().await;
    let staff = app.user(Role::Staff, "frontdesk").await;
    let body = json!({
        "username": "ada",
        "email": "Ada@Example.test",
        "phone": {"country_code": "+44", "number": "20 7946 0000"},
        "first_name": "Ada",
        "middle_name": "King",
        "last_name": "Lovelace",
        "address": {"line1": "12 St James's Square", "city": "London", "postal_code": "SW1Y 4JH", "country": "gb"},
        "dob": "1990-12-10"
    });
    let created = json_of(
        app.send_as(&staff, Method::POST, "/patients", &body).await,
        201,
    )
    .await;
    assert_eq!(created["email"], "ada@example.test");
    assert_eq!(created["address"]["country"], "GB");
    assert_eq!(created["address"]["line2"], Value::Null);
    assert_eq!(created["phone"]["number"], "20 7946 0000");
    assert_eq!(created["dob"], "1990-12-10");
    assert_eq!(created["middle_name"], "King");
    assert_eq!(created["primary_doctor_id"], Value::Null);

    let id = created["id"].as_i64().unwrap();
    let profile = json_of(app.get_as(&staff, &format!("/patients/{id}")).await, 200).await;
    assert_eq!(profile, created);

    // No password was given: the account exists but cannot sign in.
    assert_eq!(app.login("ada", "any password at all").await.status(), 401);
    let role = app
        .scalar(&format!(
            "SELECT role FROM users WHERE user_id = {}",
            created["user_id"]
        ))
        .await;
    assert_eq!(role, Some(json!("patient")));

    // Account, patient and demographics were created together, audited as the staff member.
    let audited = app
        .scalar("SELECT string_agg(table_name || ':' || changed_by, ',' ORDER BY log_id) FROM audit_log WHERE action = 'insert'")
        .await;
    let by = staff.user_id;
    assert_eq!(
        audited,
        Some(json!(format!("users:{by},patients:{by},demographics:{by}")))
    );
    let created_by = app.scalar("SELECT created_by FROM demographics").await;
    assert_eq!(created_by, Some(json!(by)));
}

#[tokio::test]
async fn registration_lists_every_invalid_field_and_refuses_a_taken_username() {
    let app = spawn_app().await;
    let staff = app.user(Role::Staff, "frontdesk").await;
    let body = json!({
        "username": "grace",
        "email": "not-an-email",
        "password": "password1234",
        "first_name": " ",
        "last_name": "Hopper",
        "address": {"line1": "1 Main St", "city": "Arlington", "country": "USA"},
        "dob": "2999-01-01"
    });
    let problem = assert_problem(
        app.send_as(&staff, Method::POST, "/patients", &body).await,
        422,
        "validation_failed",
    )
    .await;
    let fields = error_fields(&problem);
    for field in ["email", "password", "first_name", "address.country", "dob"] {
        assert!(fields.iter().any(|f| f == field), "{field} in {fields:?}");
    }
    assert_eq!(
        app.scalar("SELECT count(*) FROM patients").await,
        Some(json!(0))
    );

    register(
        &app,
        &staff,
        &registration("grace", "Grace", "Hopper", "1906-12-09"),
    )
    .await;
    let again = registration("GRACE", "Grace", "Hopper", "1906-12-09");
    assert_problem(
        app.send_as(&staff, Method::POST, "/patients", &again).await,
        409,
        "username_taken",
    )
    .await;
}

#[tokio::test]
async fn patients_are_found_by_part_of_their_name_and_by_date_of_birth() {
    let app = spawn_app().await;
    let staff = app.user(Role::Staff, "frontdesk").await;
    let lovelace = register(
        &app,
        &staff,
        &registration("ada", "Ada", "Lovelace", "1990-04-01"),
    )
    .await;
    let babbage = register(
        &app,
        &staff,
        &registration("charles", "Charles", "Babbage", "1990-04-01"),
    )
    .await;
    let smith = register(
        &app,
        &staff,
        &registration("adam", "Adam", "Smith", "1985-06-23"),
    )
    .await;
    register(
        &app,
        &staff,
        &registration("alan", "Alan", "Turing", "1912-06-23"),
    )
    .await;

    let search = |query: &'static str| {
        let app = &app;
        let staff = &staff;
        async move { json_of(app.get_as(staff, &format!("/patients?{query}")).await, 200).await }
    };
    assert_eq!(ids(&search("q=ADA%20lov").await), [lovelace]);
    // Ordered by last name: Lovelace before Smith.
    assert_eq!(ids(&search("q=ada").await), [lovelace, smith]);
    assert_eq!(ids(&search("dob=1990-04-01").await), [babbage, lovelace]);
    assert_eq!(ids(&search("q=ada&dob=1990-04-01").await), [lovelace]);
    let second = search("dob=1990-04-01&per_page=1&page=2").await;
    assert_eq!(
        (ids(&second), &second["total"]),
        (vec![lovelace], &json!(2))
    );
    // Wildcards are searched for literally.
    assert_eq!(search("q=%25").await["total"], 0);
    assert_eq!(search("").await["total"], 4);

    assert_problem(
        app.get_as(&staff, "/patients?dob=1990-13-01").await,
        400,
        "invalid_query",
    )
    .await;
    let long = "x".repeat(101);
    assert_problem(
        app.get_as(&staff, &format!("/patients?q={long}")).await,
        422,
        "validation_failed",
    )
    .await;
}

#[tokio::test]
async fn a_doctor_sees_only_the_patients_in_their_care_team_or_with_an_appointment() {
    let app = spawn_app().await;
    let doctor = app.user(Role::Doctor, "house").await;
    let in_team = app.user(Role::Patient, "inteam").await;
    let booked = app.user(Role::Patient, "booked").await;
    let stranger = app.user(Role::Patient, "stranger").await;
    let doctor_id = doctor.doctor_id.unwrap();
    app.exec(&format!(
        "INSERT INTO patient_doctors (patient_id, doctor_id) VALUES ({}, {doctor_id});
         INSERT INTO offices (name, address_line1, city, country) VALUES ('Main', '1 Main St', 'Town', 'US');
         INSERT INTO appointments (patient_id, doctor_id, office_id, appointment_datetime, duration_minutes, ends_at)
            SELECT {}, {doctor_id}, office_id, '2030-01-01T10:00:00Z', 30, '2030-01-01T10:30:00Z' FROM offices;",
        in_team.patient_id.unwrap(),
        booked.patient_id.unwrap(),
    ))
    .await;

    let list = json_of(app.get_as(&doctor, "/patients").await, 200).await;
    let mut seen = ids(&list);
    seen.sort_unstable();
    let mut expected = vec![
        i64::from(in_team.patient_id.unwrap()),
        i64::from(booked.patient_id.unwrap()),
    ];
    expected.sort_unstable();
    assert_eq!(seen, expected);
    assert_eq!(list["total"], 2);

    for treated in [&in_team, &booked] {
        let path = format!("/patients/{}", treated.patient_id.unwrap());
        json_of(app.get_as(&doctor, &path).await, 200).await;
    }
    let path = format!("/patients/{}", stranger.patient_id.unwrap());
    assert_problem(app.get_as(&doctor, &path).await, 404, "not_found").await;
}

#[tokio::test]
async fn a_patient_sees_only_themself() {
    let app = spawn_app().await;
    let me = app.user(Role::Patient, "myself").await;
    let other = app.user(Role::Patient, "other").await;
    let mine = me.patient_id.unwrap();
    let theirs = other.patient_id.unwrap();

    let profile = json_of(app.get_as(&me, &format!("/patients/{mine}")).await, 200).await;
    assert_eq!(profile["user_id"], me.user_id);
    for path in [
        format!("/patients/{theirs}"),
        format!("/patients/{theirs}/emergency-contacts"),
        format!("/patients/{theirs}/doctors"),
        format!("/patients/{theirs}/insurances"),
        "/patients/999999".to_owned(),
    ] {
        assert_problem(app.get_as(&me, &path).await, 404, "not_found").await;
    }
    let rename = json!({"first_name": "Mallory"});
    let path = format!("/patients/{theirs}");
    assert_problem(
        app.send_as(&me, Method::PATCH, &path, &rename).await,
        404,
        "not_found",
    )
    .await;
    assert_problem(app.get_as(&me, "/patients").await, 403, "forbidden").await;
}

#[tokio::test]
async fn a_profile_edit_changes_and_audits_only_the_tables_it_touches() {
    let app = spawn_app().await;
    let staff = app.user(Role::Staff, "frontdesk").await;
    let patient = app.user(Role::Patient, "alice").await;
    app.user(Role::Patient, "taken").await;
    let path = format!("/patients/{}", patient.patient_id.unwrap());

    let changes = json!({
        "first_name": "Alice",
        "middle_name": "Mary",
        "address": {"line1": "1 Main St", "city": "Springfield", "state": "IL", "country": "us"},
        "email": "Alice@Example.test",
        "phone": {"number": "555-0100"}
    });
    let changed = json_of(
        app.send_as(&staff, Method::PATCH, &path, &changes).await,
        200,
    )
    .await;
    assert_eq!(changed["first_name"], "Alice");
    assert_eq!(changed["last_name"], "alice");
    assert_eq!(changed["address"]["state"], "IL");
    assert_eq!(changed["email"], "alice@example.test");
    assert_eq!(changed["phone"]["number"], "555-0100");
    let audited = |sql: &'static str| app.scalar(sql);
    let updates = "SELECT string_agg(table_name || ':' || changed_by, ',' ORDER BY log_id) FROM audit_log WHERE action = 'update'";
    let by = staff.user_id;
    assert_eq!(
        audited(updates).await,
        Some(json!(format!("patients:{by},users:{by}")))
    );

    // Only names and address: the account is not written.
    let removal = json!({"middle_name": null, "address": null});
    let changed = json_of(
        app.send_as(&patient, Method::PATCH, &path, &removal).await,
        200,
    )
    .await;
    assert_eq!(changed["middle_name"], Value::Null);
    assert_eq!(changed["address"], Value::Null);
    assert_eq!(changed["email"], "alice@example.test");
    let me = patient.user_id;
    assert_eq!(
        audited(updates).await,
        Some(json!(format!("patients:{by},users:{by},patients:{me}")))
    );

    let taken = json!({"email": "taken@clinic.test"});
    assert_problem(
        app.send_as(&patient, Method::PATCH, &path, &taken).await,
        409,
        "email_taken",
    )
    .await;
    let invalid = json!({
        "first_name": " ",
        "address": {"line1": "1 Main St", "city": "Springfield", "country": "ZZZ"},
        "phone": {"number": "12"},
        "email": "nope"
    });
    let problem = assert_problem(
        app.send_as(&patient, Method::PATCH, &path, &invalid).await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(
        error_fields(&problem),
        [
            "first_name",
            "address.country",
            "email",
            "phone.phone_number"
        ]
    );
}
