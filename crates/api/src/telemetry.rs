//! Structured logging through `tracing`. `RUST_LOG` filters; `CLINIC_LOG_FORMAT=json` switches
//! to one JSON object per line for log shippers.
//!
//! The default filter ([`DEFAULT_FILTER`]) shows `INFO` and above. The line per completed
//! request is logged at `DEBUG` (`ERROR` for a 5xx), so a developer's terminal keeps the
//! "running at" banner in sight; [`REQUEST_LOG_FILTER`] shows every request (production sets
//! it). Colour is used only when standard output is a terminal and `NO_COLOR` is unset, so a
//! log file or a pipe never holds ANSI escapes.

use std::io::IsTerminal;

use tracing_subscriber::EnvFilter;

/// The filter when `RUST_LOG` is unset: information, warnings and errors; no request lines.
pub const DEFAULT_FILTER: &str = "info,sqlx=warn,sea_orm=warn,actix_server=warn";

/// `RUST_LOG` that adds one line per completed request to [`DEFAULT_FILTER`].
pub const REQUEST_LOG_FILTER: &str =
    "info,clinic_api::http::request_log=debug,sqlx=warn,sea_orm=warn,actix_server=warn";

/// Whether log lines may carry ANSI colour: only on a terminal, and never under `NO_COLOR`.
#[must_use]
pub fn colour(on_terminal: bool, no_color: Option<&std::ffi::OsStr>) -> bool {
    on_terminal && no_color.is_none_or(std::ffi::OsStr::is_empty)
}

/// Installs the global subscriber once. Safe to call more than once (later calls do nothing).
pub fn init() {
    let filter =
        EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(DEFAULT_FILTER));
    let json = std::env::var("CLINIC_LOG_FORMAT").is_ok_and(|v| v.eq_ignore_ascii_case("json"));
    let ansi = colour(
        std::io::stdout().is_terminal(),
        std::env::var_os("NO_COLOR").as_deref(),
    );
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_target(false)
        .with_ansi(ansi && !json);
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

#[cfg(test)]
mod tests {
    use std::ffi::OsStr;

    use super::colour;

    #[test]
    fn colour_only_on_a_terminal_without_no_color() {
        assert!(colour(true, None));
        assert!(!colour(false, None));
        assert!(!colour(true, Some(OsStr::new("1"))));
        // NO_COLOR set but empty does not count (no-color.org).
        assert!(colour(true, Some(OsStr::new(""))));
    }
}
