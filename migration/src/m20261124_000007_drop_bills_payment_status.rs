//! Billing: a bill's payment status is derived, never stored.
//!
//! `bills.payment_status` was written by three versions of the rule and read by nothing; the
//! status is decided by `clinic_domain::billing::derive_status` alone, and lists filter by its
//! tested SQL twin (`derived_status_sql`), over `voided_at`, the amounts and `billing_due`.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const UP: &str = r#"
DROP INDEX bills_status_due_idx;
ALTER TABLE bills DROP CONSTRAINT bills_void_check;
ALTER TABLE bills DROP CONSTRAINT bills_payment_status_check;
ALTER TABLE bills DROP COLUMN payment_status;
-- What the old check kept true of voiding without the column: a void bill says why, and a
-- bill that is not void has no void reason.
ALTER TABLE bills ADD CONSTRAINT bills_void_check
    CHECK ((voided_at IS NULL) = (void_reason IS NULL));
"#;

// Restores the column as the last change would have stored it, with the status on the day
// the migration is undone.
const DOWN: &str = r#"
ALTER TABLE bills DROP CONSTRAINT bills_void_check;
ALTER TABLE bills ADD COLUMN payment_status text NOT NULL DEFAULT 'unpaid'
    CONSTRAINT bills_payment_status_check
    CHECK (payment_status IN ('unpaid', 'partially_paid', 'paid', 'overdue', 'void'));
UPDATE bills SET payment_status =
    CASE WHEN voided_at IS NOT NULL THEN 'void'
         WHEN amount_paid >= amount_due THEN 'paid'
         WHEN current_date > billing_due THEN 'overdue'
         WHEN amount_paid > 0 THEN 'partially_paid'
         ELSE 'unpaid' END;
ALTER TABLE bills ADD CONSTRAINT bills_void_check
    CHECK ((payment_status = 'void') = (voided_at IS NOT NULL));
CREATE INDEX bills_status_due_idx ON bills (payment_status, billing_due);
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
