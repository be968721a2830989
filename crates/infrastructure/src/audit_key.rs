//! The audit key (`CLINIC_AUDIT_KEY`): HMAC-SHA-256 for the audit chain and for the checkpoint
//! of its head. The key lives outside the database, so someone who can write to `audit_log`
//! (or restore an old dump) cannot recompute the chain or forge a checkpoint.
//!
//! Two subkeys are derived from it, one per purpose, so a row hash can never pass for a
//! checkpoint signature or the other way round.

use std::sync::OnceLock;

use clinic_domain::audit::{AuditHasher, CheckpointSigner};
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

type HmacSha256 = Hmac<Sha256>;

/// The least key length accepted, in bytes (the output size of SHA-256).
pub const MIN_AUDIT_KEY_BYTES: usize = 32;

/// The audit key, parsed from hex. Its `Debug` shows only its fingerprint.
#[derive(Clone, PartialEq, Eq)]
pub struct AuditKey {
    chain: [u8; 32],
    checkpoint: [u8; 32],
    fingerprint: String,
}

/// Why a text is not an audit key.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AuditKeyError {
    /// Not hexadecimal.
    #[error("it must be hexadecimal (e.g. `openssl rand -hex 32`)")]
    NotHex,
    /// Too short.
    #[error("it is {0} bytes long; at least {MIN_AUDIT_KEY_BYTES} are required (64 hex digits)")]
    TooShort(usize),
}

impl AuditKey {
    /// Parses a hex key of at least [`MIN_AUDIT_KEY_BYTES`] bytes (surrounding white space is
    /// ignored, so a key file may end with a newline).
    ///
    /// # Errors
    /// [`AuditKeyError`] when the text is not hex or too short.
    pub fn from_hex(text: &str) -> Result<Self, AuditKeyError> {
        let bytes = hex::decode(text.trim()).map_err(|_| AuditKeyError::NotHex)?;
        if bytes.len() < MIN_AUDIT_KEY_BYTES {
            return Err(AuditKeyError::TooShort(bytes.len()));
        }
        Ok(Self::from_bytes(&bytes))
    }

    fn from_bytes(key: &[u8]) -> Self {
        let derive = |purpose: &str| -> [u8; 32] { mac(key, &[purpose.as_bytes()]).into() };
        let fingerprint = hex::encode(&derive("clinic audit key fingerprint")[..4]);
        Self {
            chain: derive("clinic audit chain v1"),
            checkpoint: derive("clinic audit checkpoint v1"),
            fingerprint,
        }
    }

    /// A short public fingerprint (8 hex digits) that tells keys apart in logs and messages
    /// without revealing them.
    #[must_use]
    pub fn fingerprint(&self) -> &str {
        &self.fingerprint
    }
}

impl std::fmt::Debug for AuditKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "AuditKey({})", self.fingerprint)
    }
}

fn mac(key: &[u8], parts: &[&[u8]]) -> hmac::digest::Output<HmacSha256> {
    // HMAC takes a key of any length; `new_from_slice` cannot fail for it.
    let mut mac = <HmacSha256 as Mac>::new_from_slice(key).expect("HMAC accepts any key length");
    for part in parts {
        mac.update(part);
    }
    mac.finalize().into_bytes()
}

impl AuditHasher for AuditKey {
    /// Hex HMAC-SHA-256, under the chain subkey, of `prev_hash`, a newline and the row.
    fn digest(&self, prev_hash: &str, canonical: &str) -> String {
        hex::encode(mac(
            &self.chain,
            &[prev_hash.as_bytes(), b"\n", canonical.as_bytes()],
        ))
    }
}

impl CheckpointSigner for AuditKey {
    /// Hex HMAC-SHA-256, under the checkpoint subkey, of the checkpoint's canonical text.
    fn sign(&self, canonical: &str) -> String {
        hex::encode(mac(&self.checkpoint, &[canonical.as_bytes()]))
    }
}

/// The unkeyed SHA-256 chain of before `CLINIC_AUDIT_KEY`: SHA-256 of `prev_hash`, a newline
/// and the row, in hex. Never written any more; verification names rows that match it, and
/// `clinic audit rekey` accepts them once to move a log to the key.
#[derive(Debug, Clone, Copy, Default)]
pub struct UnkeyedSha256;

impl AuditHasher for UnkeyedSha256 {
    fn digest(&self, prev_hash: &str, canonical: &str) -> String {
        let mut hasher = Sha256::new();
        hasher.update(prev_hash.as_bytes());
        hasher.update(b"\n");
        hasher.update(canonical.as_bytes());
        hex::encode(hasher.finalize())
    }
}

/// The key every audit append of this process hashes with, installed once at start-up.
///
/// A process-wide value rather than a field of every adapter: every write of every context
/// appends audit rows inside its own transaction (`commit_audited`, the read-audit writer, the
/// seed), and the chain has one order and one key per database, as it has one advisory lock.
/// Verification never reads it: `verify` and the checkpoint take the key they are given.
static APPEND_KEY: OnceLock<AuditKey> = OnceLock::new();

/// Installs the key that audit appends hash with. Installing the same key again is a no-op.
///
/// # Errors
/// The fingerprint of the key already installed, when it is another one.
pub fn install_append_key(key: &AuditKey) -> Result<(), String> {
    let installed = APPEND_KEY.get_or_init(|| key.clone());
    if installed == key {
        Ok(())
    } else {
        Err(format!(
            "another audit key (fingerprint {}) is already installed in this process",
            installed.fingerprint()
        ))
    }
}

/// The installed append key.
///
/// # Errors
/// A database-style error when none was installed: an append without the key must fail (and
/// roll its change back) rather than write a row that verification would reject.
pub(crate) fn append_key() -> Result<&'static AuditKey, sea_orm::DbErr> {
    APPEND_KEY.get().ok_or_else(|| {
        sea_orm::DbErr::Custom(
            "no audit key is installed (CLINIC_AUDIT_KEY): refusing to write an audit row".into(),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEX: &str = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";

    #[test]
    fn a_key_is_at_least_32_bytes_of_hex() {
        assert!(AuditKey::from_hex(HEX).is_ok());
        assert!(AuditKey::from_hex(&format!("  {HEX}\n")).is_ok());
        assert_eq!(
            AuditKey::from_hex(&HEX[..62]),
            Err(AuditKeyError::TooShort(31))
        );
        assert_eq!(AuditKey::from_hex("zz"), Err(AuditKeyError::NotHex));
    }

    #[test]
    fn the_row_hash_is_keyed_and_differs_from_the_unkeyed_one() {
        let key = AuditKey::from_hex(HEX).unwrap();
        let other = AuditKey::from_hex(&HEX.replace("1f", "ff")).unwrap();
        let row = key.digest("genesis", "[1]");
        assert_eq!(row.len(), 64);
        assert_eq!(row, key.digest("genesis", "[1]"));
        assert_ne!(row, other.digest("genesis", "[1]"));
        assert_ne!(row, UnkeyedSha256.digest("genesis", "[1]"));
        // The two subkeys differ: a row hash is not a checkpoint signature.
        assert_ne!(key.sign("genesis\n[1]"), row);
    }

    #[test]
    fn the_key_never_shows_in_debug_output() {
        let key = AuditKey::from_hex(HEX).unwrap();
        let printed = format!("{key:?}");
        assert_eq!(printed, format!("AuditKey({})", key.fingerprint()));
        assert!(!printed.contains("0102"));
    }
}
