//! Moving an appointment to another time, place or reason.

use chrono::{DateTime, Utc};

use super::book::{
    BookAppointmentError, doctor_and_office, lost_race, overbook_request, patient_limits, shown_to,
    slot_facts,
};
use super::notices::{AppointmentEvent, Recipients, tell_both};
use super::ports::{BookingQuery, LockedAppointment, MovedAppointment, SchedulingStore};
use super::rules::{BookingRefusal, SlotRequest, judge_slot_verdict};
use super::status::{StatusRefusal, VisitTime, judge_late_change};
use super::{
    Appointment, AppointmentAction, AppointmentDuration, AppointmentStatus, can_reschedule,
};
use crate::access::{
    Actor, AppointmentParties, Denied, may_act_on_appointment, may_cancel_late,
    may_view_appointment, referral_gate_applies,
};
use crate::clock::Clock;
use crate::messaging::{self, VisitMessages};
use crate::store::StoreError;
use crate::values::OfficeZone;

/// A request to move an appointment; what is left out stays as it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RescheduleAppointment {
    pub appointment_id: i32,
    pub starts_at: Option<DateTime<Utc>>,
    pub duration: Option<AppointmentDuration>,
    pub office_id: Option<i32>,
    /// `None` keeps the reason, `Some(None)` clears it.
    pub reason: Option<Option<String>>,
    /// Book over a conflict on purpose, for this reason (staff only).
    pub overbook_reason: Option<String>,
}

/// Why a move was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RescheduleError {
    /// Not the actor's appointment to see (hidden), or to move (forbidden).
    #[error(transparent)]
    Denied(#[from] Denied),
    /// Only scheduled and confirmed appointments move.
    #[error("an appointment that is {from} cannot be rescheduled")]
    NotReschedulable { from: AppointmentStatus },
    /// A patient moving a visit inside the late-cancellation window or after its start: a
    /// move is a cancellation and a new booking, so it follows the cancellation's rule.
    #[error(transparent)]
    Late(StatusRefusal),
    /// The booking rules refused the new time or fields.
    #[error(transparent)]
    Refused(#[from] BookingRefusal),
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<BookAppointmentError> for RescheduleError {
    fn from(error: BookAppointmentError) -> Self {
        match error {
            BookAppointmentError::Denied(denied) => Self::Denied(denied),
            BookAppointmentError::Refused(refusal) => Self::Refused(refusal),
            BookAppointmentError::Store(store) => Self::Store(store),
        }
    }
}

/// Moves an appointment that is still scheduled or confirmed, checking every booking rule
/// again inside the transaction that writes the move. Whoever may cancel it may move it; both
/// parties are notified, and the patient's email about the move and the reminders for the new
/// time are enqueued with it.
///
/// # Errors
/// - `Denied(Hidden)` for an appointment the actor may not see, `Denied(Forbidden)` for one
///   they may see but not move;
/// - `NotReschedulable` once it is checked in, completed, cancelled or a no-show;
/// - `Late` for a patient inside the clinic's late-cancellation window or after the start
///   (staff and the visit's doctor may move it late);
/// - `Refused` by the booking rules, as for a booking (a patient's move is held to the
///   booking horizon, not to the cap: it adds no appointment).
pub async fn reschedule(
    actor: &Actor,
    command: RescheduleAppointment,
    clock: &dyn Clock,
    store: &dyn SchedulingStore,
) -> Result<Appointment, RescheduleError> {
    let mut tx = store.begin().await?;
    let locked = tx
        .lock_appointment(command.appointment_id, actor.doctor_id)
        .await?;
    let current = &locked.appointment;
    may_change(actor, &locked, AppointmentAction::Cancel)?;
    if !can_reschedule(current.status) {
        return Err(RescheduleError::NotReschedulable {
            from: current.status,
        });
    }
    let time = VisitTime {
        starts_at: current.starts_at,
        now: clock.now(),
        zone: OfficeZone::of_office(&locked.office_time_zone),
    };
    judge_late_change(
        &time,
        locked.settings.late_cancellation_hours(),
        may_cancel_late(actor),
    )
    .map_err(RescheduleError::Late)?;
    let duration = match command.duration {
        Some(duration) => duration,
        None => stored_duration(current)?,
    };
    let range = duration.range_from(command.starts_at.unwrap_or(current.starts_at));
    let query = BookingQuery {
        patient_id: current.patient_id,
        doctor_id: current.doctor_id,
        office_id: command.office_id.unwrap_or(current.office_id),
        range,
        moving: Some(current.appointment_id),
        actor_doctor_id: actor.doctor_id,
        now: clock.now(),
    };
    let facts = tx.booking_facts(&query).await?;
    let overbook_reason = overbook_request(actor, command.overbook_reason.as_deref())?;
    let (_, office) = doctor_and_office(&facts)?;
    let zone = OfficeZone::of_office(&office.time_zone);
    let judged = judge_slot_verdict(&SlotRequest {
        range,
        duration,
        now: clock.now(),
        facts: &slot_facts(&facts, zone),
        booked_by_patient: referral_gate_applies(actor),
        overbook_reason,
        patient_limits: patient_limits(actor, &facts, false),
    });
    let verdict = shown_to(actor, judged, &facts.conflicts)?;
    let moved = MovedAppointment {
        appointment_id: current.appointment_id,
        office_id: query.office_id,
        range,
        duration_minutes: duration.minutes(),
        reason: command.reason.unwrap_or_else(|| current.reason.clone()),
        overbook_reason: verdict.overbook_reason,
        outside_availability_reason: verdict.outside_availability_reason,
    };
    let written = match tx.move_appointment(actor.user_id, &moved).await {
        Ok(written) => written,
        Err(error) => return Err(lost_race(actor, store, tx, &query, error).await.into()),
    };
    let appointment = Appointment {
        office_id: moved.office_id,
        starts_at: range.start(),
        duration_minutes: locked_minutes(duration)?,
        ends_at: range.end(),
        reason: moved.reason,
        is_overbooked: moved.overbook_reason.is_some(),
        overbook_reason: moved.overbook_reason,
        outside_availability_reason: moved.outside_availability_reason,
        updated_at: written.updated_at,
        office_name: office.name.clone(),
        office_time_zone: office.time_zone.clone(),
        ..current.clone()
    };
    tx.notify(tell_both(
        &appointment,
        AppointmentEvent::Moved,
        recipients(&locked),
        zone,
    ));
    tx.send(messaging::on_moved(
        VisitMessages {
            appointment: &appointment,
            patient_user_id: locked.patient_user_id,
            zone,
            now: clock.now(),
        },
        facts.settings.reminder_offsets(),
    ));
    tx.commit().await?;
    Ok(appointment)
}

/// Whether `actor` may see the locked appointment (else it is hidden) and perform `action`.
pub(super) fn may_change(
    actor: &Actor,
    locked: &LockedAppointment,
    action: AppointmentAction,
) -> Result<(), Denied> {
    let parties = AppointmentParties {
        patient_id: locked.appointment.patient_id,
        doctor_id: locked.appointment.doctor_id,
    };
    if !may_view_appointment(actor, parties, locked.treated_by_actor) {
        return Err(Denied::Hidden {
            entity: "appointment",
        });
    }
    may_act_on_appointment(actor, action, parties).check("appointment")
}

pub(super) fn recipients(locked: &LockedAppointment) -> Recipients {
    Recipients {
        patient_user_id: locked.patient_user_id,
        doctor_user_id: locked.doctor_user_id,
    }
}

/// The stored length of an appointment; the database keeps it within the bounds.
fn stored_duration(appointment: &Appointment) -> Result<AppointmentDuration, StoreError> {
    u32::try_from(appointment.duration_minutes)
        .ok()
        .and_then(|minutes| AppointmentDuration::new(minutes).ok())
        .ok_or_else(|| {
            StoreError::Unexpected(format!(
                "appointment {} has an impossible length of {} minutes",
                appointment.appointment_id, appointment.duration_minutes
            ))
        })
}

fn locked_minutes(duration: AppointmentDuration) -> Result<i32, StoreError> {
    i32::try_from(duration.minutes())
        .map_err(|_| StoreError::Unexpected("duration out of range".into()))
}
