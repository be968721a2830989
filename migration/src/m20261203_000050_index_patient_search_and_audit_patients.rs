//! Patient search by email and phone, and the audit log by patient.
//!
//! - `users_email_trgm_idx`, `users_phone_digits_trgm_idx`: `GET /patients?q=` matches part of
//!   an email (`lower(email) LIKE '%…%'`) or the digits of a phone number typed with any
//!   formatting (`digits(country code || number) LIKE '%…%'`); trigram indexes serve both. The
//!   name index (`patients_name_trgm_idx`, with `pg_trgm` itself) exists since the first
//!   migration and also serves the typo-tolerant `%` / `<%` operators.
//! - `audit_values_patient(old, new)`: the `patient_id` an audit row's values carry (of the row,
//!   or of the first row of a replaced list), NULL when none or not a plain number. It reads only
//!   its arguments (IMMUTABLE), so it can be indexed: `audit_log_values_patient_idx`. Nothing is
//!   stored in `audit_log`: the patient is derived when the log is read, so the hash chain and
//!   the append-only rows are untouched (see `docs/security.md`).

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const UP: &str = r#"
CREATE INDEX users_email_trgm_idx ON users USING gin (lower(email) gin_trgm_ops);
CREATE INDEX users_phone_digits_trgm_idx ON users
    USING gin (regexp_replace(coalesce(phone_country_code, '') || coalesce(phone_number, ''), '[^0-9]', '', 'g') gin_trgm_ops)
    WHERE phone_number IS NOT NULL;

CREATE FUNCTION audit_values_patient(old_values jsonb, new_values jsonb) RETURNS integer
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN CASE
        WHEN COALESCE(new_values ->> 'patient_id', old_values ->> 'patient_id',
                      new_values -> 0 ->> 'patient_id', old_values -> 0 ->> 'patient_id')
             ~ '^[0-9]{1,9}$'
        THEN COALESCE(new_values ->> 'patient_id', old_values ->> 'patient_id',
                      new_values -> 0 ->> 'patient_id', old_values -> 0 ->> 'patient_id')::integer
    END;
CREATE INDEX audit_log_values_patient_idx ON audit_log (audit_values_patient(old_values, new_values))
    WHERE audit_values_patient(old_values, new_values) IS NOT NULL;
"#;

const DOWN: &str = r#"
DROP INDEX audit_log_values_patient_idx;
DROP FUNCTION audit_values_patient(jsonb, jsonb);
DROP INDEX users_phone_digits_trgm_idx;
DROP INDEX users_email_trgm_idx;
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
