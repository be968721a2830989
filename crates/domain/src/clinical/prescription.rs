//! Prescriptions as the use cases see them.

use chrono::{DateTime, Utc};

use super::{Medication, PharmacyDetails};

/// A stored prescription, with the record's patient and doctor.
#[derive(Debug, Clone, PartialEq)]
pub struct Prescription {
    pub prescription_id: i32,
    pub record_id: i32,
    /// The record's patient.
    pub patient_id: i32,
    /// The record's doctor, who prescribed.
    pub doctor_id: i32,
    pub medication_name: String,
    pub dose: String,
    pub route: String,
    pub frequency: String,
    pub quantity: i32,
    pub refills: i16,
    pub instructions: Option<String>,
    pub date_issued: DateTime<Utc>,
    pub pharmacy_details: Option<PharmacyDetails>,
    pub doctor_name: String,
}

/// A prescription that passed validation, for record `record_id`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewPrescription {
    pub record_id: i32,
    pub medication: Medication,
    pub pharmacy_details: Option<PharmacyDetails>,
}

/// Which prescriptions to list: always one patient's, optionally of one record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PrescriptionFilter {
    pub patient_id: i32,
    pub record_id: Option<i32>,
}
