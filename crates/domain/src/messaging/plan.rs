//! What is sent when a visit is booked, moved or cancelled, and the reminders before it. The
//! words are decided here, once; the store only enqueues them.

use chrono::{DateTime, Duration, Utc};

use super::model::{Channel, MessageKind, OutboxDraft};
use crate::scheduling::Appointment;
use crate::settings::ReminderOffsets;
use crate::values::OfficeZone;

/// The visit a plan is about, and where its messages go.
#[derive(Debug, Clone, Copy)]
pub struct VisitMessages<'a> {
    /// The appointment as it is after the change.
    pub appointment: &'a Appointment,
    /// The patient's account: they are told (the doctor sees the change in the app).
    pub patient_user_id: i32,
    /// The office's zone: times are written in it.
    pub zone: OfficeZone,
    /// The clock's time of the change.
    pub now: DateTime<Utc>,
}

/// A booked visit: the confirmation now, and a reminder at each offset still ahead.
#[must_use]
pub fn on_booked(visit: VisitMessages<'_>, offsets: ReminderOffsets) -> Vec<OutboxDraft> {
    let mut drafts = vec![notice(visit, MessageKind::Booked)];
    drafts.extend(plan_reminders(visit, offsets));
    drafts
}

/// A moved visit: the notice of its new time now, and its reminders planned again for the new
/// start. The reminders planned for the old start stay in the outbox and are skipped when
/// their time comes ([`still_due`](super::still_due) compares the starts).
#[must_use]
pub fn on_moved(visit: VisitMessages<'_>, offsets: ReminderOffsets) -> Vec<OutboxDraft> {
    let mut drafts = vec![notice(visit, MessageKind::Moved)];
    drafts.extend(plan_reminders(visit, offsets));
    drafts
}

/// A cancelled visit: the notice now. Its pending reminders are skipped when their time comes.
#[must_use]
pub fn on_cancelled(visit: VisitMessages<'_>) -> Vec<OutboxDraft> {
    vec![notice(visit, MessageKind::Cancelled)]
}

/// The reminders of a visit: one per offset whose moment is still ahead of `now` (a visit
/// booked two hours ahead gets no "a day before" reminder: its confirmation says it all).
#[must_use]
pub fn plan_reminders(visit: VisitMessages<'_>, offsets: ReminderOffsets) -> Vec<OutboxDraft> {
    let start = visit.appointment.starts_at;
    offsets
        .minutes()
        .iter()
        .filter_map(|&minutes| {
            let due_at = start - Duration::minutes(i64::from(minutes));
            (due_at > visit.now).then(|| OutboxDraft {
                offset_minutes: minutes,
                due_at,
                ..notice(visit, MessageKind::Reminder)
            })
        })
        .collect()
}

/// One email to the patient about `kind`, due now.
fn notice(visit: VisitMessages<'_>, kind: MessageKind) -> OutboxDraft {
    let (subject, body) = words(visit, kind);
    OutboxDraft {
        channel: Channel::Email,
        recipient_user_id: visit.patient_user_id,
        kind,
        appointment_id: visit.appointment.appointment_id,
        planned_start: visit.appointment.starts_at,
        offset_minutes: 0,
        due_at: visit.now,
        subject,
        body,
    }
}

/// Subject and body. Who, when and where only: never the reason for the visit.
fn words(visit: VisitMessages<'_>, kind: MessageKind) -> (String, String) {
    let a = visit.appointment;
    let when = visit.zone.label(a.starts_at);
    let with = format!("Dr. {} on {when} at {}", a.doctor_name, a.office_name);
    let (subject, line, closing) = match kind {
        MessageKind::Booked => (
            format!("Your appointment on {when} is booked"),
            format!("Your appointment with {with} is booked."),
            "If you cannot come, please cancel or move it in the app, or call the front desk.",
        ),
        MessageKind::Moved => (
            format!("Your appointment was moved to {when}"),
            format!("Your appointment was moved: it is now with {with}."),
            "If the new time does not suit you, please move it in the app, or call the front desk.",
        ),
        MessageKind::Cancelled => (
            format!("Your appointment on {when} was cancelled"),
            format!("Your appointment with {with} was cancelled."),
            "To book another, use the app or call the front desk.",
        ),
        MessageKind::Reminder => (
            format!("Reminder: your appointment on {when}"),
            format!("This is a reminder of your appointment with {with}."),
            "If you cannot come, please cancel or move it in the app, or call the front desk.",
        ),
    };
    let body = format!(
        "Hello {},\n\n{line}\n\n{closing}\n\nYour clinic\n",
        a.patient_name
    );
    (subject, body)
}
