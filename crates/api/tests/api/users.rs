//! Account administration and demographics.

use clinic_domain::identity::Role;
use reqwest::Method;
use serde_json::json;

use crate::helpers::{assert_problem, json_of, spawn_app};

#[tokio::test]
async fn admins_list_users_by_role_and_search_them() {
    let app = spawn_app().await;
    let admin = app.user(Role::Admin, "ada").await;
    app.user(Role::Doctor, "house").await;
    app.user(Role::Doctor, "grey").await;
    app.user(Role::Patient, "greyson").await;
    let doctors = json_of(app.get_as(&admin, "/users?role=doctor").await, 200).await;
    assert_eq!(doctors["total"], 2);
    assert!(doctors["items"][0]["doctor_id"].is_i64());
    let search = json_of(app.get_as(&admin, "/users?q=GREY").await, 200).await;
    let names: Vec<&str> = search["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["username"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["grey", "greyson"]);
    // A LIKE wildcard in the search is taken literally.
    assert_eq!(
        json_of(app.get_as(&admin, "/users?q=%25").await, 200).await["total"],
        0
    );
    assert_problem(
        app.get_as(&admin, "/users?per_page=101").await,
        422,
        "validation_failed",
    )
    .await;
    assert_problem(
        app.get_as(&admin, "/users?role=janitor").await,
        400,
        "invalid_query",
    )
    .await;
}

#[tokio::test]
async fn creating_a_user_validates_every_field_and_refuses_duplicates() {
    let app = spawn_app().await;
    let admin = app.user(Role::Admin, "ada").await;
    let bad = json!({"username": "x!", "email": "nope", "role": "staff", "password": "short"});
    let problem = assert_problem(
        app.send_as(&admin, Method::POST, "/users", &bad).await,
        422,
        "validation_failed",
    )
    .await;
    let fields: Vec<&str> = problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert!(
        fields.contains(&"password") && fields.contains(&"username"),
        "{fields:?}"
    );

    let good = json!({"username": "frontdesk", "email": "desk@clinic.test", "role": "staff", "phone": {"number": "555-0101"}});
    let created = json_of(
        app.send_as(&admin, Method::POST, "/users", &good).await,
        201,
    )
    .await;
    assert_eq!(created["phone"]["number"], "555-0101");
    let mut again = good.clone();
    again["username"] = json!("other");
    again["email"] = json!("DESK@clinic.test");
    assert_problem(
        app.send_as(&admin, Method::POST, "/users", &again).await,
        409,
        "email_taken",
    )
    .await;
    let unknown_field =
        json!({"username": "a1b", "email": "a@b.test", "role": "staff", "is_admin": true});
    assert_problem(
        app.send_as(&admin, Method::POST, "/users", &unknown_field)
            .await,
        422,
        "invalid_body",
    )
    .await;
}

#[tokio::test]
async fn a_phone_can_be_removed_with_null_and_an_admin_cannot_deactivate_themself() {
    let app = spawn_app().await;
    let admin = app.user(Role::Admin, "ada").await;
    let body = json!({"username": "desk", "email": "desk@clinic.test", "role": "staff", "phone": {"number": "555-0101"}});
    let id = json_of(
        app.send_as(&admin, Method::POST, "/users", &body).await,
        201,
    )
    .await["id"]
        .as_i64()
        .unwrap();
    let path = format!("/users/{id}");
    let kept = json_of(
        app.send_as(&admin, Method::PATCH, &path, &json!({"username": "desk2"}))
            .await,
        200,
    )
    .await;
    assert_eq!(kept["phone"]["number"], "555-0101");
    let removed = json_of(
        app.send_as(&admin, Method::PATCH, &path, &json!({"phone": null}))
            .await,
        200,
    )
    .await;
    assert!(removed["phone"].is_null());
    let own = format!("/users/{}/deactivate", admin.user_id);
    assert_problem(
        app.send_as(&admin, Method::POST, &own, &json!({})).await,
        409,
        "cannot_deactivate_self",
    )
    .await;
    assert_problem(app.get_as(&admin, "/users/999999").await, 404, "not_found").await;
}

#[tokio::test]
async fn a_patient_keeps_their_demographics_with_known_codes_only() {
    let app = spawn_app().await;
    let patient = app.user(Role::Patient, "pat").await;
    let path = format!("/users/{}/demographics", patient.user_id);
    let empty = json_of(app.get_as(&patient, &path).await, 200).await;
    assert!(empty["race"].is_null());
    let body = json!({"race": 2, "ethnicity": 2, "gender": 2, "dob": "1985-02-03"});
    let stored = json_of(app.send_as(&patient, Method::PUT, &path, &body).await, 200).await;
    assert_eq!(
        (stored["race"].as_i64(), stored["dob"].as_str()),
        (Some(2), Some("1985-02-03"))
    );
    assert_eq!(stored["updated_by"], patient.user_id);
    let unknown = json!({"race": 99});
    let problem = assert_problem(
        app.send_as(&patient, Method::PUT, &path, &unknown).await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(problem["errors"][0]["field"], "race");
    let future = json!({"dob": "2999-01-01"});
    assert_problem(
        app.send_as(&patient, Method::PUT, &path, &future).await,
        422,
        "validation_failed",
    )
    .await;
}

/// A staff member editing their own demographics and a patient's at the same moment used to
/// deadlock (409 `concurrent_update`): the row lock on their account blocked the audit row
/// that names them as author. Found by schemathesis.
#[tokio::test]
async fn concurrent_edits_by_one_author_never_deadlock() {
    let app = spawn_app().await;
    let staff = app.user(Role::Staff, "desk").await;
    let patient = app.user(Role::Patient, "pat").await;
    let edits = (0..20).map(|i| {
        let target = if i % 2 == 0 {
            staff.user_id
        } else {
            patient.user_id
        };
        let path = format!("/users/{target}/demographics");
        let body = json!({"dob": format!("19{:02}-01-01", 50 + i)});
        let (app, staff) = (&app, &staff);
        async move {
            app.send_as(staff, Method::PUT, &path, &body)
                .await
                .status()
                .as_u16()
        }
    });
    let statuses = futures_util::future::join_all(edits).await;
    assert!(statuses.iter().all(|s| *s == 200), "{statuses:?}");
}
