//! Connecting to PostgreSQL and telling apart the ways a statement can fail.

use std::time::{Duration, Instant};

/// The pool type the rest of the application holds; the API crate names it only through here.
pub use sea_orm::{DatabaseConnection, DbErr};

use sea_orm::{ConnectOptions, ConnectionTrait, Database, DbBackend, RuntimeErr, Statement};

/// How the connection pool is sized and how long a request may wait for the database.
#[derive(Debug, Clone)]
pub struct PoolSettings {
    /// Upper bound of open connections per process.
    pub max_connections: u32,
    /// How long a request waits for a free connection (or a new one) before the database counts
    /// as unavailable.
    pub acquire_timeout: Duration,
    /// PostgreSQL's `statement_timeout` on every connection of the pool: set it to the request
    /// timeout, so that a statement the client no longer waits for stops in the server too
    /// (instead of running on, holding a connection and its locks). `None` leaves the server's
    /// setting (migrations and maintenance commands may run long).
    pub statement_timeout: Option<Duration>,
}

impl Default for PoolSettings {
    fn default() -> Self {
        Self {
            max_connections: 16,
            acquire_timeout: Duration::from_secs(3),
            statement_timeout: None,
        }
    }
}

/// Opens a lazily connecting pool: the process starts even while PostgreSQL is down and
/// recovers by itself once it is back, because every checkout tries to connect again.
///
/// # Errors
/// Returns the driver's error when the URL cannot be parsed.
pub async fn connect(url: &str, settings: &PoolSettings) -> Result<DatabaseConnection, DbErr> {
    let mut options = ConnectOptions::new(url.to_owned());
    options
        .max_connections(settings.max_connections)
        .min_connections(0)
        .acquire_timeout(settings.acquire_timeout)
        .connect_timeout(settings.acquire_timeout)
        .idle_timeout(Duration::from_secs(300))
        .test_before_acquire(false)
        .connect_lazy(true)
        // Statements carry patient data in their parameters; never log them.
        .sqlx_logging(false)
        .set_application_name("clinic");
    if let Some(timeout) = settings.statement_timeout {
        // A startup parameter of every connection, so no checkout can miss it (a `SET` after
        // connect could be undone by a `RESET ALL`; this is the session's default).
        let millis = timeout.as_millis().max(1).to_string();
        options.map_sqlx_postgres_opts(move |pg| {
            pg.options([("statement_timeout", format!("{millis}ms"))])
        });
    }
    Database::connect(options).await
}

/// What `clinic db check` reports about a reachable server.
#[derive(Debug, Clone)]
pub struct ServerInfo {
    /// `SELECT version()` as the server prints it.
    pub version: String,
    /// Time of one `SELECT 1` round trip.
    pub round_trip: Duration,
    /// The database the connection landed in.
    pub database: String,
}

/// Asks the server for its version and measures one round trip.
///
/// # Errors
/// Any driver error; [`classify`] tells whether the database was unreachable.
pub async fn server_info(db: &DatabaseConnection) -> Result<ServerInfo, DbErr> {
    let row = db
        .query_one_raw(Statement::from_string(
            DbBackend::Postgres,
            "SELECT version() AS version, current_database() AS database",
        ))
        .await?
        .ok_or_else(|| DbErr::Custom("the server returned no row for SELECT version()".into()))?;
    let version: String = row.try_get("", "version")?;
    let database: String = row.try_get("", "database")?;
    let started = Instant::now();
    ping(db).await?;
    Ok(ServerInfo {
        version,
        round_trip: started.elapsed(),
        database,
    })
}

/// One cheap round trip to the server.
///
/// # Errors
/// Any driver error.
pub async fn ping(db: &DatabaseConnection) -> Result<(), DbErr> {
    db.execute_unprepared("SELECT 1").await.map(|_| ())
}

/// The kinds of integrity constraint PostgreSQL reports, by SQLSTATE.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConstraintKind {
    /// 23505
    Unique,
    /// 23503
    ForeignKey,
    /// 23P01
    Exclusion,
    /// 23514
    Check,
    /// 23502
    NotNull,
    /// 23001, raised by the audit log's append-only trigger
    Restrict,
}

/// Why a database call failed, as far as the caller needs to know.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DbFailure {
    /// The server could not be reached or no connection was free in time: answer 503.
    Unavailable,
    /// A named constraint rejected the change: the adapter maps the name to a domain error.
    Constraint {
        kind: ConstraintKind,
        name: Option<String>,
    },
    /// A serialization failure or deadlock: the transaction may be retried.
    Contention,
    /// The statement ran longer than `statement_timeout` allows and was cancelled: answer 503.
    TimedOut,
    /// PostgreSQL refused a value itself (SQLSTATE class 22, data exception: a NUL character in
    /// text, a number out of range). Only a client can have sent it: answer 422.
    InvalidData { message: String },
    /// Anything else is a bug or an operational fault.
    Other,
}

/// Classifies a SeaORM error. SeaORM's own `sql_err()` only knows unique and foreign-key
/// violations; exclusion and check violations need the SQLSTATE from the driver.
#[must_use]
pub fn classify(err: &DbErr) -> DbFailure {
    use sea_orm::sqlx::Error as SqlxError;
    let sqlx_error = match err {
        DbErr::ConnectionAcquire(_) | DbErr::Conn(_) => return DbFailure::Unavailable,
        DbErr::Exec(RuntimeErr::SqlxError(e)) | DbErr::Query(RuntimeErr::SqlxError(e)) => e,
        _ => return DbFailure::Other,
    };
    match &**sqlx_error {
        SqlxError::Io(_)
        | SqlxError::PoolTimedOut
        | SqlxError::PoolClosed
        | SqlxError::Tls(_)
        | SqlxError::Protocol(_)
        | SqlxError::WorkerCrashed => DbFailure::Unavailable,
        SqlxError::Database(db_error) => {
            let code = db_error.code().unwrap_or_default();
            let name = db_error.constraint().map(str::to_owned);
            let kind = match code.as_ref() {
                "23505" => ConstraintKind::Unique,
                "23503" => ConstraintKind::ForeignKey,
                "23P01" => ConstraintKind::Exclusion,
                "23514" => ConstraintKind::Check,
                "23502" => ConstraintKind::NotNull,
                "23001" => ConstraintKind::Restrict,
                "40001" | "40P01" => return DbFailure::Contention,
                // admin_shutdown, crash_shutdown, cannot_connect_now: the server is going away.
                "57P01" | "57P02" | "57P03" => return DbFailure::Unavailable,
                // query_canceled: `statement_timeout` stopped a statement that outlived the
                // request; the client is told to try again (503), not that the server broke.
                "57014" => return DbFailure::TimedOut,
                class if class.starts_with("22") => {
                    return DbFailure::InvalidData {
                        message: db_error.message().to_owned(),
                    };
                }
                // Connection exceptions: the link to the server broke mid-request.
                class if class.starts_with("08") => return DbFailure::Unavailable,
                _ => return DbFailure::Other,
            };
            DbFailure::Constraint { kind, name }
        }
        _ => DbFailure::Other,
    }
}

/// What a read replica reports about its replay, for deciding whether to read from it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ReplayStatus {
    /// `pg_is_in_recovery()`: a standby replaying the primary's WAL (a promoted or stand-alone
    /// server is not a replica any more and may have diverged).
    pub in_recovery: bool,
    /// Everything received has been replayed (`pg_last_wal_receive_lsn() =
    /// pg_last_wal_replay_lsn()`): an idle, caught-up standby, whose last replayed transaction
    /// may be old only because the primary has written nothing since.
    pub caught_up: bool,
    /// Seconds since the last replayed transaction committed on the primary, if any was
    /// replayed.
    pub replay_age_secs: Option<f64>,
}

/// Asks a standby how far its replay is, in one statement.
///
/// # Errors
/// Any driver error; [`classify`] tells whether the server was unreachable.
pub async fn replay_status(db: &DatabaseConnection) -> Result<ReplayStatus, DbErr> {
    let row = db
        .query_one_raw(Statement::from_string(
            DbBackend::Postgres,
            "SELECT pg_is_in_recovery() AS in_recovery,
                    COALESCE(pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn(), false)
                        AS caught_up,
                    extract(epoch FROM now() - pg_last_xact_replay_timestamp())::float8
                        AS replay_age",
        ))
        .await?
        .ok_or_else(|| DbErr::Custom("the replica returned no row for its replay status".into()))?;
    Ok(ReplayStatus {
        in_recovery: row.try_get("", "in_recovery")?,
        caught_up: row.try_get("", "caught_up")?,
        replay_age_secs: row.try_get("", "replay_age")?,
    })
}
