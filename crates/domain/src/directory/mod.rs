//! The directory: specialties, offices and their services, doctors with their offices and
//! weekly working hours.

pub mod doctors;
#[cfg(test)]
mod fake;
pub mod model;
pub mod ports;
pub mod schedule;
pub mod use_cases;
pub mod values;

#[cfg(test)]
mod tests;

pub use doctors::{
    DoctorField, DoctorPatch, DoctorPatchInput, authorize_doctor_edit, check_doctor_account,
};
pub use model::{
    Doctor, DoctorFilter, NewDoctor, NewOffice, NewSpecialty, Office, OfficeFilter, OfficePatch,
    OfficeSummary, Specialty, SpecialtyPatch,
};
pub use ports::{DoctorRepository, OfficeRepository, SpecialtyRepository};
pub use schedule::{WeeklySchedule, WorkingHours, iso_weekday};
pub use use_cases::{
    CreateDoctor, CreateDoctorError, CreateOfficeError, CreateSpecialtyError, Draft, EditDoctor,
    EditDoctorError, EditOffice, EditOfficeError, EditSpecialty, EditSpecialtyError,
    ReadDirectoryError, SetDoctorOffices, SetDoctorOfficesError, SetWorkingHours,
    SetWorkingHoursError, WorkingHoursInput, create_doctor, create_office, create_specialty,
    doctor_offices, edit_doctor, edit_office, edit_specialty, get_doctor, get_office, list_doctors,
    list_offices, list_specialties, set_doctor_offices, set_working_hours, working_hours,
};
pub use values::{
    EntryName, LicenseNumber, OfficeIds, OfficeService, OfficeServices, YearsOfExperience,
};
