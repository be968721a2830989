//! Scheduling: booking, rescheduling and the appointment status machine as use cases, with
//! the rules they apply (appointment length, working hours, free slots, overlaps) and the
//! ports they persist through.

pub mod appointment;
pub mod availability;
pub mod book;
pub mod change_status;
pub mod duration;
pub mod notices;
pub mod ports;
pub mod read;
pub mod reschedule;
pub mod rules;
pub mod series;
pub mod slots;
pub mod status;
pub mod visit_types;
pub mod waitlist;
pub mod working_hours;

#[cfg(test)]
mod fake;
#[cfg(test)]
mod outbox_tests;
#[cfg(test)]
mod use_case_tests;
#[cfg(test)]
mod visit_type_tests;

pub use appointment::{Appointment, AppointmentFilter, NewAppointment};
pub use book::{BookAppointment, BookAppointmentError, book};
pub use change_status::{
    ChangeStatus, ChangeStatusError, MAX_CANCELLATION_REASON_CHARS, change_status,
};
pub use duration::AppointmentDuration;
pub use ports::{
    BookingFacts, BookingQuery, ConflictingAppointment, LockedAppointment, MovedAppointment,
    OfficeFacts, Party, SchedulingStore, SchedulingTx, VisitBill, Written,
};
pub use ports::{LockedSeries, NewSeries, SeriesRecord};
pub use read::{ListAppointments, list, view};
pub use reschedule::{RescheduleAppointment, RescheduleError, reschedule};
pub use rules::{
    BookingRefusal, PatientLimits, SlotFacts, SlotRequest, SlotVerdict, judge_slot,
    judge_slot_verdict,
};
pub use slots::{free_slots, is_within_working_hours};
pub use status::{
    AppointmentAction, AppointmentStatus, StatusRefusal, VisitTime, can_reschedule,
    judge_late_change, transition,
};
pub use visit_types::{
    NewVisitType, VisitType, VisitTypeError, VisitTypeFacts, VisitTypeLabel, VisitTypePatch,
    VisitTypeStore, create_visit_type, list_visit_types, update_visit_type,
};
pub use working_hours::{
    WeeklyHours, expand_weekly_hours, parse_weekly_hours, validate_weekly_hours,
};
