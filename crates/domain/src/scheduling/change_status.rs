//! Moving an appointment through its status machine; completing a visit issues its bill.

use super::notices::{AppointmentEvent, bill_issued, tell_both};
use super::ports::{SchedulingStore, VisitBill};
use super::reschedule::{may_change, recipients};
use super::status::{StatusRefusal, transition};
use super::{Appointment, AppointmentAction};
use crate::access::{Actor, Denied};
use crate::billing::default_due_date;
use crate::clock::Clock;
use crate::store::StoreError;
use crate::values::OfficeZone;

/// Why a status change was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ChangeStatusError {
    /// Not the actor's appointment to see (hidden), or not theirs to change (forbidden).
    #[error(transparent)]
    Denied(#[from] Denied),
    /// The status machine refused.
    #[error(transparent)]
    Refused(#[from] StatusRefusal),
    /// The store failed (a second bill for the visit included).
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Performs `action` on an appointment at the clock's time. Cancelling notifies both parties;
/// completing issues the visit's bill (the specialty's consultation fee, due in
/// [`DEFAULT_DUE_DAYS`](crate::billing::DEFAULT_DUE_DAYS)) and tells the patient, all in the
/// transaction that changes the status.
///
/// # Errors
/// - `Denied(Hidden)` for an appointment the actor may not see, `Denied(Forbidden)` for an
///   action their role may not take on it;
/// - `Refused` by the status machine ([`transition`]).
pub async fn change_status(
    actor: &Actor,
    appointment_id: i32,
    action: AppointmentAction,
    clock: &dyn Clock,
    store: &dyn SchedulingStore,
) -> Result<Appointment, ChangeStatusError> {
    let mut tx = store.begin().await?;
    let locked = tx.lock_appointment(appointment_id, actor.doctor_id).await?;
    may_change(actor, &locked, action)?;
    let current = &locked.appointment;
    let next = transition(current.status, action, current.starts_at, clock.now())?;
    let written = tx.set_status(actor.user_id, appointment_id, next).await?;
    let appointment = Appointment {
        status: next,
        updated_at: written.updated_at,
        ..current.clone()
    };
    match action {
        AppointmentAction::Cancel => {
            let zone = OfficeZone::of_office(&locked.office_time_zone);
            let to = recipients(&locked);
            tx.notify(tell_both(
                &appointment,
                AppointmentEvent::Cancelled,
                to,
                zone,
            ));
        }
        AppointmentAction::Complete => {
            let bill = VisitBill {
                patient_id: appointment.patient_id,
                appointment_id,
                amount_due: locked.visit_fee,
                billing_due: default_due_date(clock.today()),
            };
            let bill_id = tx.issue_bill(actor.user_id, &bill).await?;
            tx.notify(vec![bill_issued(
                &appointment,
                locked.patient_user_id,
                bill_id,
                bill.amount_due,
                bill.billing_due,
            )]);
        }
        AppointmentAction::Confirm | AppointmentAction::CheckIn | AppointmentAction::NoShow => {}
    }
    tx.commit().await?;
    Ok(appointment)
}
