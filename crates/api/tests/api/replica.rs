//! The streaming read replica (`CLINIC_READ_DATABASE_URL`): a private primary and a hot standby
//! made with `pg_basebackup -R`, both started here with the PostgreSQL binaries on the machine,
//! and the real `clinic serve` on them. The audit-log search (a routed path) reads from the
//! standby; what the caller just wrote is seen at once on the primary's paths; when the standby
//! goes away, the routed path keeps answering from the primary.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::serve_process::{ServeCommand, TempDir, clinic, free_port, until};

const ADMIN: &str = "replica.admin";
const PASSWORD: &str = "correct horse battery staple";

/// Runs `script` after sourcing `scripts/lib/pg.sh` (which runs the server as the `postgres`
/// user when we are root); panics with its output when it fails or takes over two minutes.
fn pg(script: &str) -> String {
    let lib = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scripts/lib/pg.sh");
    // Bounded, so a cluster that never answers fails the test instead of hanging it.
    let out = Command::new("timeout")
        .args(["120", "bash", "-c"])
        .arg(format!(". {}; set -e; {script}", lib.display()))
        .output()
        .expect("bash runs");
    assert!(
        out.status.success(),
        "{script}\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim().to_owned()
}

/// A private cluster; stopped (immediately) and removed with its directory when dropped.
struct Cluster {
    data: PathBuf,
    port: u16,
}

impl Cluster {
    fn start(data: PathBuf, log: &Path, sockets: &Path) -> Self {
        let port = free_port();
        pg(&format!(
            "pg_start_cluster {} {} {port} {}",
            data.display(),
            sockets.display(),
            log.display()
        ));
        Self { data, port }
    }

    fn url(&self, database: &str) -> String {
        format!("postgres://postgres@127.0.0.1:{}/{database}", self.port)
    }

    /// One statement through `psql`, its single value printed.
    fn sql(&self, database: &str, statement: &str) -> String {
        pg(&format!(
            "\"$(pg_bindir)/psql\" -X -q -t -A -h 127.0.0.1 -p {} -U postgres -d {database} -c \"{statement}\"",
            self.port
        ))
    }

    fn stop_immediately(&self) {
        let bin = pg("pg_bindir");
        pg(&format!(
            "if pg_cluster_running {data}; then as_pg_user {bin}/pg_ctl -D {data} -m immediate -w stop >/dev/null; fi",
            data = self.data.display()
        ));
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        self.stop_immediately();
    }
}

struct Api {
    http: reqwest::Client,
    address: String,
    token: String,
}

impl Api {
    async fn get(&self, path: &str) -> (u16, Value) {
        let response = self
            .http
            .get(format!("{}/api/v1{path}", self.address))
            .bearer_auth(&self.token)
            .send()
            .await
            .unwrap();
        let status = response.status().as_u16();
        (status, response.json().await.unwrap_or(Value::Null))
    }

    /// How many audit rows the (routed) audit-log search finds for the user `id`'s creation.
    async fn audited_creations(&self, id: i64) -> (u16, u64) {
        let (status, body) = self
            .get(&format!(
                "/audit-log?table_name=users&record_id={id}&action=insert"
            ))
            .await;
        (status, body["total"].as_u64().unwrap_or(0))
    }
}

#[tokio::test]
async fn routed_reads_come_from_the_replica_and_fall_back_to_the_primary_when_it_is_down() {
    let scratch = TempDir::new("clinic-replica");
    let dir = scratch.path().to_owned();
    // The server user must be able to write the standby's directory beside the primary's.
    pg(&format!(
        "if [ \"$(id -u)\" = 0 ]; then chown postgres: {0}; fi; pg_init_cluster {0}/primary",
        dir.display()
    ));
    let sockets = dir.join("sockets");
    let primary = Cluster::start(dir.join("primary"), &dir.join("primary.log"), &sockets);
    primary.sql("postgres", "CREATE DATABASE clinic");
    // The tools and the server share one audit checkpoint, as on a real host.
    let checkpoint = dir.join("checkpoint.json");
    let status = clinic(&primary.url("clinic"))
        .env("CLINIC_AUDIT_CHECKPOINT", &checkpoint)
        .args(["migrate", "up"])
        .stdout(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success(), "clinic migrate up");
    let mut create = clinic(&primary.url("clinic"))
        .env("CLINIC_AUDIT_CHECKPOINT", &checkpoint)
        .args(["create-user", "--role", "admin", "--username", ADMIN])
        .args(["--email", "replica.admin@clinic.example"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    {
        use std::io::Write;
        writeln!(create.stdin.take().unwrap(), "{PASSWORD}").unwrap();
    }
    assert!(create.wait().unwrap().success(), "clinic create-user");

    // The hot standby: a base backup that writes primary_conninfo and standby.signal.
    pg(&format!(
        "as_pg_user \"$(pg_bindir)/pg_basebackup\" -R -X stream -c fast -D {} -h 127.0.0.1 -p {} -U postgres",
        dir.join("standby").display(),
        primary.port
    ));
    let standby = Cluster::start(dir.join("standby"), &dir.join("standby.log"), &sockets);
    assert_eq!(standby.sql("clinic", "SELECT pg_is_in_recovery()"), "t");

    let server = ServeCommand::new(&primary.url("clinic"), dir.join("serve.log"))
        .env("CLINIC_AUDIT_CHECKPOINT", &checkpoint)
        .env("CLINIC_READ_DATABASE_URL", standby.url("clinic"))
        // Replay is paused below on purpose: the lag must not send the reads to the primary.
        .env("CLINIC_READ_MAX_LAG_SECS", "86400")
        .env("CLINIC_WORKERS", "1")
        .start()
        .await;
    let http = reqwest::Client::new();
    let login: Value = http
        .post(format!("{}/api/v1/auth/login", server.address))
        .json(&json!({"login": ADMIN, "password": PASSWORD}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let api = Api {
        http: http.clone(),
        address: server.address.clone(),
        token: login["access_token"]
            .as_str()
            .expect("signed in")
            .to_owned(),
    };
    // The probe has found the standby usable, and the standby has replayed a transaction (the
    // sign-in's), so its replay age is known while replay is paused.
    until(Duration::from_secs(10), "the replica is in use", || async {
        server.output().contains("serves the routed reads")
    })
    .await;
    until(
        Duration::from_secs(10),
        "the standby replays the sign-in's audit row",
        || async {
            standby.sql(
                "clinic",
                "SELECT count(*) FROM audit_log WHERE action = 'login'",
            ) != "0"
        },
    )
    .await;

    // a. With replay paused, the admin creates an account: the primary's path shows it at
    // once (the caller's own write), the routed audit search does not, until replay resumes.
    standby.sql("clinic", "SELECT pg_wal_replay_pause()");
    until(Duration::from_secs(10), "replay is paused", || async {
        standby.sql("clinic", "SELECT pg_get_wal_replay_pause_state()") == "paused"
    })
    .await;
    let created = http
        .post(format!("{}/api/v1/users", server.address))
        .bearer_auth(&api.token)
        .json(&json!({
            "username": "nurse.new",
            "email": "nurse.new@clinic.example",
            "role": "staff",
        }))
        .send()
        .await
        .unwrap();
    assert_eq!(created.status().as_u16(), 201);
    let id = created.json::<Value>().await.unwrap()["id"]
        .as_i64()
        .unwrap();
    let (status, user) = api.get(&format!("/users/{id}")).await;
    assert_eq!(status, 200, "{user}");
    assert_eq!(user["username"], "nurse.new");
    assert_eq!(
        primary.sql("clinic", &format!("SELECT count(*) FROM audit_log WHERE table_name = 'users' AND record_id = '{id}' AND action = 'insert'")),
        "1",
        "the creation is audited on the primary"
    );
    assert_eq!(
        api.audited_creations(id).await,
        (200, 0),
        "the audit search reads the paused replica"
    );
    standby.sql("clinic", "SELECT pg_wal_replay_resume()");
    until(
        Duration::from_secs(10),
        "the replica catches up",
        || async { api.audited_creations(id).await == (200, 1) },
    )
    .await;

    // c. The standby goes away: the audit search keeps answering, from the primary, with the
    // current rows; not one request fails.
    standby.stop_immediately();
    let started = Instant::now();
    let mut answered = 0;
    while !server.output().contains("replica=\"unreachable\"")
        && !server.output().contains("replica=unreachable")
        || answered < 5
    {
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "the server did not notice the replica is down; log:\n{}",
            server.output()
        );
        assert_eq!(
            api.audited_creations(id).await,
            (200, 1),
            "a routed read after the replica stopped"
        );
        answered += 1;
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let (status, _) = api.get("/users?role=staff").await;
    assert_eq!(status, 200);
    let ready = http
        .get(format!("{}/ready", server.address))
        .send()
        .await
        .unwrap();
    assert_eq!(ready.status().as_u16(), 200, "/ready ignores the replica");

    drop(server);
    drop(standby);
    drop(primary);
    drop(scratch);
}
