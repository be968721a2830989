//! Group commit for the `read` audit rows of clinical content and every other PHI read (the
//! domain's [`ReadAudit`] port, see `clinic_domain::audit::phi_reads`).
//!
//! Every audited write holds the audit chain's advisory lock from its append to its commit, so
//! audit writers take turns, one commit (and one WAL flush) each. Reads of records and
//! prescriptions are the busiest writers of all, and each used to take its own turn: at 16
//! concurrent chart views that lock was the whole story. Reads change nothing, so their audit
//! rows need no transaction of their own with the data: one writer task collects the rows of
//! every read waiting at that moment and appends them in one transaction, one turn, one flush.
//!
//! A read still returns its rows only after its audit rows have committed, so nobody sees
//! clinical content that the audit log does not know about.

use async_trait::async_trait;
use clinic_domain::audit::{AuditEntryDraft, ReadAudit};
use clinic_domain::{StoreError, StoreResult};
use sea_orm::{DatabaseConnection, TransactionTrait};
use tokio::sync::{mpsc, oneshot};

use crate::errors::store_error;

/// The most reads one transaction records; a page of 100 rows is 100 audit rows.
const MAX_READS_PER_BATCH: usize = 64;

/// The most audit rows one transaction records. The rows go in one INSERT, and PostgreSQL
/// takes at most 65 535 bind parameters a statement: 64 pages of 100 rows at 10 columns
/// would come within 2 % of it. A request's rows are never split; a job that would pass the
/// bound waits for the next transaction.
const MAX_ROWS_PER_BATCH: usize = 2_000;

type Outcome = Result<(), Failure>;

#[derive(Debug, Clone)]
enum Failure {
    Unavailable,
    Unexpected(String),
}

struct Job {
    drafts: Vec<AuditEntryDraft>,
    done: oneshot::Sender<Outcome>,
}

/// Hands `read` audit rows to the writer task and waits for their commit. Cheap to clone.
#[derive(Clone)]
pub struct ReadAuditWriter {
    jobs: mpsc::UnboundedSender<Job>,
}

impl ReadAuditWriter {
    /// Starts the writer task on the current Tokio runtime.
    #[must_use]
    pub fn spawn(db: DatabaseConnection) -> Self {
        let (jobs, queue) = mpsc::unbounded_channel();
        tokio::spawn(write_batches(db, queue));
        Self { jobs }
    }

    /// Records `drafts`, returning once they are committed.
    ///
    /// # Errors
    /// `Unavailable` when the database is, `Unexpected` for anything else; the caller must then
    /// not show what was read.
    pub async fn record(&self, drafts: Vec<AuditEntryDraft>) -> StoreResult<()> {
        if drafts.is_empty() {
            return Ok(());
        }
        let (done, outcome) = oneshot::channel();
        self.jobs
            .send(Job { drafts, done })
            .map_err(|_| StoreError::Unexpected("the read-audit writer has stopped".into()))?;
        match outcome.await {
            Ok(Ok(())) => Ok(()),
            Ok(Err(Failure::Unavailable)) => Err(StoreError::Unavailable),
            Ok(Err(Failure::Unexpected(cause))) => Err(StoreError::Unexpected(cause)),
            Err(_) => Err(StoreError::Unexpected(
                "the read-audit writer dropped a read".into(),
            )),
        }
    }
}

#[async_trait]
impl ReadAudit for ReadAuditWriter {
    async fn record(&self, reads: Vec<AuditEntryDraft>) -> StoreResult<()> {
        ReadAuditWriter::record(self, reads).await
    }
}

async fn write_batches(db: DatabaseConnection, mut queue: mpsc::UnboundedReceiver<Job>) {
    let mut held: Option<Job> = None;
    loop {
        let first = match held.take() {
            Some(job) => job,
            None => match queue.recv().await {
                Some(job) => job,
                None => return,
            },
        };
        let mut rows = first.drafts.len();
        let mut jobs = vec![first];
        while jobs.len() < MAX_READS_PER_BATCH {
            match queue.try_recv() {
                Ok(job) if rows + job.drafts.len() > MAX_ROWS_PER_BATCH => {
                    held = Some(job);
                    break;
                }
                Ok(job) => {
                    rows += job.drafts.len();
                    jobs.push(job);
                }
                Err(_) => break,
            }
        }
        let drafts = jobs
            .iter_mut()
            .flat_map(|job| std::mem::take(&mut job.drafts))
            .collect();
        let outcome = append(&db, drafts).await;
        for job in jobs {
            // A reader that gave up (its request was cancelled) no longer waits; that is fine.
            let _ = job.done.send(outcome.clone());
        }
    }
}

async fn append(db: &DatabaseConnection, drafts: Vec<AuditEntryDraft>) -> Outcome {
    let attempt = async {
        let txn = db.begin().await?;
        crate::audit::append(&txn, drafts).await?;
        txn.commit().await
    };
    attempt.await.map_err(|e| match store_error(e) {
        StoreError::Unavailable => Failure::Unavailable,
        other => Failure::Unexpected(other.to_string()),
    })
}
