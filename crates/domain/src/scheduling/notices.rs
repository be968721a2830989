//! What patients and doctors are told about their appointments, in the office's time.

use rust_decimal::Decimal;

use super::Appointment;
use crate::notification::{NotificationDraft, NotificationType};
use crate::values::OfficeZone;

/// What happened to an appointment, as the messages say it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AppointmentEvent {
    Booked,
    Moved,
    Cancelled,
}

impl AppointmentEvent {
    fn words(self) -> &'static str {
        match self {
            Self::Booked => "is booked",
            Self::Moved => "was moved",
            Self::Cancelled => "was cancelled",
        }
    }
}

/// The accounts an appointment's messages go to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Recipients {
    pub patient_user_id: i32,
    pub doctor_user_id: i32,
}

/// One notification to the patient and one to the doctor about `event`.
#[must_use]
pub fn tell_both(
    appointment: &Appointment,
    event: AppointmentEvent,
    to: Recipients,
    zone: OfficeZone,
) -> Vec<NotificationDraft> {
    let when = zone.label(appointment.starts_at);
    let what = event.words();
    let office = &appointment.office_name;
    let to_patient = format!(
        "Your appointment with Dr. {} on {when} at {office} {what}.",
        appointment.doctor_name
    );
    let to_doctor = format!(
        "The appointment with {} on {when} at {office} {what}.",
        appointment.patient_name
    );
    let id = appointment.appointment_id;
    vec![
        NotificationDraft::new(
            to.patient_user_id,
            NotificationType::Appointment,
            to_patient,
            "appointments",
            id,
        ),
        NotificationDraft::new(
            to.doctor_user_id,
            NotificationType::Appointment,
            to_doctor,
            "appointments",
            id,
        ),
    ]
}

/// The patient's notice of the bill a completed visit issued.
#[must_use]
pub fn bill_issued(
    appointment: &Appointment,
    patient_user_id: i32,
    bill_id: i32,
    amount: Decimal,
    due: chrono::NaiveDate,
) -> NotificationDraft {
    // A visit fee is a valid amount (the offices table checks it); the plain number is only a
    // fallback so a message is never lost over its wording.
    let amount = crate::values::Money::new(amount).map_or_else(
        |_| amount.round_dp(2).to_string(),
        crate::values::Money::for_people,
    );
    let message = format!(
        "A bill of {amount} for your visit with Dr. {} is due on {}.",
        appointment.doctor_name,
        crate::values::day_label(due)
    );
    NotificationDraft::new(
        patient_user_id,
        NotificationType::Billing,
        message,
        "bills",
        bill_id,
    )
}
