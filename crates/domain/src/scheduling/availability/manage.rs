//! Managing availability: an office's closures, a doctor's time off and dated exceptions.

use chrono::{DateTime, Duration, NaiveDate, Utc};

use super::model::{Closure, ExceptionKind, ScheduleException, TimeOff};
use super::ports::{AvailabilityStore, ClosureRecord, ExceptionRecord, TimeOffRecord};
use crate::access::{
    Actor, Denied, may_manage_closures, may_manage_doctor_time, may_read_closures,
};
use crate::error::{ValidationError, ValidationErrors};
use crate::store::StoreError;
use crate::values::{TimeRange, free_text};

/// The longest closure or stretch of time off, in days: a year; longer is a typo.
pub const MAX_SPAN_DAYS: i64 = 366;
/// The longest closure label.
pub const MAX_LABEL_CHARS: usize = 200;
/// The longest time-off reason or exception note.
pub const MAX_NOTE_CHARS: usize = 500;

/// Why a closure, time off or exception could not be read or changed.
#[derive(Debug, thiserror::Error)]
pub enum ManageAvailabilityError {
    #[error(transparent)]
    Denied(#[from] Denied),
    #[error("invalid input: {0}")]
    Invalid(ValidationErrors),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<ValidationError> for ManageAvailabilityError {
    fn from(error: ValidationError) -> Self {
        Self::Invalid(error.into())
    }
}

type Result<T> = std::result::Result<T, ManageAvailabilityError>;

/// A closure as asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AddClosure {
    pub office_id: i32,
    pub first_day: NaiveDate,
    pub last_day: NaiveDate,
    pub label: String,
}

/// Time off as asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AddTimeOff {
    pub doctor_id: i32,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub reason: Option<String>,
}

/// A dated exception as asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AddException {
    pub doctor_id: i32,
    pub office_id: i32,
    pub date: NaiveDate,
    pub kind: ExceptionKind,
    pub note: Option<String>,
}

/// An office's closures. Anyone signed in may read them.
///
/// # Errors
/// `Store(NotFound { office })`.
pub async fn list_closures(
    actor: &Actor,
    office_id: i32,
    store: &dyn AvailabilityStore,
) -> Result<Vec<ClosureRecord>> {
    may_read_closures(actor).check("office")?;
    Ok(store.list_closures(office_id).await?)
}

/// Closes an office over local dates (admins and staff).
///
/// # Errors
/// `Denied(Forbidden)` for doctors and patients; `Invalid` for a reversed span, one over a
/// year or a bad label; `Store(NotFound { office })`, `Store(Domain(Conflict
/// { closure_overlap }))`.
pub async fn add_closure(
    actor: &Actor,
    command: AddClosure,
    store: &dyn AvailabilityStore,
) -> Result<ClosureRecord> {
    may_manage_closures(actor).check("office")?;
    let mut errors = ValidationErrors::new();
    let label = free_text::required_line("label", &command.label, MAX_LABEL_CHARS)
        .map_err(|e| errors.push(e))
        .ok();
    if command.last_day < command.first_day {
        errors.push(ValidationError::new(
            "last_day",
            "must not be before first_day",
        ));
    } else if (command.last_day - command.first_day).num_days() >= MAX_SPAN_DAYS {
        errors.push(ValidationError::new(
            "last_day",
            "a closure lasts at most a year",
        ));
    }
    errors
        .into_result()
        .map_err(ManageAvailabilityError::Invalid)?;
    let closure = Closure {
        first_day: command.first_day,
        last_day: command.last_day,
        label: label.unwrap_or_default(),
    };
    Ok(store
        .add_closure(actor.user_id, command.office_id, &closure)
        .await?)
}

/// Reopens an office: removes one closure (admins and staff).
///
/// # Errors
/// `Denied(Forbidden)`; `Store(NotFound { closure })`.
pub async fn remove_closure(
    actor: &Actor,
    office_id: i32,
    closure_id: i32,
    store: &dyn AvailabilityStore,
) -> Result<()> {
    may_manage_closures(actor).check("closure")?;
    Ok(store
        .remove_closure(actor.user_id, office_id, closure_id)
        .await?)
}

/// A doctor's time off, with the private reasons (the doctor, staff and admins).
///
/// # Errors
/// `Denied(Forbidden)` for patients and other doctors; `Store(NotFound { doctor })`.
pub async fn list_time_off(
    actor: &Actor,
    doctor_id: i32,
    store: &dyn AvailabilityStore,
) -> Result<Vec<TimeOffRecord>> {
    may_manage_doctor_time(actor, doctor_id).check("doctor")?;
    Ok(store.list_time_off(doctor_id).await?)
}

/// Records a doctor's time off (the doctor, staff and admins). Appointments already booked
/// in it stay: the desk sees them on the calendar and moves them.
///
/// # Errors
/// `Denied(Forbidden)`; `Invalid` for an end not after the start, over a year, or a bad
/// reason; `Store(NotFound { doctor })`, `Store(Domain(Conflict { time_off_overlap }))`.
pub async fn add_time_off(
    actor: &Actor,
    command: AddTimeOff,
    store: &dyn AvailabilityStore,
) -> Result<TimeOffRecord> {
    may_manage_doctor_time(actor, command.doctor_id).check("doctor")?;
    let mut errors = ValidationErrors::new();
    let reason = free_text::optional("reason", command.reason.as_deref(), MAX_NOTE_CHARS)
        .map_err(|e| errors.push(e))
        .ok()
        .flatten();
    let range = match TimeRange::new(command.starts_at, command.ends_at) {
        Ok(range) if range.end() - range.start() > Duration::days(MAX_SPAN_DAYS) => {
            errors.push(ValidationError::new(
                "ends_at",
                "time off lasts at most a year",
            ));
            None
        }
        Ok(range) => Some(range),
        Err(_) => {
            errors.push(ValidationError::new("ends_at", "must be after starts_at"));
            None
        }
    };
    errors
        .into_result()
        .map_err(ManageAvailabilityError::Invalid)?;
    let Some(range) = range else {
        return Err(ValidationError::new("ends_at", "must be after starts_at").into());
    };
    Ok(store
        .add_time_off(actor.user_id, command.doctor_id, &TimeOff { range, reason })
        .await?)
}

/// Removes a doctor's time off (the doctor, staff and admins).
///
/// # Errors
/// `Denied(Forbidden)`; `Store(NotFound { time off })`.
pub async fn remove_time_off(
    actor: &Actor,
    doctor_id: i32,
    time_off_id: i32,
    store: &dyn AvailabilityStore,
) -> Result<()> {
    may_manage_doctor_time(actor, doctor_id).check("doctor")?;
    Ok(store
        .remove_time_off(actor.user_id, doctor_id, time_off_id)
        .await?)
}

/// A doctor's dated exceptions (the doctor, staff and admins).
///
/// # Errors
/// `Denied(Forbidden)`; `Store(NotFound { doctor })`.
pub async fn list_exceptions(
    actor: &Actor,
    doctor_id: i32,
    store: &dyn AvailabilityStore,
) -> Result<Vec<ExceptionRecord>> {
    may_manage_doctor_time(actor, doctor_id).check("doctor")?;
    Ok(store.list_exceptions(doctor_id).await?)
}

/// Records a dated exception to a doctor's hours at an office (the doctor, staff, admins).
///
/// # Errors
/// `Denied(Forbidden)`; `Invalid` for a bad note; `Store(NotFound { doctor | office })`,
/// `Store(Domain(Conflict { day_off_exists }))`.
pub async fn add_exception(
    actor: &Actor,
    command: AddException,
    store: &dyn AvailabilityStore,
) -> Result<ExceptionRecord> {
    may_manage_doctor_time(actor, command.doctor_id).check("doctor")?;
    let note = free_text::optional_line("note", command.note.as_deref(), MAX_NOTE_CHARS)?;
    let exception = ScheduleException {
        date: command.date,
        kind: command.kind,
        note,
    };
    Ok(store
        .add_exception(
            actor.user_id,
            command.doctor_id,
            command.office_id,
            &exception,
        )
        .await?)
}

/// Removes a dated exception (the doctor, staff and admins).
///
/// # Errors
/// `Denied(Forbidden)`; `Store(NotFound { schedule exception })`.
pub async fn remove_exception(
    actor: &Actor,
    doctor_id: i32,
    exception_id: i32,
    store: &dyn AvailabilityStore,
) -> Result<()> {
    may_manage_doctor_time(actor, doctor_id).check("doctor")?;
    Ok(store
        .remove_exception(actor.user_id, doctor_id, exception_id)
        .await?)
}
