//! What `clinic serve` writes when its output is not a terminal (as under `scripts/run` into a
//! file or a pipe): no ANSI colour, no line per request at the default filter (so the "running
//! at" banner stays in sight) while failures still show, and a last line when it stops.

use clinic_api::telemetry::REQUEST_LOG_FILTER;
use clinic_infrastructure::testing::TestDatabase;

use crate::serve_process::{ServeCommand, ServeProcess, TempDir};

/// `clinic serve` on a database of its own, logging into a directory of its own. Fields drop
/// in order: the process stops before its directory and database go.
struct Served {
    server: ServeProcess,
    _dir: TempDir,
    _database: TestDatabase,
}

impl Served {
    /// `clinic serve` with standard output and error going to one file; `rust_log` is
    /// `RUST_LOG` (None: unset, as `scripts/run` leaves it).
    async fn start(rust_log: Option<&str>) -> Self {
        let database = TestDatabase::create().await;
        let dir = TempDir::new("clinic-serve-output");
        let command = ServeCommand::new(database.url(), dir.path().join("serve.log"))
            .env("CLINIC_WORKERS", "1")
            .env_remove("NO_COLOR");
        let server = match rust_log {
            Some(filter) => command.env("RUST_LOG", filter),
            None => command,
        }
        .start()
        .await;
        Self {
            server,
            _dir: dir,
            _database: database,
        }
    }
}

async fn some_requests(address: &str) {
    for path in ["/health", "/api/v1/auth/me", "/api/v1/nothing-here"] {
        reqwest::get(format!("{address}{path}")).await.unwrap();
    }
}

#[tokio::test]
async fn by_default_a_file_gets_the_banner_no_request_lines_no_colour_and_a_stop_line() {
    let mut served = Served::start(None).await;
    some_requests(&served.server.address).await;
    let status = served.server.terminate();
    assert!(status.success(), "{status:?}");
    let output = served.server.output();
    assert!(!output.contains('\u{1b}'), "ANSI escapes in:\n{output}");
    assert!(
        output.contains(&format!("Clinic is running at {}/", served.server.address)),
        "{output}"
    );
    // Requests are logged at DEBUG: the default filter leaves them out, so the banner is the
    // last thing on screen until something needs attention.
    assert!(!output.contains("request completed"), "{output}");
    assert!(!output.contains("INFO request"), "{output}");
    let lines: Vec<&str> = output.lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(lines.last(), Some(&"Clinic stopped."), "{output}");
    let stopping = lines.iter().position(|l| l.starts_with("Stopping:"));
    let banner = lines
        .iter()
        .position(|l| l.starts_with("Clinic is running at"));
    assert!(stopping > banner, "{output}");
}

#[tokio::test]
async fn the_request_filter_shows_one_debug_line_per_request_still_without_colour() {
    let mut served = Served::start(Some(REQUEST_LOG_FILTER)).await;
    some_requests(&served.server.address).await;
    served.server.terminate();
    let output = served.server.output();
    assert!(!output.contains('\u{1b}'), "ANSI escapes in:\n{output}");
    let requests: Vec<&str> = output
        .lines()
        .filter(|l| l.contains("request completed"))
        .collect();
    // The readiness polls are requests too; ours are among them.
    assert!(requests.len() >= 3, "{output}");
    assert!(
        requests
            .iter()
            .all(|l| l.contains("DEBUG") && !l.contains("INFO")),
        "{requests:?}"
    );
    assert!(
        requests
            .iter()
            .any(|l| l.contains("path=/api/v1/nothing-here") && l.contains("status=404")),
        "{requests:?}"
    );
}
