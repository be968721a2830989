//! Writing the audit trail inside the changing transaction, and verifying its hash chain.
//!
//! Each row's `row_hash` is HMAC-SHA-256, under the audit key, over the previous row's hash and
//! the row's canonical form (see `clinic_domain::audit` and [`crate::audit_key`]). Writers
//! serialise on an advisory lock so the chain has a single order; they take it as the last step
//! of their transaction, so it is held only until commit.

use chrono::{DateTime, SubsecRound, Utc};
use clinic_domain::audit::{
    AuditCheckpoint, AuditEntryDraft, AuditFault, AuditHasher, ChainLink, GENESIS_HASH,
    LogVerifier, VerifiedLog,
};
use migration::AUDIT_LOG_LOCK_KEY;
use sea_orm::{ConnectionTrait, DbBackend, DbErr, FromQueryResult, Statement};

use crate::audit_key::{AuditKey, UnkeyedSha256, append_key};

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
    let key = append_key()?;
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
        let row_hash = key.digest(&prev_hash, &record.canonical());
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
    /// Every row links to its predecessor and hashes, under the key, to its stored hash; and
    /// the log reaches the checkpoint's head with the checkpoint's hash, if one was given.
    Intact(VerifiedLog),
    /// The first fault found.
    Broken(AuditFault),
}

/// Walks the whole audit log in id order under `key`, checking every link, and checks it
/// against `checkpoint` (whose seal the caller has checked) when there is one. Rows hashed the
/// unkeyed way of before the key are named as such.
///
/// # Errors
/// Database errors (a row whose action is not a known one is reported as broken, not as error).
pub async fn verify<C: ConnectionTrait>(
    db: &C,
    key: &AuditKey,
    checkpoint: Option<&AuditCheckpoint>,
) -> Result<ChainVerdict, DbErr> {
    let mut verifier = LogVerifier::new(key, Some(&UnkeyedSha256), checkpoint);
    let mut fault = None;
    walk(db, 0, |link| match verifier.push(&link) {
        Ok(()) => true,
        Err(found) => {
            fault = Some(found);
            false
        }
    })
    .await?;
    if let Some(fault) = fault {
        return Ok(ChainVerdict::Broken(fault));
    }
    Ok(match verifier.finish() {
        Ok(verified) => ChainVerdict::Intact(verified),
        Err(fault) => ChainVerdict::Broken(fault),
    })
}

/// Feeds `visit` every row with `log_id > after`, in id order, in batches, until it returns
/// false.
///
/// # Errors
/// Database errors.
pub(crate) async fn walk<C: ConnectionTrait>(
    db: &C,
    after: i64,
    mut visit: impl FnMut(ChainLink) -> bool,
) -> Result<(), DbErr> {
    const BATCH: i64 = 5_000;
    let mut after = after;
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
        let Some(last) = batch.last() else {
            return Ok(());
        };
        after = last.log_id;
        for row in batch {
            if !visit(to_link(row)) {
                return Ok(());
            }
        }
    }
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

/// What [`rekey`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rekeyed {
    /// Rows rewritten.
    pub rows: u64,
    /// The new head, to checkpoint; `None` for an empty log.
    pub head: Option<clinic_domain::audit::ChainHead>,
}

/// Moves the whole log to `new_key`: `clinic audit rekey`, run by the table's owner, once to
/// leave the unkeyed hashes of before the key (`old` = [`UnkeyedSha256`]) or to rotate keys
/// (`old` = the previous key). Every row must verify under `old` or `new_key` (a log appended
/// to under the new key before it was rekeyed mixes both) before its hashes are recomputed.
/// One transaction under the chain's lock, with the append-only trigger off only inside it: a
/// broken chain changes nothing.
///
/// # Errors
/// Database errors (the owner's rights are needed), or the first row that verifies under
/// neither key, as [`DbErr::Custom`].
pub async fn rekey(
    db: &sea_orm::DatabaseConnection,
    old: &dyn AuditHasher,
    new_key: &AuditKey,
) -> Result<Rekeyed, DbErr> {
    const BATCH: i64 = 5_000;
    let txn = sea_orm::TransactionTrait::begin(db).await?;
    txn.execute_unprepared(&format!(
        "SELECT pg_advisory_xact_lock({AUDIT_LOG_LOCK_KEY});
         ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only;"
    ))
    .await?;
    let either = clinic_domain::audit::EitherHasher(new_key, old);
    let mut verifier = clinic_domain::audit::ChainVerifier::new(&either);
    let mut prev = GENESIS_HASH.to_owned();
    let mut after = 0_i64;
    loop {
        let batch = StoredRow::find_by_statement(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "SELECT log_id, table_name, record_id, action, changed_by, changed_at, old_values,
                new_values, prev_hash, row_hash
             FROM audit_log WHERE log_id > $1 ORDER BY log_id LIMIT $2",
            [after.into(), BATCH.into()],
        ))
        .all(&txn)
        .await?;
        let Some(last) = batch.last() else { break };
        after = last.log_id;
        let mut values = Vec::with_capacity(batch.len() * 3);
        let mut rows = Vec::with_capacity(batch.len());
        for row in batch {
            let link = to_link(row);
            verifier
                .push(&link)
                .map_err(|broken| DbErr::Custom(format!("not rekeyed: {broken}")))?;
            let row_hash = new_key.digest(&prev, &link.canonical);
            let n = values.len();
            rows.push(format!("(${}::bigint, ${}, ${})", n + 1, n + 2, n + 3));
            values.extend([
                link.log_id.into(),
                prev.clone().into(),
                row_hash.clone().into(),
            ]);
            prev = row_hash;
        }
        txn.execute_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            format!(
                "UPDATE audit_log AS a SET prev_hash = v.prev_hash, row_hash = v.row_hash
                 FROM (VALUES {}) AS v (log_id, prev_hash, row_hash) WHERE a.log_id = v.log_id",
                rows.join(", ")
            ),
            values,
        ))
        .await?;
    }
    txn.execute_unprepared("ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only")
        .await?;
    txn.commit().await?;
    let rows = verifier.rows();
    Ok(Rekeyed {
        rows,
        head: verifier.head().map(|h| clinic_domain::audit::ChainHead {
            row_hash: prev,
            ..h
        }),
    })
}
