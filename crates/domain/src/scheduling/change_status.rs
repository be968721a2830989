//! Moving an appointment through its status machine; completing a visit issues its bill.

use super::notices::{AppointmentEvent, bill_issued, tell_both};
use super::ports::{SchedulingStore, VisitBill};
use super::reschedule::{may_change, recipients};
use super::status::{StatusRefusal, VisitTime, judge_late_change, transition};
use super::{Appointment, AppointmentAction};
use crate::access::{Actor, Denied, may_cancel_late};
use crate::billing::default_due_date;
use crate::clock::Clock;
use crate::error::{ValidationError, ValidationErrors};
use crate::messaging::{self, VisitMessages};
use crate::store::StoreError;
use crate::values::{OfficeZone, free_text};

/// The longest cancellation reason, in characters.
pub const MAX_CANCELLATION_REASON_CHARS: usize = 1000;

/// An action on an appointment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangeStatus {
    pub appointment_id: i32,
    pub action: AppointmentAction,
    /// Why it is cancelled (a cancellation only); required of staff and doctors for a late
    /// cancellation.
    pub reason: Option<String>,
}

impl ChangeStatus {
    /// `action` on `appointment_id`, with no reason.
    #[must_use]
    pub fn new(appointment_id: i32, action: AppointmentAction) -> Self {
        Self {
            appointment_id,
            action,
            reason: None,
        }
    }
}

/// Why a status change was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ChangeStatusError {
    /// Not the actor's appointment to see (hidden), or not theirs to change (forbidden).
    #[error(transparent)]
    Denied(#[from] Denied),
    /// The status machine or its time rules refused.
    #[error(transparent)]
    Refused(#[from] StatusRefusal),
    /// The reason: invalid text, given for another action than a cancellation, or missing
    /// from a late cancellation by staff or a doctor.
    #[error("invalid status change: {0}")]
    Invalid(ValidationErrors),
    /// The store failed (a second bill for the visit included).
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Performs an action on an appointment at the clock's time, judged in the office's time
/// zone against the clinic's settings read in the same transaction. Cancelling notifies both
/// parties, enqueues the patient's cancellation email and keeps the reason; completing issues the visit's bill (the specialty's
/// consultation fee, due in [`DEFAULT_DUE_DAYS`](crate::billing::DEFAULT_DUE_DAYS)) and tells
/// the patient, all in the transaction that changes the status.
///
/// # Errors
/// - `Denied(Hidden)` for an appointment the actor may not see, `Denied(Forbidden)` for an
///   action their role may not take on it;
/// - `Refused` by the status machine and its time rules ([`transition`]), and
///   `Refused(LateCancellation)` for a patient cancelling inside the clinic's late-cancellation
///   window or after the start ([`judge_late_change`]);
/// - `Invalid` for a reason on another action, an invalid reason, or a late cancellation by
///   staff or a doctor without one.
pub async fn change_status(
    actor: &Actor,
    command: ChangeStatus,
    clock: &dyn Clock,
    store: &dyn SchedulingStore,
) -> Result<Appointment, ChangeStatusError> {
    let ChangeStatus {
        appointment_id,
        action,
        reason,
    } = command;
    let reason = parse_reason(action, reason.as_deref())?;
    let mut tx = store.begin().await?;
    let locked = tx.lock_appointment(appointment_id, actor.doctor_id).await?;
    may_change(actor, &locked, action)?;
    let current = &locked.appointment;
    let zone = OfficeZone::of_office(&locked.office_time_zone);
    let time = VisitTime {
        starts_at: current.starts_at,
        now: clock.now(),
        zone,
    };
    let next = transition(current.status, action, &time)?;
    if action == AppointmentAction::Cancel {
        let window = locked.settings.late_cancellation_hours();
        let late = judge_late_change(&time, window, may_cancel_late(actor))?;
        if late && reason.is_none() {
            return Err(ChangeStatusError::Invalid(
                ValidationError::new(
                    "reason",
                    format!("is required to cancel within {window} hours of the start or after it"),
                )
                .into(),
            ));
        }
    }
    let written = tx
        .set_status(actor.user_id, appointment_id, next, reason.as_deref())
        .await?;
    let appointment = Appointment {
        status: next,
        cancellation_reason: reason.or_else(|| current.cancellation_reason.clone()),
        updated_at: written.updated_at,
        ..current.clone()
    };
    match action {
        AppointmentAction::Cancel => {
            let to = recipients(&locked);
            tx.notify(tell_both(
                &appointment,
                AppointmentEvent::Cancelled,
                to,
                zone,
            ));
            super::waitlist::offer_freed_slot(
                &mut *tx,
                actor.user_id,
                &appointment,
                zone,
                clock.now(),
            )
            .await?;
            tx.send(messaging::on_cancelled(VisitMessages {
                appointment: &appointment,
                patient_user_id: locked.patient_user_id,
                zone,
                now: clock.now(),
            }));
        }
        AppointmentAction::Complete => {
            let bill = VisitBill {
                patient_id: appointment.patient_id,
                appointment_id,
                amount_due: locked.visit_fee,
                billing_due: default_due_date(clock.today()),
            };
            // A visit the desk billed at checkout keeps that bill: no second one, no notice.
            if let Some(bill_id) = tx.issue_bill(actor.user_id, &bill).await? {
                tx.notify(vec![bill_issued(
                    &appointment,
                    locked.patient_user_id,
                    bill_id,
                    bill.amount_due,
                    bill.billing_due,
                )]);
            }
        }
        AppointmentAction::Confirm | AppointmentAction::CheckIn | AppointmentAction::NoShow => {}
    }
    tx.commit().await?;
    Ok(appointment)
}

/// The cancellation reason, checked: only a cancellation takes one.
fn parse_reason(
    action: AppointmentAction,
    raw: Option<&str>,
) -> Result<Option<String>, ChangeStatusError> {
    let invalid = |e: ValidationError| ChangeStatusError::Invalid(e.into());
    match raw {
        Some(_) if action != AppointmentAction::Cancel => Err(invalid(ValidationError::new(
            "reason",
            "only a cancellation takes a reason",
        ))),
        raw => free_text::optional("reason", raw, MAX_CANCELLATION_REASON_CHARS).map_err(invalid),
    }
}
