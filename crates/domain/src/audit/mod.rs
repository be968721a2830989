//! Audit: the append-only, hash-chained record of who changed or read what.
//!
//! Row hashes are computed by a keyed [`AuditHasher`] adapter over [`AuditRecord::canonical`];
//! the first row's `prev_hash` is [`GENESIS_HASH`] (`"genesis"`). The head is anchored outside
//! the database by a signed [`AuditCheckpoint`] ([`CheckpointSigner`]).

pub mod action;
pub mod canonical;
pub mod chain;
pub mod checkpoint;
pub mod clinical_fields;
pub mod draft;
#[cfg(test)]
pub(crate) mod fake;
pub mod phi_reads;
pub mod ports;
pub mod query;
pub mod read;
pub mod redact;
#[cfg(test)]
mod tests;

pub use action::AuditAction;
pub use canonical::{AuditRecord, canonical_json};
pub use chain::{
    BrokenBecause, ChainBreak, ChainHead, ChainLink, ChainVerifier, EitherHasher, GENESIS_HASH,
    verify_chain, verify_chain_after,
};
pub use checkpoint::{
    AuditCheckpoint, AuditFault, CHECKPOINT_FORMAT, CheckpointFault, LogVerifier, VerifiedLog,
    verify_log,
};
pub use clinical_fields::{
    CHANGED, CLINICAL_FIELDS, REDACTED, clinical_fields, is_clinical, redact_clinical,
};
pub use draft::AuditEntryDraft;
pub use phi_reads::{PhiRead, ReadAudit, reads_of};
pub use ports::{AuditHasher, CheckpointSigner};
pub use query::{AuditEntry, AuditFilter, AuditLog};
pub use read::{
    AuthorFilter, MAX_TABLE_NAME_LEN, ReadAuditLog, ReadAuditLogError, parse_author, read_audit_log,
};
pub use redact::{SECRET_KEY_PARTS, is_secret_key, redact};
