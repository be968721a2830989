//! Runs every migration up, all of them down, and up again against a real PostgreSQL
//! server, in a fresh database that the test creates and drops.
//!
//! `TEST_DATABASE_URL` names the server, e.g.
//! `postgres://postgres@localhost/postgres?host=/tmp/mig-pg&port=5499`. The user needs the
//! right to create databases. The test fails (it does not skip) when the variable is unset.

use std::str::FromStr;
use std::time::{SystemTime, UNIX_EPOCH};

use migration::{Migrator, MigratorTrait};
use sea_orm_migration::sea_orm::sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sea_orm_migration::sea_orm::{
    ConnectionTrait, Database, DatabaseConnection, DbBackend, SqlxPostgresConnector, Statement,
};

const TABLES: [&str; 41] = [
    "appointment_series",
    "appointments",
    "audit_log",
    "auth_attempts",
    "auth_known_addresses",
    "bill_adjustments",
    "bills",
    "calendar_feeds",
    "clinic_settings",
    "demographics",
    "doctor_offices",
    "doctor_time_off",
    "doctor_working_hours",
    "doctors",
    "ethnicity_codes",
    "gender_codes",
    "insurances",
    "medical_records",
    "notifications",
    "office_closures",
    "office_services",
    "offices",
    "outbox_messages",
    "patient_doctors",
    "patient_emergency_contacts",
    "patients",
    "payments",
    "prescriptions",
    "race_codes",
    "refresh_tokens",
    "refunds",
    "schedule_exceptions",
    "specialist_approvals",
    "specialties",
    "users",
    "waitlist_entries",
    "waitlist_offers",
    "visit_types",
    "allergies",
    "problems",
    "record_addenda",
];

/// Names the application maps to domain errors; each must exist as a constraint, a unique
/// index or a constraint trigger.
const MAPPED_NAMES: [&str; 32] = [
    "users_username_lower_key",
    "users_email_lower_key",
    "users_role_check",
    "refresh_tokens_token_hash_key",
    "specialties_name_lower_key",
    "offices_name_lower_key",
    "office_services_office_name_key",
    "doctors_user_id_key",
    "doctors_license_number_key",
    "doctors_years_of_experience_check",
    "doctor_working_hours_no_overlap",
    "patients_user_id_key",
    "patient_emergency_contacts_priority_key",
    "patient_doctors_one_primary",
    "patients_primary_doctor_consistent",
    "insurances_policy_key",
    "insurances_validity_check",
    "appointments_doctor_no_overlap",
    "appointments_patient_no_overlap",
    "medical_records_appointment_fkey",
    "specialist_approvals_one_pending",
    "bills_appointment_id_key",
    "bills_not_overpaid",
    "notifications_read_check",
    "payments_not_over_refunded",
    "refunds_payment_fkey",
    "waitlist_offers_one_accepted_per_slot",
    "doctor_time_off_no_overlap",
    "office_closures_no_overlap",
    "schedule_exceptions_one_day_off",
    "visit_types_name_lower_key",
    "appointments_identical_active_key",
];

#[tokio::test]
async fn up_down_up() {
    let server_url = std::env::var("TEST_DATABASE_URL").unwrap_or_else(|_| {
        panic!(
            "TEST_DATABASE_URL is not set: it must name a PostgreSQL server where this user may \
             create databases, e.g. postgres://postgres@localhost/postgres?host=/tmp/pg&port=5432"
        )
    });

    let admin = Database::connect(server_url.as_str())
        .await
        .expect("connect to TEST_DATABASE_URL");
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("clock after 1970")
        .as_nanos();
    let db_name = format!("clinic_migration_test_{}_{nanos}", std::process::id());
    admin
        .execute_unprepared(&format!("CREATE DATABASE \"{db_name}\""))
        .await
        .expect("create the test database");

    // Run the checks in a task so that the database is dropped even when one fails.
    let outcome = tokio::spawn(run_checks(server_url.clone(), db_name.clone())).await;

    admin
        .execute_unprepared(&format!(
            "DROP DATABASE IF EXISTS \"{db_name}\" WITH (FORCE)"
        ))
        .await
        .expect("drop the test database");

    if let Err(err) = outcome {
        std::panic::resume_unwind(err.into_panic());
    }
}

async fn run_checks(server_url: String, db_name: String) {
    let options = PgConnectOptions::from_str(&server_url)
        .expect("parse TEST_DATABASE_URL")
        .database(&db_name);
    let pool = PgPoolOptions::new()
        .max_connections(2)
        .connect_with(options)
        .await
        .expect("connect to the test database");
    let db = SqlxPostgresConnector::from_sqlx_postgres_pool(pool);

    Migrator::up(&db, None).await.expect("first up");
    assert_schema_present(&db).await;

    Migrator::down(&db, None).await.expect("down all");
    assert_eq!(
        user_tables(&db).await,
        Vec::<String>::new(),
        "tables remain after down"
    );
    assert_eq!(
        count(
            &db,
            "SELECT count(*) FROM pg_proc WHERE pronamespace = 'public'::regnamespace"
        )
        .await,
        0,
        "functions remain after down"
    );
    assert_eq!(
        count(
            &db,
            "SELECT count(*) FROM pg_extension WHERE extname IN ('btree_gist', 'pg_trgm')"
        )
        .await,
        0,
        "extensions remain after down"
    );
    assert_eq!(
        count(&db, "SELECT count(*) FROM seaql_migrations").await,
        0,
        "migration records remain after down"
    );

    Migrator::up(&db, None).await.expect("second up");
    assert_schema_present(&db).await;

    db.close()
        .await
        .expect("close the test database connection");
}

async fn assert_schema_present(db: &DatabaseConnection) {
    let mut expected: Vec<String> = TABLES.iter().map(|t| (*t).to_owned()).collect();
    expected.sort();
    assert_eq!(user_tables(db).await, expected);

    assert_eq!(
        count(
            db,
            "SELECT count(*) FROM seaql_migrations WHERE version LIKE 'm2026%'"
        )
        .await,
        i64::try_from(Migrator::migrations().len()).expect("few migrations")
    );

    assert_eq!(count(db, "SELECT count(*) FROM race_codes").await, 7);
    assert_eq!(count(db, "SELECT count(*) FROM ethnicity_codes").await, 3);
    assert_eq!(count(db, "SELECT count(*) FROM gender_codes").await, 4);
    assert_eq!(count(db, "SELECT count(*) FROM specialties").await, 10);
    assert_eq!(
        count(
            db,
            "SELECT count(*) FROM race_codes \
             WHERE race_code = 4 AND race_text = 'Native Hawaiian or Other Pacific Islander'"
        )
        .await,
        1
    );
    assert_eq!(
        count(
            db,
            "SELECT count(*) FROM gender_codes WHERE gender_code = 4 AND gender_text = 'unknown'"
        )
        .await,
        1
    );
    assert_eq!(
        count(
            db,
            "SELECT count(*) FROM specialties WHERE specialty_name = 'Cardiology' \
             AND requires_referral AND consultation_fee = 250.00"
        )
        .await,
        1
    );

    for name in MAPPED_NAMES {
        let sql = format!(
            "SELECT (SELECT count(*) FROM pg_constraint WHERE conname = '{name}') \
                  + (SELECT count(*) FROM pg_indexes WHERE schemaname = 'public' AND indexname = '{name}')"
        );
        assert!(count(db, &sql).await >= 1, "{name} is missing");
    }
}

async fn user_tables(db: &DatabaseConnection) -> Vec<String> {
    let rows = db
        .query_all_raw(Statement::from_string(
            DbBackend::Postgres,
            "SELECT tablename::text AS name FROM pg_tables \
             WHERE schemaname = 'public' AND tablename <> 'seaql_migrations'",
        ))
        .await
        .expect("list tables");
    let mut names: Vec<String> = rows
        .iter()
        .map(|row| row.try_get::<String>("", "name").expect("table name"))
        .collect();
    names.sort();
    names
}

async fn count(db: &DatabaseConnection, sql: &str) -> i64 {
    let row = db
        .query_one_raw(Statement::from_string(DbBackend::Postgres, sql))
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
        .expect("one row");
    row.try_get_by_index::<i64>(0).expect("a count")
}
