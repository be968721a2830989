//! Clinical: medical records, their test results and prescriptions — validated before they are
//! stored — the use cases that write and read them, and the port that stores them. Who may is
//! decided by [`crate::access`].

#[cfg(test)]
mod fake;
mod json_fields;
pub mod medication;
pub mod pharmacy;
pub mod ports;
pub mod prescription;
pub mod record;
pub mod test_results;
#[cfg(test)]
mod tests;
pub mod use_cases;

pub use crate::access::ClinicalParties;
pub use medication::{Medication, MedicationInput};
pub use pharmacy::PharmacyDetails;
pub use ports::{ClinicalStore, ClinicalTx};
pub use prescription::{NewPrescription, Prescription, PrescriptionFilter, PrescriptionInput};
pub use record::{
    MedicalRecord, RecordAmendment, RecordContent, RecordFilter, VisitFacts, VisitNotInProgress,
    ensure_recordable,
};
pub use test_results::{ResultFlag, TestResult, TestResults};
pub use use_cases::{
    AmendRecord, AmendRecordError, IssuePrescription, IssuePrescriptionError, ListClinicalError,
    ListPrescriptions, ListRecords, ReadClinicalError, WriteRecord, WriteRecordError, amend_record,
    issue_prescription, list_prescriptions, list_records, read_prescription, read_record,
    write_record,
};
