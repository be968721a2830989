//! Reading availability: a doctor's free slots, and an office's calendar.

use chrono::{Days, NaiveDate, NaiveTime};

use super::model::DayPlan;
use super::plan::{free_slots_in, plan_days};
use super::ports::AvailabilityStore;
use crate::access::{Actor, Denied, calendar_doctor_scope};
use crate::clock::Clock;
use crate::error::{ValidationError, ValidationErrors};
use crate::scheduling::Appointment;
use crate::store::StoreError;
use crate::values::{OfficeZone, TimeRange};

/// The longest span one slot listing may ask about, in days after `from`.
pub const MAX_SLOT_DAYS: u64 = 31;

/// The most days one calendar request shows.
pub const MAX_CALENDAR_DAYS: u32 = 7;

/// A doctor's free slots at an office over local days.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListFreeSlots {
    pub doctor_id: i32,
    pub office_id: i32,
    pub from: NaiveDate,
    /// Included.
    pub to: NaiveDate,
    pub slot_minutes: u32,
}

/// Free slots and the zone they were computed in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FreeSlots {
    pub time_zone: String,
    pub slots: Vec<TimeRange>,
}

/// Why free slots could not be listed.
#[derive(Debug, thiserror::Error)]
pub enum SlotsError {
    #[error("invalid slot query: {0}")]
    Invalid(ValidationErrors),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// A UTC window surely holding the local days `from..=to` at any office (zones reach ±14 h).
pub(super) fn window(from: NaiveDate, to: NaiveDate) -> Result<TimeRange, ValidationError> {
    let start = from
        .pred_opt()
        .unwrap_or(from)
        .and_time(NaiveTime::MIN)
        .and_utc();
    let end = to
        .checked_add_days(Days::new(2))
        .unwrap_or(to)
        .and_time(NaiveTime::MIN)
        .and_utc();
    TimeRange::new(start, end).map_err(|_| ValidationError::new("to", "must be after from"))
}

/// The doctor's free slots at the office: the engine's open time (weekly hours, exceptions,
/// minus time off and closures) minus their active appointments, from now on. Anyone signed
/// in may ask (booking needs it); nothing private is in the answer.
///
/// # Errors
/// `Invalid` for a slot length outside 5–480, a reversed span or one over 31 days;
/// `Store(NotFound)` for a missing doctor or office.
pub async fn list_free_slots(
    query: ListFreeSlots,
    clock: &dyn Clock,
    store: &dyn AvailabilityStore,
) -> Result<FreeSlots, SlotsError> {
    let invalid = |field: &str, message: &str| {
        SlotsError::Invalid(ValidationError::new(field, message).into())
    };
    if !(5..=480).contains(&query.slot_minutes) {
        return Err(invalid("slot_minutes", "must be from 5 to 480"));
    }
    if query.to < query.from {
        return Err(invalid("to", "must not be before from"));
    }
    if query
        .from
        .checked_add_days(Days::new(MAX_SLOT_DAYS))
        .is_some_and(|limit| query.to > limit)
    {
        return Err(invalid("to", "at most 31 days after from"));
    }
    let window = window(query.from, query.to).map_err(|e| SlotsError::Invalid(e.into()))?;
    let facts = store
        .slot_facts(query.doctor_id, query.office_id, &window)
        .await?;
    let plans = plan_days(&facts.input, query.from, query.to);
    Ok(FreeSlots {
        time_zone: facts.time_zone,
        slots: free_slots_in(&plans, &facts.busy, query.slot_minutes, clock.now()),
    })
}

/// Which office, days and doctor the calendar shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CalendarQuery {
    pub office_id: i32,
    pub from: NaiveDate,
    /// 1 to [`MAX_CALENDAR_DAYS`].
    pub days: u32,
    pub doctor_id: Option<i32>,
}

/// One doctor's days on the calendar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalendarDoctor {
    pub doctor_id: i32,
    pub name: String,
    pub specialty_name: String,
    /// One plan per day asked for.
    pub days: Vec<DayPlan>,
}

/// An office's calendar: every doctor's open and blocked time per day, and every appointment
/// of those days at the office.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Calendar {
    pub office_id: i32,
    pub office_name: String,
    pub time_zone: String,
    pub from: NaiveDate,
    pub days: u32,
    pub doctors: Vec<CalendarDoctor>,
    /// All of them, cancelled included, by start: no page cut-off.
    pub appointments: Vec<Appointment>,
}

/// Why the calendar could not be read.
#[derive(Debug, thiserror::Error)]
pub enum CalendarError {
    #[error(transparent)]
    Denied(#[from] Denied),
    #[error("invalid calendar query: {0}")]
    Invalid(ValidationErrors),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Who may see which doctors of a calendar (as [`read_calendar`] decides), its last day and a
/// UTC window surely holding its days.
fn calendar_span(
    actor: &Actor,
    query: &CalendarQuery,
) -> Result<(Option<i32>, NaiveDate, TimeRange), CalendarError> {
    let doctor_id = calendar_doctor_scope(actor, query.doctor_id)?;
    if !(1..=MAX_CALENDAR_DAYS).contains(&query.days) {
        return Err(CalendarError::Invalid(
            ValidationError::new("days", "must be from 1 to 7").into(),
        ));
    }
    let last = query
        .from
        .checked_add_days(Days::new(u64::from(query.days - 1)))
        .ok_or_else(|| {
            CalendarError::Invalid(ValidationError::new("from", "is too late").into())
        })?;
    let window = window(query.from, last).map_err(|e| CalendarError::Invalid(e.into()))?;
    Ok((doctor_id, last, window))
}

/// A short token that changes whenever what [`read_calendar`] would show for `query` may have
/// changed: a visit booked, moved, cancelled or checked in, time off, a dated exception or a
/// closure added or removed. Screens left open ask for it every few seconds and read the
/// calendar again only when it differs, so an unchanged day costs one cheap request. It is
/// derived from the stored rows on every call, so any instance answers alike (no state in the
/// server, nothing to broadcast). The same people may ask as may read the calendar.
///
/// # Errors
/// As [`read_calendar`]: `Denied(Forbidden)` before anything is read, `Invalid`,
/// `Store(NotFound { office })`.
pub async fn calendar_version(
    actor: &Actor,
    query: CalendarQuery,
    store: &dyn AvailabilityStore,
) -> Result<String, CalendarError> {
    let (doctor_id, _, window) = calendar_span(actor, &query)?;
    Ok(store
        .calendar_version(query.office_id, doctor_id, &window)
        .await?)
}

/// The calendar of an office over `days` local days from `from`. Staff and admins see every
/// doctor at the office; a doctor sees only themself (asking for another is refused);
/// patients may not read it ([`calendar_doctor_scope`]).
///
/// # Errors
/// `Denied(Forbidden)` as above, checked before anything is read; `Invalid` for `days`
/// outside 1–7; `Store(NotFound { office })`.
pub async fn read_calendar(
    actor: &Actor,
    query: CalendarQuery,
    store: &dyn AvailabilityStore,
) -> Result<Calendar, CalendarError> {
    let (doctor_id, last, window) = calendar_span(actor, &query)?;
    let facts = store
        .calendar_facts(query.office_id, doctor_id, &window)
        .await?;
    let zone = OfficeZone::of_office(&facts.time_zone);
    let doctors: Vec<CalendarDoctor> = facts
        .doctors
        .into_iter()
        .map(|doctor| CalendarDoctor {
            days: plan_days(
                &doctor.rules.at_office(zone, &facts.closures),
                query.from,
                last,
            ),
            doctor_id: doctor.doctor_id,
            name: doctor.name,
            specialty_name: doctor.specialty_name,
        })
        .collect();
    let shown = |a: &Appointment| {
        let day = zone.local_date(a.starts_at);
        query.from <= day && day <= last
    };
    Ok(Calendar {
        office_id: query.office_id,
        office_name: facts.office_name,
        time_zone: facts.time_zone,
        from: query.from,
        days: query.days,
        doctors,
        appointments: facts.appointments.into_iter().filter(shown).collect(),
    })
}
