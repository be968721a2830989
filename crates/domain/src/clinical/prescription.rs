//! Prescriptions as the use cases see them.

use chrono::{DateTime, Duration, Utc};
use serde_json::Value;

use super::allergy::parse_override_reason;
use super::{Medication, MedicationInput, PharmacyDetails};
use crate::error::{ValidationError, ValidationErrors};

/// Longest course a prescription may name, in days (`prescriptions_duration_days_check`).
pub const MAX_DURATION_DAYS: i64 = 3650;

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
    /// How many days the course lasts from `date_issued`; `None`: until ended.
    pub duration_days: Option<i32>,
    /// When the doctor ended (stopped or cancelled) it.
    pub ended_at: Option<DateTime<Utc>>,
    /// Why it was prescribed despite an active allergy it matches.
    pub allergy_override_reason: Option<String>,
}

impl Prescription {
    /// When the course ends on its own: `date_issued` plus its duration.
    #[must_use]
    pub fn runs_until(&self) -> Option<DateTime<Utc>> {
        self.duration_days
            .map(|days| self.date_issued + Duration::days(days.into()))
    }

    /// Where the course stands at `now`: stopped once the doctor ended it (whatever its
    /// length), completed once a course of fixed length ran out, else running.
    #[must_use]
    pub fn course(&self, now: DateTime<Utc>) -> Course {
        if self.ended_at.is_some_and(|ended| ended <= now) {
            Course::Stopped
        } else if self.runs_until().is_some_and(|until| until <= now) {
            Course::Completed
        } else {
            Course::Running
        }
    }

    /// An active medication: issued, not ended, and (for a course of fixed length) not run
    /// out at `now`. The active-medication list is derived from prescriptions by this rule;
    /// nothing else stores it.
    #[must_use]
    pub fn is_active(&self, now: DateTime<Utc>) -> bool {
        self.date_issued <= now && self.course(now) == Course::Running
    }
}

/// Where a prescription's course stands at a moment; derived, never stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Course {
    /// Neither ended by the doctor nor run out.
    Running,
    /// A course of fixed length that ran its days.
    Completed,
    /// Ended (stopped or cancelled) by the doctor.
    Stopped,
}

/// The active medications among `prescriptions` at `now`, in the order given.
#[must_use]
pub fn active_medications(
    prescriptions: Vec<Prescription>,
    now: DateTime<Utc>,
) -> Vec<Prescription> {
    prescriptions
        .into_iter()
        .filter(|p| p.is_active(now))
        .collect()
}

/// A prescription that passed validation, for record `record_id`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewPrescription {
    pub record_id: i32,
    pub medication: Medication,
    pub pharmacy_details: Option<PharmacyDetails>,
    pub duration_days: Option<i32>,
    pub allergy_override_reason: Option<String>,
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
    /// Days the course lasts; absent: until ended.
    pub duration_days: Option<i64>,
    /// Why to prescribe despite a matching active allergy.
    pub allergy_override_reason: Option<String>,
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
        let duration_days = errors.capture(match self.duration_days {
            None => Ok(None),
            Some(days) if (1..=MAX_DURATION_DAYS).contains(&days) => Ok(i32::try_from(days).ok()),
            Some(_) => Err(ValidationError::new(
                "duration_days",
                format!("must be between 1 and {MAX_DURATION_DAYS}"),
            )),
        });
        let allergy_override_reason = errors.capture(parse_override_reason(
            self.allergy_override_reason.as_deref(),
        ));
        match (
            medication,
            pharmacy_details,
            duration_days,
            allergy_override_reason,
        ) {
            (
                Some(medication),
                Some(pharmacy_details),
                Some(duration_days),
                Some(allergy_override_reason),
            ) => Ok(NewPrescription {
                record_id,
                medication,
                pharmacy_details,
                duration_days,
                allergy_override_reason,
            }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    fn issued(duration_days: Option<i32>, ended_at: Option<DateTime<Utc>>) -> Prescription {
        Prescription {
            prescription_id: 1,
            record_id: 1,
            patient_id: 7,
            doctor_id: 5,
            medication_name: "Amoxicillin".into(),
            dose: "500 mg".into(),
            route: "oral".into(),
            frequency: "every 8 hours".into(),
            quantity: 21,
            refills: 0,
            instructions: None,
            date_issued: Utc.with_ymd_and_hms(2030, 3, 1, 9, 0, 0).unwrap(),
            pharmacy_details: None,
            doctor_name: "Greg House".into(),
            duration_days,
            ended_at,
            allergy_override_reason: None,
        }
    }

    fn day(d: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2030, 3, d, 12, 0, 0).unwrap()
    }

    #[test]
    fn a_course_is_active_within_its_duration_only() {
        let seven_days = issued(Some(7), None);
        assert!(seven_days.is_active(day(7)));
        assert!(!seven_days.is_active(day(8)));
        assert_eq!(
            seven_days.runs_until(),
            Some(Utc.with_ymd_and_hms(2030, 3, 8, 9, 0, 0).unwrap())
        );
    }

    #[test]
    fn an_open_ended_prescription_is_active_until_ended() {
        assert!(issued(None, None).is_active(day(28)));
        let ended = issued(None, Some(day(3)));
        assert!(ended.is_active(day(2)));
        assert!(!ended.is_active(day(4)));
    }

    #[test]
    fn a_course_is_stopped_when_ended_and_completed_when_run_out() {
        let seven_days = issued(Some(7), None);
        assert_eq!(seven_days.course(day(7)), Course::Running);
        assert_eq!(seven_days.course(day(8)), Course::Completed);
        // Ended by the doctor before it ran out: stopped, also after its last day.
        let ended_early = issued(Some(7), Some(day(3)));
        assert_eq!(ended_early.course(day(2)), Course::Running);
        assert_eq!(ended_early.course(day(4)), Course::Stopped);
        assert_eq!(ended_early.course(day(20)), Course::Stopped);
        assert_eq!(issued(None, None).course(day(28)), Course::Running);
    }

    #[test]
    fn the_active_list_keeps_only_active_prescriptions() {
        let list = vec![
            issued(Some(2), None),
            issued(None, None),
            issued(None, Some(day(2))),
        ];
        assert_eq!(active_medications(list, day(10)).len(), 1);
    }

    #[test]
    fn duration_and_override_reason_are_validated() {
        let input = PrescriptionInput {
            medication_name: "Ibuprofen".into(),
            dose: "200 mg".into(),
            route: "oral".into(),
            frequency: "twice a day".into(),
            quantity: 20,
            refills: 0,
            instructions: None,
            pharmacy_details: None,
            duration_days: Some(0),
            allergy_override_reason: Some("x".repeat(501)),
        };
        let errors = input.parse(1).unwrap_err();
        assert!(errors.has_field("duration_days") && errors.has_field("allergy_override_reason"));
    }
}
