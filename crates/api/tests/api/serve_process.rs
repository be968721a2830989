//! The real `clinic` binary as a child process, for the tests an in-process server cannot
//! stand in for: two instances on one database, a read replica, a database outage, the
//! server's own output. One place builds its command, starts it on a port of its own, waits
//! for it and stops it, so every such test runs it the same way.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus};
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

use clinic_infrastructure::testing::TEST_AUDIT_KEY;

use crate::helpers::TEST_JWT_SECRET;

/// A loopback port nothing listens on now.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A directory of the test's own, removed with what is in it when dropped.
pub struct TempDir(PathBuf);

impl TempDir {
    /// A new, empty directory named after `prefix`, this process and a counter.
    pub fn new(prefix: &str) -> Self {
        static NEXT: AtomicU32 = AtomicU32::new(0);
        let dir = std::env::temp_dir().join(format!(
            "{prefix}-{}-{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::SeqCst)
        ));
        std::fs::create_dir_all(&dir).unwrap();
        Self(dir)
    }

    pub fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// `clinic` on `database_url` with the tests' secrets, run from the temporary directory, and
/// none of the optional settings of the environment the tests were started from (a replica,
/// SMTP, trusted proxies, a log format or filter), so each test states the ones it needs.
pub fn clinic(database_url: &str) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_clinic"));
    command
        .env("DATABASE_URL", database_url)
        .env("CLINIC_JWT_SECRET", TEST_JWT_SECRET)
        .env("CLINIC_AUDIT_KEY", TEST_AUDIT_KEY)
        .env("CLINIC_WEB_DIR", "/nonexistent")
        .current_dir(std::env::temp_dir());
    for inherited in [
        "CLINIC_ADDR",
        "CLINIC_AUDIT_CHECKPOINT",
        "CLINIC_READ_DATABASE_URL",
        "CLINIC_SMTP_URL",
        "CLINIC_TRUSTED_PROXIES",
        "CLINIC_LOG_FORMAT",
        "RUST_LOG",
    ] {
        command.env_remove(inherited);
    }
    command
}

/// `clinic serve` about to start: on a free port, both output streams into one log file, and
/// an audit checkpoint of its own beside the log.
pub struct ServeCommand {
    command: Command,
    port: u16,
    log: PathBuf,
}

impl ServeCommand {
    pub fn new(database_url: &str, log: PathBuf) -> Self {
        let port = free_port();
        let mut command = clinic(database_url);
        command
            .arg("serve")
            .env("CLINIC_ADDR", format!("127.0.0.1:{port}"))
            .env(
                "CLINIC_AUDIT_CHECKPOINT",
                log.with_extension("checkpoint.json"),
            );
        Self { command, port, log }
    }

    /// Sets (or, when set before, replaces) one environment variable of the server.
    pub fn env(mut self, key: &str, value: impl AsRef<OsStr>) -> Self {
        self.command.env(key, value);
        self
    }

    /// Leaves one environment variable of the tests' out of the server's.
    pub fn env_remove(mut self, key: &str) -> Self {
        self.command.env_remove(key);
        self
    }

    /// Starts the process without waiting for it to be ready.
    pub fn spawn(mut self) -> ServeProcess {
        let file = std::fs::File::create(&self.log).unwrap();
        self.command.stdout(file.try_clone().unwrap()).stderr(file);
        ServeProcess {
            child: self.command.spawn().expect("clinic serve starts"),
            address: format!("http://127.0.0.1:{}", self.port),
            log: self.log,
        }
    }

    /// Starts the process and waits until `/ready` answers 200.
    pub async fn start(self) -> ServeProcess {
        let server = self.spawn();
        server.wait_ready().await;
        server
    }
}

/// A running `clinic serve`; dropped (also when a test panics), it is killed and waited for.
pub struct ServeProcess {
    pub child: Child,
    /// `http://127.0.0.1:PORT`.
    pub address: String,
    log: PathBuf,
}

impl ServeProcess {
    /// What it wrote so far, both streams.
    pub fn output(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// Waits until `/ready` answers 200; a slow machine gets a minute.
    pub async fn wait_ready(&self) {
        self.wait_until(|status| status == 200, "/ready", Duration::from_secs(60))
            .await;
    }

    /// Polls `path` until its status satisfies `ready` (0: no answer), failing with the
    /// server's output after `patience`.
    pub async fn wait_until(&self, ready: impl Fn(u16) -> bool, path: &str, patience: Duration) {
        let started = Instant::now();
        loop {
            let status = reqwest::get(format!("{}{path}", self.address))
                .await
                .map(|r| r.status().as_u16())
                .unwrap_or(0);
            if ready(status) {
                return;
            }
            assert!(
                started.elapsed() < patience,
                "{path} of {} still answers {status} after {patience:?}; its output:\n{}",
                self.address,
                self.output()
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Whether the process has not exited yet.
    pub fn running(&mut self) -> bool {
        self.child.try_wait().unwrap().is_none()
    }

    /// Sends SIGTERM (the graceful stop) without waiting for the exit.
    pub fn send_sigterm(&self) {
        let sent = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .unwrap();
        assert!(sent.success(), "kill -TERM");
    }

    /// Sends SIGTERM and waits (at most 40 s) for the exit; its status.
    pub fn terminate(&mut self) -> ExitStatus {
        self.send_sigterm();
        let started = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            assert!(
                started.elapsed() < Duration::from_secs(40),
                "still running after SIGTERM; its output:\n{}",
                self.output()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for ServeProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Polls `check` every 100 ms until it holds, failing after `bound`.
pub async fn until<F, Fut>(bound: Duration, what: &str, mut check: F)
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    let started = Instant::now();
    while !check().await {
        assert!(started.elapsed() < bound, "{what}: not within {bound:?}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}
