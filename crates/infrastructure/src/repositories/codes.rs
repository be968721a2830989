//! The demographic code tables.

use async_trait::async_trait;
use clinic_domain::StoreResult;
use clinic_domain::demographics::{Code, CodeKind, CodeTables};
use sea_orm::{DatabaseConnection, DbBackend, FromQueryResult, Statement};

use super::support::store_error;

/// Code tables in PostgreSQL.
#[derive(Clone)]
pub struct PgCodeTables {
    db: DatabaseConnection,
}

impl PgCodeTables {
    /// A reader over `db`.
    #[must_use]
    pub fn new(db: DatabaseConnection) -> Self {
        Self { db }
    }
}

#[derive(FromQueryResult)]
struct CodeRow {
    code: i16,
    text: String,
    cdc_code: Option<String>,
}

#[async_trait]
impl CodeTables for PgCodeTables {
    async fn list(&self, kind: CodeKind) -> StoreResult<Vec<Code>> {
        let sql = match kind {
            CodeKind::Race => {
                "SELECT race_code AS code, race_text AS text, cdc_code FROM race_codes ORDER BY 1"
            }
            CodeKind::Ethnicity => {
                "SELECT ethnicity_code AS code, ethnicity_text AS text, cdc_code FROM ethnicity_codes ORDER BY 1"
            }
            CodeKind::Gender => {
                "SELECT gender_code AS code, gender_text AS text, NULL::text AS cdc_code FROM gender_codes ORDER BY 1"
            }
        };
        let rows = CodeRow::find_by_statement(Statement::from_string(DbBackend::Postgres, sql))
            .all(&self.db)
            .await
            .map_err(store_error)?;
        Ok(rows
            .into_iter()
            .map(|r| Code {
                code: r.code,
                text: r.text,
                cdc_code: r.cdc_code,
            })
            .collect())
    }
}
