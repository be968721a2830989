//! The one availability engine: a doctor's weekly hours at an office, dated exceptions,
//! time off and the office's closures become open time per local day ([`plan_days`]); free
//! slots ([`free_slots_in`]) and the booking check ([`check_open`], used by
//! [`judge_slot`](crate::scheduling::judge_slot)) are read off it, and so are the calendar
//! ([`read_calendar`]) and the slot listing ([`list_free_slots`]).

mod manage;
mod model;
mod plan;
mod ports;
mod read;
mod search;

#[cfg(test)]
mod tests;

pub use manage::{
    AddClosure, AddException, AddTimeOff, ManageAvailabilityError, add_closure, add_exception,
    add_time_off, list_closures, list_exceptions, list_time_off, remove_closure, remove_exception,
    remove_time_off,
};
pub use model::{
    AvailabilityInput, BlockKind, Blocked, Closure, DayPlan, DoctorRules, ExceptionKind,
    LocalHours, ScheduleException, TimeOff,
};
pub use plan::{Unavailable, check_open, dates_around, free_slots_in, plan_days};
pub use ports::{
    AvailabilityStore, CalendarDoctorFacts, CalendarFacts, ClosureRecord, ExceptionRecord,
    SlotListingFacts, TimeOffRecord,
};
pub use read::{
    Calendar, CalendarDoctor, CalendarError, CalendarQuery, FreeSlots, ListFreeSlots,
    MAX_CALENDAR_DAYS, MAX_SLOT_DAYS, SlotsError, calendar_version, list_free_slots, read_calendar,
};
pub use search::{
    DEFAULT_SLOT_MINUTES, FoundSlots, MAX_SEARCH_SLOTS, ReferralFacts, ReferralNeeded, SearchFacts,
    SearchFactsQuery, SearchPatient, SearchSlotsError, SlotCandidate, SlotChoice, SlotSearch,
    search_free_slots,
};
