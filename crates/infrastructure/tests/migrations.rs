//! Applying migrations when several instances start at the same moment.

use clinic_infrastructure::db::{self, PoolSettings};
use clinic_infrastructure::migrations;
use clinic_infrastructure::testing::{server_url, with_database};
use sea_orm::ConnectionTrait;

fn one_connection() -> PoolSettings {
    PoolSettings {
        max_connections: 1,
        ..PoolSettings::default()
    }
}

#[tokio::test]
async fn instances_starting_together_migrate_once_and_all_start() {
    let server = server_url();
    let name = format!("clinic_migration_race_{}", std::process::id());
    let admin = db::connect(&with_database(&server, "postgres"), &one_connection())
        .await
        .unwrap();
    admin
        .execute_unprepared(&format!("CREATE DATABASE {name}"))
        .await
        .unwrap();
    let url = with_database(&server, &name);

    // Four "instances", each with a pool of one, as `clinic serve` and `clinic migrate` do.
    let starts: Vec<_> = (0..4)
        .map(|_| {
            let url = url.clone();
            tokio::spawn(async move {
                let db = db::connect(&url, &one_connection()).await.unwrap();
                let outcome = migrations::up(&db).await.map_err(|e| e.to_string());
                db.close().await.ok();
                outcome
            })
        })
        .collect();
    let mut outcomes = Vec::new();
    for start in starts {
        outcomes.push(start.await.unwrap());
    }
    let db = db::connect(&url, &one_connection()).await.unwrap();
    let pending = migrations::pending_count(&db).await.unwrap();
    db.close().await.ok();
    admin
        .execute_unprepared(&format!("DROP DATABASE {name} WITH (FORCE)"))
        .await
        .unwrap();
    assert!(outcomes.iter().all(Result::is_ok), "{outcomes:?}");
    assert_eq!(pending, 0);
}
