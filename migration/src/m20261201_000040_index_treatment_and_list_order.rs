//! Indexes for minimum-necessary access and bounded lists.
//!
//! - `appointments_treats_idx`: the appointment half of "does this doctor treat this patient"
//!   (`clinic_infrastructure::repositories::treats`) looks up the pair's appointments that are
//!   not cancelled and ended after the treatment window opened: one index probe on
//!   `(patient_id, doctor_id, ends_at)`, cancelled rows left out of the index altogether.
//! - `appointments_datetime_idx` and `bills_created_idx`: the unfiltered lists of the front desk
//!   (`GET /appointments`, `GET /bills`) read their first page in index order instead of
//!   sorting the whole table.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const UP: &str = r#"
CREATE INDEX appointments_treats_idx ON appointments (patient_id, doctor_id, ends_at)
    WHERE status <> 'cancelled';
CREATE INDEX appointments_datetime_idx ON appointments (appointment_datetime, appointment_id);
CREATE INDEX bills_created_idx ON bills (created_at, bill_id);
"#;

const DOWN: &str = r#"
DROP INDEX bills_created_idx;
DROP INDEX appointments_datetime_idx;
DROP INDEX appointments_treats_idx;
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
