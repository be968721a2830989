//! Invoice numbers and payment references, for the front desk's money loop.
//!
//! Every bill gets a human invoice number `INV-<year issued>-<6+ digit sequence>` (for example
//! `INV-2026-000123`). The number is the column's default, so it is assigned by the very
//! `INSERT` of the bill, inside the bill's transaction, from one sequence: two bills never share
//! a number even when issued at the same moment, and the unique index is the last word. Bills
//! that exist already are numbered in the order they were issued. The spelling is
//! `clinic_domain::billing::InvoiceNumber`'s.
//!
//! A payment may carry the desk's `reference` (the card terminal's slip number, a cheque
//! number, an insurer's remittance id): at most 100 characters, one line.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const UP: &str = r#"
CREATE SEQUENCE bills_invoice_number_seq AS bigint;
CREATE FUNCTION bill_invoice_number(issued timestamptz, seq bigint) RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE
    RETURN 'INV-' || to_char(issued AT TIME ZONE 'UTC', 'YYYY') || '-' || lpad(seq::text, 6, '0');
ALTER TABLE bills ADD COLUMN invoice_number text;
WITH numbered AS (
    SELECT bill_id, created_at, row_number() OVER (ORDER BY created_at, bill_id) AS seq FROM bills
)
UPDATE bills b SET invoice_number = bill_invoice_number(n.created_at, n.seq)
FROM numbered n WHERE n.bill_id = b.bill_id;
SELECT setval('bills_invoice_number_seq', GREATEST((SELECT count(*) FROM bills), 1),
              (SELECT count(*) FROM bills) > 0);
ALTER TABLE bills
    ALTER COLUMN invoice_number SET DEFAULT
        bill_invoice_number(now(), nextval('bills_invoice_number_seq')),
    ALTER COLUMN invoice_number SET NOT NULL,
    ADD CONSTRAINT bills_invoice_number_check CHECK (invoice_number ~ '^INV-[0-9]{4}-[0-9]{6,}$');
ALTER SEQUENCE bills_invoice_number_seq OWNED BY bills.invoice_number;
CREATE UNIQUE INDEX bills_invoice_number_key ON bills (invoice_number);
CREATE INDEX bills_invoice_number_trgm_idx ON bills USING gin (invoice_number gin_trgm_ops);

ALTER TABLE payments ADD COLUMN reference text
    CONSTRAINT payments_reference_check
        CHECK (reference IS NULL OR (char_length(reference) BETWEEN 1 AND 100 AND reference !~ '[[:cntrl:]]'));
"#;

const DOWN: &str = r#"
ALTER TABLE payments DROP COLUMN reference;
ALTER TABLE bills DROP COLUMN invoice_number;
DROP FUNCTION bill_invoice_number(timestamptz, bigint);
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
