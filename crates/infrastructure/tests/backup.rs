//! `scripts/db dump` and `scripts/db restore` keep every row.

use std::process::Command;

use clinic_infrastructure::testing::TestDatabase;
use sea_orm::{ConnectionTrait, DbBackend, Statement};

fn script() -> String {
    concat!(env!("CARGO_MANIFEST_DIR"), "/../../scripts/db").to_owned()
}

/// Row counts of every table in the public schema, as `table=count` lines.
async fn row_counts(db: &impl ConnectionTrait) -> Vec<String> {
    let tables = db
        .query_all_raw(Statement::from_string(
            DbBackend::Postgres,
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename",
        ))
        .await
        .unwrap();
    let mut counts = Vec::new();
    for row in tables {
        let table: String = row.try_get("", "tablename").unwrap();
        let count = db
            .query_one_raw(Statement::from_string(
                DbBackend::Postgres,
                format!("SELECT count(*) AS n FROM \"{table}\""),
            ))
            .await
            .unwrap()
            .unwrap()
            .try_get::<i64>("", "n")
            .unwrap();
        counts.push(format!("{table}={count}"));
    }
    counts
}

#[tokio::test]
async fn a_dump_restored_into_a_fresh_database_keeps_every_row() {
    let source = TestDatabase::create().await;
    let db = source.connect().await;
    db.execute_unprepared(
        "INSERT INTO users (username, email, role) VALUES ('alice', 'a@x.test', 'patient');
         INSERT INTO patients (user_id, first_name, last_name)
            SELECT user_id, 'Alice', 'Smith' FROM users;
         INSERT INTO audit_log (table_name, record_id, action, new_values, prev_hash, row_hash)
            VALUES ('users', 1, 'insert', '{\"username\": \"alice\"}', 'genesis', 'h1');",
    )
    .await
    .unwrap();
    let before = row_counts(&db).await;

    let dir = std::env::temp_dir().join(format!("clinic-dump-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join(format!("{}.dump", source.name()));
    let dumped = Command::new(script())
        .args(["dump", file.to_str().unwrap()])
        .env("DATABASE_URL", source.url())
        .output()
        .unwrap();
    assert!(
        dumped.status.success(),
        "{}",
        String::from_utf8_lossy(&dumped.stderr)
    );

    let target_name = format!("{}_restored", source.name());
    let restored = Command::new(script())
        .args(["restore", file.to_str().unwrap(), &target_name])
        .env("DATABASE_URL", source.url())
        .output()
        .unwrap();
    assert!(
        restored.status.success(),
        "{}",
        String::from_utf8_lossy(&restored.stderr)
    );

    let target_url = source.sibling_url(&target_name);
    let target = sea_orm::Database::connect(target_url.as_str())
        .await
        .unwrap();
    let after = row_counts(&target).await;
    target.close().await.unwrap();
    db.execute_unprepared(&format!("DROP DATABASE \"{target_name}\" WITH (FORCE)"))
        .await
        .unwrap();
    assert_eq!(before, after);
    assert!(before.iter().any(|c| c == "race_codes=7"), "{before:?}");

    // Restoring over an existing database is refused, so nothing is overwritten by accident.
    let again = Command::new(script())
        .args(["restore", file.to_str().unwrap(), source.name()])
        .env("DATABASE_URL", source.url())
        .output()
        .unwrap();
    std::fs::remove_dir_all(&dir).ok();
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));
}
