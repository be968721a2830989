//! Invoice numbers past the millionth bill. `bill_invoice_number` padded the sequence with
//! `lpad(seq, 6)`, which also cuts a longer text to six characters: the 1,000,000th bill of a
//! year would be numbered as the 100,000th and its insert refused by the unique index. The
//! sequence is now padded to at least six digits and never cut, as the domain's
//! `invoice_number` spells it. Numbers already issued are unchanged (all were below a million,
//! or their insert failed).

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const UP: &str = r#"
CREATE OR REPLACE FUNCTION bill_invoice_number(issued timestamptz, seq bigint) RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE
    RETURN 'INV-' || to_char(issued AT TIME ZONE 'UTC', 'YYYY') || '-'
        || lpad(seq::text, GREATEST(6, length(seq::text)), '0');
"#;

const DOWN: &str = r#"
CREATE OR REPLACE FUNCTION bill_invoice_number(issued timestamptz, seq bigint) RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE
    RETURN 'INV-' || to_char(issued AT TIME ZONE 'UTC', 'YYYY') || '-' || lpad(seq::text, 6, '0');
"#;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.get_connection().execute_unprepared(UP).await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.get_connection().execute_unprepared(DOWN).await?;
        Ok(())
    }
}
