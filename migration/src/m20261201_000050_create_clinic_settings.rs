//! The clinic's settings (one row) and the reason a visit was cancelled.
//!
//! `clinic_settings` holds the limits the scheduling rules read inside their own transactions:
//! the late-cancellation window, the booking horizon and the cap on a patient's future active
//! appointments. The bounds and defaults are `clinic_domain::settings::ClinicSettings`'s; the
//! CHECK constraints keep the row within them whoever writes it. `appointments.cancellation_reason`
//! keeps why a visit was cancelled (required of staff and doctors for a late cancellation).

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const UP: &str = r#"
CREATE TABLE clinic_settings (
    settings_id smallint PRIMARY KEY DEFAULT 1
        CONSTRAINT clinic_settings_single_row_check CHECK (settings_id = 1),
    late_cancellation_hours integer NOT NULL DEFAULT 24
        CONSTRAINT clinic_settings_late_cancellation_hours_check
        CHECK (late_cancellation_hours BETWEEN 0 AND 168),
    booking_horizon_days integer NOT NULL DEFAULT 180
        CONSTRAINT clinic_settings_booking_horizon_days_check
        CHECK (booking_horizon_days BETWEEN 1 AND 730),
    max_future_appointments integer NOT NULL DEFAULT 5
        CONSTRAINT clinic_settings_max_future_appointments_check
        CHECK (max_future_appointments BETWEEN 1 AND 100),
    updated_at timestamptz NOT NULL DEFAULT now(),
    updated_by integer REFERENCES users (user_id)
);
INSERT INTO clinic_settings DEFAULT VALUES;

ALTER TABLE appointments ADD COLUMN cancellation_reason text
    CONSTRAINT appointments_cancellation_reason_check
    CHECK (cancellation_reason IS NULL
           OR (status = 'cancelled' AND char_length(cancellation_reason) BETWEEN 1 AND 1000));
"#;

const DOWN: &str = r#"
ALTER TABLE appointments DROP COLUMN cancellation_reason;
DROP TABLE clinic_settings;
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
