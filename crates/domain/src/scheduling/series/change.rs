//! Cancelling or editing visits of a series: this one, this and the following ones, or the
//! whole series. One visit is changed by the single-visit use cases themselves
//! ([`change_status`], [`reschedule`]); several are changed in one transaction, each judged by
//! the same rules, with one summary notification per party.

use chrono::{DateTime, Duration, Utc};

use super::rule::at_local;
use super::{Occurrence, SeriesError, series_notice};
use crate::access::{Action, Actor, may_cancel_late, may_ever};
use crate::clock::Clock;
use crate::error::ValidationError;
use crate::messaging::{self, VisitMessages};
use crate::scheduling::book::{lost_race, patient_limits, shown_to, slot_facts};
use crate::scheduling::ports::{
    BookingQuery, LockedAppointment, LockedSeries, MovedAppointment, SchedulingStore, SchedulingTx,
};
use crate::scheduling::reschedule::may_change;
use crate::scheduling::rules::{SlotRequest, judge_slot};
use crate::scheduling::status::{VisitTime, judge_late_change, transition};
use crate::scheduling::{
    Appointment, AppointmentAction, AppointmentDuration, AppointmentStatus, ChangeStatus,
    RescheduleAppointment, can_reschedule, change_status, reschedule,
};
use crate::values::OfficeZone;

/// Which visits of a series a change applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SeriesScope {
    /// The chosen visit only.
    This,
    /// The chosen visit and every later one of its series.
    ThisAndFollowing,
    /// Every visit of the series.
    WholeSeries,
}

/// Cancelling visits of a series.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CancelInSeries {
    /// The visit chosen.
    pub appointment_id: i32,
    pub scope: SeriesScope,
    /// Why; required when a visit in scope lies inside the late-cancellation window.
    pub reason: Option<String>,
}

/// Moving visits of a series, or changing their length or reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditInSeries {
    /// The visit chosen.
    pub appointment_id: i32,
    pub scope: SeriesScope,
    /// The chosen visit's new start; the others in scope move by the same amount of wall-clock
    /// time at the office (09:00 → 10:30 moves every visit to 10:30 local, across DST).
    pub starts_at: Option<DateTime<Utc>>,
    pub duration: Option<AppointmentDuration>,
    /// `None` keeps the reason, `Some(None)` clears it.
    pub reason: Option<Option<String>>,
    /// Change nothing unless every visit in scope can be moved.
    pub all_or_nothing: bool,
}

/// A visit in scope that the change left as it was, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LeftAlone {
    /// Past, completed, cancelled, checked in or a no-show: a change never rewrites history.
    Settled(Appointment),
    /// Its new time was refused by the booking rules (an edit that skips).
    Refused {
        appointment: Appointment,
        occurrence: Occurrence,
    },
}

/// What a change did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeriesChange {
    pub series_id: Option<i32>,
    /// The visits changed, as they are now.
    pub changed: Vec<Appointment>,
    pub left_alone: Vec<LeftAlone>,
}

/// The chosen visit, locked and checked against the policy, and the visits of the scope
/// (locked; by start).
async fn visits_in_scope(
    actor: &Actor,
    appointment_id: i32,
    scope: SeriesScope,
    tx: &mut (dyn SchedulingTx + '_),
) -> Result<(LockedSeries, LockedAppointment), SeriesError> {
    let chosen = tx.lock_appointment(appointment_id, actor.doctor_id).await?;
    may_change(actor, &chosen, AppointmentAction::Cancel)?;
    let Some(series_id) = chosen.appointment.series_id else {
        return Err(
            ValidationError::new("scope", "this appointment is not part of a series").into(),
        );
    };
    let mut series = tx.lock_series(series_id, actor.doctor_id).await?;
    let from = chosen.appointment.starts_at;
    series
        .occurrences
        .retain(|o| scope == SeriesScope::WholeSeries || o.appointment.starts_at >= from);
    Ok((series, chosen))
}

/// Whether a visit is still to come and open to a change.
fn is_open(appointment: &Appointment, now: DateTime<Utc>) -> bool {
    can_reschedule(appointment.status) && appointment.starts_at >= now
}

/// Cancels visits of a series. Scope `this` is a single cancellation (every rule of
/// [`change_status`]); for `this_and_following` and `whole_series`, every visit in scope still
/// to come and scheduled or confirmed is cancelled, the others (past, completed, already
/// cancelled…) are left alone. Staff cancel any series, a doctor their own; patients and
/// admins may not (403 before anything is read). One summary notification per party.
///
/// # Errors
/// `Denied`; `Invalid` on `scope` for an appointment outside a series, on `reason` when a
/// visit in scope lies inside the late-cancellation window and no reason is given;
/// `NothingToChange`; `Status` for scope `this`, as [`change_status`].
pub async fn cancel_in_series(
    actor: &Actor,
    command: CancelInSeries,
    clock: &dyn Clock,
    store: &dyn SchedulingStore,
) -> Result<SeriesChange, SeriesError> {
    may_ever(actor, Action::ManageSeries)?;
    if command.scope == SeriesScope::This {
        let single = ChangeStatus {
            appointment_id: command.appointment_id,
            action: AppointmentAction::Cancel,
            reason: command.reason,
        };
        let cancelled = change_status(actor, single, clock, store)
            .await
            .map_err(SeriesError::Status)?;
        return Ok(SeriesChange {
            series_id: cancelled.series_id,
            changed: vec![cancelled],
            left_alone: Vec::new(),
        });
    }
    let reason = match command.reason.as_deref().map(str::trim) {
        Some("") | None => None,
        Some(text) => Some(text.to_owned()),
    };
    let now = clock.now();
    let mut tx = store.begin().await?;
    let (series, _) =
        visits_in_scope(actor, command.appointment_id, command.scope, &mut *tx).await?;
    let zone = OfficeZone::of_office(&series.office_time_zone);
    let window = series
        .occurrences
        .first()
        .map(|o| o.settings.late_cancellation_hours());
    let mut changed = Vec::new();
    let mut left_alone = Vec::new();
    for locked in &series.occurrences {
        let current = &locked.appointment;
        let time = VisitTime {
            starts_at: current.starts_at,
            now,
            zone,
        };
        if !is_open(current, now)
            || transition(current.status, AppointmentAction::Cancel, &time).is_err()
        {
            left_alone.push(LeftAlone::Settled(current.clone()));
            continue;
        }
        may_change(actor, locked, AppointmentAction::Cancel)?;
        let late = judge_late_change(
            &time,
            locked.settings.late_cancellation_hours(),
            may_cancel_late(actor),
        )
        .unwrap_or(true);
        if late && reason.is_none() {
            let window = window.unwrap_or_default();
            return Err(ValidationError::new(
                "reason",
                format!("is required to cancel within {window} hours of the start or after it"),
            )
            .into());
        }
        let written = tx
            .set_status(
                actor.user_id,
                current.appointment_id,
                AppointmentStatus::Cancelled,
                reason.as_deref(),
            )
            .await?;
        changed.push(Appointment {
            status: AppointmentStatus::Cancelled,
            cancellation_reason: reason
                .clone()
                .or_else(|| current.cancellation_reason.clone()),
            updated_at: written.updated_at,
            ..current.clone()
        });
    }
    let Some(first) = changed.first() else {
        return Err(SeriesError::NothingToChange);
    };
    let (patient, doctor) = summary(&changed, "cancelled", zone, first);
    let parties = &series.occurrences[0];
    for appointment in &changed {
        tx.send(messaging::on_cancelled(VisitMessages {
            appointment,
            patient_user_id: parties.patient_user_id,
            zone,
            now,
        }));
    }
    tx.notify(series_notice(
        series.series.series_id,
        (parties.patient_user_id, &patient),
        (parties.doctor_user_id, &doctor),
    ));
    tx.commit().await?;
    Ok(SeriesChange {
        series_id: Some(series.series.series_id),
        changed,
        left_alone,
    })
}

/// Moves visits of a series (or changes their length or reason). Scope `this` is a single
/// move (every rule of [`reschedule`]); for `this_and_following` and `whole_series`, every
/// visit in scope still to come and scheduled or confirmed moves by the chosen visit's shift
/// in wall-clock time at the office, each judged again by the booking rules; a refused one is
/// left where it was (reported), or, with `all_or_nothing`, nothing changes. One summary
/// notification per party.
///
/// # Errors
/// `Denied`; `Invalid` for a change with no field, on `scope` for an appointment outside a
/// series; `Unbookable` (all-or-nothing, or no visit could move); `NothingToChange`;
/// `Refused(SlotTaken)` when another booking won a race; `Reschedule` for scope `this`.
pub async fn edit_in_series(
    actor: &Actor,
    command: EditInSeries,
    clock: &dyn Clock,
    store: &dyn SchedulingStore,
) -> Result<SeriesChange, SeriesError> {
    may_ever(actor, Action::ManageSeries)?;
    if command.starts_at.is_none() && command.duration.is_none() && command.reason.is_none() {
        return Err(ValidationError::new("starts_at", "give a new start, length or reason").into());
    }
    if command.scope == SeriesScope::This {
        let single = RescheduleAppointment {
            appointment_id: command.appointment_id,
            starts_at: command.starts_at,
            duration: command.duration,
            office_id: None,
            reason: command.reason,
            overbook_reason: None,
        };
        let moved = reschedule(actor, single, clock, store)
            .await
            .map_err(SeriesError::Reschedule)?;
        return Ok(SeriesChange {
            series_id: moved.series_id,
            changed: vec![moved],
            left_alone: Vec::new(),
        });
    }
    let now = clock.now();
    let mut tx = store.begin().await?;
    let (series, chosen) =
        visits_in_scope(actor, command.appointment_id, command.scope, &mut *tx).await?;
    let zone = OfficeZone::of_office(&series.office_time_zone);
    let shift = command.starts_at.map_or(Duration::zero(), |new| {
        zone.wall_clock(new) - zone.wall_clock(chosen.appointment.starts_at)
    });
    // Moving later, the last visit moves first (and earlier, the first), so no visit of the
    // series stands in the way of another's new time.
    let mut order: Vec<&LockedAppointment> = series.occurrences.iter().collect();
    if shift > Duration::zero() {
        order.reverse();
    }
    let mut changed = Vec::new();
    let mut left_alone = Vec::new();
    let mut refused = Vec::new();
    for (number, locked) in (1..).zip(order) {
        let current = &locked.appointment;
        if !is_open(current, now) {
            left_alone.push(LeftAlone::Settled(current.clone()));
            continue;
        }
        may_change(actor, locked, AppointmentAction::Cancel)?;
        let duration = match command.duration {
            Some(duration) => duration,
            None => stored_duration(current)?,
        };
        let start = at_local(zone, zone.wall_clock(current.starts_at) + shift);
        let range = duration.range_from(start);
        let query = BookingQuery {
            patient_id: current.patient_id,
            doctor_id: current.doctor_id,
            office_id: current.office_id,
            range,
            moving: Some(current.appointment_id),
            actor_doctor_id: actor.doctor_id,
            now,
        };
        let facts = tx.booking_facts(&query).await?;
        let judged = judge_slot(&SlotRequest {
            range,
            duration,
            now,
            facts: &slot_facts(&facts, zone),
            booked_by_patient: false,
            overbook_reason: None,
            patient_limits: patient_limits(actor, &facts, false),
        });
        if let Err(refusal) = shown_to(actor, judged, &facts.conflicts) {
            let occurrence = Occurrence {
                number,
                range,
                refusal: Some(refusal),
            };
            refused.push(occurrence.clone());
            left_alone.push(LeftAlone::Refused {
                appointment: current.clone(),
                occurrence,
            });
            continue;
        }
        let moved = MovedAppointment {
            outside_availability_reason: None,
            appointment_id: current.appointment_id,
            office_id: current.office_id,
            range,
            duration_minutes: duration.minutes(),
            reason: command
                .reason
                .clone()
                .unwrap_or_else(|| current.reason.clone()),
            overbook_reason: None,
        };
        let written = match tx.move_appointment(actor.user_id, &moved).await {
            Ok(written) => written,
            Err(error) => return Err(lost_race(actor, store, tx, &query, error).await.into()),
        };
        changed.push(Appointment {
            starts_at: range.start(),
            ends_at: range.end(),
            duration_minutes: current_minutes(duration)?,
            reason: moved.reason,
            is_overbooked: false,
            overbook_reason: None,
            updated_at: written.updated_at,
            ..current.clone()
        });
    }
    if !refused.is_empty() && (command.all_or_nothing || changed.is_empty()) {
        return Err(SeriesError::Unbookable {
            total: refused.len() + changed.len(),
            refused,
        });
    }
    changed.sort_by_key(|a| a.starts_at);
    let Some(first) = changed.first() else {
        return Err(SeriesError::NothingToChange);
    };
    let (patient, doctor) = summary(&changed, "changed", zone, first);
    for appointment in &changed {
        tx.send(messaging::on_moved(
            VisitMessages {
                appointment,
                patient_user_id: chosen.patient_user_id,
                zone,
                now,
            },
            chosen.settings.reminder_offsets(),
        ));
    }
    tx.notify(series_notice(
        series.series.series_id,
        (chosen.patient_user_id, &patient),
        (chosen.doctor_user_id, &doctor),
    ));
    tx.commit().await?;
    Ok(SeriesChange {
        series_id: Some(series.series.series_id),
        changed,
        left_alone,
    })
}

/// What the patient and the doctor are told about visits of a series that were `what`.
fn summary(
    changed: &[Appointment],
    what: &str,
    zone: OfficeZone,
    first: &Appointment,
) -> (String, String) {
    let count = changed.len();
    let visits = if count == 1 { "visit" } else { "visits" };
    let when = zone.label(first.starts_at);
    let office = &first.office_name;
    (
        format!(
            "{count} {visits} of your series with Dr. {} at {office}, from {when}, {} {what}.",
            first.doctor_name,
            if count == 1 { "was" } else { "were" },
        ),
        format!(
            "{count} {visits} of the series with {} at {office}, from {when}, {} {what}.",
            first.patient_name,
            if count == 1 { "was" } else { "were" },
        ),
    )
}

fn stored_duration(appointment: &Appointment) -> Result<AppointmentDuration, SeriesError> {
    u32::try_from(appointment.duration_minutes)
        .ok()
        .and_then(|minutes| AppointmentDuration::new(minutes).ok())
        .ok_or_else(|| {
            SeriesError::Store(crate::store::StoreError::Unexpected(format!(
                "appointment {} has an impossible length",
                appointment.appointment_id
            )))
        })
}

fn current_minutes(duration: AppointmentDuration) -> Result<i32, SeriesError> {
    i32::try_from(duration.minutes()).map_err(|_| {
        SeriesError::Store(crate::store::StoreError::Unexpected(
            "duration out of range".into(),
        ))
    })
}
