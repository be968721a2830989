//! The audit log as a keyed hash chain: each row stores the previous row's hash and its own,
//! computed with a key the database never sees, so changing, removing, reordering or
//! recomputing rows is detectable even by someone who can write to the table directly. Only the
//! tail is not: removing the newest rows leaves a shorter chain that is still whole, which is
//! what the checkpoint ([`crate::audit::checkpoint`]) anchors.

use crate::audit::AuditHasher;

/// The `prev_hash` of the very first row of the log, which has no predecessor.
pub const GENESIS_HASH: &str = "genesis";

/// What [`verify_chain`] needs of one stored row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainLink {
    /// `audit_log.log_id`.
    pub log_id: i64,
    /// The hash stored as the previous row's.
    pub prev_hash: String,
    /// The hash stored as this row's.
    pub row_hash: String,
    /// This row's [`AuditRecord::canonical`](crate::audit::AuditRecord::canonical) form,
    /// recomputed from its stored columns.
    pub canonical: String,
}

/// Why the chain is broken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BrokenBecause {
    /// The row's contents no longer match its hash: it was changed after being written, or its
    /// hash was recomputed without the audit key (or with another key).
    Altered,
    /// The row does not link to the row before it: a row in between was removed, or the
    /// previous row's hash was rewritten.
    PreviousMissing,
    /// The row's id is not greater than the previous row's: rows were reordered or duplicated.
    OutOfOrder,
    /// The row's hash is the unkeyed SHA-256 of before `CLINIC_AUDIT_KEY`: either the log was
    /// written before the key existed and has not been rekeyed (`clinic audit rekey`), or
    /// someone without the key recomputed the chain.
    Unkeyed,
}

/// The first row at which the chain breaks, and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("audit chain broken at log_id {log_id}: {reason:?}")]
pub struct ChainBreak {
    /// The first row found broken.
    pub log_id: i64,
    /// Why.
    pub reason: BrokenBecause,
}

/// The last row of a verified stretch of the chain: where the next stretch continues.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainHead {
    /// Its `log_id`.
    pub log_id: i64,
    /// Its `row_hash`.
    pub row_hash: String,
    /// How many rows the log holds up to and including it.
    pub rows: u64,
}

/// A hasher that writes with its first hasher and accepts the digest of either: for rekeying a
/// log whose older rows were written under the old hash and newer ones under the new.
pub struct EitherHasher<'a>(pub &'a dyn AuditHasher, pub &'a dyn AuditHasher);

impl AuditHasher for EitherHasher<'_> {
    fn digest(&self, prev_hash: &str, canonical: &str) -> String {
        self.0.digest(prev_hash, canonical)
    }

    fn verifies(&self, prev_hash: &str, canonical: &str, row_hash: &str) -> bool {
        self.0.verifies(prev_hash, canonical, row_hash)
            || self.1.verifies(prev_hash, canonical, row_hash)
    }
}

/// Checks rows one at a time, in `log_id` order, so a long log can be streamed in batches.
pub struct ChainVerifier<'h> {
    hasher: &'h dyn AuditHasher,
    unkeyed: Option<&'h dyn AuditHasher>,
    expected_prev: String,
    last_id: Option<i64>,
    rows: u64,
}

impl<'h> ChainVerifier<'h> {
    /// A verifier of a whole log, from its first row.
    #[must_use]
    pub fn new(hasher: &'h dyn AuditHasher) -> Self {
        Self {
            hasher,
            unkeyed: None,
            expected_prev: GENESIS_HASH.to_owned(),
            last_id: None,
            rows: 0,
        }
    }

    /// A verifier of the stretch that follows `head` (a verified checkpoint).
    #[must_use]
    pub fn after(head: &ChainHead, hasher: &'h dyn AuditHasher) -> Self {
        Self {
            hasher,
            unkeyed: None,
            expected_prev: head.row_hash.clone(),
            last_id: Some(head.log_id),
            rows: head.rows,
        }
    }

    /// Names a row that fails the keyed hash but matches `unkeyed` as
    /// [`BrokenBecause::Unkeyed`] rather than [`BrokenBecause::Altered`].
    #[must_use]
    pub fn recognising_unkeyed(mut self, unkeyed: &'h dyn AuditHasher) -> Self {
        self.unkeyed = Some(unkeyed);
        self
    }

    /// Checks the next row.
    ///
    /// # Errors
    /// The [`ChainBreak`] at this row; the verifier must not be fed further after one.
    pub fn push(&mut self, link: &ChainLink) -> Result<(), ChainBreak> {
        let broken = |reason| ChainBreak {
            log_id: link.log_id,
            reason,
        };
        if self.last_id.is_some_and(|last| link.log_id <= last) {
            return Err(broken(BrokenBecause::OutOfOrder));
        }
        if link.prev_hash != self.expected_prev {
            return Err(broken(BrokenBecause::PreviousMissing));
        }
        if !self
            .hasher
            .verifies(&link.prev_hash, &link.canonical, &link.row_hash)
        {
            let unkeyed = self
                .unkeyed
                .is_some_and(|u| u.verifies(&link.prev_hash, &link.canonical, &link.row_hash));
            return Err(broken(if unkeyed {
                BrokenBecause::Unkeyed
            } else {
                BrokenBecause::Altered
            }));
        }
        self.last_id = Some(link.log_id);
        self.expected_prev.clone_from(&link.row_hash);
        self.rows += 1;
        Ok(())
    }

    /// How many rows the log holds up to the last one checked (counting those before the
    /// starting checkpoint).
    #[must_use]
    pub fn rows(&self) -> u64 {
        self.rows
    }

    /// The last row checked (or the starting checkpoint); `None` for an empty log.
    #[must_use]
    pub fn head(&self) -> Option<ChainHead> {
        self.last_id.map(|log_id| ChainHead {
            log_id,
            row_hash: self.expected_prev.clone(),
            rows: self.rows,
        })
    }
}

/// Verifies a whole log, given in `log_id` order from its first row.
///
/// # Errors
/// The first [`ChainBreak`].
pub fn verify_chain<H: AuditHasher>(
    rows: impl IntoIterator<Item = ChainLink>,
    hasher: &H,
) -> Result<(), ChainBreak> {
    let mut verifier = ChainVerifier::new(hasher);
    rows.into_iter().try_for_each(|link| verifier.push(&link))
}

/// Verifies a stretch of the log that follows a row whose hash is `prev_hash` (a checkpoint), so
/// a long log can be verified in pieces. Ids need only increase: sequences leave gaps.
///
/// # Errors
/// The first [`ChainBreak`].
pub fn verify_chain_after<H: AuditHasher>(
    prev_hash: &str,
    rows: impl IntoIterator<Item = ChainLink>,
    hasher: &H,
) -> Result<(), ChainBreak> {
    let mut verifier = ChainVerifier {
        expected_prev: prev_hash.to_owned(),
        ..ChainVerifier::new(hasher)
    };
    rows.into_iter().try_for_each(|link| verifier.push(&link))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Not cryptographic: just deterministic and sensitive to every input character.
    struct ToyHasher;

    impl AuditHasher for ToyHasher {
        fn digest(&self, prev_hash: &str, canonical: &str) -> String {
            let mut h: u64 = 0xcbf2_9ce4_8422_2325;
            for b in prev_hash.bytes().chain([0]).chain(canonical.bytes()) {
                h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
            }
            format!("{h:016x}")
        }
    }

    fn chain(contents: &[&str]) -> Vec<ChainLink> {
        let mut prev = GENESIS_HASH.to_owned();
        contents
            .iter()
            .zip(1..)
            .map(|(canonical, log_id)| {
                let row_hash = ToyHasher.digest(&prev, canonical);
                let link = ChainLink {
                    log_id,
                    prev_hash: prev.clone(),
                    row_hash: row_hash.clone(),
                    canonical: (*canonical).to_owned(),
                };
                prev = row_hash;
                link
            })
            .collect()
    }

    fn broken_at(result: Result<(), ChainBreak>) -> (i64, BrokenBecause) {
        let error = result.unwrap_err();
        (error.log_id, error.reason)
    }

    #[test]
    fn an_untouched_chain_verifies() {
        assert_eq!(verify_chain(chain(&["a", "b", "c"]), &ToyHasher), Ok(()));
        assert_eq!(verify_chain(Vec::new(), &ToyHasher), Ok(()));
    }

    #[test]
    fn a_changed_row_is_detected_as_altered() {
        let mut rows = chain(&["a", "b", "c"]);
        rows[1].canonical = "B".into();
        assert_eq!(
            broken_at(verify_chain(rows, &ToyHasher)),
            (2, BrokenBecause::Altered)
        );
    }

    #[test]
    fn a_removed_row_is_detected_at_the_row_after_it() {
        let mut rows = chain(&["a", "b", "c"]);
        rows.remove(1);
        assert_eq!(
            broken_at(verify_chain(rows, &ToyHasher)),
            (3, BrokenBecause::PreviousMissing)
        );
    }

    #[test]
    fn a_removed_first_row_is_detected() {
        let mut rows = chain(&["a", "b"]);
        rows.remove(0);
        assert_eq!(
            broken_at(verify_chain(rows, &ToyHasher)),
            (2, BrokenBecause::PreviousMissing)
        );
    }

    #[test]
    fn a_repeated_row_is_detected_as_out_of_order() {
        let mut rows = chain(&["a", "b", "c"]);
        rows[2] = rows[1].clone();
        assert_eq!(
            broken_at(verify_chain(rows, &ToyHasher)),
            (2, BrokenBecause::OutOfOrder)
        );
    }

    #[test]
    fn a_row_with_a_lower_id_after_a_higher_one_is_out_of_order() {
        let mut rows = chain(&["a", "b", "c"]);
        // Even with the links intact, ids must increase.
        rows[2].log_id = 1;
        assert_eq!(
            broken_at(verify_chain(rows, &ToyHasher)),
            (1, BrokenBecause::OutOfOrder)
        );
    }

    #[test]
    fn swapped_rows_break_the_chain_where_the_later_row_moved_up() {
        let mut rows = chain(&["a", "b", "c"]);
        rows.swap(1, 2);
        assert_eq!(
            broken_at(verify_chain(rows, &ToyHasher)),
            (3, BrokenBecause::PreviousMissing)
        );
    }

    #[test]
    fn a_rewritten_row_with_a_recomputed_hash_breaks_the_next_link() {
        let mut rows = chain(&["a", "b", "c"]);
        rows[1].canonical = "B".into();
        rows[1].row_hash = ToyHasher.digest(&rows[1].prev_hash, "B");
        assert_eq!(
            broken_at(verify_chain(rows, &ToyHasher)),
            (3, BrokenBecause::PreviousMissing)
        );
    }

    #[test]
    fn a_stretch_verifies_from_its_checkpoint() {
        let rows = chain(&["a", "b", "c"]);
        let checkpoint = rows[0].row_hash.clone();
        assert_eq!(
            verify_chain_after(&checkpoint, rows[1..].to_vec(), &ToyHasher),
            Ok(())
        );
    }
}
