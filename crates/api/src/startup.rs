//! Building and running the HTTP server.

use std::net::TcpListener;
use std::time::{Duration, Instant};

use actix_web::dev::Server;
use actix_web::middleware::from_fn;
use actix_web::{App, HttpServer, web};
use clinic_infrastructure::db::DatabaseConnection;
use utoipa_actix_web::AppExt;
use utoipa_swagger_ui::SwaggerUi;

use crate::config::Config;
use crate::http::{
    client_address, extractors, limits, problem_net, request_log, security, web_app,
};
use crate::state::AppState;
use clinic_infrastructure::db::{self, PoolSettings};
use clinic_infrastructure::security::JwtSettings;
use secrecy::ExposeSecret;

/// Where the OpenAPI document is served.
pub const OPENAPI_PATH: &str = "/api-docs/openapi.json";

/// How the HTTP server runs.
#[derive(Debug, Clone)]
pub struct ServerOptions {
    /// Worker threads; one per core when `None`.
    pub workers: Option<usize>,
    /// The built web app to serve at `/`, if any.
    pub web_dir: Option<std::path::PathBuf>,
    /// Other browser origins allowed to call the API (CORS).
    pub allowed_origins: Vec<String>,
    /// How long one request may take before it is answered 503.
    pub request_timeout: Duration,
    /// Reverse proxies whose `X-Forwarded-For` names the client (for the login throttle).
    pub trusted_proxies: Vec<std::net::IpAddr>,
}

impl Default for ServerOptions {
    fn default() -> Self {
        Self {
            workers: None,
            web_dir: None,
            allowed_origins: Vec::new(),
            request_timeout: Duration::from_secs(30),
            trusted_proxies: Vec::new(),
        }
    }
}

/// The pool the server runs on: at most `max_connections`, and PostgreSQL's
/// `statement_timeout` equal to the request timeout, so a statement stops when the request
/// that ran it has given up.
#[must_use]
pub fn pool_settings(max_connections: u32, request_timeout: Duration) -> PoolSettings {
    PoolSettings {
        max_connections,
        statement_timeout: Some(request_timeout),
        ..PoolSettings::default()
    }
}

/// A bound, not yet running server.
pub struct Application {
    port: u16,
    server: Server,
    /// The outbox worker `serve` runs beside the server, stopped with it.
    outbox: Option<crate::outbox::OutboxWorker>,
    outbox_every: Duration,
}

impl Application {
    /// Connects to the database (waiting up to `config.db_wait` for it), applies pending
    /// migrations and binds the listener.
    ///
    /// # Errors
    /// When the database stays unreachable, a migration fails, or the address cannot be bound.
    pub async fn build(config: &Config) -> Result<Self, StartupError> {
        let settings = pool_settings(config.db_max_connections, config.request_timeout);
        let db = db::connect(config.database_url(), &settings)
            .await
            .map_err(|e| StartupError::Database(e.to_string()))?;
        wait_for_database(&db, config.db_wait).await?;
        clinic_infrastructure::audit_key::install_append_key(&config.audit_key)
            .map_err(StartupError::AuditKey)?;
        migrate_if_pending(&db, config).await?;
        let listener = TcpListener::bind(config.addr)
            .map_err(|e| StartupError::Bind(config.addr.to_string(), e.to_string()))?;
        let jwt = JwtSettings {
            secret: config.jwt_secret.expose_secret().as_bytes().to_vec(),
        };
        let options = ServerOptions {
            workers: config.workers,
            web_dir: Some(config.web_dir.clone()),
            allowed_origins: config.allowed_origins.clone(),
            request_timeout: config.request_timeout,
            trusted_proxies: config.trusted_proxies.clone(),
        };
        let mut state = AppState::new(db, &jwt);
        if let Some(url) = &config.read_database_url {
            // Lazily connecting: the server starts, and serves from the primary, while the
            // replica is down.
            let replica = db::connect(url.expose_secret(), &settings)
                .await
                .map_err(|e| StartupError::Database(format!("the read replica: {e}")))?;
            let health =
                std::sync::Arc::new(crate::replica::ReplicaHealth::new(config.read_max_lag));
            crate::replica::spawn_probe(replica.clone(), std::sync::Arc::clone(&health));
            state = state.with_replica(&replica, health);
            tracing::info!(
                max_lag_secs = config.read_max_lag.as_secs(),
                "CLINIC_READ_DATABASE_URL is set: the audit-log search and calendar feeds read their \
                 data from the replica while it is usable"
            );
        }
        state.password_slots = std::sync::Arc::new(crate::auth::PasswordSlots::new(
            config.password_hash_concurrency,
            crate::auth::hashing::DEFAULT_SLOT_WAIT,
        ));
        state.session_lifetime.absolute = chrono::Duration::days(config.session_max_days);
        // The signed head of the audit log, outside the database, moved while serving.
        clinic_infrastructure::audit_checkpoint::spawn_writer(
            state.db.clone(),
            config.audit_key.clone(),
            config.audit_checkpoint.clone(),
            config.audit_checkpoint_every,
            std::sync::Arc::clone(&state.clock),
        );
        let outbox = crate::outbox::OutboxWorker::from_config(
            state.db.clone(),
            &config.outbox,
            std::sync::Arc::clone(&state.clock),
        )
        .map_err(|e| StartupError::Outbox(e.to_string()))?;
        if config.outbox.smtp_url.is_none() {
            tracing::warn!(
                "CLINIC_SMTP_URL is not set: due emails are recorded in the outbox as unsent"
            );
        }
        let mut app = Self::with_listener(listener, state, options)?;
        app.outbox = Some(outbox);
        app.outbox_every = config.outbox.poll_every;
        Ok(app)
    }

    /// Serves on an already bound listener (tests bind port 0).
    ///
    /// # Errors
    /// When the listener cannot be used.
    pub fn with_listener(
        listener: TcpListener,
        state: AppState,
        options: ServerOptions,
    ) -> Result<Self, StartupError> {
        let web_dir = options.web_dir.filter(|dir| web_app::is_built(dir));
        let port = listener
            .local_addr()
            .map_err(|e| StartupError::Bind("?".into(), e.to_string()))?
            .port();
        let document = crate::openapi::document();
        let timeout = web::Data::new(limits::RequestTimeout(options.request_timeout));
        let allowed_origins = options.allowed_origins;
        let proxies = web::Data::new(client_address::TrustedProxies(options.trusted_proxies));
        let mut server = HttpServer::new(move || {
            let (app, _) = App::new()
                .into_utoipa_app()
                .openapi(crate::openapi::base())
                .app_data(web::Data::new(state.clone()))
                .app_data(timeout.clone())
                .app_data(proxies.clone())
                .app_data(extractors::path_config())
                .configure(crate::routes::configure)
                .split_for_parts();
            let app = app
                .service(crate::fhir::service())
                .service(SwaggerUi::new("/swagger-ui/{_:.*}").url(OPENAPI_PATH, document.clone()));
            // The web app takes every path the API does not; without it, `/` says how to build it.
            let app = match &web_dir {
                Some(dir) => app.service(web_app::service(dir.clone())),
                None => app.route("/", web::get().to(web_app::not_built)),
            };
            // Innermost first: size limits, CORS, then the problem+json net so it also covers
            // what CORS rejects, logging (which sees the final status), the security headers,
            // and the time limit around it all.
            app.default_service(web::to(extractors::not_found))
                .wrap(from_fn(limits::enforce))
                .wrap(security::cors(&allowed_origins))
                .wrap(from_fn(problem_net::ensure_problem_json))
                .wrap(from_fn(crate::fhir::outcome_net))
                .wrap(from_fn(request_log::log_request))
                .wrap(from_fn(security::add_headers))
                .wrap(from_fn(limits::time_limit))
        })
        // Headers must arrive within 5 s, or the connection is answered 408 and closed.
        .client_request_timeout(Duration::from_secs(5))
        .shutdown_timeout(30)
        .listen(listener)
        .map_err(|e| StartupError::Bind("listener".into(), e.to_string()))?;
        if let Some(workers) = options.workers {
            server = server.workers(workers);
        }
        Ok(Self {
            port,
            server: server.run(),
            outbox: None,
            outbox_every: Duration::from_secs(30),
        })
    }

    /// The port the server listens on.
    #[must_use]
    pub fn port(&self) -> u16 {
        self.port
    }

    /// Runs until SIGTERM or Ctrl-C, then drains in-flight requests (up to 30 s) and stops
    /// the outbox worker (after the messages it is sending).
    ///
    /// # Errors
    /// I/O errors of the server.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        let worker = self.outbox.map(|w| w.spawn(self.outbox_every));
        let served = self.server.await;
        if let Some(worker) = worker {
            worker.stop().await;
        }
        served
    }
}

/// Applies pending migrations, as the schema owner when `CLINIC_MIGRATE_DATABASE_URL` is set.
/// Nothing is run when nothing is pending, so the serving role needs no right to create tables
/// (sea-orm-migration's `up` begins with `CREATE TABLE IF NOT EXISTS seaql_migrations`).
async fn migrate_if_pending(db: &DatabaseConnection, config: &Config) -> Result<(), StartupError> {
    let migration = |e: db::DbErr| StartupError::Migration(e.to_string());
    if clinic_infrastructure::migrations::pending_count(db)
        .await
        .map_err(migration)?
        == 0
    {
        return Ok(());
    }
    let Some(owner_url) = &config.migrate_database_url else {
        return clinic_infrastructure::migrations::up(db)
            .await
            .map_err(migration);
    };
    let settings = PoolSettings {
        max_connections: 1,
        ..PoolSettings::default()
    };
    let owner = db::connect(owner_url.expose_secret(), &settings)
        .await
        .map_err(|e| StartupError::Database(e.to_string()))?;
    let applied = clinic_infrastructure::migrations::up(&owner)
        .await
        .map_err(migration);
    owner.close().await.ok();
    applied
}

async fn wait_for_database(
    db: &DatabaseConnection,
    patience: Duration,
) -> Result<(), StartupError> {
    let started = Instant::now();
    loop {
        match db::ping(db).await {
            Ok(()) => return Ok(()),
            Err(e) if started.elapsed() >= patience => {
                return Err(StartupError::Database(e.to_string()));
            }
            Err(_) => {
                tracing::warn!("waiting for the database to accept connections");
                tokio::time::sleep(Duration::from_millis(500)).await;
            }
        }
    }
}

/// Why the server could not start.
#[derive(Debug, thiserror::Error)]
pub enum StartupError {
    /// The database is unreachable.
    #[error("the database is unreachable: {0}")]
    Database(String),
    /// A migration failed.
    #[error("applying migrations failed: {0}")]
    Migration(String),
    /// The address could not be bound.
    #[error("cannot listen on {0}: {1}")]
    Bind(String, String),
    /// Another audit key is already installed in this process.
    #[error("the audit key cannot be installed: {0}")]
    AuditKey(String),
    /// The outbox's SMTP settings are unusable.
    #[error("the outbox cannot deliver: {0}")]
    Outbox(String),
}
