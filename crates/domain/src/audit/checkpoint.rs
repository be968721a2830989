//! The checkpoint: a signed note of the chain's head, kept outside the database.
//!
//! A keyed chain shows any change to the rows it holds, but not rows missing at its end:
//! deleting the newest rows leaves a shorter chain that is still whole. The checkpoint records
//! the head (the last row's id and hash, how many rows the log held, when) and is signed with a
//! key derived from the audit key, so whoever can write to the database can neither make the
//! log agree with an old checkpoint nor write a new one. The log may grow past its checkpoint;
//! it may never shrink below it, nor hold a different row where the checkpoint's row was.

use chrono::{DateTime, SecondsFormat, Utc};
use serde_json::Value;

use crate::audit::{
    AuditHasher, ChainBreak, ChainHead, ChainLink, ChainVerifier, CheckpointSigner,
};
use crate::audit::{GENESIS_HASH, canonical_json};

/// The version tag inside every signed checkpoint text.
pub const CHECKPOINT_FORMAT: &str = "clinic-audit-checkpoint/1";

/// The head of the audit log at one moment, as written to the checkpoint file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditCheckpoint {
    /// The database the log lives in (`current_database()`), so a checkpoint of one database
    /// is never taken for another's.
    pub database: String,
    /// The head's `log_id`; 0 for an empty log.
    pub log_id: i64,
    /// The head's `row_hash`; [`GENESIS_HASH`] for an empty log.
    pub row_hash: String,
    /// How many rows the log held up to and including the head.
    pub rows: u64,
    /// When the checkpoint was taken.
    pub written_at: DateTime<Utc>,
}

impl AuditCheckpoint {
    /// The checkpoint of `head` (or of an empty log) in `database`, taken at `now`.
    #[must_use]
    pub fn of(database: &str, head: Option<&ChainHead>, now: DateTime<Utc>) -> Self {
        Self {
            database: database.to_owned(),
            log_id: head.map_or(0, |h| h.log_id),
            row_hash: head.map_or_else(|| GENESIS_HASH.to_owned(), |h| h.row_hash.clone()),
            rows: head.map_or(0, |h| h.rows),
            written_at: now,
        }
    }

    /// The head it records, to continue verifying from; `None` for an empty log.
    #[must_use]
    pub fn head(&self) -> Option<ChainHead> {
        (self.rows > 0).then(|| ChainHead {
            log_id: self.log_id,
            row_hash: self.row_hash.clone(),
            rows: self.rows,
        })
    }

    /// The signed text: the canonical JSON array
    /// `[format, database, log_id, row_hash, rows, written_at]`.
    #[must_use]
    pub fn canonical(&self) -> String {
        canonical_json(&Value::Array(vec![
            Value::from(CHECKPOINT_FORMAT),
            Value::from(self.database.as_str()),
            Value::from(self.log_id),
            Value::from(self.row_hash.as_str()),
            Value::from(self.rows),
            Value::from(self.written_at.to_rfc3339_opts(SecondsFormat::Micros, true)),
        ]))
    }

    /// Its signature under `signer`.
    #[must_use]
    pub fn signature(&self, signer: &dyn CheckpointSigner) -> String {
        signer.sign(&self.canonical())
    }

    /// Checks that `signature` is this checkpoint's under `signer` and that it is `database`'s.
    ///
    /// # Errors
    /// [`CheckpointFault::Forged`] or [`CheckpointFault::OtherDatabase`].
    pub fn check_seal(
        &self,
        signature: &str,
        signer: &dyn CheckpointSigner,
        database: &str,
    ) -> Result<(), CheckpointFault> {
        if !same_text(&self.signature(signer), signature) {
            return Err(CheckpointFault::Forged);
        }
        if self.database != database {
            return Err(CheckpointFault::OtherDatabase {
                checkpoint: self.database.clone(),
                actual: database.to_owned(),
            });
        }
        Ok(())
    }
}

/// Why the log does not agree with its checkpoint.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CheckpointFault {
    /// The checkpoint's signature is not the key's: the file was edited or written by someone
    /// without the key (or under another key).
    #[error(
        "the checkpoint's signature does not match: the file was forged or edited, or signed with another key"
    )]
    Forged,
    /// The checkpoint belongs to another database.
    #[error("the checkpoint is of database {checkpoint:?}, not {actual:?}")]
    OtherDatabase {
        /// The database the checkpoint names.
        checkpoint: String,
        /// The database verified.
        actual: String,
    },
    /// The log ends before the checkpointed row: its newest rows were deleted.
    #[error(
        "rows are missing at the end of the log: the checkpoint records {checkpoint_rows} rows up to log_id {checkpoint_log_id}, but the log holds {rows} rows{}",
        last_log_id.map_or_else(|| " (it is empty)".to_owned(), |id| format!(" ending at log_id {id}"))
    )]
    TailCut {
        /// The checkpoint's head.
        checkpoint_log_id: i64,
        /// The rows the checkpoint counted.
        checkpoint_rows: u64,
        /// The log's last row, if any.
        last_log_id: Option<i64>,
        /// The rows the log holds.
        rows: u64,
    },
    /// The checkpointed row is gone although later rows exist, or holds another hash: the
    /// chain up to it was recomputed.
    #[error(
        "the checkpointed row log_id {log_id} {}: the chain was rewritten up to it",
        if *found_missing { "is gone" } else { "has another hash than the checkpoint records" }
    )]
    HeadRewritten {
        /// The checkpoint's head.
        log_id: i64,
        /// True when no row has that id any more; false when its hash differs.
        found_missing: bool,
    },
    /// The checkpointed row is there with its hash but the number of rows up to it differs.
    #[error("the log holds {found} rows up to log_id {log_id}, the checkpoint recorded {expected}")]
    CountChanged {
        /// The checkpoint's head.
        log_id: i64,
        /// The rows the checkpoint counted.
        expected: u64,
        /// The rows found.
        found: u64,
    },
}

/// Why `clinic audit verify` fails: the chain itself, or the chain against its checkpoint.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AuditFault {
    /// A row inside the chain was altered, removed, reordered or recomputed.
    #[error(transparent)]
    Chain(#[from] ChainBreak),
    /// The log disagrees with its signed checkpoint.
    #[error(transparent)]
    Checkpoint(#[from] CheckpointFault),
}

/// What a whole verification found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifiedLog {
    /// The log's last row; `None` when it is empty.
    pub head: Option<ChainHead>,
    /// How many rows were verified.
    pub rows: u64,
}

/// Verifies a whole log, streamed in `log_id` order, and (when given) against a checkpoint
/// whose seal was already checked ([`AuditCheckpoint::check_seal`]): the chain must be whole,
/// must reach the checkpoint's row, and that row must carry the checkpoint's hash and count.
pub struct LogVerifier<'a> {
    chain: ChainVerifier<'a>,
    checkpoint: Option<&'a AuditCheckpoint>,
    reached: Option<Result<(), CheckpointFault>>,
}

impl<'a> LogVerifier<'a> {
    /// A verifier under `hasher`, checking against `checkpoint` if any; rows hashed the
    /// unkeyed way are recognised by `unkeyed`.
    #[must_use]
    pub fn new(
        hasher: &'a dyn AuditHasher,
        unkeyed: Option<&'a dyn AuditHasher>,
        checkpoint: Option<&'a AuditCheckpoint>,
    ) -> Self {
        let chain = ChainVerifier::new(hasher);
        let chain = match unkeyed {
            Some(unkeyed) => chain.recognising_unkeyed(unkeyed),
            None => chain,
        };
        Self {
            chain,
            checkpoint: checkpoint.filter(|c| c.rows > 0),
            reached: None,
        }
    }

    /// Checks the next row.
    ///
    /// # Errors
    /// The first fault; the verifier must not be fed further after one.
    pub fn push(&mut self, link: &ChainLink) -> Result<(), AuditFault> {
        self.chain.push(link)?;
        if let (Some(checkpoint), None) = (self.checkpoint, &self.reached) {
            if link.log_id == checkpoint.log_id {
                let outcome = if !same_text(&link.row_hash, &checkpoint.row_hash) {
                    Err(CheckpointFault::HeadRewritten {
                        log_id: checkpoint.log_id,
                        found_missing: false,
                    })
                } else if self.chain.rows() != checkpoint.rows {
                    Err(CheckpointFault::CountChanged {
                        log_id: checkpoint.log_id,
                        expected: checkpoint.rows,
                        found: self.chain.rows(),
                    })
                } else {
                    Ok(())
                };
                outcome.clone()?;
                self.reached = Some(outcome);
            } else if link.log_id > checkpoint.log_id {
                return Err(CheckpointFault::HeadRewritten {
                    log_id: checkpoint.log_id,
                    found_missing: true,
                }
                .into());
            }
        }
        Ok(())
    }

    /// Ends the walk.
    ///
    /// # Errors
    /// [`CheckpointFault::TailCut`] when the log ended before the checkpoint's row.
    pub fn finish(self) -> Result<VerifiedLog, AuditFault> {
        let head = self.chain.head();
        if let (Some(checkpoint), None) = (self.checkpoint, &self.reached) {
            return Err(CheckpointFault::TailCut {
                checkpoint_log_id: checkpoint.log_id,
                checkpoint_rows: checkpoint.rows,
                last_log_id: head.as_ref().map(|h| h.log_id),
                rows: self.chain.rows(),
            }
            .into());
        }
        Ok(VerifiedLog {
            rows: self.chain.rows(),
            head,
        })
    }
}

/// Verifies a whole log given as a list (see [`LogVerifier`]).
///
/// # Errors
/// The first [`AuditFault`].
pub fn verify_log(
    links: impl IntoIterator<Item = ChainLink>,
    hasher: &dyn AuditHasher,
    checkpoint: Option<&AuditCheckpoint>,
) -> Result<VerifiedLog, AuditFault> {
    let mut verifier = LogVerifier::new(hasher, None, checkpoint);
    for link in links {
        verifier.push(&link)?;
    }
    verifier.finish()
}

/// Compares two strings in time that depends only on their lengths, so a hash or signature
/// comparison leaks nothing about where they first differ.
#[must_use]
pub fn same_text(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0_u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;
    use crate::audit::BrokenBecause;

    /// A toy keyed hash: deterministic, different per key and sensitive to every character.
    struct ToyKey(u64);

    impl ToyKey {
        fn mix(&self, parts: &[&str]) -> String {
            let mut h: u64 = 0xcbf2_9ce4_8422_2325 ^ self.0;
            for part in parts {
                for b in part.bytes().chain([0]) {
                    h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
                }
            }
            format!("{h:016x}")
        }
    }

    impl AuditHasher for ToyKey {
        fn digest(&self, prev_hash: &str, canonical: &str) -> String {
            self.mix(&[prev_hash, canonical])
        }
    }

    impl CheckpointSigner for ToyKey {
        fn sign(&self, canonical: &str) -> String {
            self.mix(&["checkpoint", canonical])
        }
    }

    const KEY: ToyKey = ToyKey(1);
    const OTHER_KEY: ToyKey = ToyKey(2);
    const UNKEYED: ToyKey = ToyKey(0);

    fn chain_with(hasher: &dyn AuditHasher, n: i64) -> Vec<ChainLink> {
        let mut prev = GENESIS_HASH.to_owned();
        (1..=n)
            .map(|log_id| {
                let canonical = format!("row {log_id}");
                let row_hash = hasher.digest(&prev, &canonical);
                ChainLink {
                    log_id,
                    prev_hash: std::mem::replace(&mut prev, row_hash.clone()),
                    row_hash,
                    canonical,
                }
            })
            .collect()
    }

    fn checkpoint_of(links: &[ChainLink]) -> AuditCheckpoint {
        let head = verify_log(links.to_vec(), &KEY, None).unwrap().head;
        AuditCheckpoint::of("clinic", head.as_ref(), at())
    }

    fn at() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2030, 1, 2, 3, 4, 5).unwrap()
    }

    #[test]
    fn an_intact_log_agrees_with_its_checkpoint_and_may_grow_past_it() {
        let links = chain_with(&KEY, 5);
        let checkpoint = checkpoint_of(&links[..3]);
        let verified = verify_log(links, &KEY, Some(&checkpoint)).unwrap();
        assert_eq!(verified.rows, 5);
        assert_eq!(verified.head.unwrap().log_id, 5);
    }

    #[test]
    fn deleting_the_newest_rows_is_a_cut_tail() {
        let links = chain_with(&KEY, 5);
        let checkpoint = checkpoint_of(&links);
        let cut = links[..3].to_vec();
        // The shorter chain is still whole on its own: only the checkpoint tells.
        assert!(verify_log(cut.clone(), &KEY, None).is_ok());
        assert_eq!(
            verify_log(cut, &KEY, Some(&checkpoint)),
            Err(AuditFault::Checkpoint(CheckpointFault::TailCut {
                checkpoint_log_id: 5,
                checkpoint_rows: 5,
                last_log_id: Some(3),
                rows: 3,
            }))
        );
    }

    #[test]
    fn deleting_every_row_is_a_cut_tail_too() {
        let checkpoint = checkpoint_of(&chain_with(&KEY, 2));
        let fault = verify_log(Vec::new(), &KEY, Some(&checkpoint)).unwrap_err();
        assert!(fault.to_string().contains("(it is empty)"), "{fault}");
    }

    #[test]
    fn an_empty_checkpoint_accepts_any_whole_log() {
        let checkpoint = AuditCheckpoint::of("clinic", None, at());
        assert_eq!(checkpoint.head(), None);
        assert!(verify_log(chain_with(&KEY, 2), &KEY, Some(&checkpoint)).is_ok());
        assert!(verify_log(Vec::new(), &KEY, Some(&checkpoint)).is_ok());
    }

    #[test]
    fn a_chain_recomputed_without_the_key_breaks_at_its_first_row() {
        let recomputed = chain_with(&UNKEYED, 3);
        assert_eq!(
            verify_log(recomputed.clone(), &KEY, None),
            Err(AuditFault::Chain(ChainBreak {
                log_id: 1,
                reason: BrokenBecause::Altered
            }))
        );
        let mut verifier = LogVerifier::new(&KEY, Some(&UNKEYED), None);
        assert_eq!(
            verifier.push(&recomputed[0]),
            Err(AuditFault::Chain(ChainBreak {
                log_id: 1,
                reason: BrokenBecause::Unkeyed
            }))
        );
    }

    #[test]
    fn a_chain_recomputed_with_the_key_differs_from_the_checkpointed_head() {
        let links = chain_with(&KEY, 3);
        let checkpoint = checkpoint_of(&links);
        // Someone holding the key rewrites row 2 and recomputes from there.
        let mut rewritten = links[..1].to_vec();
        let canonical = "row 2, rewritten".to_owned();
        let row_hash = KEY.digest(&links[0].row_hash, &canonical);
        rewritten.push(ChainLink {
            log_id: 2,
            prev_hash: links[0].row_hash.clone(),
            row_hash: row_hash.clone(),
            canonical,
        });
        rewritten.push(ChainLink {
            log_id: 3,
            prev_hash: row_hash.clone(),
            row_hash: KEY.digest(&row_hash, "row 3"),
            canonical: "row 3".into(),
        });
        assert_eq!(
            verify_log(rewritten, &KEY, Some(&checkpoint)),
            Err(AuditFault::Checkpoint(CheckpointFault::HeadRewritten {
                log_id: 3,
                found_missing: false
            }))
        );
    }

    #[test]
    fn a_checkpointed_row_that_is_gone_while_later_rows_exist_is_a_rewrite() {
        let links = chain_with(&KEY, 4);
        let checkpoint = checkpoint_of(&links[..2]);
        // Rows renumbered: the chain is whole under the key but skips the checkpoint's id.
        let mut renumbered = chain_with(&KEY, 1);
        let prev = renumbered[0].row_hash.clone();
        renumbered.push(ChainLink {
            log_id: 3,
            prev_hash: prev.clone(),
            row_hash: KEY.digest(&prev, "row 3"),
            canonical: "row 3".into(),
        });
        assert_eq!(
            verify_log(renumbered, &KEY, Some(&checkpoint)),
            Err(AuditFault::Checkpoint(CheckpointFault::HeadRewritten {
                log_id: 2,
                found_missing: true
            }))
        );
    }

    #[test]
    fn a_checkpoint_whose_count_differs_is_reported() {
        let links = chain_with(&KEY, 3);
        let mut checkpoint = checkpoint_of(&links);
        checkpoint.rows = 7;
        assert_eq!(
            verify_log(links, &KEY, Some(&checkpoint)),
            Err(AuditFault::Checkpoint(CheckpointFault::CountChanged {
                log_id: 3,
                expected: 7,
                found: 3
            }))
        );
    }

    #[test]
    fn a_checkpoint_is_sealed_by_the_key_and_names_its_database() {
        let checkpoint = checkpoint_of(&chain_with(&KEY, 2));
        let signature = checkpoint.signature(&KEY);
        assert_eq!(checkpoint.check_seal(&signature, &KEY, "clinic"), Ok(()));
        assert_eq!(
            checkpoint.check_seal(&signature, &OTHER_KEY, "clinic"),
            Err(CheckpointFault::Forged)
        );
        assert_eq!(
            checkpoint.check_seal(&signature, &KEY, "elsewhere"),
            Err(CheckpointFault::OtherDatabase {
                checkpoint: "clinic".into(),
                actual: "elsewhere".into()
            })
        );
    }

    #[test]
    fn editing_any_field_of_a_checkpoint_breaks_its_seal() {
        let checkpoint = checkpoint_of(&chain_with(&KEY, 2));
        let signature = checkpoint.signature(&KEY);
        let edits: [fn(&mut AuditCheckpoint); 5] = [
            |c| c.database.push('x'),
            |c| c.log_id -= 1,
            |c| c.row_hash.push('0'),
            |c| c.rows -= 1,
            |c| c.written_at += chrono::Duration::seconds(1),
        ];
        for edit in edits {
            let mut edited = checkpoint.clone();
            edit(&mut edited);
            assert_eq!(
                edited.check_seal(&signature, &KEY, &edited.database.clone()),
                Err(CheckpointFault::Forged)
            );
        }
    }

    #[test]
    fn a_verifier_continues_from_a_checkpointed_head() {
        let links = chain_with(&KEY, 4);
        let checkpoint = checkpoint_of(&links[..2]);
        let mut verifier = ChainVerifier::after(&checkpoint.head().unwrap(), &KEY);
        for link in &links[2..] {
            verifier.push(link).unwrap();
        }
        assert_eq!(verifier.rows(), 4);
        assert_eq!(verifier.head().unwrap().row_hash, links[3].row_hash);
        // A row from before the checkpoint does not continue it.
        let mut again = ChainVerifier::after(&checkpoint.head().unwrap(), &KEY);
        assert_eq!(
            again.push(&links[1]).unwrap_err().reason,
            BrokenBecause::OutOfOrder
        );
    }

    #[test]
    fn either_hasher_accepts_both_forms_and_writes_the_first() {
        let either = crate::audit::EitherHasher(&KEY, &UNKEYED);
        assert_eq!(either.digest("p", "c"), KEY.digest("p", "c"));
        assert!(either.verifies("p", "c", &UNKEYED.digest("p", "c")));
        assert!(!either.verifies("p", "c", &OTHER_KEY.digest("p", "c")));
    }

    #[test]
    fn texts_compare_equal_only_when_identical() {
        assert!(same_text("abc", "abc"));
        assert!(!same_text("abc", "abd"));
        assert!(!same_text("abc", "ab"));
    }
}
