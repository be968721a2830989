//! What `clinic serve` writes when its output is not a terminal (as under `scripts/run` into a
//! file or a pipe): no ANSI colour, no line per request at the default filter (so the "running
//! at" banner stays in sight) while failures still show, and a last line when it stops.

use std::path::{Path, PathBuf};
use std::process::{Child, Command};
use std::time::{Duration, Instant};

use clinic_api::telemetry::REQUEST_LOG_FILTER;
use clinic_infrastructure::testing::{TEST_AUDIT_KEY, TestDatabase};

use crate::helpers::TEST_JWT_SECRET;

struct Served {
    child: Child,
    address: String,
    log: PathBuf,
    _database: TestDatabase,
}

impl Served {
    /// `clinic serve` with standard output and error going to one file; `rust_log` is
    /// `RUST_LOG` (None: unset, as `scripts/run` leaves it).
    async fn start(rust_log: Option<&str>) -> Self {
        let database = TestDatabase::create().await;
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let log = std::env::temp_dir().join(format!(
            "clinic-serve-output-{}-{port}.log",
            std::process::id()
        ));
        let file = std::fs::File::create(&log).unwrap();
        let mut command = Command::new(env!("CARGO_BIN_EXE_clinic"));
        command
            .arg("serve")
            .env("DATABASE_URL", database.url())
            .env("CLINIC_ADDR", format!("127.0.0.1:{port}"))
            .env("CLINIC_JWT_SECRET", TEST_JWT_SECRET)
            .env("CLINIC_AUDIT_KEY", TEST_AUDIT_KEY)
            .env(
                "CLINIC_AUDIT_CHECKPOINT",
                log.with_extension("checkpoint.json"),
            )
            .env("CLINIC_WEB_DIR", "/nonexistent")
            .env("CLINIC_WORKERS", "1")
            .env_remove("RUST_LOG")
            .env_remove("NO_COLOR")
            .env_remove("CLINIC_LOG_FORMAT")
            .current_dir(std::env::temp_dir())
            .stdout(file.try_clone().unwrap())
            .stderr(file);
        if let Some(filter) = rust_log {
            command.env("RUST_LOG", filter);
        }
        let child = command.spawn().expect("clinic serve starts");
        let served = Self {
            child,
            address: format!("http://127.0.0.1:{port}"),
            log,
            _database: database,
        };
        let started = Instant::now();
        while reqwest::get(format!("{}/ready", served.address))
            .await
            .map(|r| r.status().as_u16())
            .unwrap_or(0)
            != 200
        {
            assert!(
                started.elapsed() < Duration::from_secs(60),
                "not ready; log:\n{}",
                served.output()
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        served
    }

    fn output(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// Sends SIGTERM and waits for the process to exit; its exit status.
    fn terminate(&mut self) -> std::process::ExitStatus {
        let killed = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .unwrap();
        assert!(killed.success());
        let started = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            assert!(
                started.elapsed() < Duration::from_secs(40),
                "still running after SIGTERM"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        remove(&self.log);
    }
}

fn remove(path: &Path) {
    let _ = std::fs::remove_file(path);
}

async fn some_requests(address: &str) {
    for path in ["/health", "/api/v1/auth/me", "/api/v1/nothing-here"] {
        reqwest::get(format!("{address}{path}")).await.unwrap();
    }
}

#[tokio::test]
async fn by_default_a_file_gets_the_banner_no_request_lines_no_colour_and_a_stop_line() {
    let mut served = Served::start(None).await;
    some_requests(&served.address).await;
    let status = served.terminate();
    assert!(status.success(), "{status:?}");
    let output = served.output();
    assert!(!output.contains('\u{1b}'), "ANSI escapes in:\n{output}");
    assert!(
        output.contains(&format!("Clinic is running at {}/", served.address)),
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
    some_requests(&served.address).await;
    served.terminate();
    let output = served.output();
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
