//! SeaORM entities, one file per table. They never leave this crate.

// entities are used by the repositories as they arrive
#![allow(dead_code)]

pub mod appointments;
pub mod audit_log;
pub mod bills;
pub mod demographics;
pub mod doctor_offices;
pub mod doctor_working_hours;
pub mod doctors;
pub mod ethnicity_codes;
pub mod gender_codes;
pub mod insurances;
pub mod medical_records;
pub mod notifications;
pub mod office_services;
pub mod offices;
pub mod patient_doctors;
pub mod patient_emergency_contacts;
pub mod patients;
pub mod payments;
pub mod prescriptions;
pub mod race_codes;
pub mod refresh_tokens;
pub mod specialist_approvals;
pub mod specialties;
pub mod users;
