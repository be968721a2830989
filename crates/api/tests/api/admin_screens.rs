//! What the admin and front-desk screens of issue 14 rely on: a new user's role chosen
//! explicitly, reactivation, the audit log by username and by patient, patient search by email,
//! phone, date of birth and a misspelt name, office time zones from the list, and the
//! calendar's change token.

use clinic_domain::identity::Role;
use reqwest::Method;
use serde_json::{Value, json};

use crate::appointments::{at, open_office};
use crate::helpers::{
    PASSWORD, TestApp, TestUser, assert_problem, error_fields, json_of, spawn_app,
};

fn items(page: &Value) -> &Vec<Value> {
    page["items"].as_array().unwrap()
}

#[tokio::test]
async fn a_new_user_without_a_role_is_a_field_error_not_an_admin() {
    let app = spawn_app().await;
    let admin = app.user(Role::Admin, "ada").await;
    let body = json!({"username": "newbie", "email": "newbie@clinic.test"});
    let problem = assert_problem(
        app.send_as(&admin, Method::POST, "/users", &body).await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(error_fields(&problem), ["role"]);
    // Every field error at once: a bad username and the missing role together.
    let both = json!({"username": "x!", "email": "newbie@clinic.test"});
    let problem = assert_problem(
        app.send_as(&admin, Method::POST, "/users", &both).await,
        422,
        "validation_failed",
    )
    .await;
    let fields = error_fields(&problem);
    assert!(fields.contains(&"role".to_owned()) && fields.contains(&"username".to_owned()));
    assert_eq!(
        app.scalar("SELECT count(*) FROM users WHERE username IN ('newbie', 'x!')")
            .await
            .unwrap(),
        0
    );
    let chosen = json!({"username": "newbie", "email": "newbie@clinic.test", "role": "staff"});
    let created = json_of(
        app.send_as(&admin, Method::POST, "/users", &chosen).await,
        201,
    )
    .await;
    assert_eq!(created["role"], "staff");
}

#[tokio::test]
async fn a_deactivated_user_is_reactivated_audited_and_must_sign_in_again() {
    let app = spawn_app().await;
    let admin = app.user(Role::Admin, "ada").await;
    let desk = app.user(Role::Staff, "desk").await;
    let id = desk.user_id;
    json_of(
        app.send_as(
            &admin,
            Method::POST,
            &format!("/users/{id}/deactivate"),
            &json!({}),
        )
        .await,
        200,
    )
    .await;
    assert_problem(app.login("desk", PASSWORD).await, 401, "account_inactive").await;
    let back = json_of(
        app.send_as(
            &admin,
            Method::POST,
            &format!("/users/{id}/reactivate"),
            &json!({}),
        )
        .await,
        200,
    )
    .await;
    assert_eq!(back["is_active"], true);
    assert_eq!(back["deactivated_at"], Value::Null);
    // The token from before deactivation stays dead; a fresh sign-in works.
    assert_problem(app.get_as(&desk, "/auth/me").await, 401, "token_revoked").await;
    json_of(app.login("desk", PASSWORD).await, 200).await;
    let audited = app
        .scalar(&format!(
            "SELECT count(*) FROM audit_log WHERE table_name = 'users' AND record_id = {id}
               AND action = 'update' AND changed_by = {}
               AND (new_values ->> 'is_active')::boolean",
            admin.user_id
        ))
        .await
        .unwrap();
    assert_eq!(audited, 1);
    // Again: nothing changes, nothing more is audited.
    json_of(
        app.send_as(
            &admin,
            Method::POST,
            &format!("/users/{id}/reactivate"),
            &json!({}),
        )
        .await,
        200,
    )
    .await;
    assert_eq!(
        app.scalar(&format!(
            "SELECT count(*) FROM audit_log WHERE table_name = 'users' AND record_id = {id} AND action = 'update'"
        ))
        .await
        .unwrap(),
        2
    );
    assert_problem(
        app.send_as(&admin, Method::POST, "/users/999999/reactivate", &json!({}))
            .await,
        404,
        "not_found",
    )
    .await;
    // A non-admin is refused before any lookup (with a fresh sign-in of their own).
    let nurse = app.user(Role::Staff, "nurse").await;
    assert_problem(
        app.send_as(
            &nurse,
            Method::POST,
            &format!("/users/{}/reactivate", admin.user_id),
            &json!({}),
        )
        .await,
        403,
        "forbidden",
    )
    .await;
}

/// A patient "Meredith Grey" with a phone and a date of birth, registered by the front desk.
async fn register_meredith(app: &TestApp, desk: &TestUser) -> Value {
    let body = json!({
        "username": "mgrey", "email": "Meredith.Grey@Example.org",
        "first_name": "Meredith", "last_name": "Grey", "dob": "1980-03-04",
        "phone": {"country_code": "+1", "number": "(312) 555-0142"}
    });
    json_of(
        app.send_as(desk, Method::POST, "/patients", &body).await,
        201,
    )
    .await
}

#[tokio::test]
async fn the_audit_log_is_searched_by_username_and_by_patient_and_names_the_patient() {
    let app = spawn_app().await;
    let admin = app.user(Role::Admin, "ada").await;
    let desk = app.user(Role::Staff, "frontdesk").await;
    let doctor = app.user(Role::Doctor, "house").await;
    let other = app.user(Role::Patient, "other").await;
    let meredith = register_meredith(&app, &desk).await;
    let patient_id = meredith["id"].as_i64().unwrap();
    let office = open_office(&app, &doctor).await;
    let booking = json!({"patient_id": patient_id, "doctor_id": doctor.doctor_id, "office_id": office, "starts_at": at(1, 10), "duration_minutes": 30});
    json_of(
        app.send_as(&desk, Method::POST, "/appointments", &booking)
            .await,
        201,
    )
    .await;

    // By a part of the username, in any case: never a deserialize error.
    let by_name = json_of(
        app.get_as(&admin, "/audit-log?changed_by=FrontDe").await,
        200,
    )
    .await;
    assert!(!items(&by_name).is_empty());
    assert!(
        items(&by_name)
            .iter()
            .all(|e| e["changed_by"] == desk.user_id)
    );
    let nobody = json_of(
        app.get_as(&admin, "/audit-log?changed_by=nobody").await,
        200,
    )
    .await;
    assert_eq!(nobody["total"], 0);
    let by_id = json_of(
        app.get_as(&admin, &format!("/audit-log?changed_by={}", desk.user_id))
            .await,
        200,
    )
    .await;
    assert_eq!(by_id["total"], by_name["total"]);

    // By patient: their profile, account, demographics and visit, each naming them.
    let by_patient = json_of(
        app.get_as(
            &admin,
            &format!("/audit-log?patient_id={patient_id}&per_page=100"),
        )
        .await,
        200,
    )
    .await;
    let tables: Vec<&str> = items(&by_patient)
        .iter()
        .map(|e| e["table_name"].as_str().unwrap())
        .collect();
    for table in ["patients", "users", "appointments"] {
        assert!(tables.contains(&table), "{table} in {tables:?}");
    }
    for entry in items(&by_patient) {
        assert_eq!(entry["subject_patient_id"], patient_id, "{entry}");
        assert_eq!(entry["subject_patient_name"], "Meredith Grey");
    }
    // Another patient's rows are not hers.
    let theirs = json_of(
        app.get_as(
            &admin,
            &format!("/audit-log?patient_id={}", other.patient_id.unwrap()),
        )
        .await,
        200,
    )
    .await;
    assert!(
        items(&theirs)
            .iter()
            .all(|e| e["subject_patient_id"] != patient_id)
    );
    // The unfiltered log names the patient beside the visit; an office row names nobody.
    let all = json_of(
        app.get_as(&admin, "/audit-log?table_name=appointments")
            .await,
        200,
    )
    .await;
    assert_eq!(items(&all)[0]["subject_patient_name"], "Meredith Grey");
    // Overlong text is a field error; staff may not read the log at all.
    let long = "x".repeat(51);
    let problem = assert_problem(
        app.get_as(&admin, &format!("/audit-log?changed_by={long}"))
            .await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(error_fields(&problem), ["changed_by"]);
    assert_problem(
        app.get_as(&desk, "/audit-log?changed_by=ada").await,
        403,
        "forbidden",
    )
    .await;
    // The read of the log records the patients it named.
    let recorded = app
        .scalar(&format!(
            "SELECT count(*) FROM audit_log WHERE table_name = 'audit_log' AND action = 'read'
               AND new_values -> 'patient_ids' @> '[{patient_id}]'"
        ))
        .await
        .unwrap();
    assert!(recorded.as_i64().unwrap() >= 1);
}

#[tokio::test]
async fn patients_are_found_by_email_phone_date_of_birth_and_a_misspelt_name() {
    let app = spawn_app().await;
    let desk = app.user(Role::Staff, "desk").await;
    let meredith = register_meredith(&app, &desk).await;
    app.user(Role::Patient, "greyson").await;
    app.user(Role::Patient, "smith").await;
    let id = &meredith["id"];
    let found = |q: &'static str| {
        let app = &app;
        let desk = &desk;
        async move {
            let url = format!("/patients?q={}", urlencoding(q));
            json_of(app.get_as(desk, &url).await, 200).await
        }
    };
    for q in [
        "meredith.grey@example",
        "312-555-0142",
        "+1 (312) 555 0142",
        "5550142",
        "03/04/1980",
        "1980-03-04",
        "March 4, 1980",
        "Meridith Gray",
        "meredth",
    ] {
        let page = found(q).await;
        assert_eq!(
            items(&page).first().map(|p| &p["id"]),
            Some(id),
            "{q}: {page}"
        );
    }
    assert_eq!(found("555-9999").await["total"], 0);
    assert_eq!(found("xyzzy@nowhere").await["total"], 0);
    // The closest name ranks first: "Grey" before "greyson".
    let ranked = found("grey").await;
    assert_eq!(items(&ranked)[0]["id"], *id);
    assert_eq!(ranked["total"], 2);
    let patient = app.user(Role::Patient, "alice").await;
    assert_problem(
        app.get_as(&patient, "/patients?q=grey").await,
        403,
        "forbidden",
    )
    .await;
}

/// `text` percent-encoded for a query string.
fn urlencoding(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[tokio::test]
async fn an_office_time_zone_must_be_an_iana_name_from_the_list() {
    let app = spawn_app().await;
    let admin = app.user(Role::Admin, "ada").await;
    let zones = json_of(app.get_as(&admin, "/codes/time-zones").await, 200).await;
    let zones: Vec<&str> = zones
        .as_array()
        .unwrap()
        .iter()
        .map(|z| z.as_str().unwrap())
        .collect();
    assert!(zones.contains(&"America/Chicago") && zones.contains(&"UTC"));
    let office = |tz: &str| json!({"name": "North", "address": {"line1": "1 North St", "city": "Chicago", "country": "US"}, "time_zone": tz});
    let problem = assert_problem(
        app.send_as(&admin, Method::POST, "/offices", &office("Central Time"))
            .await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(error_fields(&problem), ["time_zone"]);
    let created = json_of(
        app.send_as(&admin, Method::POST, "/offices", &office("America/Chicago"))
            .await,
        201,
    )
    .await;
    assert_eq!(created["time_zone"], "America/Chicago");
}

#[tokio::test]
async fn the_calendar_version_changes_after_a_booking_and_only_then() {
    let app = spawn_app().await;
    let desk = app.user(Role::Staff, "desk").await;
    let doctor = app.user(Role::Doctor, "house").await;
    let other = app.user(Role::Doctor, "wilson").await;
    let patient = app.user(Role::Patient, "alice").await;
    let office = open_office(&app, &doctor).await;
    open_office(&app, &other).await;
    let day = at(1, 0)[..10].to_owned();
    let query = format!("/calendar/version?office_id={office}&from={day}");
    let version = |user: &'static str| {
        let app = &app;
        let who = if user == "desk" { &desk } else { &doctor };
        let query = query.clone();
        async move { json_of(app.get_as(who, &query).await, 200).await["version"].clone() }
    };
    let before = version("desk").await;
    assert_eq!(version("desk").await, before, "unchanged day, same token");
    let own_before = version("doctor").await;
    let booking = json!({"patient_id": patient.patient_id, "doctor_id": doctor.doctor_id, "office_id": office, "starts_at": at(1, 10), "duration_minutes": 30});
    let booked = json_of(
        app.send_as(&desk, Method::POST, "/appointments", &booking)
            .await,
        201,
    )
    .await;
    let after = version("desk").await;
    assert_ne!(after, before);
    assert_ne!(version("doctor").await, own_before);
    // A cancellation changes it again.
    let id = booked["id"].as_i64().unwrap();
    let cancel = app
        .send_as(
            &desk,
            Method::POST,
            &format!("/appointments/{id}/cancel"),
            &json!({"reason": "patient called"}),
        )
        .await;
    assert!(cancel.status().is_success(), "{}", cancel.status());
    assert_ne!(version("desk").await, after);
    // Who may: as for the calendar.
    let another = format!("{query}&doctor_id={}", other.doctor_id.unwrap());
    assert_problem(app.get_as(&doctor, &another).await, 403, "forbidden").await;
    assert_problem(app.get_as(&patient, &query).await, 403, "forbidden").await;
    assert_problem(
        app.get_as(
            &desk,
            &format!("/calendar/version?office_id=999999&from={day}"),
        )
        .await,
        404,
        "not_found",
    )
    .await;
}
