//! The directory as the use cases see it: specialties, offices with their services, doctors
//! with their offices. Read models carry stored values; inputs carry validated values.

use chrono::{DateTime, Utc};

use crate::directory::values::{
    EntryName, LicenseNumber, OfficeIds, OfficeService, OfficeServices, YearsOfExperience,
};
use crate::values::{Address, EmailAddress, Money, PersonName, PhoneNumber};

/// A medical specialty and what a consultation in it costs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Specialty {
    pub specialty_id: i32,
    pub name: String,
    /// A patient needs an approved referral before seeing a doctor of this specialty.
    pub requires_referral: bool,
    /// The default amount billed for a consultation.
    pub consultation_fee: Money,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A new specialty, validated.
#[derive(Debug, Clone)]
pub struct NewSpecialty {
    pub name: EntryName,
    pub requires_referral: bool,
    pub consultation_fee: Money,
}

/// Changes to a specialty; `None` leaves a field as it is.
#[derive(Debug, Clone, Default)]
pub struct SpecialtyPatch {
    pub name: Option<EntryName>,
    pub requires_referral: Option<bool>,
    pub consultation_fee: Option<Money>,
}

/// An office (a clinic location) as stored, with its services.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Office {
    pub office_id: i32,
    pub name: String,
    pub address_line1: String,
    pub address_line2: Option<String>,
    pub city: String,
    pub state: Option<String>,
    pub postal_code: Option<String>,
    /// ISO 3166-1 alpha-2.
    pub country: String,
    pub phone_country_code: Option<String>,
    pub phone_number: Option<String>,
    pub phone_extension: Option<String>,
    pub email: Option<String>,
    /// IANA time zone name; working hours at this office are local to it.
    pub time_zone: String,
    pub is_active: bool,
    /// Ordered by name.
    pub services: Vec<OfficeService>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A new office, validated. `time_zone` must be a valid IANA name; the caller checks it with
/// a time-zone database, which the domain does not carry.
#[derive(Debug, Clone)]
pub struct NewOffice {
    pub name: EntryName,
    pub address: Address,
    pub phone: Option<PhoneNumber>,
    pub email: Option<EmailAddress>,
    pub time_zone: String,
    pub is_active: bool,
    pub services: OfficeServices,
}

/// Changes to an office; `None` leaves a field as it is. `services`, when given, replaces the
/// whole list.
#[derive(Debug, Clone, Default)]
pub struct OfficePatch {
    pub name: Option<EntryName>,
    pub address: Option<Address>,
    /// `Some(None)` removes the phone number.
    pub phone: Option<Option<PhoneNumber>>,
    /// `Some(None)` removes the email address.
    pub email: Option<Option<EmailAddress>>,
    /// A valid IANA name, checked by the caller.
    pub time_zone: Option<String>,
    pub is_active: Option<bool>,
    pub services: Option<OfficeServices>,
}

/// Filters of the office list.
#[derive(Debug, Clone, Default)]
pub struct OfficeFilter {
    /// Matches the name or the city, case-insensitively, anywhere in the text.
    pub q: Option<String>,
    pub is_active: Option<bool>,
    /// Only this office.
    pub office_id: Option<i32>,
}

/// An office as listed among a doctor's offices.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OfficeSummary {
    pub office_id: i32,
    pub name: String,
    pub city: String,
    pub time_zone: String,
    pub is_active: bool,
}

/// A doctor's profile as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Doctor {
    pub doctor_id: i32,
    /// The doctor's account.
    pub user_id: i32,
    pub first_name: String,
    pub middle_name: Option<String>,
    pub last_name: String,
    pub license_number: String,
    pub specialty_id: i32,
    pub specialty_name: String,
    pub years_of_experience: i16,
    /// The offices the doctor works at, by id.
    pub office_ids: Vec<i32>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A new doctor profile for an existing account whose role is doctor.
#[derive(Debug, Clone)]
pub struct NewDoctor {
    pub user_id: i32,
    pub name: PersonName,
    pub license_number: LicenseNumber,
    pub specialty_id: i32,
    pub years_of_experience: YearsOfExperience,
    pub office_ids: OfficeIds,
}

/// Filters of the doctor list.
#[derive(Debug, Clone, Default)]
pub struct DoctorFilter {
    pub specialty_id: Option<i32>,
    /// Only doctors working at this office.
    pub office_id: Option<i32>,
    /// Matches "first last" (or either part), case-insensitively, anywhere in the text.
    pub q: Option<String>,
    /// Only this doctor.
    pub doctor_id: Option<i32>,
}
