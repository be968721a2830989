//! The directory: specialties, offices and their services, doctors with their offices and
//! weekly working hours.

pub mod doctors;
pub mod model;
pub mod ports;
pub mod schedule;
pub mod values;

pub use doctors::{
    DoctorField, DoctorPatch, DoctorPatchInput, authorize_doctor_edit, check_doctor_account,
};
pub use model::{
    Doctor, DoctorFilter, NewDoctor, NewOffice, NewSpecialty, Office, OfficeFilter, OfficePatch,
    OfficeSummary, Specialty, SpecialtyPatch,
};
pub use ports::{DoctorRepository, OfficeRepository, SpecialtyRepository};
pub use schedule::{WeeklySchedule, WorkingHours, iso_weekday};
pub use values::{
    EntryName, LicenseNumber, OfficeIds, OfficeService, OfficeServices, YearsOfExperience,
};
