//! Test databases: each test gets its own database, cloned from a template that is migrated once
//! per server and schema version. Cloning takes tens of milliseconds where migrating takes
//! seconds, and separate databases let tests run in parallel without seeing each other's rows.
//!
//! Set `TEST_DATABASE_URL` to any database on the server to use (the README's test command
//! starts a private cluster and sets it). Tests fail loudly without it: a skipped database test
//! would pass while proving nothing.

use std::sync::atomic::{AtomicU32, Ordering};

use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, Statement};
use sha2::{Digest, Sha256};

use crate::db::{self, PoolSettings};
use crate::migrations;

/// An arbitrary constant under which template builders take a PostgreSQL advisory lock, so that
/// parallel test processes build the template once.
const TEMPLATE_LOCK_KEY: i64 = 7_243_002;

/// The audit key of every test process (`CLINIC_AUDIT_KEY` for a `clinic` binary a test runs):
/// 32 bytes of hex, public, for tests only.
pub const TEST_AUDIT_KEY: &str = "7e57a0d1700000000000000000000000000000000000000000000000c11a1c00";

/// [`TEST_AUDIT_KEY`], parsed.
///
/// # Panics
/// Never: the constant is a valid key.
#[must_use]
pub fn test_audit_key() -> crate::audit_key::AuditKey {
    crate::audit_key::AuditKey::from_hex(TEST_AUDIT_KEY).expect("the test key is valid")
}

/// A database of its own for one test, dropped when the value is dropped.
pub struct TestDatabase {
    name: String,
    url: String,
    server_url: String,
}

impl TestDatabase {
    /// Clones a fresh database from the migrated template, building the template first if this
    /// server has none for the current set of migrations.
    ///
    /// # Panics
    /// When `TEST_DATABASE_URL` is missing or the server refuses; a test cannot go on then.
    pub async fn create() -> Self {
        // Every test that writes appends audit rows, which need the process's audit key.
        crate::audit_key::install_append_key(&test_audit_key()).unwrap_or_else(|e| panic!("{e}"));
        let server_url = server_url();
        let template = ensure_template(&server_url).await;
        let name = unique_name("clinic_test");
        let admin = connect_admin(&server_url).await;
        admin
            .execute_unprepared(&format!(
                "CREATE DATABASE \"{name}\" TEMPLATE \"{template}\""
            ))
            .await
            .unwrap_or_else(|e| panic!("could not clone the template database: {e}"));
        admin.close().await.ok();
        let url = with_database(&server_url, &name);
        Self {
            name,
            url,
            server_url,
        }
    }

    /// A connection URL for this database.
    #[must_use]
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The database's name on the server.
    #[must_use]
    pub fn name(&self) -> &str {
        &self.name
    }

    /// A URL for another database on the same server (for tests that create one, such as a
    /// restore target).
    #[must_use]
    pub fn sibling_url(&self, database: &str) -> String {
        with_database(&self.server_url, database)
    }

    /// Opens a small pool on this database.
    ///
    /// # Panics
    /// When the URL cannot be parsed.
    pub async fn connect(&self) -> DatabaseConnection {
        self.connect_with(&PoolSettings {
            max_connections: 8,
            ..PoolSettings::default()
        })
        .await
    }

    /// Opens a pool on this database with `settings` (as the server would open its own).
    ///
    /// # Panics
    /// When the URL cannot be parsed.
    pub async fn connect_with(&self, settings: &PoolSettings) -> DatabaseConnection {
        db::connect(&self.url, settings)
            .await
            .expect("test database URL is valid")
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        let server_url = self.server_url.clone();
        let name = self.name.clone();
        // Drop cannot await, and the test's own runtime may be shutting down: use a private one
        // on a plain thread. WITH (FORCE) closes connections a test left open.
        let dropped = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .ok()?;
            runtime.block_on(async move {
                let admin = connect_admin(&server_url).await;
                let sql = format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
                admin.execute_unprepared(&sql).await.ok()?;
                admin.close().await.ok()
            })
        })
        .join();
        if !matches!(dropped, Ok(Some(()))) {
            eprintln!("warning: test database {} was not dropped", self.name);
        }
    }
}

/// The server URL tests run against.
///
/// # Panics
/// When `TEST_DATABASE_URL` is not set.
#[must_use]
pub fn server_url() -> String {
    std::env::var("TEST_DATABASE_URL").unwrap_or_else(|_| {
        panic!(
            "TEST_DATABASE_URL is not set. Run the tests with `scripts/test`, which starts a \
             private PostgreSQL cluster, or point TEST_DATABASE_URL at a server you own."
        )
    })
}

/// Replaces the database part of a PostgreSQL URL, keeping its query string.
#[must_use]
pub fn with_database(url: &str, database: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((base, query)) => (base, Some(query)),
        None => (url, None),
    };
    let authority_start = base.find("://").map_or(0, |i| i + 3);
    let path_start = base[authority_start..]
        .find('/')
        .map(|i| i + authority_start);
    let host_part = path_start.map_or(base, |i| &base[..i]);
    match query {
        Some(query) => format!("{host_part}/{database}?{query}"),
        None => format!("{host_part}/{database}"),
    }
}

fn unique_name(prefix: &str) -> String {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or_default();
    format!("{prefix}_{}_{n}_{nanos}", std::process::id())
}

async fn connect_admin(server_url: &str) -> DatabaseConnection {
    let url = with_database(server_url, "postgres");
    let settings = PoolSettings {
        max_connections: 1,
        ..PoolSettings::default()
    };
    let conn = db::connect(&url, &settings)
        .await
        .expect("TEST_DATABASE_URL is a valid URL");
    db::ping(&conn)
        .await
        .unwrap_or_else(|e| panic!("cannot reach the PostgreSQL server of TEST_DATABASE_URL: {e}"));
    conn
}

/// The template's name changes with the list of migrations, so a long-lived test server never
/// hands out a stale schema.
fn template_name() -> String {
    let mut hasher = Sha256::new();
    for name in migrations::names() {
        hasher.update(name.as_bytes());
        hasher.update([0]);
    }
    let digest = hex::encode(hasher.finalize());
    format!("clinic_template_{}", &digest[..12])
}

async fn ensure_template(server_url: &str) -> String {
    let template = template_name();
    let admin = connect_admin(server_url).await;
    // Session-level advisory locks belong to one connection: the pool has exactly one.
    admin
        .execute_unprepared(&format!("SELECT pg_advisory_lock({TEMPLATE_LOCK_KEY})"))
        .await
        .expect("advisory lock");
    let ready = admin
        .query_one_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "SELECT 1 AS one FROM pg_database WHERE datname = $1 AND datistemplate",
            [template.clone().into()],
        ))
        .await
        .expect("query pg_database")
        .is_some();
    if !ready {
        build_template(&admin, server_url, &template).await;
    }
    admin
        .execute_unprepared(&format!("SELECT pg_advisory_unlock({TEMPLATE_LOCK_KEY})"))
        .await
        .expect("advisory unlock");
    admin.close().await.ok();
    template
}

async fn build_template(admin: &DatabaseConnection, server_url: &str, template: &str) {
    // A half-built template from an interrupted run is not marked as template: start over.
    admin
        .execute_unprepared(&format!(
            "DROP DATABASE IF EXISTS \"{template}\" WITH (FORCE)"
        ))
        .await
        .expect("drop stale template");
    admin
        .execute_unprepared(&format!("CREATE DATABASE \"{template}\""))
        .await
        .expect("create template");
    let settings = PoolSettings {
        max_connections: 1,
        ..PoolSettings::default()
    };
    let conn = db::connect(&with_database(server_url, template), &settings)
        .await
        .expect("template URL");
    migrations::up(&conn)
        .await
        .unwrap_or_else(|e| panic!("migrating the template failed: {e}"));
    conn.close().await.ok();
    admin
        .execute_unprepared(&format!(
            "ALTER DATABASE \"{template}\" WITH IS_TEMPLATE true"
        ))
        .await
        .expect("mark template");
}

#[cfg(test)]
mod tests {
    use super::with_database;

    #[test]
    fn with_database_replaces_the_path_and_keeps_the_query() {
        assert_eq!(
            with_database(
                "postgres://u:p@127.0.0.1:5432/postgres?sslmode=disable",
                "x"
            ),
            "postgres://u:p@127.0.0.1:5432/x?sslmode=disable"
        );
        assert_eq!(with_database("postgres://h", "x"), "postgres://h/x");
        assert_eq!(with_database("postgres://h:1/a", "b"), "postgres://h:1/b");
    }
}
