//! `clinic seed demo`: a small living clinic for trying the product — 3 offices, 10 doctors over
//! 5 specialties with working hours, 100 patients with care teams, insurance and emergency
//! contacts, 500 appointments over the past and next four weeks in every status, records,
//! prescriptions, approvals, bills in every status and notifications.
//!
//! The story is relative to the moment it runs, on the offices' clock: past visits completed
//! (with records and bills), missed or cancelled; today's by the time of day; later ones
//! scheduled or confirmed; referrals, payments and notifications stamped in office hours when
//! what they record happened (never the seeding moment).
//!
//! It is generated set-wise in SQL inside one transaction, so the schema's constraints vet every
//! row (no double booking, one bill per visit, amounts never above what is due). Random choices
//! are seeded, so two runs produce the same clinic relative to the day they run.

use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, DbErr, Statement, TransactionTrait};

/// The password of every demo account (printed by the command and written in the README).
pub const DEMO_PASSWORD: &str = "clinic-demo-2026";

/// One login per role (and the two specialists, who decide referrals), as printed at the end
/// of the seed and listed in the README.
pub const DEMO_LOGINS: [(&str, &str); 6] = [
    ("admin", "admin"),
    ("staff", "frontdesk"),
    ("doctor", "dr.house"),
    ("cardiologist", "dr.yang"),
    ("dermatologist", "dr.grey"),
    ("patient", "alice"),
];

/// What the seed created.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeedReport {
    /// `(table, rows)` for each filled table.
    pub counts: Vec<(String, i64)>,
}

/// Why seeding did not happen.
#[derive(Debug, thiserror::Error)]
pub enum SeedError {
    /// The database already has accounts; the seed only fills an empty clinic.
    #[error("the database already has {0} accounts; the demo seed only fills an empty database")]
    NotEmpty(i64),
    /// A database error (the transaction was rolled back).
    #[error("seeding failed: {0}")]
    Database(#[from] DbErr),
}

const SCRIPT: &str = include_str!("demo.sql");

const COUNTED: [&str; 16] = [
    "users",
    "offices",
    "doctors",
    "doctor_working_hours",
    "patients",
    "patient_doctors",
    "insurances",
    "patient_emergency_contacts",
    "appointments",
    "medical_records",
    "prescriptions",
    "specialist_approvals",
    "bills",
    "payments",
    "notifications",
    "demographics",
];

/// Fills an empty database with the demo clinic. `password_hash` is the argon2 hash of
/// [`DEMO_PASSWORD`] (the caller hashes it, so this module needs no hasher).
///
/// # Errors
/// [`SeedError::NotEmpty`] when accounts exist; [`SeedError::Database`] otherwise.
pub async fn seed_demo(
    db: &DatabaseConnection,
    password_hash: &str,
) -> Result<SeedReport, SeedError> {
    let txn = db.begin().await?;
    let existing: i64 = txn
        .query_one_raw(Statement::from_string(
            DbBackend::Postgres,
            "SELECT count(*) AS n FROM users",
        ))
        .await?
        .map(|r| r.try_get("", "n"))
        .transpose()?
        .unwrap_or(0);
    if existing > 0 {
        return Err(SeedError::NotEmpty(existing));
    }
    txn.execute_raw(Statement::from_sql_and_values(
        DbBackend::Postgres,
        "SELECT set_config('clinic.seed_password_hash', $1, true)",
        [password_hash.into()],
    ))
    .await?;
    txn.execute_unprepared(SCRIPT).await?;
    let drafts = vec![clinic_domain::audit::AuditEntryDraft::new(
        "seed",
        0,
        clinic_domain::audit::AuditAction::Insert,
        None,
        None,
        Some(serde_json::json!({"seed": "demo"})),
    )];
    crate::audit::append(&txn, drafts).await?;
    let mut counts = Vec::new();
    for table in COUNTED {
        let n: i64 = txn
            .query_one_raw(Statement::from_string(
                DbBackend::Postgres,
                format!("SELECT count(*) AS n FROM {table}"),
            ))
            .await?
            .map(|r| r.try_get("", "n"))
            .transpose()?
            .unwrap_or(0);
        counts.push((table.to_owned(), n));
    }
    txn.commit().await?;
    Ok(SeedReport { counts })
}
