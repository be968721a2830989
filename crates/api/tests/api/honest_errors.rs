//! Refusals a person can act on: a body or query that does not fit its type names the field and
//! says what it needs, in words, without the parser's text or the value that was sent.

use clinic_domain::identity::Role;
use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::{assert_problem, error_fields, spawn_app};

/// No line/column positions, serde wording or "(body: …)" in anything a form could show.
fn assert_plain(problem: &Value) {
    let text = problem.to_string();
    for raw in [
        "line 1",
        "column",
        "deserialize",
        "premature",
        "invalid digit",
        "(body:",
    ] {
        assert!(!text.contains(raw), "{raw:?} in {problem}");
    }
}

#[tokio::test]
async fn the_desks_empty_registration_form_names_the_date_of_birth_not_the_parser() {
    let app = spawn_app().await;
    let desk = app.user(Role::Staff, "desk").await;
    let empty_form = json!({"username": "", "email": "", "first_name": "", "last_name": "",
        "dob": ""});
    let problem = assert_problem(
        app.send_as(&desk, Method::POST, "/patients", &empty_form)
            .await,
        422,
        "invalid_body",
    )
    .await;
    assert_eq!(problem["errors"][0]["field"], "dob", "{problem}");
    assert_eq!(
        problem["errors"][0]["message"],
        "must be a date such as 1990-04-01, or a date and time such as 2026-12-09T15:00:00Z"
    );
    assert!(
        problem["detail"]
            .as_str()
            .unwrap()
            .contains("dob must be a date"),
        "{problem}"
    );
    assert_plain(&problem);

    let with_date = json!({"username": "", "email": "", "first_name": "", "last_name": "",
        "dob": "1990-04-01"});
    let problem = assert_problem(
        app.send_as(&desk, Method::POST, "/patients", &with_date)
            .await,
        422,
        "validation_failed",
    )
    .await;
    let fields = error_fields(&problem);
    for field in ["first_name", "last_name", "username"] {
        assert!(
            fields.iter().any(|f| f == field),
            "{field} missing from {problem}"
        );
    }
    assert!(
        problem["detail"]
            .as_str()
            .unwrap()
            .contains("fields need attention: "),
        "{problem}"
    );
}

#[tokio::test]
async fn a_missing_field_and_an_unknown_one_are_named() {
    let app = spawn_app().await;
    let admin = app.user(Role::Admin, "admin").await;
    let create = |body: Value| {
        let (app, admin) = (&app, &admin);
        async move { app.send_as(admin, Method::POST, "/users", &body).await }
    };
    let no_email = json!({"username": "newdesk", "role": "staff"});
    let problem = assert_problem(create(no_email).await, 422, "invalid_body").await;
    assert_eq!(problem["errors"][0]["field"], "email", "{problem}");
    assert_eq!(problem["errors"][0]["message"], "is required");
    let smuggled = json!({"username": "newdesk", "email": "new@desk.test", "role": "staff",
        "is_admin": true});
    let problem = assert_problem(create(smuggled).await, 422, "invalid_body").await;
    assert_eq!(problem["errors"][0]["field"], "is_admin", "{problem}");
    assert_eq!(
        problem["errors"][0]["message"],
        "is not a field of this request"
    );
    let janitor = json!({"username": "newdesk", "email": "new@desk.test", "role": "janitor"});
    let problem = assert_problem(create(janitor).await, 422, "invalid_body").await;
    assert_eq!(problem["errors"][0]["field"], "role", "{problem}");
    let said = problem["errors"][0]["message"].as_str().unwrap();
    assert!(
        said.starts_with("must be one of ") && said.contains("doctor"),
        "{said}"
    );
    assert!(!problem.to_string().contains("janitor"), "{problem}");
    assert_plain(&problem);
    let no_role = json!({"username": "newdesk", "email": "new@desk.test"});
    let problem = assert_problem(create(no_role).await, 422, "validation_failed").await;
    assert_eq!(problem["errors"][0]["field"], "role", "{problem}");
}

#[tokio::test]
async fn a_note_typed_into_a_number_field_is_refused_without_being_repeated() {
    let app = spawn_app().await;
    let desk = app.user(Role::Staff, "desk").await;
    let alice = app.user(Role::Patient, "alice").await;
    let body = json!({"patient_id": alice.patient_id, "doctor_id": "chest pain since Tuesday",
        "office_id": 1, "starts_at": "2030-01-07T15:00:00Z", "duration_minutes": 30});
    let problem = assert_problem(
        app.send_as(&desk, Method::POST, "/appointments", &body)
            .await,
        422,
        "invalid_body",
    )
    .await;
    assert_eq!(
        (
            &problem["errors"][0]["field"],
            &problem["errors"][0]["message"]
        ),
        (&json!("doctor_id"), &json!("must be a whole number"))
    );
    assert!(!problem.to_string().contains("chest pain"), "{problem}");
    assert_plain(&problem);
}

#[tokio::test]
async fn a_name_typed_into_the_audit_logs_patient_filter_names_the_filter() {
    let app = spawn_app().await;
    let admin = app.user(Role::Admin, "admin").await;
    let problem = assert_problem(
        app.get_as(&admin, "/audit-log?patient_id=Ada%20Lovelace")
            .await,
        400,
        "invalid_query",
    )
    .await;
    assert_eq!(
        (
            &problem["errors"][0]["field"],
            &problem["errors"][0]["message"]
        ),
        (&json!("patient_id"), &json!("must be a whole number"))
    );
    assert_eq!(
        problem["detail"],
        "1 field needs attention: patient_id must be a whole number."
    );
    assert_plain(&problem);
    let problem = assert_problem(
        app.get_as(&admin, "/audit-log?from=yesterday").await,
        400,
        "invalid_query",
    )
    .await;
    assert_eq!(problem["errors"][0]["field"], "from");
    assert_plain(&problem);
}

#[tokio::test]
async fn text_that_is_not_json_is_a_bad_request_and_a_wrong_media_type_is_415() {
    let app = spawn_app().await;
    let desk = app.user(Role::Staff, "desk").await;
    let send = |content_type: &'static str, body: &'static str| {
        app.request(Method::POST, "/api/v1/patients")
            .bearer_auth(&desk.token)
            .header("content-type", content_type)
            .body(body)
            .send()
    };
    assert_problem(
        send("application/json", "{\"dob\": ").await.unwrap(),
        400,
        "malformed_json",
    )
    .await;
    assert_problem(
        send("application/json", "dob=1990-04-01").await.unwrap(),
        400,
        "malformed_json",
    )
    .await;
    assert_problem(
        send("text/plain", "{}").await.unwrap(),
        415,
        "unsupported_media_type",
    )
    .await;
}
