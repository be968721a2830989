//! Validated inputs of the directory: names, license numbers, experience, an office's services
//! and a doctor's set of offices.

use crate::error::{ValidationError, ValidationErrors};
use crate::values::{Money, free_text};

/// Longest specialty name, in characters.
pub const MAX_SPECIALTY_NAME_CHARS: usize = 100;
/// Longest office name, in characters.
pub const MAX_OFFICE_NAME_CHARS: usize = 200;
/// Longest service name, in characters.
pub const MAX_SERVICE_NAME_CHARS: usize = 200;
/// Longest license number, in characters.
pub const MAX_LICENSE_CHARS: usize = 50;
/// Most years of experience a doctor can claim.
pub const MAX_YEARS_OF_EXPERIENCE: i64 = 70;
/// Most services one office lists.
pub const MAX_SERVICES: usize = 100;
/// Most offices one doctor works at.
pub const MAX_OFFICES_PER_DOCTOR: usize = 50;

/// The name of a directory entry (a specialty, an office, a service): a trimmed single line.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct EntryName(String);

impl EntryName {
    /// A specialty's name, reported as `name`, 1..=100 characters.
    ///
    /// # Errors
    /// Blank, too long or not a single line.
    pub fn specialty(raw: &str) -> Result<EntryName, ValidationError> {
        free_text::required_line("name", raw, MAX_SPECIALTY_NAME_CHARS).map(EntryName)
    }

    /// An office's name, reported as `name`, 1..=200 characters.
    ///
    /// # Errors
    /// Blank, too long or not a single line.
    pub fn office(raw: &str) -> Result<EntryName, ValidationError> {
        free_text::required_line("name", raw, MAX_OFFICE_NAME_CHARS).map(EntryName)
    }

    /// A service's name, reported as `field`, 1..=200 characters.
    ///
    /// # Errors
    /// Blank, too long or not a single line.
    pub fn service(field: &str, raw: &str) -> Result<EntryName, ValidationError> {
        free_text::required_line(field, raw, MAX_SERVICE_NAME_CHARS).map(EntryName)
    }

    /// The name.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A doctor's license number as issued: a trimmed single line of 1..=50 characters. Unique
/// case-insensitively across doctors (the database enforces it).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct LicenseNumber(String);

impl LicenseNumber {
    /// Validates `raw`, reporting `license_number`.
    ///
    /// # Errors
    /// Blank, too long or not a single line.
    pub fn parse(raw: &str) -> Result<LicenseNumber, ValidationError> {
        free_text::required_line("license_number", raw, MAX_LICENSE_CHARS).map(LicenseNumber)
    }

    /// The license number.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Whole years a doctor has practised, 0..=70.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct YearsOfExperience(i16);

impl YearsOfExperience {
    /// Validates `years`, reporting `years_of_experience`.
    ///
    /// # Errors
    /// Outside 0..=70.
    pub fn parse(years: i64) -> Result<YearsOfExperience, ValidationError> {
        if (0..=MAX_YEARS_OF_EXPERIENCE).contains(&years) {
            i16::try_from(years)
                .map(YearsOfExperience)
                .map_err(|_| out_of_range())
        } else {
            Err(out_of_range())
        }
    }

    /// The number of years.
    pub fn get(self) -> i16 {
        self.0
    }
}

fn out_of_range() -> ValidationError {
    ValidationError::new(
        "years_of_experience",
        format!("must be from 0 to {MAX_YEARS_OF_EXPERIENCE}"),
    )
}

/// One service an office offers, with its price when it has a fixed one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OfficeService {
    pub name: String,
    pub price: Option<Money>,
}

/// The whole list of an office's services: at most 100, each name once (case-insensitively).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OfficeServices(Vec<OfficeService>);

impl OfficeServices {
    /// Validates `(name, price)` rows as a client sent them, reporting `services[i].name`.
    ///
    /// # Errors
    /// Every invalid or repeated name, and a list longer than 100 (`services`).
    pub fn parse(rows: &[(&str, Option<Money>)]) -> Result<OfficeServices, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        if rows.len() > MAX_SERVICES {
            errors.push(ValidationError::new(
                "services",
                format!("must list at most {MAX_SERVICES} services"),
            ));
        }
        let mut services: Vec<OfficeService> = Vec::with_capacity(rows.len());
        for (i, (raw, price)) in rows.iter().enumerate() {
            let field = format!("services[{i}].name");
            let Some(name) = errors.capture(EntryName::service(&field, raw)) else {
                continue;
            };
            let lower = name.as_str().to_lowercase();
            if services.iter().any(|s| s.name.to_lowercase() == lower) {
                errors.push(ValidationError::new(field, "is listed twice"));
                continue;
            }
            services.push(OfficeService {
                name: name.0,
                price: *price,
            });
        }
        errors.into_result().map(|()| OfficeServices(services))
    }

    /// The services, in the order given.
    pub fn as_slice(&self) -> &[OfficeService] {
        &self.0
    }
}

/// The offices a doctor works at: at most 50, each once.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OfficeIds(Vec<i32>);

impl OfficeIds {
    /// Validates the ids a client sent, reporting `office_ids[i]` for a repeated id.
    ///
    /// # Errors
    /// Repeated ids, and a list longer than 50 (`office_ids`).
    pub fn parse(ids: &[i32]) -> Result<OfficeIds, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        if ids.len() > MAX_OFFICES_PER_DOCTOR {
            errors.push(ValidationError::new(
                "office_ids",
                format!("must list at most {MAX_OFFICES_PER_DOCTOR} offices"),
            ));
        }
        for (i, id) in ids.iter().enumerate() {
            if ids[..i].contains(id) {
                errors.push(ValidationError::new(
                    format!("office_ids[{i}]"),
                    "is listed twice",
                ));
            }
        }
        errors.into_result().map(|()| OfficeIds(ids.to_vec()))
    }

    /// The ids, in the order given.
    pub fn as_slice(&self) -> &[i32] {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn money(s: &str) -> Option<Money> {
        Some(Money::parse_str(s).unwrap())
    }

    #[test]
    fn names_are_trimmed_and_limited_per_kind() {
        assert_eq!(
            EntryName::specialty(" Cardiology ").unwrap().as_str(),
            "Cardiology"
        );
        assert!(EntryName::specialty(&"x".repeat(101)).is_err());
        assert!(EntryName::office(&"x".repeat(200)).is_ok());
        assert_eq!(EntryName::office("").unwrap_err().field, "name");
        assert_eq!(EntryName::service("s", "a\nb").unwrap_err().field, "s");
    }

    #[test]
    fn a_license_number_is_one_line_of_at_most_50_characters() {
        assert_eq!(LicenseNumber::parse(" MD-1 ").unwrap().as_str(), "MD-1");
        for bad in ["", "  ", "a\tb", &"9".repeat(51)] {
            assert_eq!(
                LicenseNumber::parse(bad).unwrap_err().field,
                "license_number"
            );
        }
    }

    #[test]
    fn experience_runs_from_zero_to_seventy_years() {
        assert_eq!(YearsOfExperience::parse(0).unwrap().get(), 0);
        assert_eq!(YearsOfExperience::parse(70).unwrap().get(), 70);
        for bad in [-1, 71, i64::MAX] {
            assert!(YearsOfExperience::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn services_keep_their_order_and_prices() {
        let services =
            OfficeServices::parse(&[(" X-ray ", money("80")), ("Vaccination", None)]).unwrap();
        let names: Vec<_> = services
            .as_slice()
            .iter()
            .map(|s| s.name.as_str())
            .collect();
        assert_eq!(names, ["X-ray", "Vaccination"]);
        assert_eq!(services.as_slice()[0].price, money("80.00"));
    }

    #[test]
    fn a_service_listed_twice_in_any_case_is_reported_by_index() {
        let errors =
            OfficeServices::parse(&[("X-ray", None), ("", None), ("x-RAY", None)]).unwrap_err();
        assert!(errors.has_field("services[1].name"));
        assert!(errors.has_field("services[2].name"));
        assert_eq!(errors.len(), 2);
    }

    #[test]
    fn too_many_services_are_refused() {
        let names: Vec<String> = (0..=MAX_SERVICES).map(|i| format!("s{i}")).collect();
        let rows: Vec<_> = names.iter().map(|n| (n.as_str(), None)).collect();
        assert!(
            OfficeServices::parse(&rows)
                .unwrap_err()
                .has_field("services")
        );
    }

    #[test]
    fn office_ids_must_not_repeat() {
        assert_eq!(OfficeIds::parse(&[3, 1]).unwrap().as_slice(), [3, 1]);
        let errors = OfficeIds::parse(&[1, 2, 1]).unwrap_err();
        assert!(errors.has_field("office_ids[2]"));
        let many: Vec<i32> = (0..=50).collect();
        assert!(OfficeIds::parse(&many).unwrap_err().has_field("office_ids"));
    }
}
