//! Patients: the registration and contact data the front desk keeps, emergency contacts and
//! insurance policies, and the ports that store them. The care team lives in
//! [`care_team`](crate::care_team).

pub mod emergency_contacts;
pub mod insurance;
pub mod model;
pub mod ports;

pub use emergency_contacts::{
    EmergencyContact, EmergencyContactInput, MAX_EMERGENCY_CONTACTS, NewEmergencyContact,
    parse_emergency_contacts,
};
pub use insurance::{
    HolderRelationship, Insurance, InsuranceInput, InsurancePatch, InsurancePatchInput,
    InsuranceTerms, check_validity,
};
pub use model::{NameChange, Patient, PatientFilter, PatientPatch, PatientScope, PostalAddress};
pub use ports::{EmergencyContactRepository, InsuranceRepository, PatientRepository};
