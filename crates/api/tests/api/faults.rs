//! Faults from outside: the database stops under load and comes back, and the server is told to
//! stop while requests are in flight. These run `clinic serve` as a process against a PostgreSQL
//! cluster of their own, because stopping the shared test server would break every other test.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use clinic_domain::identity::Role;
use serde_json::{Value, json};
use tokio::sync::Mutex;

use clinic_infrastructure::testing::TEST_AUDIT_KEY;

use crate::helpers::{open_session_sql, token_for};
use crate::serve_process::{ServeCommand, ServeProcess, free_port};

/// A throw-away PostgreSQL cluster, run (as the `postgres` OS user when we are root) through
/// the same shell helpers the scripts use.
struct Cluster {
    dir: PathBuf,
    port: u16,
}

impl Cluster {
    fn create() -> Self {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!(
            "clinic-fault-pg-{}-{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::SeqCst)
        ));
        std::fs::create_dir_all(&dir).unwrap();
        pg_shell(
            &format!(
                "chmod 755 '{0}' && pg_init_cluster '{0}/data'",
                dir.display()
            ),
            "initdb",
        );
        let cluster = Self {
            dir,
            port: free_port(),
        };
        cluster.start();
        cluster
    }

    fn url(&self) -> String {
        format!("postgres://postgres@127.0.0.1:{}/postgres", self.port)
    }

    fn start(&self) {
        pg_shell(
            &format!(
                "pg_start_cluster '{0}/data' '{0}/run' {1} '{0}/server.log' -c fsync=off",
                self.dir.display(),
                self.port
            ),
            "pg_ctl start",
        );
    }

    /// Stops the server the hard way: no checkpoint, every connection cut mid-statement, as in
    /// a crash or a lost network.
    fn crash(&self) {
        pg_shell(
            &format!(
                "as_pg_user \"$(pg_bindir)/pg_ctl\" -D '{}/data' -m immediate -w stop >/dev/null",
                self.dir.display()
            ),
            "pg_ctl stop",
        );
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        let _ = Command::new("bash")
            .arg("-c")
            .arg(format!(
                ". '{}' && pg_stop_cluster '{}/data'",
                pg_helpers().display(),
                self.dir.display()
            ))
            .output();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn pg_helpers() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scripts/lib/pg.sh")
}

fn pg_shell(script: &str, what: &str) {
    let output = Command::new("bash")
        .arg("-c")
        .arg(format!(". '{}' && {script}", pg_helpers().display()))
        .output()
        .expect("bash runs");
    assert!(
        output.status.success(),
        "{what} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// Starts `clinic serve` on `database_url` (migrating it if needed), logging to `log`, and
/// waits until it is ready.
pub(crate) async fn start_server(database_url: &str, log: PathBuf) -> ServeProcess {
    ServeCommand::new(database_url, log)
        .env("CLINIC_WORKERS", "2")
        // Sign-ups are throttled per client address: the load below names one per request.
        .env("CLINIC_TRUSTED_PROXIES", "127.0.0.1")
        // Enough hashing slots that a loaded test machine queues nothing into a 503.
        .env("CLINIC_PASSWORD_HASH_CONCURRENCY", "16")
        .env("RUST_LOG", "warn")
        .start()
        .await
}

fn psql(url: &str, sql: &str) -> String {
    let output = Command::new("psql")
        .args([url, "-qtAX", "-c", sql])
        .output()
        .expect("psql runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).trim().to_owned()
}

fn create_admin(url: &str) -> i32 {
    let mut child = Command::new(env!("CARGO_BIN_EXE_clinic"))
        .args(["create-user", "--role", "admin", "--username", "root"])
        .args(["--email", "root@clinic.test"])
        .env("DATABASE_URL", url)
        .env("CLINIC_AUDIT_KEY", TEST_AUDIT_KEY)
        .env("RUST_LOG", "error")
        .current_dir(std::env::temp_dir())
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"a long enough admin password\n")
        .unwrap();
    assert!(child.wait().unwrap().success(), "create-user failed");
    psql(url, "SELECT user_id FROM users WHERE username = 'root'")
        .parse()
        .unwrap()
}

async fn assert_unavailable(response: reqwest::Response) {
    assert_eq!(response.status().as_u16(), 503);
    assert_eq!(
        response.headers()["content-type"],
        "application/problem+json"
    );
    let problem: Value = response.json().await.unwrap();
    assert_eq!(problem["status"], 503, "{problem}");
}

#[tokio::test]
async fn a_database_outage_answers_503_loses_nothing_half_done_and_heals_itself() {
    let cluster = Cluster::create();
    let mut server = start_server(&cluster.url(), cluster.dir.join("clinic.log")).await;
    let admin_id = create_admin(&cluster.url());
    let session = psql(&cluster.url(), &open_session_sql(admin_id));
    let admin = token_for(admin_id, Role::Admin, &session);
    let client = reqwest::Client::new();
    let patients = format!("{}/api/v1/patients", server.address);
    let listed = client
        .get(&patients)
        .bearer_auth(&admin)
        .send()
        .await
        .unwrap();
    assert_eq!(listed.status().as_u16(), 200);

    // Sign-ups (user, patient, demographics and audit rows in one transaction) keep arriving
    // from four clients while the database goes away and comes back.
    let stop = Arc::new(AtomicBool::new(false));
    let statuses = Arc::new(Mutex::new(BTreeMap::<u16, usize>::new()));
    let mut writers = Vec::new();
    for writer in 0..4 {
        let (stop, statuses, client) = (stop.clone(), statuses.clone(), client.clone());
        let url = format!("{}/api/v1/auth/register", server.address);
        writers.push(tokio::spawn(async move {
            let mut n = 0;
            while !stop.load(Ordering::SeqCst) {
                n += 1;
                let body = json!({
                    "username": format!("w{writer}n{n}"),
                    "email": format!("w{writer}n{n}@example.com"),
                    "password": "a long enough patient password",
                    "first_name": "Pat",
                    "last_name": format!("Writer{writer}"),
                    "date_of_birth": "1990-04-01",
                });
                let client_address = format!("10.{writer}.{}.{}", (n / 250) % 250, n % 250 + 1);
                let request = client
                    .post(&url)
                    .header("x-forwarded-for", client_address)
                    .json(&body);
                let status = match request.send().await {
                    Ok(response) => response.status().as_u16(),
                    Err(_) => 0,
                };
                *statuses.lock().await.entry(status).or_default() += 1;
            }
        }));
    }
    tokio::time::sleep(Duration::from_millis(1500)).await;

    cluster.crash();
    server
        .wait_until(|s| s == 503, "/ready", Duration::from_secs(10))
        .await;
    assert_unavailable(
        reqwest::get(format!("{}/ready", server.address))
            .await
            .unwrap(),
    )
    .await;
    assert_unavailable(
        client
            .get(&patients)
            .bearer_auth(&admin)
            .send()
            .await
            .unwrap(),
    )
    .await;
    let health = reqwest::get(format!("{}/health", server.address))
        .await
        .unwrap();
    assert_eq!(
        health.status().as_u16(),
        200,
        "liveness does not need the database"
    );
    // Longer than the pool's 3 s acquire timeout, so sign-ups waiting for a connection give up
    // with 503 rather than all being served once the database is back.
    tokio::time::sleep(Duration::from_millis(3500)).await;
    assert!(
        server.running(),
        "the server stays up while the database is down"
    );

    cluster.start();
    server
        .wait_until(|s| s == 200, "/ready", Duration::from_secs(30))
        .await;
    // Connections the pool held across the outage are dead; each is discarded on first use,
    // so a few requests may still answer 503 before the list is served again.
    let started = Instant::now();
    loop {
        let status = client
            .get(&patients)
            .bearer_auth(&admin)
            .send()
            .await
            .unwrap()
            .status();
        if status == 200 {
            break;
        }
        assert_eq!(status.as_u16(), 503);
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "still {status}"
        );
    }
    tokio::time::sleep(Duration::from_millis(500)).await;
    stop.store(true, Ordering::SeqCst);
    for writer in writers {
        writer.await.unwrap();
    }

    let statuses = statuses.lock().await.clone();
    let unexpected: Vec<_> = statuses
        .keys()
        .filter(|s| ![202, 503].contains(*s))
        .collect();
    assert!(
        unexpected.is_empty(),
        "sign-ups answered only 202 or 503, got {statuses:?}"
    );
    eprintln!("sign-up answers across the outage: {statuses:?}");
    let created = statuses.get(&202).copied().unwrap_or(0);
    let refused = statuses.get(&503).copied().unwrap_or(0);
    assert!(created > 0 && refused > 0, "{statuses:?}");

    // Every sign-up the database kept is whole: its patient, demographics and audit row exist,
    // and nothing exists without its user.
    let url = cluster.url();
    let kept: usize = psql(&url, "SELECT count(*) FROM users WHERE role = 'patient'")
        .parse()
        .unwrap();
    assert!(kept >= created, "{kept} kept, {created} answered 202");
    let orphans_or_halves = psql(
        &url,
        "SELECT (SELECT count(*) FROM users u WHERE u.role = 'patient' AND (
                    NOT EXISTS (SELECT 1 FROM patients p WHERE p.user_id = u.user_id)
                    OR NOT EXISTS (SELECT 1 FROM demographics d WHERE d.user_id = u.user_id)
                    OR NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.table_name = 'users'
                                   AND a.record_id = u.user_id AND a.action = 'insert')))
              + (SELECT count(*) FROM patients p
                 WHERE NOT EXISTS (SELECT 1 FROM users u WHERE u.user_id = p.user_id))",
    );
    assert_eq!(orphans_or_halves, "0");
    let verify = Command::new(env!("CARGO_BIN_EXE_clinic"))
        // The crash may come before the first checkpoint; the chain itself is what is checked.
        .args(["audit", "verify", "--without-checkpoint"])
        .env("DATABASE_URL", &url)
        .env("CLINIC_AUDIT_KEY", TEST_AUDIT_KEY)
        .current_dir(std::env::temp_dir())
        .output()
        .unwrap();
    assert!(
        verify.status.success(),
        "the audit chain is intact after the crash: {}",
        String::from_utf8_lossy(&verify.stdout)
    );
}

#[tokio::test]
async fn sigterm_lets_requests_in_flight_finish_before_the_server_exits() {
    let cluster = Cluster::create();
    let mut server = start_server(&cluster.url(), cluster.dir.join("clinic.log")).await;
    create_admin(&cluster.url());
    let url = format!("{}/api/v1/auth/login", server.address);
    let client = reqwest::Client::new();
    let credentials = json!({"login": "root", "password": "a long enough admin password"});
    // The operator has signed in from here before, so the eight sign-ins below are not held to
    // the per-account limit of an unfamiliar address.
    let first = client.post(&url).json(&credentials).send().await.unwrap();
    assert_eq!(first.status().as_u16(), 200);

    // Each sign-in spends tens of milliseconds in argon2, so eight of them on two workers are
    // still being answered when the signal arrives.
    let logins: Vec<_> = (0..8)
        .map(|_| {
            let (client, url) = (client.clone(), url.clone());
            tokio::spawn(async move {
                let response = client
                    .post(&url)
                    .json(&json!({"login": "root", "password": "a long enough admin password"}))
                    .send()
                    .await
                    .map_err(|e| e.to_string())?;
                let status = response.status().as_u16();
                let body: Value = response.json().await.map_err(|e| e.to_string())?;
                Ok::<_, String>((status, body, Instant::now()))
            })
        })
        .collect();
    tokio::time::sleep(Duration::from_millis(40)).await;
    let signalled = Instant::now();
    server.send_sigterm();

    let mut finished_after_signal = 0;
    for login in logins {
        let (status, body, at) = login
            .await
            .unwrap()
            .expect("an accepted request is answered");
        assert_eq!(status, 200, "{body}");
        assert!(body["access_token"].is_string());
        if at > signalled {
            finished_after_signal += 1;
        }
    }
    assert!(
        finished_after_signal > 0,
        "no request was still in flight at the signal, so draining was not exercised"
    );
    let started = Instant::now();
    while server.running() {
        assert!(
            started.elapsed() < Duration::from_secs(35),
            "the server did not exit"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(server.child.wait().unwrap().success(), "a clean exit");
    // New connections are refused once it is gone.
    assert!(client.post(&url).json(&json!({})).send().await.is_err());
}
