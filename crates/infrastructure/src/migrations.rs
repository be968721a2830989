//! Applying and inspecting the schema migrations of the `migration` crate.

use migration::{Migrator, MigratorTrait};
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, DbErr, Statement, TransactionTrait};

/// One migration and whether it has been applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MigrationState {
    /// The migration's file name, e.g. `m20261124_000001_create_extensions_and_code_tables`.
    pub name: String,
    /// Whether the database has recorded it as applied.
    pub applied: bool,
}

/// The advisory-lock key that serializes schema changes ("clinic-migrate" as a number).
const MIGRATION_LOCK_KEY: i64 = 0x0c11_41c0_4d16;

/// Applies every pending migration, all in one transaction. Instances starting together
/// would race to apply the same migration (sea-orm-migration takes no lock), so the transaction
/// first takes an advisory lock: one instance migrates while the others wait, then find nothing
/// pending. One transaction on one connection, so a pool of one suffices, and a failing
/// migration leaves the schema as it was.
///
/// # Errors
/// The first failing migration's error; nothing of this run is applied then.
pub async fn up(db: &DatabaseConnection) -> Result<(), DbErr> {
    let txn = db.begin().await?;
    txn.execute_raw(Statement::from_sql_and_values(
        DbBackend::Postgres,
        "SELECT pg_advisory_xact_lock($1)",
        [MIGRATION_LOCK_KEY.into()],
    ))
    .await?;
    Migrator::up(&txn, None).await?;
    // A migration may (re)create `audit_log`, and default privileges would then give the
    // serving role full DML on it: take back all but SELECT and INSERT.
    txn.execute_unprepared(&crate::roles::restrict_audit_log_sql())
        .await?;
    txn.commit().await
}

/// Rolls back the last `steps` migrations (all of them when `None`).
///
/// # Errors
/// The first failing rollback's error.
pub async fn down(db: &DatabaseConnection, steps: Option<u32>) -> Result<(), DbErr> {
    Migrator::down(db, steps).await
}

/// Drops every table and applies all migrations again. Destroys all data.
///
/// # Errors
/// Any error while dropping or migrating.
pub async fn fresh(db: &DatabaseConnection) -> Result<(), DbErr> {
    Migrator::fresh(db).await
}

/// Every known migration in order, with whether it is applied. Reads only.
///
/// # Errors
/// Driver errors; a database that has never been migrated lists everything as pending.
pub async fn status(db: &DatabaseConnection) -> Result<Vec<MigrationState>, DbErr> {
    let pending = Migrator::get_pending_migrations_read_only(db).await?;
    let pending: Vec<String> = pending.iter().map(|m| m.name().to_owned()).collect();
    Ok(names()
        .into_iter()
        .map(|name| {
            let applied = !pending.contains(&name);
            MigrationState { name, applied }
        })
        .collect())
}

/// How many migrations are still to be applied. Reads only.
///
/// # Errors
/// Driver errors.
pub async fn pending_count(db: &DatabaseConnection) -> Result<usize, DbErr> {
    Ok(Migrator::get_pending_migrations_read_only(db).await?.len())
}

/// The names of all migrations this build knows, in order.
#[must_use]
pub fn names() -> Vec<String> {
    Migrator::migrations()
        .iter()
        .map(|m| m.name().to_owned())
        .collect()
}
