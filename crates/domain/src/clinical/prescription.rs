//! Prescriptions as the use cases see them.

use chrono::{DateTime, Utc};
use serde_json::Value;

use super::{Medication, MedicationInput, PharmacyDetails};
use crate::error::ValidationErrors;

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

/// A prescription as the client wrote it, not yet validated.
#[derive(Debug, Clone, PartialEq)]
pub struct PrescriptionInput {
    pub medication_name: String,
    pub dose: String,
    pub route: String,
    pub frequency: String,
    pub quantity: i64,
    pub refills: i64,
    pub instructions: Option<String>,
    /// The pharmacy as sent (`null` or absent: none), checked field by field.
    pub pharmacy_details: Option<Value>,
}

impl PrescriptionInput {
    /// Validates the prescription for record `record_id`.
    ///
    /// # Errors
    /// Every invalid field, pharmacy fields by path (`pharmacy_details.phone`).
    pub fn parse(&self, record_id: i32) -> Result<NewPrescription, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let medication = errors.capture_all(Medication::parse(MedicationInput {
            medication_name: &self.medication_name,
            dose: &self.dose,
            route: &self.route,
            frequency: &self.frequency,
            quantity: self.quantity,
            refills: self.refills,
            instructions: self.instructions.as_deref(),
        }));
        let pharmacy_details = match &self.pharmacy_details {
            None | Some(Value::Null) => Some(None),
            Some(raw) => errors.capture_all(PharmacyDetails::parse(raw)).map(Some),
        };
        match (medication, pharmacy_details) {
            (Some(medication), Some(pharmacy_details)) => Ok(NewPrescription {
                record_id,
                medication,
                pharmacy_details,
            }),
            _ => Err(errors),
        }
    }
}
