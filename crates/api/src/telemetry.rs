//! Structured logging through `tracing`. `RUST_LOG` filters; `CLINIC_LOG_FORMAT=json` switches
//! to one JSON object per line for log shippers.

use tracing_subscriber::EnvFilter;

/// Installs the global subscriber once. Safe to call more than once (later calls do nothing).
pub fn init() {
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,sea_orm=warn,actix_server=warn"));
    let json = std::env::var("CLINIC_LOG_FORMAT").is_ok_and(|v| v.eq_ignore_ascii_case("json"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_target(false);
    let _ = if json {
        builder
            .json()
            .flatten_event(true)
            .with_current_span(true)
            .try_init()
    } else {
        builder.compact().try_init()
    };
}
