//! The `clinic` command line: checking the database, migrations, the OpenAPI document and
//! refusing a wrong configuration with a clear message.

use std::process::Command;

use crate::helpers::spawn_app;

/// Runs the `clinic` binary with only the configuration given in `env`; returns whether it
/// succeeded, its standard output and its standard error.
pub(crate) fn clinic(args: &[&str], env: &[(&str, &str)]) -> (bool, String, String) {
    let mut command = Command::new(env!("CARGO_BIN_EXE_clinic"));
    command
        .args(args)
        .env_remove("DATABASE_URL")
        .env_remove("CLINIC_JWT_SECRET")
        .env_remove("CLINIC_AUDIT_KEY")
        .env_remove("CLINIC_AUDIT_CHECKPOINT")
        .env_remove("CLINIC_MIGRATE_DATABASE_URL")
        .env("RUST_LOG", "error");
    for (key, value) in env {
        command.env(key, value);
    }
    // Run from a directory without a .env file, so only what the test sets counts.
    let output = command
        .current_dir(std::env::temp_dir())
        .output()
        .expect("the clinic binary runs");
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[tokio::test]
async fn db_check_reports_the_server_the_round_trip_and_pending_migrations() {
    let app = spawn_app().await;
    let (ok, out, err) = clinic(&["db", "check"], &[("DATABASE_URL", app.database.url())]);
    assert!(ok, "{err}");
    assert!(out.contains("PostgreSQL 15"), "{out}");
    assert!(out.contains("Round trip:") && out.contains(" ms"), "{out}");
    assert!(out.contains("0 pending"), "{out}");
    let (ok, out, _) = clinic(
        &["migrate", "status"],
        &[("DATABASE_URL", app.database.url())],
    );
    assert!(ok);
    assert!(out.lines().all(|l| l.starts_with("applied")), "{out}");
}

#[test]
fn an_unreachable_database_fails_with_a_clear_message() {
    let (ok, _, err) = clinic(
        &["db", "check"],
        &[("DATABASE_URL", "postgres://nobody@127.0.0.1:1/none")],
    );
    assert!(!ok);
    assert!(err.contains("cannot reach the database"), "{err}");
}

#[test]
fn serve_refuses_to_start_without_its_configuration() {
    let (ok, _, err) = clinic(&["serve"], &[]);
    assert!(!ok);
    assert!(err.contains("DATABASE_URL is not set"), "{err}");
    let (ok, _, err) = clinic(
        &["serve"],
        &[
            ("DATABASE_URL", "postgres://x@127.0.0.1:1/y"),
            ("CLINIC_JWT_SECRET", "short"),
        ],
    );
    assert!(!ok);
    assert!(
        err.contains("CLINIC_JWT_SECRET is invalid") && err.contains("at least 32"),
        "{err}"
    );
}

#[test]
fn the_openapi_command_prints_the_document() {
    let (ok, out, _) = clinic(&["openapi"], &[]);
    assert!(ok);
    let document: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(document["openapi"], "3.1.0");
}
