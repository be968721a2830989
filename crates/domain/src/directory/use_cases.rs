//! The use cases of the directory: who may read and change specialties, offices and doctors,
//! and the rules a change must pass before the repository (which commits it with its audit
//! row, in one transaction) is asked to persist it.
//!
//! Input the client sent arrives as `Result<_, ValidationErrors>`: the use case asks the
//! access policy first and only then looks at it, so a refusal never depends on the body.

use chrono::{NaiveTime, Weekday};

use super::doctors::{DoctorPatch, DoctorPatchInput, authorize_doctor_edit, check_doctor_account};
use super::model::{
    Doctor, DoctorFilter, NewDoctor, NewOffice, NewSpecialty, Office, OfficeFilter, OfficePatch,
    OfficeSummary, Specialty, SpecialtyPatch,
};
use super::ports::{DoctorRepository, OfficeRepository, SpecialtyRepository};
use super::schedule::{WeeklySchedule, WorkingHours, iso_weekday};
use super::values::OfficeIds;
use crate::access::{Action, Actor, Denied, authorize};
use crate::error::{DomainError, ValidationError, ValidationErrors};
use crate::identity::UserRepository;
use crate::pagination::{Page, PageRequest};
use crate::store::StoreError;

/// Input as the client sent it, parsed but not yet looked at by the use case.
pub type Draft<T> = Result<T, ValidationErrors>;

/// Declares the error enum of one directory use case: refused by the access policy, invalid
/// input, or the store's own answer (not found, a name taken, unreachable).
macro_rules! directory_error {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, thiserror::Error)]
        pub enum $name {
            /// The access policy refused: 403, or 404 for another doctor's profile.
            #[error(transparent)]
            Denied(#[from] Denied),
            /// Some fields are invalid.
            #[error("invalid fields: {0:?}")]
            Invalid(ValidationErrors),
            /// The store's answer: not found, a conflict, unavailable.
            #[error(transparent)]
            Store(#[from] StoreError),
        }
    };
}

directory_error!(
    /// Why a page or an entry of the directory was not read.
    ReadDirectoryError
);
directory_error!(
    /// Why a specialty was not created.
    CreateSpecialtyError
);
directory_error!(
    /// Why a specialty was not changed.
    EditSpecialtyError
);
directory_error!(
    /// Why an office was not created.
    CreateOfficeError
);
directory_error!(
    /// Why an office was not changed.
    EditOfficeError
);
directory_error!(
    /// Why a doctor profile was not created.
    CreateDoctorError
);
directory_error!(
    /// Why a doctor's profile was not changed.
    EditDoctorError
);
directory_error!(
    /// Why a doctor's offices were not replaced.
    SetDoctorOfficesError
);
directory_error!(
    /// Why a doctor's week was not replaced.
    SetWorkingHoursError
);

fn may_read(actor: &Actor, entity: &'static str) -> Result<(), Denied> {
    authorize(actor, Action::ReadDirectory).check(entity)
}

fn may_manage(actor: &Actor, entity: &'static str) -> Result<(), Denied> {
    authorize(actor, Action::ManageDirectory).check(entity)
}

/// Every specialty, by name. Any signed-in user.
///
/// # Errors
/// `Denied`; `Store`.
pub async fn list_specialties(
    actor: &Actor,
    store: &dyn SpecialtyRepository,
) -> Result<Vec<Specialty>, ReadDirectoryError> {
    may_read(actor, "specialty")?;
    Ok(store.list().await?)
}

/// Creates a specialty. Admins only.
///
/// # Errors
/// `Denied` for anyone but an admin; `Invalid`; `Store` (`specialty_exists`).
pub async fn create_specialty(
    actor: &Actor,
    new: Draft<NewSpecialty>,
    store: &dyn SpecialtyRepository,
) -> Result<Specialty, CreateSpecialtyError> {
    may_manage(actor, "specialty")?;
    let new = new.map_err(CreateSpecialtyError::Invalid)?;
    Ok(store.create(actor, new).await?)
}

/// A change to one specialty.
#[derive(Debug)]
pub struct EditSpecialty {
    /// The specialty changed.
    pub specialty_id: i32,
    /// What changes.
    pub patch: Draft<SpecialtyPatch>,
}

/// Changes a specialty. Admins only.
///
/// # Errors
/// `Denied` for anyone but an admin; `Invalid`; `Store` (not found, `specialty_exists`).
pub async fn edit_specialty(
    actor: &Actor,
    cmd: EditSpecialty,
    store: &dyn SpecialtyRepository,
) -> Result<Specialty, EditSpecialtyError> {
    may_manage(actor, "specialty")?;
    let patch = cmd.patch.map_err(EditSpecialtyError::Invalid)?;
    Ok(store.update(actor, cmd.specialty_id, patch).await?)
}

/// One page of offices. Any signed-in user.
///
/// # Errors
/// `Denied`; `Store`.
pub async fn list_offices(
    actor: &Actor,
    filter: &OfficeFilter,
    page: PageRequest,
    store: &dyn OfficeRepository,
) -> Result<Page<Office>, ReadDirectoryError> {
    may_read(actor, "office")?;
    Ok(store.list(filter, page).await?)
}

/// One office with its services. Any signed-in user.
///
/// # Errors
/// `Denied`; `Store` (not found).
pub async fn get_office(
    actor: &Actor,
    office_id: i32,
    store: &dyn OfficeRepository,
) -> Result<Office, ReadDirectoryError> {
    may_read(actor, "office")?;
    Ok(store.get(office_id).await?)
}

/// Creates an office with its services. Admins only.
///
/// # Errors
/// `Denied` for anyone but an admin; `Invalid`; `Store` (`office_exists`).
pub async fn create_office(
    actor: &Actor,
    new: Draft<NewOffice>,
    store: &dyn OfficeRepository,
) -> Result<Office, CreateOfficeError> {
    may_manage(actor, "office")?;
    let new = new.map_err(CreateOfficeError::Invalid)?;
    Ok(store.create(actor, new).await?)
}

/// A change to one office.
#[derive(Debug)]
pub struct EditOffice {
    /// The office changed.
    pub office_id: i32,
    /// What changes; services, when given, replace the office's list.
    pub patch: Draft<OfficePatch>,
}

/// Changes an office. Admins only.
///
/// # Errors
/// `Denied` for anyone but an admin; `Invalid`; `Store` (not found, `office_exists`).
pub async fn edit_office(
    actor: &Actor,
    cmd: EditOffice,
    store: &dyn OfficeRepository,
) -> Result<Office, EditOfficeError> {
    may_manage(actor, "office")?;
    let patch = cmd.patch.map_err(EditOfficeError::Invalid)?;
    Ok(store.update(actor, cmd.office_id, patch).await?)
}

/// One page of doctors. Any signed-in user.
///
/// # Errors
/// `Denied`; `Store`.
pub async fn list_doctors(
    actor: &Actor,
    filter: &DoctorFilter,
    page: PageRequest,
    store: &dyn DoctorRepository,
) -> Result<Page<Doctor>, ReadDirectoryError> {
    may_read(actor, "doctor")?;
    Ok(store.list(filter, page).await?)
}

/// One doctor. Any signed-in user.
///
/// # Errors
/// `Denied`; `Store` (not found).
pub async fn get_doctor(
    actor: &Actor,
    doctor_id: i32,
    store: &dyn DoctorRepository,
) -> Result<Doctor, ReadDirectoryError> {
    may_read(actor, "doctor")?;
    Ok(store.get(doctor_id).await?)
}

/// A new doctor profile for an existing account.
#[derive(Debug)]
pub struct CreateDoctor {
    /// The account the profile is for; it must exist and have the doctor role.
    pub user_id: i32,
    /// The profile; its `user_id` is the one above.
    pub profile: Draft<NewDoctor>,
}

/// Creates a doctor profile for an account whose role is doctor. Admins only. An account
/// that is missing or of another role is reported on `user_id`, with the profile's other
/// invalid fields.
///
/// # Errors
/// `Denied` for anyone but an admin; `Invalid`; `Store` (`user_already_doctor`,
/// `license_number_taken`, no such specialty or office).
pub async fn create_doctor(
    actor: &Actor,
    cmd: CreateDoctor,
    accounts: &dyn UserRepository,
    store: &dyn DoctorRepository,
) -> Result<Doctor, CreateDoctorError> {
    may_manage(actor, "doctor")?;
    let role = match accounts.get(cmd.user_id).await {
        Ok(user) => Some(user.role),
        Err(StoreError::Domain(DomainError::NotFound { .. })) => None,
        Err(e) => return Err(e.into()),
    };
    let new = match (check_doctor_account(role), cmd.profile) {
        (Ok(()), Ok(new)) => new,
        (account, profile) => {
            let mut errors = ValidationErrors::new();
            errors.capture(account);
            errors.capture_all(profile);
            return Err(CreateDoctorError::Invalid(errors));
        }
    };
    Ok(store.create(actor, new).await?)
}

/// A change to a doctor's profile.
#[derive(Debug)]
pub struct EditDoctor<'a> {
    /// The doctor changed.
    pub doctor_id: i32,
    /// The fields as sent; which are present decides who may send them.
    pub input: DoctorPatchInput<'a>,
    /// The checks of the request's shape, looked at once access is granted.
    pub checked: Draft<()>,
}

/// Changes a doctor's profile: an admin every field, the doctor themself only their name and
/// years of experience. An empty change answers the profile as it is.
///
/// # Errors
/// `Denied` (403 for staff, patients, or a doctor touching their license or specialty; 404
/// for another doctor's profile); `Invalid`; `Store` (not found, `license_number_taken`).
pub async fn edit_doctor(
    actor: &Actor,
    cmd: EditDoctor<'_>,
    store: &dyn DoctorRepository,
) -> Result<Doctor, EditDoctorError> {
    authorize_doctor_edit(actor, cmd.doctor_id, &cmd.input.fields()).check("doctor")?;
    cmd.checked.map_err(EditDoctorError::Invalid)?;
    let patch = DoctorPatch::parse(cmd.input).map_err(EditDoctorError::Invalid)?;
    if patch.is_empty() {
        return Ok(store.get(cmd.doctor_id).await?);
    }
    Ok(store.update(actor, cmd.doctor_id, patch).await?)
}

/// The offices a doctor works at. Any signed-in user.
///
/// # Errors
/// `Denied`; `Store` (no such doctor).
pub async fn doctor_offices(
    actor: &Actor,
    doctor_id: i32,
    store: &dyn DoctorRepository,
) -> Result<Vec<OfficeSummary>, ReadDirectoryError> {
    may_read(actor, "doctor")?;
    Ok(store.offices(doctor_id).await?)
}

/// The whole set of offices a doctor is to work at.
#[derive(Debug)]
pub struct SetDoctorOffices {
    /// The doctor.
    pub doctor_id: i32,
    /// The offices, each once.
    pub office_ids: Draft<OfficeIds>,
}

/// Replaces the offices a doctor works at: an admin or the doctor themself. Hours at an
/// office that leaves the set go with it, in the repository's transaction.
///
/// # Errors
/// `Denied` (403 staff and patients, 404 another doctor's); `Invalid`; `Store` (no such
/// doctor or office).
pub async fn set_doctor_offices(
    actor: &Actor,
    cmd: SetDoctorOffices,
    store: &dyn DoctorRepository,
) -> Result<Vec<OfficeSummary>, SetDoctorOfficesError> {
    authorize(
        actor,
        Action::EditDoctor {
            doctor_id: cmd.doctor_id,
        },
    )
    .check("doctor")?;
    let ids = cmd.office_ids.map_err(SetDoctorOfficesError::Invalid)?;
    Ok(store.set_offices(actor, cmd.doctor_id, ids).await?)
}

/// A doctor's weekly working hours. Any signed-in user.
///
/// # Errors
/// `Denied`; `Store` (no such doctor).
pub async fn working_hours(
    actor: &Actor,
    doctor_id: i32,
    store: &dyn DoctorRepository,
) -> Result<Vec<WorkingHours>, ReadDirectoryError> {
    may_read(actor, "doctor")?;
    Ok(store.working_hours(doctor_id).await?)
}

/// One block of a week as the client wrote it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkingHoursInput {
    /// An office of the doctor's.
    pub office_id: i32,
    /// ISO weekday, 1 = Monday.
    pub weekday: i64,
    /// Local start, `HH:MM`.
    pub start: String,
    /// Local end, `HH:MM`.
    pub end: String,
}

/// A doctor's whole week, replacing the one they have.
#[derive(Debug)]
pub struct SetWorkingHours {
    /// The doctor.
    pub doctor_id: i32,
    /// The blocks, in the order the client sent them (errors name `working_hours[i]`).
    pub blocks: Draft<Vec<WorkingHoursInput>>,
}

/// A time of day written exactly `HH:MM` (00:00 to 23:59).
fn parse_clock(field: String, raw: &str) -> Result<NaiveTime, ValidationError> {
    let digits_and_colon = raw.len() == 5
        && raw.bytes().enumerate().all(|(i, b)| {
            if i == 2 {
                b == b':'
            } else {
                b.is_ascii_digit()
            }
        });
    digits_and_colon
        .then(|| NaiveTime::parse_from_str(raw, "%H:%M").ok())
        .flatten()
        .ok_or_else(|| ValidationError::new(field, "must be a time of day HH:MM, 00:00 to 23:59"))
}

/// The blocks as `(office_id, weekday, start, end)`, each part checked on its own field.
fn rows(
    blocks: &[WorkingHoursInput],
) -> Result<Vec<(i32, Weekday, NaiveTime, NaiveTime)>, ValidationErrors> {
    let mut errors = ValidationErrors::new();
    let mut rows = Vec::with_capacity(blocks.len());
    for (i, block) in blocks.iter().enumerate() {
        let at = |part: &str| format!("working_hours[{i}].{part}");
        let weekday = errors.capture(iso_weekday(&at("weekday"), block.weekday));
        let start = errors.capture(parse_clock(at("start"), &block.start));
        let end = errors.capture(parse_clock(at("end"), &block.end));
        if let (Some(weekday), Some(start), Some(end)) = (weekday, start, end) {
            rows.push((block.office_id, weekday, start, end));
        }
    }
    errors.into_result().map(|()| rows)
}

/// Replaces a doctor's week: an admin or the doctor themself. Every block must be at an
/// office of the doctor's and no two may overlap on a weekday ([`WeeklySchedule::parse`]);
/// the database's constraints are the last word if the offices change meanwhile.
///
/// # Errors
/// `Denied` (403 staff and patients, 404 another doctor's); `Invalid` (a bad weekday or time,
/// an office not the doctor's, overlapping blocks); `Store` (no such doctor).
pub async fn set_working_hours(
    actor: &Actor,
    cmd: SetWorkingHours,
    store: &dyn DoctorRepository,
) -> Result<Vec<WorkingHours>, SetWorkingHoursError> {
    let doctor_id = cmd.doctor_id;
    authorize(actor, Action::EditDoctor { doctor_id }).check("doctor")?;
    let blocks = cmd.blocks.map_err(SetWorkingHoursError::Invalid)?;
    let rows = rows(&blocks).map_err(SetWorkingHoursError::Invalid)?;
    let offices: Vec<i32> = store
        .offices(doctor_id)
        .await?
        .iter()
        .map(|o| o.office_id)
        .collect();
    let schedule = WeeklySchedule::parse(&rows, &offices).map_err(SetWorkingHoursError::Invalid)?;
    Ok(store.set_working_hours(actor, doctor_id, schedule).await?)
}
