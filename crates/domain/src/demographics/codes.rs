//! The coded value sets of demographics, and the port that lists them.

use async_trait::async_trait;

use crate::demographics::CodeKind;
use crate::store::StoreResult;

/// One entry of a code table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Code {
    pub code: i16,
    pub text: String,
    /// The CDC Race & Ethnicity code (`urn:oid:2.16.840.1.113883.6.238`) of a race or
    /// ethnicity category that has one.
    pub cdc_code: Option<String>,
}

/// Reads the code tables.
#[async_trait]
pub trait CodeTables: Send + Sync {
    /// Every code of a table, by code.
    ///
    /// # Errors
    /// `Unavailable` / `Unexpected` only.
    async fn list(&self, kind: CodeKind) -> StoreResult<Vec<Code>>;
}
