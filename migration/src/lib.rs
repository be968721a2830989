//! Database schema migrations of Clinic (PostgreSQL 15).
//!
//! Every migration is written as raw SQL: exclusion constraints, partial and expression
//! indexes and triggers have no builder, and one readable SQL block per file is easier to
//! review than builder calls. `docs/schema.md` describes the schema and lists every named
//! constraint (the application maps constraint violations to domain errors by name).
//!
//! The application binary runs the migrations with `Migrator::up(&db, None)`.

pub use sea_orm_migration::prelude::*;

mod m20261124_000001_create_extensions_and_code_tables;
mod m20261124_000002_create_identity;
mod m20261124_000003_create_directory;
mod m20261124_000004_create_scheduling_and_clinical;
mod m20261124_000005_create_billing;
mod m20261124_000006_create_notifications_and_audit;
mod m20261124_000007_drop_bills_payment_status;
mod m20261201_000010_create_bill_entries;
mod m20261201_000020_create_auth_throttle_and_session_lifetime;
mod m20261201_000040_index_treatment_and_list_order;
mod m20261201_000050_create_clinic_settings;
mod m20261202_000010_create_availability;
mod m20261202_000020_create_outbox_messages;
mod m20261202_000030_create_appointment_series;
mod m20261202_000040_create_waitlist;
mod m20261202_000050_create_calendar_feeds;
mod m20261203_000020_create_visit_types;
mod m20261203_000030_add_invoice_numbers_and_payment_references;
mod m20261203_000041_create_chart;
mod m20261203_000050_index_patient_search_and_audit_patients;
mod m20261204_000010_add_cdc_race_and_ethnicity_codes;
mod m20261205_000010_invoice_numbers_past_a_million;

/// Advisory lock key that every writer of `audit_log` takes with
/// `SELECT pg_advisory_xact_lock(AUDIT_LOG_LOCK_KEY)` before it reads the last `row_hash`,
/// so that the hash chain has a single order.
pub const AUDIT_LOG_LOCK_KEY: i64 = 7_243_001;

/// The ordered list of Clinic's migrations.
pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261124_000001_create_extensions_and_code_tables::Migration),
            Box::new(m20261124_000002_create_identity::Migration),
            Box::new(m20261124_000003_create_directory::Migration),
            Box::new(m20261124_000004_create_scheduling_and_clinical::Migration),
            Box::new(m20261124_000005_create_billing::Migration),
            Box::new(m20261124_000006_create_notifications_and_audit::Migration),
            Box::new(m20261124_000007_drop_bills_payment_status::Migration),
            Box::new(m20261201_000010_create_bill_entries::Migration),
            Box::new(m20261201_000020_create_auth_throttle_and_session_lifetime::Migration),
            Box::new(m20261201_000040_index_treatment_and_list_order::Migration),
            Box::new(m20261201_000050_create_clinic_settings::Migration),
            Box::new(m20261202_000010_create_availability::Migration),
            Box::new(m20261202_000020_create_outbox_messages::Migration),
            Box::new(m20261202_000030_create_appointment_series::Migration),
            Box::new(m20261202_000040_create_waitlist::Migration),
            Box::new(m20261202_000050_create_calendar_feeds::Migration),
            Box::new(m20261203_000020_create_visit_types::Migration),
            Box::new(m20261203_000030_add_invoice_numbers_and_payment_references::Migration),
            Box::new(m20261203_000041_create_chart::Migration),
            Box::new(m20261203_000050_index_patient_search_and_audit_patients::Migration),
            Box::new(m20261204_000010_add_cdc_race_and_ethnicity_codes::Migration),
            Box::new(m20261205_000010_invoice_numbers_past_a_million::Migration),
        ]
    }
}
