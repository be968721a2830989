//! Configuration, read once at start-up from the environment (and an optional `.env`).

use std::net::SocketAddr;
use std::time::Duration;

use clinic_infrastructure::audit_key::AuditKey;
use secrecy::{ExposeSecret, SecretString};

/// The least entropy we accept for the HMAC key that signs access tokens.
pub const MIN_JWT_SECRET_BYTES: usize = 32;

/// Everything `clinic serve` needs, validated.
#[derive(Debug, Clone)]
pub struct Config {
    /// Where PostgreSQL is; may hold a password, so it is never printed.
    pub database_url: SecretString,
    /// The address to listen on (`CLINIC_ADDR`, default 127.0.0.1:8080).
    pub addr: SocketAddr,
    /// HS256 key for access tokens (`CLINIC_JWT_SECRET`, at least 32 bytes).
    pub jwt_secret: SecretString,
    /// Connections per process (`CLINIC_DB_MAX_CONNECTIONS`, default 16).
    pub db_max_connections: u32,
    /// How long start-up waits for the database to come up (`CLINIC_DB_WAIT_SECS`, default 30).
    pub db_wait: Duration,
    /// Worker threads (`CLINIC_WORKERS`, default: one per core).
    pub workers: Option<usize>,
    /// The built web app to serve at `/` (`CLINIC_WEB_DIR`, default `frontend/dist`).
    pub web_dir: std::path::PathBuf,
    /// Browser origins besides our own that may call the API (`CLINIC_ALLOWED_ORIGINS`,
    /// comma-separated, default none: the app is served from the API's own origin).
    pub allowed_origins: Vec<String>,
    /// How long one request may take (`CLINIC_REQUEST_TIMEOUT_SECS`, default 30).
    pub request_timeout: Duration,
    /// Our reverse proxies, whose `X-Forwarded-For` is believed (`CLINIC_TRUSTED_PROXIES`,
    /// comma-separated IP addresses, default none).
    pub trusted_proxies: Vec<std::net::IpAddr>,
    /// The key of the audit chain and its checkpoint (`CLINIC_AUDIT_KEY`, hex, at least 32
    /// bytes); kept outside the database.
    pub audit_key: AuditKey,
    /// Where the signed checkpoint of the audit log's head is written
    /// (`CLINIC_AUDIT_CHECKPOINT`, default `.data/audit-checkpoint.json`).
    pub audit_checkpoint: std::path::PathBuf,
    /// How often `serve` moves the checkpoint when the head moved
    /// (`CLINIC_AUDIT_CHECKPOINT_SECS`, default 5).
    pub audit_checkpoint_every: Duration,
    /// The schema owner's connection, for applying migrations at start-up
    /// (`CLINIC_MIGRATE_DATABASE_URL`); without it, pending migrations run as `DATABASE_URL`.
    pub migrate_database_url: Option<SecretString>,
    /// Argon2 hashes that may run at once (`CLINIC_PASSWORD_HASH_CONCURRENCY`, default one per
    /// core, at least 2); beyond them sign-ins and sign-ups wait briefly, then answer 503.
    pub password_hash_concurrency: usize,
    /// The absolute lifetime of a sign-in in days (`CLINIC_SESSION_MAX_DAYS`, default 30):
    /// refreshing never extends a session past it.
    pub session_max_days: i64,
    /// The outbox's delivery: the SMTP server, the sender address, how often to look.
    pub outbox: OutboxConfig,
    /// A streaming read replica of `DATABASE_URL`'s database (`CLINIC_READ_DATABASE_URL`),
    /// which the heavy read-only paths read their data from while it is usable; may hold a
    /// password, so it is never printed. Without it, everything reads from the primary.
    pub read_database_url: Option<SecretString>,
    /// The most the replica's replay may lag before the routed paths read from the primary
    /// (`CLINIC_READ_MAX_LAG_SECS`, default 30).
    pub read_max_lag: Duration,
}

/// How the outbox delivers (`clinic serve`'s worker and `clinic outbox run`).
#[derive(Debug, Clone)]
pub struct OutboxConfig {
    /// The SMTP server (`CLINIC_SMTP_URL`, e.g. `smtp://127.0.0.1:2525`,
    /// `smtp://host:587?tls=required`, `smtps://user:password@host:465`); may hold a
    /// password, so it is never printed. Without it, due emails are recorded unsent.
    pub smtp_url: Option<SecretString>,
    /// The From of every email (`CLINIC_MAIL_FROM`, default `Clinic <no-reply@clinic.invalid>`).
    pub mail_from: String,
    /// How often `serve` looks for due messages (`CLINIC_OUTBOX_POLL_SECS`, default 30).
    pub poll_every: Duration,
}

/// The From address when `CLINIC_MAIL_FROM` is unset.
pub const DEFAULT_MAIL_FROM: &str = "Clinic <no-reply@clinic.invalid>";

/// Reads the outbox's variables.
///
/// # Errors
/// A `CLINIC_SMTP_URL` that is not `smtp://` or `smtps://`, or a poll interval out of bounds.
pub fn outbox(env: &impl Env) -> Result<OutboxConfig, ConfigError> {
    let smtp_url = match env.var("CLINIC_SMTP_URL") {
        None => None,
        Some(url) if url.starts_with("smtp://") || url.starts_with("smtps://") => {
            Some(SecretString::from(url))
        }
        Some(_) => {
            return Err(ConfigError::Invalid {
                name: "CLINIC_SMTP_URL",
                reason: "it must start with smtp:// or smtps://, e.g. smtp://127.0.0.1:2525".into(),
            });
        }
    };
    Ok(OutboxConfig {
        smtp_url,
        mail_from: env
            .var("CLINIC_MAIL_FROM")
            .unwrap_or_else(|| DEFAULT_MAIL_FROM.into()),
        poll_every: Duration::from_secs(parse_number(
            env,
            "CLINIC_OUTBOX_POLL_SECS",
            30,
            1..=3600,
        )?),
    })
}

/// A configuration problem, worded for the operator who has to fix it.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ConfigError {
    /// A required variable is not set.
    #[error("{name} is not set: {hint}")]
    Missing {
        name: &'static str,
        hint: &'static str,
    },
    /// A variable is set to something unusable.
    #[error("{name} is invalid: {reason}")]
    Invalid { name: &'static str, reason: String },
}

/// Reads environment variables through a function, so tests need not touch the process
/// environment.
pub trait Env {
    /// The variable's value, if set and not empty.
    fn var(&self, name: &str) -> Option<String>;
}

/// The real process environment.
pub struct ProcessEnv;

impl Env for ProcessEnv {
    fn var(&self, name: &str) -> Option<String> {
        std::env::var(name).ok().filter(|v| !v.trim().is_empty())
    }
}

/// Loads `.env` from the working directory if there is one; real environment variables win.
pub fn load_dotenv() {
    let _ = dotenvy::dotenv();
}

/// Reads `DATABASE_URL` alone, for the commands that only talk to the database.
///
/// # Errors
/// When it is missing or not a PostgreSQL URL.
pub fn database_url(env: &impl Env) -> Result<SecretString, ConfigError> {
    let url = env.var("DATABASE_URL").ok_or(ConfigError::Missing {
        name: "DATABASE_URL",
        hint: "set it to postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE, or use scripts/run \
               which starts a private PostgreSQL cluster",
    })?;
    if !(url.starts_with("postgres://") || url.starts_with("postgresql://")) {
        return Err(ConfigError::Invalid {
            name: "DATABASE_URL",
            reason: "it must start with postgres:// or postgresql://".into(),
        });
    }
    Ok(SecretString::from(url))
}

/// Where the audit checkpoint is written when `CLINIC_AUDIT_CHECKPOINT` is unset: the
/// project's local state directory, as `scripts/run` uses it.
pub const DEFAULT_AUDIT_CHECKPOINT: &str = ".data/audit-checkpoint.json";

/// Reads `CLINIC_AUDIT_KEY`: the HMAC key of the audit chain, hex, at least 32 bytes.
///
/// # Errors
/// When it is missing, not hex or too short.
pub fn audit_key(env: &impl Env) -> Result<AuditKey, ConfigError> {
    let raw = env.var("CLINIC_AUDIT_KEY").ok_or(ConfigError::Missing {
        name: "CLINIC_AUDIT_KEY",
        hint: "set it to at least 32 random bytes in hex, e.g. `openssl rand -hex 32`, kept \
               outside the database (scripts/run makes one in .data/audit-key)",
    })?;
    AuditKey::from_hex(&raw).map_err(|e| ConfigError::Invalid {
        name: "CLINIC_AUDIT_KEY",
        reason: e.to_string(),
    })
}

/// Reads `CLINIC_AUDIT_CHECKPOINT`, the checkpoint file's path.
#[must_use]
pub fn audit_checkpoint(env: &impl Env) -> std::path::PathBuf {
    env.var("CLINIC_AUDIT_CHECKPOINT")
        .unwrap_or_else(|| DEFAULT_AUDIT_CHECKPOINT.into())
        .into()
}

/// Reads `CLINIC_MIGRATE_DATABASE_URL`, the schema owner's connection, if set.
///
/// # Errors
/// When it is not a PostgreSQL URL.
pub fn migrate_database_url(env: &impl Env) -> Result<Option<SecretString>, ConfigError> {
    let Some(url) = env.var("CLINIC_MIGRATE_DATABASE_URL") else {
        return Ok(None);
    };
    if !(url.starts_with("postgres://") || url.starts_with("postgresql://")) {
        return Err(ConfigError::Invalid {
            name: "CLINIC_MIGRATE_DATABASE_URL",
            reason: "it must start with postgres:// or postgresql://".into(),
        });
    }
    Ok(Some(SecretString::from(url)))
}

/// Reads `CLINIC_READ_DATABASE_URL`, the read replica's connection, if set.
///
/// # Errors
/// When it is not a PostgreSQL URL.
pub fn read_database_url(env: &impl Env) -> Result<Option<SecretString>, ConfigError> {
    let Some(url) = env.var("CLINIC_READ_DATABASE_URL") else {
        return Ok(None);
    };
    if !(url.starts_with("postgres://") || url.starts_with("postgresql://")) {
        return Err(ConfigError::Invalid {
            name: "CLINIC_READ_DATABASE_URL",
            reason: "it must start with postgres:// or postgresql://".into(),
        });
    }
    Ok(Some(SecretString::from(url)))
}

impl Config {
    /// Reads and validates the whole configuration.
    ///
    /// # Errors
    /// The first problem found, naming the variable.
    pub fn from_env(env: &impl Env) -> Result<Self, ConfigError> {
        let database_url = database_url(env)?;
        let addr = match env.var("CLINIC_ADDR") {
            None => SocketAddr::from(([127, 0, 0, 1], 8080)),
            Some(raw) => raw.parse().map_err(|_| ConfigError::Invalid {
                name: "CLINIC_ADDR",
                reason: format!("{raw:?} is not an address such as 127.0.0.1:8080"),
            })?,
        };
        let jwt_secret = env.var("CLINIC_JWT_SECRET").ok_or(ConfigError::Missing {
            name: "CLINIC_JWT_SECRET",
            hint: "set it to a random string of at least 32 bytes, e.g. `openssl rand -hex 32`",
        })?;
        if jwt_secret.len() < MIN_JWT_SECRET_BYTES {
            return Err(ConfigError::Invalid {
                name: "CLINIC_JWT_SECRET",
                reason: format!(
                    "it is {} bytes long; at least {MIN_JWT_SECRET_BYTES} are required",
                    jwt_secret.len()
                ),
            });
        }
        Ok(Self {
            database_url,
            addr,
            jwt_secret: SecretString::from(jwt_secret),
            db_max_connections: parse_number(env, "CLINIC_DB_MAX_CONNECTIONS", 16, 1..=1000)?,
            db_wait: Duration::from_secs(parse_number(env, "CLINIC_DB_WAIT_SECS", 30, 0..=3600)?),
            web_dir: env
                .var("CLINIC_WEB_DIR")
                .unwrap_or_else(|| "frontend/dist".into())
                .into(),
            allowed_origins: allowed_origins(env)?,
            trusted_proxies: trusted_proxies(env)?,
            request_timeout: Duration::from_secs(parse_number(
                env,
                "CLINIC_REQUEST_TIMEOUT_SECS",
                30,
                1..=600,
            )?),
            password_hash_concurrency: parse_number(
                env,
                "CLINIC_PASSWORD_HASH_CONCURRENCY",
                crate::auth::hashing::default_slots(),
                1..=256,
            )?,
            session_max_days: parse_number(env, "CLINIC_SESSION_MAX_DAYS", 30, 1..=365)?,
            workers: match env.var("CLINIC_WORKERS") {
                None => None,
                Some(_) => Some(parse_number(env, "CLINIC_WORKERS", 1, 1..=256)?),
            },
            audit_key: audit_key(env)?,
            audit_checkpoint: audit_checkpoint(env),
            audit_checkpoint_every: Duration::from_secs(parse_number(
                env,
                "CLINIC_AUDIT_CHECKPOINT_SECS",
                5,
                1..=3600,
            )?),
            migrate_database_url: migrate_database_url(env)?,
            outbox: outbox(env)?,
            read_database_url: read_database_url(env)?,
            read_max_lag: Duration::from_secs(parse_number(
                env,
                "CLINIC_READ_MAX_LAG_SECS",
                30,
                0..=86_400,
            )?),
        })
    }

    /// The database URL, for the code that opens the pool.
    #[must_use]
    pub fn database_url(&self) -> &str {
        self.database_url.expose_secret()
    }
}

/// `CLINIC_TRUSTED_PROXIES`: IP addresses of our own reverse proxies.
fn trusted_proxies(env: &impl Env) -> Result<Vec<std::net::IpAddr>, ConfigError> {
    let Some(raw) = env.var("CLINIC_TRUSTED_PROXIES") else {
        return Ok(Vec::new());
    };
    raw.split(',')
        .map(str::trim)
        .filter(|entry| !entry.is_empty())
        .map(|entry| {
            entry.parse().map_err(|_| ConfigError::Invalid {
                name: "CLINIC_TRUSTED_PROXIES",
                reason: format!("{entry:?} is not an IP address such as 10.0.0.2"),
            })
        })
        .collect()
}

/// `CLINIC_ALLOWED_ORIGINS`: each entry a bare origin such as `https://app.example.org`.
fn allowed_origins(env: &impl Env) -> Result<Vec<String>, ConfigError> {
    let Some(raw) = env.var("CLINIC_ALLOWED_ORIGINS") else {
        return Ok(Vec::new());
    };
    raw.split(',')
        .map(str::trim)
        .filter(|origin| !origin.is_empty())
        .map(|origin| {
            let scheme_ok = origin.starts_with("http://") || origin.starts_with("https://");
            let host = origin.split_once("://").map_or("", |(_, rest)| rest);
            if scheme_ok && !host.is_empty() && !host.contains('/') && origin != "*" {
                Ok(origin.to_owned())
            } else {
                Err(ConfigError::Invalid {
                    name: "CLINIC_ALLOWED_ORIGINS",
                    reason: format!(
                        "{origin:?} is not an origin such as https://app.example.org (scheme and \
                         host, no path)"
                    ),
                })
            }
        })
        .collect()
}

fn parse_number<T>(
    env: &impl Env,
    name: &'static str,
    default: T,
    range: std::ops::RangeInclusive<T>,
) -> Result<T, ConfigError>
where
    T: std::str::FromStr + PartialOrd + std::fmt::Display + Copy,
{
    let Some(raw) = env.var(name) else {
        return Ok(default);
    };
    match raw.trim().parse::<T>() {
        Ok(value) if range.contains(&value) => Ok(value),
        _ => Err(ConfigError::Invalid {
            name,
            reason: format!(
                "{raw:?} is not a whole number from {} to {}",
                range.start(),
                range.end()
            ),
        }),
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;

    struct FakeEnv(HashMap<&'static str, &'static str>);

    impl Env for FakeEnv {
        fn var(&self, name: &str) -> Option<String> {
            self.0.get(name).map(|v| (*v).to_owned())
        }
    }

    /// The pairs, plus a valid `CLINIC_AUDIT_KEY` unless they set one.
    fn env(pairs: &[(&'static str, &'static str)]) -> FakeEnv {
        let mut vars: HashMap<_, _> = pairs.iter().copied().collect();
        vars.entry("CLINIC_AUDIT_KEY").or_insert(AUDIT_KEY);
        FakeEnv(vars)
    }

    const AUDIT_KEY: &str = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

    const SECRET: &str = "0123456789abcdef0123456789abcdef";

    #[test]
    fn a_complete_environment_gives_defaults_for_the_rest() {
        let config = Config::from_env(&env(&[
            ("DATABASE_URL", "postgres://localhost/clinic"),
            ("CLINIC_JWT_SECRET", SECRET),
        ]))
        .unwrap();
        assert_eq!(config.addr.to_string(), "127.0.0.1:8080");
        assert_eq!(config.db_max_connections, 16);
        assert_eq!(config.workers, None);
        assert!(config.allowed_origins.is_empty());
        assert!(config.trusted_proxies.is_empty());
        assert_eq!(config.request_timeout, Duration::from_secs(30));
        assert!(config.password_hash_concurrency >= 2);
        assert_eq!(config.session_max_days, 30);
    }

    #[test]
    fn allowed_origins_are_a_comma_separated_list_of_bare_origins() {
        let base = [
            ("DATABASE_URL", "postgres://localhost/clinic"),
            ("CLINIC_JWT_SECRET", SECRET),
        ];
        let with = |origins: &'static str| {
            let mut pairs = base.to_vec();
            pairs.push(("CLINIC_ALLOWED_ORIGINS", origins));
            Config::from_env(&env(&pairs))
        };
        let config = with("https://app.example.org, http://localhost:5173").unwrap();
        assert_eq!(
            config.allowed_origins,
            ["https://app.example.org", "http://localhost:5173"]
        );
        for wrong in ["*", "app.example.org", "https://app.example.org/path"] {
            assert!(
                matches!(
                    with(wrong),
                    Err(ConfigError::Invalid {
                        name: "CLINIC_ALLOWED_ORIGINS",
                        ..
                    })
                ),
                "{wrong} was accepted"
            );
        }
    }

    #[test]
    fn a_missing_database_url_names_the_variable() {
        let err = Config::from_env(&env(&[("CLINIC_JWT_SECRET", SECRET)])).unwrap_err();
        assert!(matches!(
            err,
            ConfigError::Missing {
                name: "DATABASE_URL",
                ..
            }
        ));
    }

    #[test]
    fn a_short_jwt_secret_is_refused() {
        let err = Config::from_env(&env(&[
            ("DATABASE_URL", "postgres://localhost/clinic"),
            ("CLINIC_JWT_SECRET", "short"),
        ]))
        .unwrap_err();
        assert!(err.to_string().contains("at least 32"), "{err}");
    }

    #[test]
    fn a_bad_address_or_number_is_refused() {
        let base = [
            ("DATABASE_URL", "postgres://localhost/clinic"),
            ("CLINIC_JWT_SECRET", SECRET),
        ];
        let mut with_addr = base.to_vec();
        with_addr.push(("CLINIC_ADDR", "localhost"));
        assert!(matches!(
            Config::from_env(&env(&with_addr)),
            Err(ConfigError::Invalid {
                name: "CLINIC_ADDR",
                ..
            })
        ));
        let mut with_pool = base.to_vec();
        with_pool.push(("CLINIC_DB_MAX_CONNECTIONS", "0"));
        assert!(matches!(
            Config::from_env(&env(&with_pool)),
            Err(ConfigError::Invalid {
                name: "CLINIC_DB_MAX_CONNECTIONS",
                ..
            })
        ));
    }

    #[test]
    fn the_secrets_do_not_show_in_debug_output() {
        let config = Config::from_env(&env(&[
            ("DATABASE_URL", "postgres://user:hunter2@localhost/clinic"),
            ("CLINIC_JWT_SECRET", SECRET),
        ]))
        .unwrap();
        let printed = format!("{config:?}");
        assert!(
            !printed.contains("hunter2") && !printed.contains(SECRET),
            "{printed}"
        );
    }

    #[test]
    fn the_outbox_needs_no_smtp_server_and_hides_its_password() {
        let none = outbox(&env(&[])).unwrap();
        assert!(none.smtp_url.is_none());
        assert_eq!(none.mail_from, DEFAULT_MAIL_FROM);
        assert_eq!(none.poll_every, Duration::from_secs(30));
        let set = outbox(&env(&[(
            "CLINIC_SMTP_URL",
            "smtps://me:hunter2@mail.test:465",
        )]))
        .unwrap();
        assert!(!format!("{set:?}").contains("hunter2"));
        assert!(matches!(
            outbox(&env(&[("CLINIC_SMTP_URL", "http://mail.test")])),
            Err(ConfigError::Invalid {
                name: "CLINIC_SMTP_URL",
                ..
            })
        ));
    }

    #[test]
    fn a_non_postgres_url_is_refused() {
        let err = database_url(&env(&[("DATABASE_URL", "mysql://x")])).unwrap_err();
        assert!(matches!(
            err,
            ConfigError::Invalid {
                name: "DATABASE_URL",
                ..
            }
        ));
    }

    #[test]
    fn serve_refuses_to_start_without_an_audit_key_of_32_bytes() {
        let base = [
            ("DATABASE_URL", "postgres://localhost/clinic"),
            ("CLINIC_JWT_SECRET", SECRET),
        ];
        let missing = FakeEnv(base.iter().copied().collect());
        assert!(matches!(
            Config::from_env(&missing),
            Err(ConfigError::Missing {
                name: "CLINIC_AUDIT_KEY",
                ..
            })
        ));
        let mut short = base.to_vec();
        short.push(("CLINIC_AUDIT_KEY", "00112233"));
        let err = Config::from_env(&env(&short)).unwrap_err();
        assert!(err.to_string().contains("at least 32"), "{err}");
        let mut not_hex = base.to_vec();
        not_hex.push((
            "CLINIC_AUDIT_KEY",
            "not hex: not hex: not hex: not hex: not hex: not hex: not hex",
        ));
        assert!(matches!(
            Config::from_env(&env(&not_hex)),
            Err(ConfigError::Invalid {
                name: "CLINIC_AUDIT_KEY",
                ..
            })
        ));
        let config = Config::from_env(&env(&base)).unwrap();
        assert!(!format!("{config:?}").contains(AUDIT_KEY));
        assert_eq!(
            config.audit_checkpoint,
            std::path::PathBuf::from(DEFAULT_AUDIT_CHECKPOINT)
        );
        assert_eq!(config.audit_checkpoint_every, Duration::from_secs(5));
        assert!(config.migrate_database_url.is_none());
    }

    #[test]
    fn the_read_replica_is_optional_and_its_url_hidden() {
        let base = [
            ("DATABASE_URL", "postgres://localhost/clinic"),
            ("CLINIC_JWT_SECRET", SECRET),
        ];
        let config = Config::from_env(&env(&base)).unwrap();
        assert!(config.read_database_url.is_none());
        assert_eq!(config.read_max_lag, Duration::from_secs(30));
        let mut with = base.to_vec();
        with.push((
            "CLINIC_READ_DATABASE_URL",
            "postgres://reader:hunter2@replica/clinic",
        ));
        with.push(("CLINIC_READ_MAX_LAG_SECS", "5"));
        let config = Config::from_env(&env(&with)).unwrap();
        assert!(config.read_database_url.is_some());
        assert_eq!(config.read_max_lag, Duration::from_secs(5));
        assert!(!format!("{config:?}").contains("hunter2"));
        let mut wrong = base.to_vec();
        wrong.push(("CLINIC_READ_DATABASE_URL", "replica:5432"));
        assert!(matches!(
            Config::from_env(&env(&wrong)),
            Err(ConfigError::Invalid {
                name: "CLINIC_READ_DATABASE_URL",
                ..
            })
        ));
    }
}
