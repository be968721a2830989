//! What the audit log needs from outside: a keyed hash for the chain and a signature for the
//! checkpoint of its head. The domain does not implement either, so it stays free of crypto
//! crates; the adapter holds the key (`CLINIC_AUDIT_KEY`), which never enters the database.

/// Computes the hash that links an audit row to the one before it.
pub trait AuditHasher: Send + Sync {
    /// The row hash of a row whose canonical form is `canonical`, following the row whose hash
    /// is `prev_hash` ([`GENESIS_HASH`](crate::audit::GENESIS_HASH) for the first row). Must be
    /// deterministic and, so that nobody without the key can recompute the chain, keyed: e.g.
    /// hex HMAC-SHA-256 of `prev_hash`, a separator and `canonical`.
    fn digest(&self, prev_hash: &str, canonical: &str) -> String;

    /// Whether `row_hash` is this hasher's digest of the row. Overridden by a hasher that
    /// accepts more than one form (see [`EitherHasher`](crate::audit::EitherHasher)).
    fn verifies(&self, prev_hash: &str, canonical: &str, row_hash: &str) -> bool {
        crate::audit::checkpoint::same_text(&self.digest(prev_hash, canonical), row_hash)
    }
}

/// Signs a checkpoint of the chain's head, so a checkpoint file cannot be forged or edited by
/// someone without the key.
pub trait CheckpointSigner: Send + Sync {
    /// The signature of `canonical` (an
    /// [`AuditCheckpoint::canonical`](crate::audit::AuditCheckpoint::canonical) text), e.g. hex
    /// HMAC-SHA-256 under a key derived from the audit key.
    fn sign(&self, canonical: &str) -> String;
}
