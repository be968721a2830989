//! What the audit log needs from outside: a cryptographic hash, which the domain does not
//! implement so it stays free of crypto crates.

/// Computes the hash that links an audit row to the one before it.
pub trait AuditHasher: Send + Sync {
    /// The row hash of a row whose canonical form is `canonical`, following the row whose hash
    /// is `prev_hash` ([`GENESIS_HASH`](crate::audit::GENESIS_HASH) for the first row). Must be
    /// deterministic and collision-resistant, e.g. hex SHA-256 of `prev_hash`, a separator and
    /// `canonical`.
    fn digest(&self, prev_hash: &str, canonical: &str) -> String;
}
