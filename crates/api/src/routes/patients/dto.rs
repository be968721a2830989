//! Request and response bodies of `/patients` and `/patients/{id}`.

use crate::routes::common::chars;
use chrono::{DateTime, NaiveDate, Utc};
use clinic_domain::identity::PasswordPolicy;
use clinic_domain::patients::Patient;
use clinic_domain::values::email::MAX_EMAIL_CHARS;
use clinic_domain::values::person_name::MAX_NAME_PART_CHARS;
use clinic_domain::values::username::{MAX_USERNAME_CHARS, MIN_USERNAME_CHARS};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

use crate::routes::common::{AddressBody, Phone, nullable, utc};

/// A patient's profile: registration, the account's contact data and the date of birth.
#[derive(Debug, Serialize, ToSchema)]
pub struct PatientResponse {
    pub id: i32,
    /// The patient's account.
    pub user_id: i32,
    #[schema(example = "Ada")]
    pub first_name: String,
    pub middle_name: Option<String>,
    #[schema(example = "Lovelace")]
    pub last_name: String,
    pub address: Option<AddressBody>,
    #[schema(example = "ada@example.com")]
    pub email: String,
    pub phone: Option<Phone>,
    /// Date of birth, from the demographics.
    #[schema(example = "1990-04-01")]
    pub dob: Option<NaiveDate>,
    /// The care-team doctor marked primary.
    pub primary_doctor_id: Option<i32>,
    #[serde(serialize_with = "utc")]
    pub created_at: DateTime<Utc>,
    #[serde(serialize_with = "utc")]
    pub updated_at: DateTime<Utc>,
}

impl From<Patient> for PatientResponse {
    fn from(p: Patient) -> Self {
        Self {
            id: p.patient_id,
            user_id: p.user_id,
            first_name: p.first_name,
            middle_name: p.middle_name,
            last_name: p.last_name,
            address: p.address.map(AddressBody::from),
            email: p.email,
            phone: Phone::from_parts(p.phone_country_code, p.phone_number, p.phone_extension),
            dob: p.dob,
            primary_doctor_id: p.primary_doctor_id,
            created_at: p.created_at,
            updated_at: p.updated_at,
        }
    }
}

/// Filters of the patient list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PatientQuery {
    /// What the front desk types: part of the "first last" name, case-insensitive, forgiving a
    /// typo or two (closest names first), e.g. `ada lov` or `meridith`; part of an email (any
    /// text with `@`); a phone number in any formatting (digits and `+-().` only, at least 3
    /// digits, matched on the digits); or a date of birth (`1980-03-04`, `03/04/1980` month
    /// first, `04.03.1980` day first, `March 4, 1980`).
    #[param(max_length = 100)]
    pub q: Option<String>,
    /// Exactly this date of birth, `YYYY-MM-DD`.
    #[param(example = "1990-04-01")]
    pub dob: Option<NaiveDate>,
}

/// A patient registered at the front desk: the account, the profile and the date of birth.
#[derive(Debug, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct CreatePatientRequest {
    #[validate(length(min = chars(MIN_USERNAME_CHARS), max = chars(MAX_USERNAME_CHARS)))]
    #[schema(min_length = 3, max_length = 50, example = "ada.lovelace")]
    pub username: String,
    #[validate(length(max = chars(MAX_EMAIL_CHARS)))]
    #[schema(max_length = 254, example = "ada@example.com")]
    pub email: String,
    /// 12 to 128 characters, not a common password. Omit it and the patient cannot sign in
    /// until a password is set.
    #[validate(length(min = chars(PasswordPolicy::MIN_CHARS), max = chars(PasswordPolicy::MAX_CHARS)))]
    #[schema(min_length = 12, max_length = 128)]
    pub password: Option<String>,
    pub phone: Option<Phone>,
    #[validate(length(min = 1, max = chars(MAX_NAME_PART_CHARS)))]
    #[schema(min_length = 1, max_length = 100, example = "Ada")]
    pub first_name: String,
    #[validate(length(max = chars(MAX_NAME_PART_CHARS)))]
    #[schema(max_length = 100)]
    pub middle_name: Option<String>,
    #[validate(length(min = 1, max = chars(MAX_NAME_PART_CHARS)))]
    #[schema(min_length = 1, max_length = 100, example = "Lovelace")]
    pub last_name: String,
    pub address: Option<AddressBody>,
    /// Date of birth, `YYYY-MM-DD`.
    #[schema(example = "1990-04-01")]
    pub dob: NaiveDate,
}

/// Changes to a patient's profile; omitted fields stay as they are, `null` removes the middle
/// name, the address or the phone number.
#[derive(Debug, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct UpdatePatientRequest {
    #[validate(length(min = 1, max = chars(MAX_NAME_PART_CHARS)))]
    #[schema(min_length = 1, max_length = 100)]
    pub first_name: Option<String>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<String>, max_length = 100)]
    pub middle_name: Option<Option<String>>,
    #[validate(length(min = 1, max = chars(MAX_NAME_PART_CHARS)))]
    #[schema(min_length = 1, max_length = 100)]
    pub last_name: Option<String>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<AddressBody>)]
    pub address: Option<Option<AddressBody>>,
    /// The account's e-mail address (also a sign-in name).
    #[validate(length(max = chars(MAX_EMAIL_CHARS)))]
    #[schema(max_length = 254)]
    pub email: Option<String>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<Phone>)]
    pub phone: Option<Option<Phone>>,
}
