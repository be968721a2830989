//! Request and response bodies of a doctor's profile.

use crate::routes::common::chars;
use chrono::{DateTime, Utc};
use clinic_domain::ValidationErrors;
use clinic_domain::directory::{
    Doctor, DoctorPatchInput, LicenseNumber, NewDoctor, OfficeIds, YearsOfExperience,
};
use clinic_domain::values::PersonName;
use clinic_domain::values::person_name::MAX_NAME_PART_CHARS;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

use crate::routes::common::{nullable, utc};

/// A doctor's profile.
#[derive(Debug, Serialize, ToSchema)]
pub struct DoctorResponse {
    pub id: i32,
    /// The doctor's account.
    pub user_id: i32,
    #[schema(example = "Gregory")]
    pub first_name: String,
    pub middle_name: Option<String>,
    #[schema(example = "House")]
    pub last_name: String,
    #[schema(example = "MD-123456")]
    pub license_number: String,
    pub specialty_id: i32,
    #[schema(example = "Internal Medicine")]
    pub specialty_name: String,
    #[schema(minimum = 0, maximum = 70, example = 12)]
    pub years_of_experience: i16,
    /// The offices the doctor works at, by id.
    pub office_ids: Vec<i32>,
    #[serde(serialize_with = "utc")]
    pub created_at: DateTime<Utc>,
    #[serde(serialize_with = "utc")]
    pub updated_at: DateTime<Utc>,
}

impl From<Doctor> for DoctorResponse {
    fn from(d: Doctor) -> Self {
        Self {
            id: d.doctor_id,
            user_id: d.user_id,
            first_name: d.first_name,
            middle_name: d.middle_name,
            last_name: d.last_name,
            license_number: d.license_number,
            specialty_id: d.specialty_id,
            specialty_name: d.specialty_name,
            years_of_experience: d.years_of_experience,
            office_ids: d.office_ids,
            created_at: d.created_at,
            updated_at: d.updated_at,
        }
    }
}

/// Filters of the doctor list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DoctorQuery {
    /// Only doctors of this specialty.
    pub specialty_id: Option<i32>,
    /// Only doctors working at this office.
    pub office_id: Option<i32>,
    /// Part of the doctor's name ("first last"), case-insensitive.
    #[param(max_length = 100)]
    pub q: Option<String>,
}

/// A doctor profile for an existing account whose role is `doctor` (create the account with
/// `POST /users` first).
#[derive(Debug, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct CreateDoctorRequest {
    /// The doctor's account; its role must be `doctor` and it must have no profile yet.
    pub user_id: i32,
    #[validate(length(min = 1, max = chars(MAX_NAME_PART_CHARS)))]
    #[schema(min_length = 1, max_length = 100, example = "Gregory")]
    pub first_name: String,
    #[validate(length(max = chars(MAX_NAME_PART_CHARS)))]
    #[schema(max_length = 100)]
    pub middle_name: Option<String>,
    #[validate(length(min = 1, max = chars(MAX_NAME_PART_CHARS)))]
    #[schema(min_length = 1, max_length = 100, example = "House")]
    pub last_name: String,
    /// Unique, case-insensitively.
    #[validate(length(min = 1, max = 50))]
    #[schema(min_length = 1, max_length = 50, example = "MD-123456")]
    pub license_number: String,
    pub specialty_id: i32,
    #[validate(range(min = 0, max = 70))]
    #[schema(minimum = 0, maximum = 70, example = 12)]
    pub years_of_experience: i64,
    /// The offices the doctor works at; defaults to none.
    #[serde(default)]
    #[validate(length(max = 50))]
    #[schema(max_items = 50)]
    pub office_ids: Vec<i32>,
}

impl CreateDoctorRequest {
    /// The validated profile; whether its account may have one is the use case's to check.
    ///
    /// # Errors
    /// Every invalid field.
    pub fn parse(&self) -> Result<NewDoctor, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let name = errors.capture_all(PersonName::parse(
            &self.first_name,
            self.middle_name.as_deref(),
            &self.last_name,
        ));
        let license_number = errors.capture(LicenseNumber::parse(&self.license_number));
        let years = errors.capture(YearsOfExperience::parse(self.years_of_experience));
        let office_ids = errors.capture_all(OfficeIds::parse(&self.office_ids));
        match (name, license_number, years, office_ids) {
            (Some(name), Some(license_number), Some(years_of_experience), Some(office_ids))
                if errors.is_empty() =>
            {
                Ok(NewDoctor {
                    user_id: self.user_id,
                    name,
                    license_number,
                    specialty_id: self.specialty_id,
                    years_of_experience,
                    office_ids,
                })
            }
            _ => Err(errors),
        }
    }
}

/// Changes to a doctor's profile; omitted fields stay as they are, `"middle_name": null`
/// removes it. The doctor themself may change only the name fields and
/// `years_of_experience`; `license_number` and `specialty_id` need an admin (403).
#[derive(Debug, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct UpdateDoctorRequest {
    #[validate(length(min = 1, max = chars(MAX_NAME_PART_CHARS)))]
    #[schema(min_length = 1, max_length = 100)]
    pub first_name: Option<String>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<String>, max_length = 100)]
    pub middle_name: Option<Option<String>>,
    #[validate(length(min = 1, max = chars(MAX_NAME_PART_CHARS)))]
    #[schema(min_length = 1, max_length = 100)]
    pub last_name: Option<String>,
    /// Admins only.
    #[validate(length(min = 1, max = 50))]
    #[schema(min_length = 1, max_length = 50)]
    pub license_number: Option<String>,
    /// Admins only.
    pub specialty_id: Option<i32>,
    #[validate(range(min = 0, max = 70))]
    #[schema(minimum = 0, maximum = 70)]
    pub years_of_experience: Option<i64>,
}

impl UpdateDoctorRequest {
    /// The change as the domain reads it.
    #[must_use]
    pub fn input(&self) -> DoctorPatchInput<'_> {
        DoctorPatchInput {
            first_name: self.first_name.as_deref(),
            middle_name: self.middle_name.as_ref().map(Option::as_deref),
            last_name: self.last_name.as_deref(),
            license_number: self.license_number.as_deref(),
            specialty_id: self.specialty_id,
            years_of_experience: self.years_of_experience,
        }
    }
}
