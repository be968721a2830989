//! The audit trail: one row per change with the right actor and no secrets, written in the
//! changing transaction, readable by admins, and verifiable end to end.

use std::io::Write;
use std::process::{Command, Stdio};

use clinic_domain::identity::Role;
use clinic_infrastructure::testing::TEST_AUDIT_KEY;
use reqwest::Method;
use serde_json::json;

use crate::helpers::{PASSWORD, TestApp, TestUser, assert_problem, json_of, spawn_app};

fn clinic(app: &TestApp, args: &[&str], stdin: &str) -> std::process::Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_clinic"))
        .args(args)
        .env("DATABASE_URL", app.database.url())
        .env("CLINIC_AUDIT_KEY", TEST_AUDIT_KEY)
        .env("RUST_LOG", "error")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the clinic binary runs");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

/// Three audited changes by `admin`: accounts one, two and three.
async fn create_three_staff(app: &TestApp, admin: &TestUser) {
    for name in ["one", "two", "three"] {
        let body =
            json!({"username": name, "email": format!("{name}@clinic.test"), "role": "staff"});
        json_of(app.send_as(admin, Method::POST, "/users", &body).await, 201).await;
    }
}

#[tokio::test]
async fn each_change_is_audited_once_with_its_actor_and_without_secrets() {
    let app = spawn_app().await;
    let admin = app.user(Role::Admin, "ada").await;
    let body = json!({"username": "newstaff", "email": "new@clinic.test", "role": "staff", "password": "a long staff passphrase"});
    let created = json_of(
        app.send_as(&admin, Method::POST, "/users", &body).await,
        201,
    )
    .await;
    let id = created["id"].as_i64().unwrap();

    let log = json_of(
        app.get_as(
            &admin,
            &format!("/audit-log?table_name=users&record_id={id}"),
        )
        .await,
        200,
    )
    .await;
    assert_eq!(log["total"], 1, "{log}");
    let entry = &log["items"][0];
    assert_eq!(entry["action"], "insert");
    assert_eq!(entry["changed_by"], admin.user_id);
    assert_eq!(entry["changed_by_username"], "ada");
    assert_eq!(entry["new_values"]["username"], "newstaff");
    let text = entry.to_string();
    assert!(
        !text.contains("password_hash") && !text.contains("argon2"),
        "a secret leaked: {text}"
    );

    // An edit records old and new values.
    let path = format!("/users/{id}");
    json_of(
        app.send_as(
            &admin,
            Method::PATCH,
            &path,
            &json!({"email": "renamed@clinic.test"}),
        )
        .await,
        200,
    )
    .await;
    let log = json_of(
        app.get_as(
            &admin,
            &format!("/audit-log?table_name=users&record_id={id}&action=update"),
        )
        .await,
        200,
    )
    .await;
    assert_eq!(log["items"][0]["old_values"]["email"], "new@clinic.test");
    assert_eq!(
        log["items"][0]["new_values"]["email"],
        "renamed@clinic.test"
    );
}

#[tokio::test]
async fn a_change_whose_audit_row_cannot_be_written_is_rolled_back() {
    let app = spawn_app().await;
    let admin = app.user(Role::Admin, "ada").await;
    app.exec(
        "CREATE FUNCTION refuse_user_audit() RETURNS trigger LANGUAGE plpgsql AS $$
         BEGIN IF NEW.table_name = 'users' THEN RAISE EXCEPTION 'audit storage failed'; END IF; RETURN NEW; END $$;
         CREATE TRIGGER refuse_user_audit BEFORE INSERT ON audit_log
            FOR EACH ROW EXECUTE FUNCTION refuse_user_audit();",
    )
    .await;
    let body = json!({"username": "ghost", "email": "ghost@clinic.test", "role": "staff"});
    assert_problem(
        app.send_as(&admin, Method::POST, "/users", &body).await,
        500,
        "internal_error",
    )
    .await;
    assert_eq!(
        app.scalar("SELECT count(*) FROM users WHERE username = 'ghost'")
            .await,
        Some(json!(0))
    );
}

#[tokio::test]
async fn the_audit_log_lists_newest_first_and_filters_by_actor_and_time() {
    let app = spawn_app().await;
    let admin = app.user(Role::Admin, "ada").await;
    create_three_staff(&app, &admin).await;
    let log = json_of(
        app.get_as(
            &admin,
            &format!("/audit-log?changed_by={}&per_page=2", admin.user_id),
        )
        .await,
        200,
    )
    .await;
    assert_eq!(log["total"], 3);
    assert_eq!(log["items"].as_array().unwrap().len(), 2);
    assert_eq!(log["items"][0]["new_values"]["username"], "three");
    let future = json_of(
        app.get_as(&admin, "/audit-log?from=2999-01-01T00:00:00Z")
            .await,
        200,
    )
    .await;
    assert_eq!(future["total"], 0);
    assert_problem(
        app.get_as(&admin, "/audit-log?action=shred").await,
        422,
        "validation_failed",
    )
    .await;
}

#[tokio::test]
async fn audit_verify_names_the_first_altered_row() {
    let app = spawn_app().await;
    let admin = app.user(Role::Admin, "ada").await;
    create_three_staff(&app, &admin).await;
    let intact = clinic(&app, &["audit", "verify", "--without-checkpoint"], "");
    assert!(
        intact.status.success(),
        "{}",
        String::from_utf8_lossy(&intact.stderr)
    );
    assert!(String::from_utf8_lossy(&intact.stdout).contains("3 rows verified"));

    // Someone with superuser rights edits the second row behind the triggers' back.
    let second = app
        .scalar("SELECT log_id FROM audit_log ORDER BY log_id OFFSET 1")
        .await
        .unwrap();
    app.exec(&format!(
        "ALTER TABLE audit_log DISABLE TRIGGER USER;
         UPDATE audit_log SET new_values = '{{\"username\": \"mallory\"}}' WHERE log_id = {second};
         ALTER TABLE audit_log ENABLE TRIGGER USER;"
    ))
    .await;
    let broken = clinic(&app, &["audit", "verify", "--without-checkpoint"], "");
    assert!(!broken.status.success());
    let message = String::from_utf8_lossy(&broken.stderr);
    assert!(
        message.contains(&format!("log_id {second}")) && message.contains("altered"),
        "{message}"
    );
}

#[tokio::test]
async fn audit_verify_notices_a_deleted_row() {
    let app = spawn_app().await;
    let admin = app.user(Role::Admin, "ada").await;
    create_three_staff(&app, &admin).await;
    let ids: Vec<i64> = app
        .scalar("SELECT array_agg(log_id ORDER BY log_id) FROM audit_log")
        .await
        .unwrap()
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_i64().unwrap())
        .collect();
    app.exec(&format!(
        "ALTER TABLE audit_log DISABLE TRIGGER USER; DELETE FROM audit_log WHERE log_id = {};
         ALTER TABLE audit_log ENABLE TRIGGER USER;",
        ids[1]
    ))
    .await;
    let broken = clinic(&app, &["audit", "verify", "--without-checkpoint"], "");
    assert!(!broken.status.success());
    let message = String::from_utf8_lossy(&broken.stderr);
    assert!(
        message.contains(&format!("log_id {}", ids[2])) && message.contains("removed"),
        "{message}"
    );
}

#[tokio::test]
async fn create_user_bootstraps_an_admin_who_can_sign_in() {
    let app = spawn_app().await;
    let args = [
        "create-user",
        "--role",
        "admin",
        "--username",
        "root",
        "--email",
        "root@clinic.test",
    ];
    let created = clinic(&app, &args, &format!("{PASSWORD}\n"));
    assert!(
        created.status.success(),
        "{}",
        String::from_utf8_lossy(&created.stderr)
    );
    let tokens = json_of(app.login("root", PASSWORD).await, 200).await;
    assert!(tokens["access_token"].is_string());
    assert_eq!(
        app.scalar("SELECT changed_by FROM audit_log WHERE table_name = 'users'")
            .await,
        Some(serde_json::Value::Null)
    );

    let weak = clinic(
        &app,
        &[
            "create-user",
            "--role",
            "admin",
            "--username",
            "root2",
            "--email",
            "r2@clinic.test",
        ],
        "password1234\n",
    );
    assert!(!weak.status.success());
    assert!(String::from_utf8_lossy(&weak.stderr).contains("password"));
}
