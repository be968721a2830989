//! `clinic db roles`: the serving role can append to the audit log and do its work, but can
//! neither delete, update nor truncate audit rows, nor switch the append-only trigger off.

use std::net::TcpListener;
use std::sync::Arc;

use clinic_api::startup::{Application, ServerOptions};
use clinic_api::state::AppState;
use clinic_domain::FixedClock;
use clinic_domain::identity::Role;
use clinic_infrastructure::db::{self, PoolSettings};
use clinic_infrastructure::security::JwtSettings;
use sea_orm::{ConnectionTrait, DatabaseConnection};
use serde_json::json;

use crate::appointments::{at, open_office};
use crate::cli::clinic;
use crate::helpers::{TEST_JWT_SECRET, TestApp, spawn_app, test_now};

/// `url` with its user replaced by `role` (the test server trusts local connections).
fn as_role(url: &str, role: &str) -> String {
    let (scheme, rest) = url.split_once("://").unwrap();
    let host = rest.split_once('@').map_or(rest, |(_, host)| host);
    format!("{scheme}://{role}@{host}")
}

async fn connect(url: &str) -> DatabaseConnection {
    db::connect(
        url,
        &PoolSettings {
            max_connections: 4,
            ..PoolSettings::default()
        },
    )
    .await
    .unwrap()
}

/// Roles are cluster-wide and tests run in parallel: names unique to this test's database.
fn role_names(app: &TestApp) -> (String, String) {
    let base = app.database.name().to_lowercase();
    (format!("{base}_own"), format!("{base}_app"))
}

async fn drop_roles(app: &TestApp, roles: &[&str]) {
    // The database goes with the test; its grants must go before the roles can.
    for role in roles {
        app.exec(&format!("DROP OWNED BY \"{role}\" CASCADE")).await;
    }
    for role in roles {
        app.exec(&format!("DROP ROLE IF EXISTS \"{role}\"")).await;
    }
}

#[tokio::test]
async fn the_app_role_appends_to_the_audit_log_but_cannot_cut_or_rewrite_it() {
    let app = spawn_app().await;
    let (owner, app_role) = role_names(&app);
    let roles = ["db", "roles", "--owner", &owner, "--app", &app_role];
    let (ok, out, err) = clinic(&roles, &[("DATABASE_URL", app.database.url())]);
    assert!(ok, "{err}");
    assert!(out.contains("Roles ready"), "{out}");
    // Idempotent: a second run changes nothing and succeeds.
    let (ok, _, err) = clinic(&roles, &[("DATABASE_URL", app.database.url())]);
    assert!(ok, "{err}");

    // The application, served under the app role, books, records and audits as usual.
    let app_url = as_role(app.database.url(), &app_role);
    let served = connect(&app_url).await;
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let address = format!("http://127.0.0.1:{}", listener.local_addr().unwrap().port());
    let state = AppState::with_clock(
        served.clone(),
        &JwtSettings {
            secret: TEST_JWT_SECRET.as_bytes().to_vec(),
        },
        Arc::new(FixedClock::at(test_now())),
    );
    let server = Application::with_listener(
        listener,
        state,
        ServerOptions {
            workers: Some(1),
            ..ServerOptions::default()
        },
    )
    .unwrap();
    tokio::spawn(server.run_until_stopped());
    let doctor = app.user(Role::Doctor, "house").await;
    let patient = app.user(Role::Patient, "alice").await;
    let staff = app.user(Role::Staff, "desk").await;
    let office = open_office(&app, &doctor).await;
    let client = reqwest::Client::new();
    let booked = client
        .post(format!("{address}/api/v1/appointments"))
        .bearer_auth(&staff.token)
        .json(
            &json!({"patient_id": patient.patient_id, "doctor_id": doctor.doctor_id,
                      "office_id": office, "starts_at": at(3, 10), "duration_minutes": 30}),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(
        booked.status().as_u16(),
        201,
        "{}",
        booked.text().await.unwrap()
    );
    let audited = app
        .scalar("SELECT count(*) FROM audit_log WHERE table_name = 'appointments'")
        .await;
    assert_eq!(audited, Some(json!(1)));

    // What it cannot do to the audit log.
    for attack in [
        "DELETE FROM audit_log",
        "UPDATE audit_log SET changed_by = NULL",
        "TRUNCATE audit_log",
        "ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only",
        "ALTER TABLE audit_log DISABLE TRIGGER ALL",
        "DROP TABLE audit_log",
        "CREATE TABLE planted (id int)",
        "INSERT INTO seaql_migrations (version, applied_at) VALUES ('m_fake', 0)",
    ] {
        let refused = served
            .execute_unprepared(attack)
            .await
            .expect_err(&format!("the app role may not: {attack}"));
        let message = refused.to_string();
        assert!(
            message.contains("permission denied") || message.contains("must be owner"),
            "{attack}: {message}"
        );
    }
    // It reads and appends (which is what the chain's writers do).
    served
        .execute_unprepared("SELECT pg_advisory_xact_lock(1), count(*) FROM audit_log")
        .await
        .unwrap();
    served.close().await.ok();

    // The owner may migrate, and no role but the owner holds more than SELECT and INSERT.
    let grants = app
        .scalar(
            "SELECT string_agg(DISTINCT a.privilege_type, ',' ORDER BY a.privilege_type)
             FROM pg_class c, aclexplode(c.relacl) a
             WHERE c.oid = 'audit_log'::regclass AND a.grantee <> c.relowner",
        )
        .await;
    assert_eq!(grants, Some(json!("INSERT,SELECT")));
    let table_owner = app
        .scalar("SELECT pg_get_userbyid(relowner) FROM pg_class WHERE oid = 'audit_log'::regclass")
        .await;
    assert_eq!(table_owner, Some(json!(owner)));
    let owner_url = as_role(app.database.url(), &owner);
    let (ok, out, err) = clinic(&["migrate", "up"], &[("DATABASE_URL", &owner_url)]);
    assert!(ok && out.contains("All migrations are applied"), "{err}");
    drop_roles(&app, &[&app_role, &owner]).await;
}

#[test]
fn role_names_are_checked_before_anything_runs() {
    let (ok, _, err) = clinic(
        &["db", "roles", "--owner", "Robert'); DROP TABLE x;--"],
        &[("DATABASE_URL", "postgres://nobody@127.0.0.1:1/none")],
    );
    assert!(!ok);
    assert!(err.contains("is not a role name"), "{err}");
}
