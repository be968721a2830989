//! Scheduling: the appointment state machine, appointment length, doctors' working hours,
//! free slots and the booking rules.

pub mod access;
pub mod appointment;
pub mod booking;
pub mod duration;
pub mod evaluate;
pub mod slots;
pub mod status;
pub mod working_hours;

pub use access::{AppointmentParties, may_act, may_view};
pub use appointment::{
    Appointment, AppointmentFilter, AppointmentRepository, BookingFacts, NewAppointment, Reschedule,
};
pub use booking::{BookingCheck, check_booking};
pub use duration::AppointmentDuration;
pub use evaluate::{BookingAttempt, evaluate_booking};
pub use slots::{free_slots, is_within_working_hours};
pub use status::{AppointmentAction, AppointmentStatus, can_reschedule, transition};
pub use working_hours::{
    WeeklyHours, expand_weekly_hours, parse_weekly_hours, validate_weekly_hours,
};
