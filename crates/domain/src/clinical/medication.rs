//! What is prescribed: the medication columns of a prescription.

use crate::error::{ValidationError, ValidationErrors};
use crate::values::free_text;

/// Fewest units dispensed.
pub const MIN_QUANTITY: i64 = 1;
/// Most units dispensed at once.
pub const MAX_QUANTITY: i64 = 10_000;
/// Most refills one prescription allows.
pub const MAX_REFILLS: i64 = 12;

/// A prescription's medication as typed, before validation. Numbers are `i64` so an out-of-range
/// value is a validation error on its field rather than a malformed request.
#[derive(Debug, Clone, Copy, Default)]
pub struct MedicationInput<'a> {
    /// e.g. "Amoxicillin".
    pub medication_name: &'a str,
    /// e.g. "500 mg".
    pub dose: &'a str,
    /// e.g. "oral".
    pub route: &'a str,
    /// e.g. "every 8 hours".
    pub frequency: &'a str,
    /// Units to dispense.
    pub quantity: i64,
    /// Refills allowed.
    pub refills: i64,
    /// Extra directions for the patient.
    pub instructions: Option<&'a str>,
}

/// A validated medication: texts trimmed and bounded, quantity 1..=10000, refills 0..=12.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Medication {
    medication_name: String,
    dose: String,
    route: String,
    frequency: String,
    quantity: i32,
    refills: i16,
    instructions: Option<String>,
}

impl Medication {
    /// Validates every field, reporting each by its column name.
    ///
    /// # Errors
    /// Every invalid field.
    pub fn parse(input: MedicationInput<'_>) -> Result<Medication, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let medication_name = errors.capture(free_text::required_line(
            "medication_name",
            input.medication_name,
            200,
        ));
        let dose = errors.capture(free_text::required_line("dose", input.dose, 100));
        let route = errors.capture(free_text::required_line("route", input.route, 50));
        let frequency = errors.capture(free_text::required_line("frequency", input.frequency, 100));
        let quantity = errors.capture(in_range(
            "quantity",
            input.quantity,
            MIN_QUANTITY,
            MAX_QUANTITY,
        ));
        let refills = errors.capture(in_range("refills", input.refills, 0, MAX_REFILLS));
        let instructions = errors.capture(free_text::optional(
            "instructions",
            input.instructions,
            2000,
        ));
        match (
            medication_name,
            dose,
            route,
            frequency,
            quantity,
            refills,
            instructions,
        ) {
            (
                Some(medication_name),
                Some(dose),
                Some(route),
                Some(frequency),
                Some(quantity),
                Some(refills),
                Some(instructions),
            ) => Ok(Medication {
                medication_name,
                dose,
                route,
                frequency,
                // In range, so these conversions cannot fail.
                quantity: i32::try_from(quantity).unwrap_or(i32::MAX),
                refills: i16::try_from(refills).unwrap_or(i16::MAX),
                instructions,
            }),
            _ => Err(errors),
        }
    }

    /// The medication's name.
    pub fn medication_name(&self) -> &str {
        &self.medication_name
    }

    /// The dose per administration.
    pub fn dose(&self) -> &str {
        &self.dose
    }

    /// How it is taken.
    pub fn route(&self) -> &str {
        &self.route
    }

    /// How often.
    pub fn frequency(&self) -> &str {
        &self.frequency
    }

    /// Units to dispense.
    pub fn quantity(&self) -> i32 {
        self.quantity
    }

    /// Refills allowed.
    pub fn refills(&self) -> i16 {
        self.refills
    }

    /// Extra directions.
    pub fn instructions(&self) -> Option<&str> {
        self.instructions.as_deref()
    }
}

fn in_range(field: &str, value: i64, min: i64, max: i64) -> Result<i64, ValidationError> {
    if (min..=max).contains(&value) {
        Ok(value)
    } else {
        Err(ValidationError::new(
            field,
            format!("must be between {min} and {max}"),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn amoxicillin() -> MedicationInput<'static> {
        MedicationInput {
            medication_name: "Amoxicillin",
            dose: "500 mg",
            route: "oral",
            frequency: "every 8 hours",
            quantity: 21,
            refills: 0,
            instructions: Some("Take with food.\nFinish the course."),
        }
    }

    #[test]
    fn a_complete_prescription_is_accepted() {
        let medication = Medication::parse(amoxicillin()).unwrap();
        assert_eq!(medication.quantity(), 21);
        assert_eq!(medication.refills(), 0);
        assert_eq!(
            medication.instructions(),
            Some("Take with food.\nFinish the course.")
        );
    }

    #[test]
    fn quantity_and_refills_have_bounds() {
        let with = |quantity, refills| {
            Medication::parse(MedicationInput {
                quantity,
                refills,
                ..amoxicillin()
            })
        };
        assert!(with(1, 12).is_ok());
        assert!(with(10_000, 0).is_ok());
        assert!(with(0, 0).unwrap_err().has_field("quantity"));
        assert!(with(10_001, 0).unwrap_err().has_field("quantity"));
        assert!(with(1, 13).unwrap_err().has_field("refills"));
        assert!(with(1, -1).unwrap_err().has_field("refills"));
        assert!(with(i64::MAX, 0).unwrap_err().has_field("quantity"));
    }

    #[test]
    fn every_missing_text_is_reported() {
        let errors = Medication::parse(MedicationInput {
            medication_name: " ",
            dose: "",
            route: "",
            frequency: "",
            instructions: Some("a\u{0000}"),
            ..amoxicillin()
        })
        .unwrap_err();
        assert_eq!(errors.len(), 5);
    }
}
