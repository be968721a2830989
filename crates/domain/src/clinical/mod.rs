//! Clinical: medical records, their test results and prescriptions — validated before they are
//! stored — who may write them, and the ports that store them.

pub mod access;
mod json_fields;
pub mod medication;
pub mod pharmacy;
pub mod ports;
pub mod prescription;
pub mod record;
pub mod test_results;

pub use access::{ClinicalParties, may_write};
pub use medication::{Medication, MedicationInput};
pub use pharmacy::PharmacyDetails;
pub use ports::{MedicalRecordRepository, PrescriptionRepository};
pub use prescription::{NewPrescription, Prescription, PrescriptionFilter};
pub use record::{MedicalRecord, RecordAmendment, RecordContent, RecordFilter, ensure_recordable};
pub use test_results::{ResultFlag, TestResult, TestResults};
