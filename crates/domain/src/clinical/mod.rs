//! Clinical: test results, pharmacies and prescribed medication, validated before they are
//! stored.

mod json_fields;
pub mod medication;
pub mod pharmacy;
pub mod test_results;

pub use medication::{Medication, MedicationInput};
pub use pharmacy::PharmacyDetails;
pub use test_results::{ResultFlag, TestResult, TestResults};
