//! The `clinic` command line.

use std::process::ExitCode;

use clap::{Parser, Subcommand};
use secrecy::ExposeSecret;

mod operator;

use crate::config::{self, Config, ProcessEnv};
use clinic_infrastructure::db::{self, PoolSettings};
use clinic_infrastructure::migrations;

/// Clinic management system.
#[derive(Debug, Parser)]
#[command(name = "clinic", version, about)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Apply pending migrations and serve the API, Swagger UI and the web app.
    Serve,
    /// Manage the database schema.
    Migrate {
        #[command(subcommand)]
        action: MigrateAction,
    },
    /// Database utilities.
    Db {
        #[command(subcommand)]
        action: DbAction,
    },
    /// Print the OpenAPI document (JSON) to standard output.
    Openapi,
    /// Create an account (e.g. the first admin); the password is read from standard input.
    CreateUser {
        /// admin, doctor, staff or patient.
        #[arg(long)]
        role: String,
        #[arg(long)]
        username: String,
        #[arg(long)]
        email: String,
    },
    /// Fill an empty database with demo data.
    Seed {
        #[command(subcommand)]
        what: SeedWhat,
    },
    /// The tamper-evident audit trail.
    Audit {
        #[command(subcommand)]
        action: AuditAction,
    },
    /// The outbox of emails to patients (confirmations, notices, reminders).
    Outbox {
        #[command(subcommand)]
        action: OutboxAction,
    },
}

#[derive(Debug, Subcommand)]
enum OutboxAction {
    /// Deliver every message due now, once, then exit (CLINIC_SMTP_URL, CLINIC_MAIL_FROM;
    /// without an SMTP server, due emails are recorded as unsent). Safe beside `clinic serve`
    /// and other runs: no message is sent twice.
    Run,
}

#[derive(Debug, Subcommand)]
enum SeedWhat {
    /// A small living clinic: offices, doctors, patients, a month of appointments and more.
    Demo,
}

#[derive(Debug, Subcommand)]
enum AuditAction {
    /// Walk the keyed hash chain and check it against the signed checkpoint (outside the
    /// database): names the first row altered, removed, reordered or recomputed, and rows
    /// missing at the end.
    Verify {
        /// Check the chain alone, without the checkpoint (rows cut from the end then pass).
        #[arg(long)]
        without_checkpoint: bool,
    },
    /// Verify the whole log, then write the signed checkpoint of its head
    /// (CLINIC_AUDIT_CHECKPOINT); `clinic serve` also moves it every few seconds.
    Checkpoint,
    /// As the table's owner: recompute every row's hash under CLINIC_AUDIT_KEY, after checking
    /// each against the old hash: the unkeyed SHA-256 of before the key (default), or the key
    /// in the variable named by --old-key-env when rotating. Then writes a new checkpoint.
    Rekey {
        /// The environment variable holding the previous key (hex), when rotating keys.
        #[arg(long)]
        old_key_env: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
enum MigrateAction {
    /// Apply every pending migration.
    Up,
    /// Roll back migrations (the last one unless --all or --steps).
    Down {
        /// How many to roll back.
        #[arg(long, conflicts_with = "all")]
        steps: Option<u32>,
        /// Roll back every migration.
        #[arg(long)]
        all: bool,
    },
    /// List migrations and whether each is applied.
    Status,
    /// Drop everything and migrate from scratch. Destroys all data.
    Fresh {
        /// Confirm that all data may be destroyed.
        #[arg(long)]
        yes: bool,
    },
}

#[derive(Debug, Subcommand)]
enum DbAction {
    /// Check the connection: server version, round-trip time, pending migrations.
    Check,
    /// As a superuser on DATABASE_URL: create (or update) the schema owner role, which runs
    /// migrations, and the app role `clinic serve` connects as, which may only SELECT and
    /// INSERT the audit log. Idempotent. Passwords, for password authentication, come from
    /// CLINIC_OWNER_PASSWORD and CLINIC_APP_PASSWORD.
    Roles {
        /// The owner role.
        #[arg(long, default_value = "clinic_owner")]
        owner: String,
        /// The app role.
        #[arg(long, default_value = "clinic_app")]
        app: String,
    },
}

/// Parses the command line and runs it; the exit code says whether it worked.
#[must_use]
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    config::load_dotenv();
    crate::telemetry::init();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("error: cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli.command)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

async fn run(command: Command) -> Result<(), String> {
    match command {
        Command::Serve => serve().await,
        Command::Migrate { action } => migrate(action).await,
        Command::Db {
            action: DbAction::Check,
        } => db_check().await,
        Command::Db {
            action: DbAction::Roles { owner, app },
        } => operator::set_up_roles(owner, app).await,
        Command::Openapi => {
            print!("{}", crate::openapi::document_json());
            Ok(())
        }
        Command::CreateUser {
            role,
            username,
            email,
        } => operator::create_user(&role, &username, &email).await,
        Command::Audit {
            action: AuditAction::Verify { without_checkpoint },
        } => operator::verify_audit_log(without_checkpoint).await,
        Command::Audit {
            action: AuditAction::Checkpoint,
        } => operator::write_audit_checkpoint().await,
        Command::Audit {
            action: AuditAction::Rekey { old_key_env },
        } => operator::rekey_audit_log(old_key_env).await,
        Command::Seed {
            what: SeedWhat::Demo,
        } => operator::seed_demo().await,
        Command::Outbox {
            action: OutboxAction::Run,
        } => outbox_run().await,
    }
}

async fn outbox_run() -> Result<(), String> {
    let outbox = config::outbox(&ProcessEnv).map_err(|e| e.to_string())?;
    let conn = connect_for_tools().await?;
    let worker = crate::outbox::OutboxWorker::from_config(
        conn,
        &outbox,
        std::sync::Arc::new(clinic_domain::SystemClock),
    )
    .map_err(|e| e.to_string())?;
    let report = worker.run_once().await.map_err(|e| e.to_string())?;
    println!(
        "Outbox: {} sent, {} to retry, {} failed, {} skipped (no longer due), {} unsent (no sender configured).",
        report.sent, report.retried, report.failed, report.skipped, report.unsent
    );
    Ok(())
}

async fn serve() -> Result<(), String> {
    let config = Config::from_env(&ProcessEnv).map_err(|e| e.to_string())?;
    let app = crate::startup::Application::build(&config)
        .await
        .map_err(|e| e.to_string())?;
    let base = format!("http://{}:{}", config.addr.ip(), app.port());
    tracing::info!(address = %base, "serving");
    println!();
    println!("Clinic is running at {base}/");
    println!("  API          {base}{}", crate::routes::API_BASE);
    println!("  Swagger UI   {base}/swagger-ui/");
    println!("  OpenAPI      {base}{}", crate::startup::OPENAPI_PATH);
    println!("  Health       {base}/health   Ready {base}/ready");
    println!("Press Ctrl-C to stop.");
    println!();
    tokio::spawn(announce_stop());
    app.run_until_stopped().await.map_err(|e| e.to_string())?;
    println!("Clinic stopped.");
    Ok(())
}

/// Says that a stop was asked for (the server itself drains on the same signals).
async fn announce_stop() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let Ok(mut term) = signal(SignalKind::terminate()) else {
            return;
        };
        tokio::select! {
            _ = tokio::signal::ctrl_c() => {}
            _ = term.recv() => {}
        }
    }
    #[cfg(not(unix))]
    let _ = tokio::signal::ctrl_c().await;
    println!("Stopping: finishing the requests in flight (up to 30 s)...");
}

pub(crate) async fn connect_for_tools() -> Result<db::DatabaseConnection, String> {
    let url = config::database_url(&ProcessEnv).map_err(|e| e.to_string())?;
    let settings = PoolSettings {
        max_connections: 2,
        ..PoolSettings::default()
    };
    db::connect(url.expose_secret(), &settings)
        .await
        .map_err(|e| e.to_string())
}

async fn migrate(action: MigrateAction) -> Result<(), String> {
    let conn = connect_for_tools().await?;
    let unreachable = |e: db::DbErr| describe_db_error(&e);
    match action {
        MigrateAction::Up => {
            migrations::up(&conn).await.map_err(unreachable)?;
            println!("All migrations are applied.");
        }
        MigrateAction::Down { steps, all } => {
            let steps = if all { None } else { Some(steps.unwrap_or(1)) };
            migrations::down(&conn, steps).await.map_err(unreachable)?;
            println!(
                "Rolled back {}.",
                steps.map_or("every migration".into(), |n| format!("{n} migration(s)"))
            );
        }
        MigrateAction::Status => {
            for state in migrations::status(&conn).await.map_err(unreachable)? {
                println!(
                    "{}  {}",
                    if state.applied { "applied" } else { "pending" },
                    state.name
                );
            }
        }
        MigrateAction::Fresh { yes } => {
            if !yes {
                return Err("`migrate fresh` destroys all data; repeat it with --yes".into());
            }
            migrations::fresh(&conn).await.map_err(unreachable)?;
            println!("Dropped everything and applied all migrations.");
        }
    }
    Ok(())
}

async fn db_check() -> Result<(), String> {
    let conn = connect_for_tools().await?;
    let info = db::server_info(&conn)
        .await
        .map_err(|e| describe_db_error(&e))?;
    let pending = migrations::pending_count(&conn)
        .await
        .map_err(|e| describe_db_error(&e))?;
    println!("Connected to database {:?}", info.database);
    println!("Server:       {}", info.version);
    println!(
        "Round trip:   {:.2} ms",
        info.round_trip.as_secs_f64() * 1000.0
    );
    println!(
        "Migrations:   {} known, {pending} pending",
        migrations::names().len()
    );
    Ok(())
}

fn describe_db_error(e: &db::DbErr) -> String {
    match db::classify(e) {
        db::DbFailure::Unavailable => format!(
            "cannot reach the database ({e}). Is PostgreSQL running and DATABASE_URL right? \
             `scripts/db start` starts the private cluster."
        ),
        _ => e.to_string(),
    }
}
