//! Clinical: medical records, their test results and prescriptions — validated before they are
//! stored — the use cases that write and read them, and the port that stores them. Who may is
//! decided by [`crate::access`].

pub mod addendum;
pub mod allergy;
pub mod chart;
#[cfg(test)]
mod fake;
mod json_fields;
pub mod medication;
pub mod pharmacy;
pub mod ports;
pub mod prescription;
pub mod problem;
pub mod record;
pub mod test_results;
#[cfg(test)]
mod tests;
pub mod use_cases;
pub mod vitals;

pub use crate::access::ClinicalParties;
pub use addendum::{Addendum, FieldChange, NewAddendum, next_addendum};
pub use allergy::{Allergy, AllergyChange, AllergySeverity, NewAllergy, matches_medication};
pub use chart::{
    ChangeAllergy, ChangeProblem, ChartError, ChartSummary, LatestVitals, NoteAllergy, NoteProblem,
    change_allergy, change_problem, note_allergy, note_problem, read_chart_summary,
};
pub use medication::{Medication, MedicationInput};
pub use pharmacy::PharmacyDetails;
pub use ports::{ClinicalStore, ClinicalTx};
pub use prescription::{
    Course, NewPrescription, Prescription, PrescriptionFilter, PrescriptionInput,
    active_medications,
};
pub use problem::{NewProblem, Problem, ProblemChange, ProblemStatus};
pub use record::{
    MedicalRecord, RecordAmendment, RecordContent, RecordFilter, VisitFacts, VisitNotInProgress,
    ensure_recordable,
};
pub use test_results::{ReferenceRange, ResultFlag, TestResult, TestResults};
pub use use_cases::{
    AmendRecord, AmendRecordError, IssuePrescription, IssuePrescriptionError, ListClinicalError,
    ListPrescriptions, ListRecords, ReadClinicalError, WriteRecord, WriteRecordError, amend_record,
    issue_prescription, list_prescriptions, list_records, read_prescription, read_record,
    write_record,
};
pub use vitals::{VITALS, VitalReading, VitalSpec, Vitals};
