//! Patients: the registration and contact data the front desk keeps, emergency contacts and
//! insurance policies, and the ports that store them. The care team lives in
//! [`care_team`](crate::care_team).

pub mod emergency_contacts;
#[cfg(test)]
pub(crate) mod fake;
pub mod insurance;
pub mod model;
pub mod ports;
pub mod search;
#[cfg(test)]
mod tests;
pub mod use_cases;

pub use emergency_contacts::{
    EmergencyContact, EmergencyContactInput, MAX_EMERGENCY_CONTACTS, NewEmergencyContact,
    parse_emergency_contacts,
};
pub use insurance::{
    HolderRelationship, Insurance, InsuranceInput, InsurancePatch, InsurancePatchInput,
    InsuranceTerms, check_validity,
};
pub use model::{
    NameChange, Patient, PatientFields, PatientFilter, PatientPatch, PatientScope, PostalAddress,
};
pub use ports::{EmergencyContactRepository, InsuranceRepository, PatientRepository};
pub use search::{PatientSearchTerm, classify_search, parse_birth_date};
pub use use_cases::{
    AddInsurance, EditPatientError, ListPatientsError, ManageInsuranceError,
    ReadEmergencyContactsError, ReadInsuranceError, ReadPatientError, RegisterPatientError,
    ReplaceEmergencyContactsError, SearchPatients, UpdatePatientError, add_insurance,
    list_insurances, list_patients, may_register_patient, read_emergency_contacts, read_insurance,
    read_patient, register_patient, replace_emergency_contacts, search_patients, update_insurance,
    update_patient,
};
