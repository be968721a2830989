//! Writing the audit trail inside the changing transaction, and verifying its hash chain.
//!
//! Each row's `row_hash` is SHA-256 over the previous row's hash and the row's canonical form
//! (see `clinic_domain::audit`). Writers serialise on an advisory lock so the chain has a single
//! order; they take it as the last step of their transaction, so it is held only until commit.

use chrono::{DateTime, SubsecRound, Utc};
use clinic_domain::audit::{
    AuditEntryDraft, AuditHasher, ChainBreak, ChainLink, GENESIS_HASH, verify_chain,
};
use migration::AUDIT_LOG_LOCK_KEY;
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, DbErr, FromQueryResult, Statement};
use sha2::{Digest, Sha256};

/// SHA-256 of `prev_hash`, a newline and the canonical row, in hex.
#[derive(Debug, Clone, Copy, Default)]
pub struct Sha256AuditHasher;

impl AuditHasher for Sha256AuditHasher {
    fn digest(&self, prev_hash: &str, canonical: &str) -> String {
        let mut hasher = Sha256::new();
        hasher.update(prev_hash.as_bytes());
        hasher.update(b"\n");
        hasher.update(canonical.as_bytes());
        hex::encode(hasher.finalize())
    }
}

/// Appends `drafts` to the audit log within the caller's transaction. If this fails, the
/// caller's change must roll back with it: that is the point of writing it in the same
/// transaction.
///
/// # Errors
/// Any database error.
pub async fn append<C: ConnectionTrait>(
    txn: &C,
    drafts: Vec<AuditEntryDraft>,
) -> Result<(), DbErr> {
    if drafts.is_empty() {
        return Ok(());
    }
    // The chain's lock and the new rows' ids in one round trip: `nextval` sits in the target
    // list, evaluated only for joined rows, so after the one-row lock subquery has run — ids
    // are drawn in chain order. The head is read by the next statement, whose snapshot is
    // taken after the lock, so it sees the previous holder's committed rows.
    let ids = txn
        .query_all_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            format!(
                "SELECT nextval(pg_get_serial_sequence('audit_log', 'log_id')) AS id
                 FROM (SELECT pg_advisory_xact_lock({AUDIT_LOG_LOCK_KEY})) AS chain_lock,
                      generate_series(1, $1)
                 ORDER BY 1"
            ),
            [i32::try_from(drafts.len()).unwrap_or(i32::MAX).into()],
        ))
        .await?
        .into_iter()
        .map(|row| row.try_get::<i64>("", "id"))
        .collect::<Result<Vec<_>, _>>()?;
    if ids.len() != drafts.len() {
        return Err(DbErr::Custom("nextval returned too few ids".into()));
    }
    // The time is the database's, read under the lock: one clock for every instance, and
    // `changed_at` never goes backwards along the chain.
    let head = txn
        .query_one_raw(Statement::from_string(
            DbBackend::Postgres,
            "SELECT (SELECT row_hash FROM audit_log ORDER BY log_id DESC LIMIT 1) AS row_hash,
                    clock_timestamp() AS now",
        ))
        .await?
        .ok_or_else(|| DbErr::Custom("the audit head query returned no row".into()))?;
    let mut prev_hash = head
        .try_get::<Option<String>>("", "row_hash")?
        .unwrap_or_else(|| GENESIS_HASH.to_owned());
    // PostgreSQL keeps microseconds; hash exactly what will be stored.
    let changed_at: DateTime<Utc> = head.try_get::<DateTime<Utc>>("", "now")?.trunc_subsecs(6);
    // The lock is held until commit, so every statement inside it delays every other audited
    // write: the rows go in one statement.
    let mut values = Vec::with_capacity(drafts.len() * 10);
    let mut rows = Vec::with_capacity(drafts.len());
    for (draft, log_id) in drafts.into_iter().zip(ids) {
        let record = draft.into_record(log_id, changed_at);
        let row_hash = Sha256AuditHasher.digest(&prev_hash, &record.canonical());
        let n = values.len();
        let placeholders: Vec<String> = (n + 1..=n + 10).map(|i| format!("${i}")).collect();
        rows.push(format!("({})", placeholders.join(", ")));
        values.extend([
            log_id.into(),
            record.table_name.into(),
            record.record_id.into(),
            record.action.as_str().into(),
            record.changed_by.into(),
            record.changed_at.into(),
            record.old_values.into(),
            record.new_values.into(),
            prev_hash.clone().into(),
            row_hash.clone().into(),
        ]);
        prev_hash = row_hash;
    }
    txn.execute_raw(Statement::from_sql_and_values(
        DbBackend::Postgres,
        format!(
            "INSERT INTO audit_log (log_id, table_name, record_id, action, changed_by, changed_at,
                old_values, new_values, prev_hash, row_hash)
             VALUES {}",
            rows.join(", ")
        ),
        values,
    ))
    .await?;
    Ok(())
}

#[derive(Debug, FromQueryResult)]
struct StoredRow {
    log_id: i64,
    table_name: String,
    record_id: Option<i64>,
    action: String,
    changed_by: Option<i32>,
    changed_at: DateTime<Utc>,
    old_values: Option<serde_json::Value>,
    new_values: Option<serde_json::Value>,
    prev_hash: String,
    row_hash: String,
}

/// How a verification ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChainVerdict {
    /// Every row links to its predecessor and hashes to its stored hash.
    Intact { rows: u64 },
    /// The first row at which the chain breaks.
    Broken(ChainBreak),
}

/// Walks the whole audit log in id order and checks every link.
///
/// # Errors
/// Database errors, or a row whose action is not a known one (reported as broken, not as error).
pub async fn verify(db: &DatabaseConnection) -> Result<ChainVerdict, DbErr> {
    const BATCH: i64 = 5_000;
    let mut after = 0_i64;
    let mut prev: Option<String> = None;
    let mut rows = 0_u64;
    loop {
        let batch = StoredRow::find_by_statement(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "SELECT log_id, table_name, record_id, action, changed_by, changed_at, old_values,
                new_values, prev_hash, row_hash
             FROM audit_log WHERE log_id > $1 ORDER BY log_id LIMIT $2",
            [after.into(), BATCH.into()],
        ))
        .all(db)
        .await?;
        let Some(last) = batch.last() else { break };
        after = last.log_id;
        let links: Vec<ChainLink> = batch.into_iter().map(to_link).collect();
        let expected_prev = prev.clone().unwrap_or_else(|| GENESIS_HASH.to_owned());
        let result = if prev.is_none() {
            verify_chain(links.iter().cloned(), &Sha256AuditHasher)
        } else {
            clinic_domain::audit::verify_chain_after(
                &expected_prev,
                links.iter().cloned(),
                &Sha256AuditHasher,
            )
        };
        if let Err(broken) = result {
            return Ok(ChainVerdict::Broken(broken));
        }
        rows += links.len() as u64;
        prev = links.last().map(|l| l.row_hash.clone());
    }
    Ok(ChainVerdict::Intact { rows })
}

fn to_link(row: StoredRow) -> ChainLink {
    let canonical = match row.action.parse() {
        Ok(action) => clinic_domain::audit::AuditRecord {
            log_id: row.log_id,
            table_name: row.table_name,
            record_id: row.record_id.unwrap_or_default(),
            action,
            changed_by: row.changed_by,
            changed_at: row.changed_at,
            old_values: row.old_values,
            new_values: row.new_values,
        }
        .canonical(),
        // An unknown action cannot have been written by us: let the hash check fail on it.
        Err(_) => format!("unknown action {}", row.action),
    };
    ChainLink {
        log_id: row.log_id,
        prev_hash: row.prev_hash,
        row_hash: row.row_hash,
        canonical,
    }
}
