//! The checkpoint file (`CLINIC_AUDIT_CHECKPOINT`): the signed head of the audit log, kept
//! outside the database, so deleting the newest rows or recomputing the chain is caught by
//! `clinic audit verify`.
//!
//! The file is JSON: `{"format", "database", "log_id", "row_hash", "rows", "written_at",
//! "signature"}`, the signature being the audit key's over the checkpoint's canonical text
//! (`clinic_domain::audit::AuditCheckpoint`). It is replaced atomically (a temporary file in the
//! same directory, flushed, then renamed over it), so a crash leaves the old or the new one.
//!
//! A checkpoint only moves forward from a verified state: [`advance`] first checks that the
//! checkpointed row still carries its hash and verifies every row after it, so a cut or
//! rewritten log is never blessed by a fresh checkpoint.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};
use clinic_domain::Clock;
use clinic_domain::audit::{
    AuditCheckpoint, AuditFault, CHECKPOINT_FORMAT, ChainHead, ChainVerifier, CheckpointFault,
};
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, DbErr, Statement};
use serde::{Deserialize, Serialize};

use crate::audit::{self, ChainVerdict};
use crate::audit_key::{AuditKey, UnkeyedSha256};

/// The file's JSON form.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct CheckpointJson {
    format: String,
    database: String,
    log_id: i64,
    row_hash: String,
    rows: u64,
    written_at: DateTime<Utc>,
    signature: String,
}

/// Why the checkpoint file cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum CheckpointFileError {
    /// It could not be read or written.
    #[error("cannot {action} the audit checkpoint {path}: {source}")]
    Io {
        action: &'static str,
        path: PathBuf,
        source: std::io::Error,
    },
    /// It is not a checkpoint.
    #[error("the audit checkpoint {path} is not a checkpoint file: {reason}")]
    Malformed { path: PathBuf, reason: String },
    /// Its seal is wrong or it is another database's.
    #[error("the audit checkpoint {path} is not valid: {fault}")]
    Invalid {
        path: PathBuf,
        fault: CheckpointFault,
    },
}

impl CheckpointFileError {
    /// The domain fault, when the file was readable but not valid.
    #[must_use]
    pub fn fault(&self) -> Option<&CheckpointFault> {
        match self {
            Self::Invalid { fault, .. } => Some(fault),
            _ => None,
        }
    }
}

/// Reads the checkpoint at `path` and checks its seal under `key` and that it is `database`'s.
/// `Ok(None)` when there is no file.
///
/// # Errors
/// [`CheckpointFileError`] when the file is unreadable, malformed, forged or another database's.
pub fn read(
    path: &Path,
    key: &AuditKey,
    database: &str,
) -> Result<Option<AuditCheckpoint>, CheckpointFileError> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(source) => {
            return Err(CheckpointFileError::Io {
                action: "read",
                path: path.to_owned(),
                source,
            });
        }
    };
    let malformed = |reason: String| CheckpointFileError::Malformed {
        path: path.to_owned(),
        reason,
    };
    let json: CheckpointJson = serde_json::from_str(&text).map_err(|e| malformed(e.to_string()))?;
    if json.format != CHECKPOINT_FORMAT {
        return Err(malformed(format!(
            "format {:?}, expected {CHECKPOINT_FORMAT:?}",
            json.format
        )));
    }
    let checkpoint = AuditCheckpoint {
        database: json.database,
        log_id: json.log_id,
        row_hash: json.row_hash,
        rows: json.rows,
        written_at: json.written_at,
    };
    checkpoint
        .check_seal(&json.signature, key, database)
        .map_err(|fault| CheckpointFileError::Invalid {
            path: path.to_owned(),
            fault,
        })?;
    Ok(Some(checkpoint))
}

/// Writes `checkpoint`, signed with `key`, to `path` atomically, creating its directory.
///
/// # Errors
/// [`CheckpointFileError::Io`].
pub fn write(
    path: &Path,
    key: &AuditKey,
    checkpoint: &AuditCheckpoint,
) -> Result<(), CheckpointFileError> {
    let io = |source| CheckpointFileError::Io {
        action: "write",
        path: path.to_owned(),
        source,
    };
    let json = CheckpointJson {
        format: CHECKPOINT_FORMAT.to_owned(),
        database: checkpoint.database.clone(),
        log_id: checkpoint.log_id,
        row_hash: checkpoint.row_hash.clone(),
        rows: checkpoint.rows,
        written_at: checkpoint.written_at,
        signature: checkpoint.signature(key),
    };
    let mut text = serde_json::to_string_pretty(&json).map_err(|e| io(e.into()))?;
    text.push('\n');
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_owned(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&dir).map_err(io)?;
    let file_name = path.file_name().map_or_else(
        || "audit-checkpoint".into(),
        |n| n.to_string_lossy().into_owned(),
    );
    let temporary = dir.join(format!(".{file_name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut file = std::fs::File::create(&temporary)?;
        file.write_all(text.as_bytes())?;
        file.sync_all()?;
        std::fs::rename(&temporary, path)?;
        // The rename itself is durable once the directory is flushed (where that is possible).
        if let Ok(dir) = std::fs::File::open(&dir) {
            let _ = dir.sync_all();
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    result.map_err(io)
}

/// The name of the database `db` is connected to.
///
/// # Errors
/// Database errors.
pub async fn current_database<C: ConnectionTrait>(db: &C) -> Result<String, DbErr> {
    db.query_one_raw(Statement::from_string(
        DbBackend::Postgres,
        "SELECT current_database() AS name",
    ))
    .await?
    .ok_or_else(|| DbErr::Custom("current_database() returned no row".into()))?
    .try_get("", "name")
}

/// Why a checkpoint was not written.
#[derive(Debug, thiserror::Error)]
pub enum AdvanceError {
    /// The database failed.
    #[error("the database failed: {0}")]
    Database(#[from] DbErr),
    /// The existing file cannot be used (it is left as it is).
    #[error(transparent)]
    File(#[from] CheckpointFileError),
    /// The log does not verify from the existing checkpoint: it is evidence, so it is left.
    #[error("the audit log does not verify, so the checkpoint is not moved: {0}")]
    Log(AuditFault),
}

/// What [`advance`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Advance {
    /// The head has not moved since the checkpoint; the file is untouched.
    Unchanged(AuditCheckpoint),
    /// A new checkpoint was written.
    Written(AuditCheckpoint),
}

/// Moves the checkpoint at `path` forward to the log's current head, verifying only what is new:
/// the checkpointed row must still carry its hash, and every later row must chain from it under
/// `key`. Without a checkpoint the whole log is verified first.
///
/// # Errors
/// [`AdvanceError`]; the file is then left as it was.
pub async fn advance(
    db: &DatabaseConnection,
    key: &AuditKey,
    path: &Path,
    now: DateTime<Utc>,
) -> Result<Advance, AdvanceError> {
    let database = current_database(db).await?;
    let previous = read(path, key, &database)?;
    let start = previous.as_ref().and_then(AuditCheckpoint::head);
    if let Some(head) = &start {
        still_there(db, head).await?;
    }
    let mut chain = match &start {
        Some(head) => ChainVerifier::after(head, key),
        None => ChainVerifier::new(key),
    }
    .recognising_unkeyed(&UnkeyedSha256);
    let mut broken = None;
    audit::walk(
        db,
        start.as_ref().map_or(0, |h| h.log_id),
        |link| match chain.push(&link) {
            Ok(()) => true,
            Err(e) => {
                broken = Some(e);
                false
            }
        },
    )
    .await?;
    if let Some(broken) = broken {
        return Err(AdvanceError::Log(AuditFault::Chain(broken)));
    }
    let head = chain.head();
    if let Some(previous) = previous
        && head == start
    {
        return Ok(Advance::Unchanged(previous));
    }
    let checkpoint = AuditCheckpoint::of(&database, head.as_ref(), now);
    write(path, key, &checkpoint)?;
    Ok(Advance::Written(checkpoint))
}

/// Checks that the checkpointed row is still in the log with its hash.
async fn still_there(db: &DatabaseConnection, head: &ChainHead) -> Result<(), AdvanceError> {
    let row = db
        .query_one_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "SELECT (SELECT row_hash FROM audit_log WHERE log_id = $1) AS row_hash,
                    (SELECT max(log_id) FROM audit_log) AS last,
                    (SELECT count(*) FROM audit_log WHERE log_id <= $1) AS rows",
            [head.log_id.into()],
        ))
        .await?
        .ok_or_else(|| DbErr::Custom("the checkpoint query returned no row".into()))?;
    let row_hash: Option<String> = row.try_get("", "row_hash")?;
    let last: Option<i64> = row.try_get("", "last")?;
    let fault = match row_hash {
        Some(hash) if clinic_domain::audit::checkpoint::same_text(&hash, &head.row_hash) => {
            return Ok(());
        }
        Some(_) => CheckpointFault::HeadRewritten {
            log_id: head.log_id,
            found_missing: false,
        },
        None if last.is_some_and(|last| last > head.log_id) => CheckpointFault::HeadRewritten {
            log_id: head.log_id,
            found_missing: true,
        },
        None => CheckpointFault::TailCut {
            checkpoint_log_id: head.log_id,
            checkpoint_rows: head.rows,
            last_log_id: last,
            rows: u64::try_from(row.try_get::<i64>("", "rows")?).unwrap_or(0),
        },
    };
    Err(AdvanceError::Log(AuditFault::Checkpoint(fault)))
}

/// Verifies the whole log under `key` and against the checkpoint at `path` (if any), then writes
/// a checkpoint of the verified head: `clinic audit checkpoint`.
///
/// # Errors
/// [`AdvanceError`]; the file is then left as it was.
pub async fn write_verified(
    db: &DatabaseConnection,
    key: &AuditKey,
    path: &Path,
    now: DateTime<Utc>,
) -> Result<AuditCheckpoint, AdvanceError> {
    let database = current_database(db).await?;
    let previous = read(path, key, &database)?;
    match audit::verify(db, key, previous.as_ref()).await? {
        ChainVerdict::Broken(fault) => Err(AdvanceError::Log(fault)),
        ChainVerdict::Intact(verified) => {
            let checkpoint = AuditCheckpoint::of(&database, verified.head.as_ref(), now);
            write(path, key, &checkpoint)?;
            Ok(checkpoint)
        }
    }
}

/// Starts a task that calls [`advance`] every `every`, for `clinic serve`. A failure is logged
/// as an error when it first appears (and again when it changes), never repeated each round, and
/// the file is left untouched until the log verifies again.
pub fn spawn_writer(
    db: DatabaseConnection,
    key: AuditKey,
    path: PathBuf,
    every: Duration,
    clock: Arc<dyn Clock>,
) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut ticks = tokio::time::interval(every);
        ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        let mut last_failure: Option<String> = None;
        loop {
            ticks.tick().await;
            match advance(&db, &key, &path, clock.now()).await {
                Ok(outcome) => {
                    if last_failure.take().is_some() {
                        tracing::info!(path = %path.display(), "the audit checkpoint moves again");
                    }
                    if let Advance::Written(checkpoint) = outcome {
                        tracing::debug!(
                            log_id = checkpoint.log_id,
                            rows = checkpoint.rows,
                            "audit checkpoint written"
                        );
                    }
                }
                Err(e) => {
                    let message = e.to_string();
                    if last_failure.as_deref() != Some(message.as_str()) {
                        tracing::error!(path = %path.display(), error = %message, "audit checkpoint not written");
                        last_failure = Some(message);
                    }
                }
            }
        }
    })
}
