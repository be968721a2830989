//! The audit trail cannot be cut or rewritten: `clinic audit verify` (the real binary) checks the
//! keyed chain and the signed checkpoint outside the database, and catches the attacks of
//! someone who can write to `audit_log` directly: deleting the newest rows, recomputing the
//! hashes, forging the checkpoint.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use clinic_domain::audit::{AuditHasher, AuditRecord, GENESIS_HASH};
use clinic_domain::identity::Role;
use clinic_infrastructure::audit_key::{AuditKey, UnkeyedSha256};
use clinic_infrastructure::testing::TEST_AUDIT_KEY;
use sea_orm::{ConnectionTrait, DbBackend, Statement};

use crate::cli::clinic;
use crate::helpers::{PASSWORD, TEST_JWT_SECRET, TestApp, spawn_app};
use crate::serve_process::{ServeCommand, TempDir};

/// A server with a few audited events (sign-ins) and a checkpoint file of its own.
struct Trail {
    app: TestApp,
    checkpoint: PathBuf,
    dir: TempDir,
}

impl Trail {
    async fn new(name: &str) -> Self {
        let app = spawn_app().await;
        for who in ["ann", "bob", "cyd"] {
            app.user(Role::Staff, who).await;
            assert_eq!(app.login(who, PASSWORD).await.status().as_u16(), 200);
        }
        let dir = TempDir::new(&format!("clinic-audit-{name}"));
        let checkpoint = dir.path().join("audit-checkpoint.json");
        Self {
            app,
            checkpoint,
            dir,
        }
    }

    /// `clinic audit ARGS` with the test key and this trail's database and checkpoint.
    fn audit(&self, args: &[&str]) -> (bool, String, String) {
        let mut all = vec!["audit"];
        all.extend_from_slice(args);
        clinic(
            &all,
            &[
                ("DATABASE_URL", self.app.database.url()),
                ("CLINIC_AUDIT_KEY", TEST_AUDIT_KEY),
                ("CLINIC_AUDIT_CHECKPOINT", self.checkpoint.to_str().unwrap()),
            ],
        )
    }

    async fn rows(&self) -> i64 {
        self.app
            .scalar("SELECT count(*) FROM audit_log")
            .await
            .and_then(|v| v.as_i64())
            .unwrap()
    }

    /// What someone with the table's owner or superuser rights can do: switch the append-only
    /// trigger off and change rows at will.
    async fn as_superuser(&self, sql: &str) {
        self.app
            .exec(&format!(
                "BEGIN; ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only; {sql}; \
                 ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only; COMMIT"
            ))
            .await;
    }

    /// Rewrites every row's hashes with `hasher`, as someone rebuilding the chain would.
    async fn recompute_chain(&self, hasher: &dyn AuditHasher) {
        let rows = self
            .app
            .db
            .query_all_raw(Statement::from_string(
                DbBackend::Postgres,
                "SELECT log_id, table_name, record_id, action, changed_by, changed_at,
                        old_values, new_values
                 FROM audit_log ORDER BY log_id",
            ))
            .await
            .unwrap();
        let mut prev = GENESIS_HASH.to_owned();
        let mut updates = Vec::new();
        for row in rows {
            let record = AuditRecord {
                log_id: row.try_get("", "log_id").unwrap(),
                table_name: row.try_get("", "table_name").unwrap(),
                record_id: row
                    .try_get::<Option<i64>>("", "record_id")
                    .unwrap()
                    .unwrap_or_default(),
                action: row
                    .try_get::<String>("", "action")
                    .unwrap()
                    .parse()
                    .unwrap(),
                changed_by: row.try_get("", "changed_by").unwrap(),
                changed_at: row.try_get("", "changed_at").unwrap(),
                old_values: row.try_get("", "old_values").unwrap(),
                new_values: row.try_get("", "new_values").unwrap(),
            };
            let row_hash = hasher.digest(&prev, &record.canonical());
            updates.push(format!(
                "UPDATE audit_log SET prev_hash = '{prev}', row_hash = '{row_hash}' \
                 WHERE log_id = {}",
                record.log_id
            ));
            prev = row_hash;
        }
        self.as_superuser(&updates.join("; ")).await;
    }
}

#[tokio::test]
async fn audit_verify_accepts_an_intact_log_and_its_checkpoint() {
    let trail = Trail::new("intact").await;
    let (ok, out, err) = trail.audit(&["checkpoint"]);
    assert!(ok, "{err}");
    assert!(out.contains("Wrote the audit checkpoint"), "{out}");
    // The log may grow past its checkpoint.
    trail.app.login("ann", PASSWORD).await;
    let rows = trail.rows().await;
    let (ok, out, err) = trail.audit(&["verify"]);
    assert!(ok, "{err}");
    assert!(
        out.contains(&format!("The audit log is intact: {rows} rows verified")),
        "{out}"
    );
    assert!(out.contains("It agrees with the checkpoint"), "{out}");
}

#[tokio::test]
async fn audit_verify_detects_rows_deleted_from_the_end() {
    let trail = Trail::new("tail").await;
    assert!(trail.audit(&["checkpoint"]).0);
    let rows = trail.rows().await;
    trail
        .as_superuser(
            "DELETE FROM audit_log WHERE log_id IN \
             (SELECT log_id FROM audit_log ORDER BY log_id DESC LIMIT 2)",
        )
        .await;
    // The shorter chain is still whole on its own: that was the attack.
    let (ok, out, err) = trail.audit(&["verify", "--without-checkpoint"]);
    assert!(ok, "{err}");
    assert!(
        out.contains("rows missing at the end would not show"),
        "{out}"
    );
    let (ok, _, err) = trail.audit(&["verify"]);
    assert!(!ok, "a cut tail passed");
    assert!(
        err.contains("rows are missing at the end of the log")
            && err.contains(&format!("the checkpoint records {rows} rows"))
            && err.contains(&format!("the log holds {} rows", rows - 2)),
        "{err}"
    );
    // Nor does a new checkpoint bless the cut log.
    let (ok, _, err) = trail.audit(&["checkpoint"]);
    assert!(!ok && err.contains("left as it was"), "{err}");
}

#[tokio::test]
async fn audit_verify_detects_a_chain_recomputed_without_the_key() {
    let trail = Trail::new("unkeyed").await;
    assert!(trail.audit(&["checkpoint"]).0);
    // Rewrite a sign-in and rebuild the chain the old, unkeyed way.
    trail
        .as_superuser(
            "UPDATE audit_log SET changed_by = NULL \
             WHERE log_id = (SELECT max(log_id) FROM audit_log)",
        )
        .await;
    trail.recompute_chain(&UnkeyedSha256).await;
    let (ok, _, err) = trail.audit(&["verify"]);
    assert!(!ok, "an unkeyed chain passed");
    assert!(
        err.contains("broken at log_id") && err.contains("unkeyed SHA-256"),
        "{err}"
    );
    let (ok, _, err) = trail.audit(&["verify", "--without-checkpoint"]);
    assert!(!ok && err.contains("unkeyed SHA-256"), "{err}");
}

#[tokio::test]
async fn audit_verify_detects_a_chain_recomputed_with_another_key() {
    let trail = Trail::new("other-key").await;
    assert!(trail.audit(&["checkpoint"]).0);
    let guessed = AuditKey::from_hex(&"ab".repeat(32)).unwrap();
    trail.recompute_chain(&guessed).await;
    let (ok, _, err) = trail.audit(&["verify"]);
    assert!(!ok, "a chain under another key passed");
    assert!(
        err.contains("does not match its hash under the audit key"),
        "{err}"
    );
}

#[tokio::test]
async fn audit_verify_detects_a_head_rewritten_under_the_key() {
    // Someone who holds the key (and the database) can rebuild a consistent chain, but not one
    // that ends in the checkpointed hash.
    let trail = Trail::new("rewritten").await;
    assert!(trail.audit(&["checkpoint"]).0);
    trail
        .as_superuser(
            "UPDATE audit_log SET changed_by = NULL \
             WHERE log_id = (SELECT max(log_id) FROM audit_log)",
        )
        .await;
    trail
        .recompute_chain(&AuditKey::from_hex(TEST_AUDIT_KEY).unwrap())
        .await;
    let (ok, _, err) = trail.audit(&["verify"]);
    assert!(!ok);
    assert!(
        err.contains("has another hash than the checkpoint records"),
        "{err}"
    );
}

#[tokio::test]
async fn audit_verify_detects_a_forged_checkpoint() {
    let trail = Trail::new("forged").await;
    assert!(trail.audit(&["checkpoint"]).0);
    trail
        .as_superuser("DELETE FROM audit_log WHERE log_id = (SELECT max(log_id) FROM audit_log)")
        .await;
    // Lower the checkpoint to match the cut log, without the key to sign it.
    let head = trail
        .app
        .scalar("SELECT jsonb_build_array(max(log_id), count(*)) FROM audit_log")
        .await
        .unwrap();
    let mut file: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&trail.checkpoint).unwrap()).unwrap();
    file["log_id"] = head[0].clone();
    file["rows"] = head[1].clone();
    file["row_hash"] = trail
        .app
        .scalar("SELECT to_jsonb(row_hash) FROM audit_log ORDER BY log_id DESC LIMIT 1")
        .await
        .unwrap();
    std::fs::write(&trail.checkpoint, file.to_string()).unwrap();
    let (ok, _, err) = trail.audit(&["verify"]);
    assert!(!ok, "a forged checkpoint passed");
    assert!(
        err.contains("signature does not match") && err.contains("forged"),
        "{err}"
    );
    // Garbage is not a checkpoint either, and a missing one is not silently skipped.
    std::fs::write(&trail.checkpoint, "{}").unwrap();
    let (ok, _, err) = trail.audit(&["verify"]);
    assert!(!ok && err.contains("is not a checkpoint file"), "{err}");
    std::fs::remove_file(&trail.checkpoint).unwrap();
    let (ok, _, err) = trail.audit(&["verify"]);
    assert!(!ok && err.contains("there is no audit checkpoint"), "{err}");
}

#[tokio::test]
async fn audit_verify_refuses_to_run_without_the_key() {
    let trail = Trail::new("nokey").await;
    let (ok, _, err) = clinic(
        &["audit", "verify"],
        &[("DATABASE_URL", trail.app.database.url())],
    );
    assert!(!ok);
    assert!(err.contains("CLINIC_AUDIT_KEY is not set"), "{err}");
}

#[tokio::test]
async fn serve_refuses_to_start_without_an_audit_key() {
    let app = spawn_app().await;
    let (ok, _, err) = clinic(
        &["serve"],
        &[
            ("DATABASE_URL", app.database.url()),
            ("CLINIC_JWT_SECRET", TEST_JWT_SECRET),
        ],
    );
    assert!(!ok);
    assert!(err.contains("CLINIC_AUDIT_KEY is not set"), "{err}");
}

#[tokio::test]
async fn serve_keeps_the_checkpoint_at_the_head_of_the_log() {
    let trail = Trail::new("serve").await;
    let server = ServeCommand::new(trail.app.database.url(), trail.dir.path().join("serve.log"))
        .env("CLINIC_AUDIT_CHECKPOINT", &trail.checkpoint)
        .env("CLINIC_AUDIT_CHECKPOINT_SECS", "1")
        .env("CLINIC_WORKERS", "1")
        .env("RUST_LOG", "error")
        .spawn();
    let rows = trail.rows().await;
    let written = wait_for_checkpoint(&trail.checkpoint, rows).await;
    // A sign-in through the served process moves the head; the checkpoint follows.
    reqwest::Client::new()
        .post(format!("{}/api/v1/auth/login", server.address))
        .json(&serde_json::json!({"login": "bob", "password": PASSWORD}))
        .send()
        .await
        .unwrap();
    let moved = wait_for_checkpoint(&trail.checkpoint, rows + 1).await;
    drop(server);
    assert!(moved["log_id"].as_i64() > written["log_id"].as_i64());
    let (ok, out, err) = trail.audit(&["verify"]);
    assert!(ok && out.contains("It agrees with the checkpoint"), "{err}");
}

/// Waits until the checkpoint file records `rows` rows; returns it.
async fn wait_for_checkpoint(path: &Path, rows: i64) -> serde_json::Value {
    let started = Instant::now();
    loop {
        if let Some(file) = std::fs::read_to_string(path)
            .ok()
            .and_then(|text| serde_json::from_str::<serde_json::Value>(&text).ok())
            && file["rows"].as_i64() == Some(rows)
        {
            return file;
        }
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "no checkpoint of {rows} rows at {}: {:?}",
            path.display(),
            std::fs::read_to_string(path)
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test]
async fn a_log_from_before_the_key_moves_to_it_once_with_rekey() {
    let trail = Trail::new("rekey").await;
    // A log written the old, unkeyed way.
    trail.recompute_chain(&UnkeyedSha256).await;
    let (ok, _, err) = trail.audit(&["verify", "--without-checkpoint"]);
    assert!(!ok && err.contains("clinic audit rekey"), "{err}");
    let (ok, out, err) = trail.audit(&["rekey"]);
    assert!(ok, "{err}");
    assert!(out.contains("Rekeyed"), "{out}");
    let (ok, out, err) = trail.audit(&["verify"]);
    assert!(ok && out.contains("It agrees with the checkpoint"), "{err}");
    // The trigger is back on.
    let refused = trail
        .app
        .db
        .execute_unprepared("DELETE FROM audit_log")
        .await;
    assert!(refused.is_err());
}

#[tokio::test]
async fn rekey_refuses_a_log_that_does_not_verify_and_changes_nothing() {
    let trail = Trail::new("rekey-broken").await;
    trail
        .as_superuser("UPDATE audit_log SET changed_by = NULL WHERE log_id = (SELECT min(log_id) FROM audit_log)")
        .await;
    let before = trail
        .app
        .scalar("SELECT string_agg(row_hash, ',' ORDER BY log_id) FROM audit_log")
        .await;
    let (ok, _, err) = trail.audit(&["rekey"]);
    assert!(!ok && err.contains("nothing changed"), "{err}");
    let after = trail
        .app
        .scalar("SELECT string_agg(row_hash, ',' ORDER BY log_id) FROM audit_log")
        .await;
    assert_eq!(before, after);
}
