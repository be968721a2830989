//! Booking an appointment.

use chrono::{DateTime, Utc};

use super::notices::{AppointmentEvent, Recipients, tell_both};
use super::ports::{
    BookingFacts, BookingQuery, ConflictingAppointment, OfficeFacts, Party, SchedulingStore,
    SchedulingTx,
};
use super::rules::{BookingRefusal, PatientLimits, SlotFacts, SlotRequest, judge_slot_verdict};
use super::{Appointment, AppointmentDuration, AppointmentStatus, NewAppointment};
use crate::access::{
    Actor, Denied, PatientFacts, may_book, may_overbook, patient_booking_limits_apply,
    referral_gate_applies, visible_conflicts,
};
use crate::clock::Clock;
use crate::error::{DomainError, ValidationError, ValidationErrors};
use crate::messaging::{self, VisitMessages};
use crate::store::StoreError;
use crate::values::OfficeZone;

/// A request to book.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BookAppointment {
    /// Whom for; a patient booking for themselves may leave it out.
    pub patient_id: Option<i32>,
    pub doctor_id: i32,
    pub office_id: i32,
    pub starts_at: DateTime<Utc>,
    pub duration: AppointmentDuration,
    pub reason: Option<String>,
    /// Book over a conflict on purpose, for this reason (staff only).
    pub overbook_reason: Option<String>,
}

/// Why a booking (or a move) was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BookAppointmentError {
    /// The policy refused: a role that may not schedule, or a patient not the actor's.
    #[error(transparent)]
    Denied(#[from] Denied),
    /// The booking rules refused the time or the fields.
    #[error(transparent)]
    Refused(#[from] BookingRefusal),
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Books an appointment: a patient for themselves, staff for anyone with any doctor, a doctor
/// their own appointments with patients they treat ([`may_book`]). A refusal for a taken slot
/// names only the conflicting appointments the actor may see ([`visible_conflicts`]). The facts the rules read (the office, the doctor's place there and their hours, the
/// overlapping appointments) are locked in the transaction that writes the booking, and the
/// database's exclusion constraints are the last word on overlaps. Patient and doctor are
/// notified in the same transaction, and the patient's confirmation email and reminders are
/// enqueued in the outbox with it.
///
/// # Errors
/// - `Refused(Invalid)` for a missing `patient_id` (unless a patient books for themselves), a
///   patient, doctor or office that does not exist (where the actor may book for anyone), an
///   overbooking reason from someone who may not overbook, and every rule of [`judge_slot`];
/// - `Denied` when the policy refuses to let the actor schedule for the patient;
/// - `Refused(ReferralRequired)`, `Refused(SlotTaken)` (also when another booking wins the race);
/// - for a patient booking for themselves, `Refused(Invalid)` beyond the clinic's booking
///   horizon and `Refused(TooManyFutureAppointments)` at its cap (staff and doctors are held
///   to neither).
pub async fn book(
    actor: &Actor,
    command: BookAppointment,
    clock: &dyn Clock,
    store: &dyn SchedulingStore,
) -> Result<Appointment, BookAppointmentError> {
    let patient_id = patient_of(actor, command.patient_id)?;
    let range = command.duration.range_from(command.starts_at);
    let query = BookingQuery {
        patient_id,
        doctor_id: command.doctor_id,
        office_id: command.office_id,
        range,
        moving: None,
        actor_doctor_id: actor.doctor_id,
        now: clock.now(),
    };
    let mut tx = store.begin().await?;
    let facts = tx.booking_facts(&query).await?;
    let patient = may_schedule(actor, patient_id, command.doctor_id, &facts)?;
    let overbook_reason = overbook_request(actor, command.overbook_reason.as_deref())?;
    let (doctor, office) = doctor_and_office(&facts)?;
    let zone = OfficeZone::of_office(&office.time_zone);
    let judged = judge_slot_verdict(&SlotRequest {
        range,
        duration: command.duration,
        now: clock.now(),
        facts: &slot_facts(&facts, zone),
        booked_by_patient: referral_gate_applies(actor),
        overbook_reason,
        patient_limits: patient_limits(actor, &facts, true),
    });
    let verdict = shown_to(actor, judged, &facts.conflicts)?;
    let new = NewAppointment {
        patient_id,
        doctor_id: command.doctor_id,
        office_id: command.office_id,
        range,
        duration: command.duration,
        reason: command.reason,
        overbook_reason: verdict.overbook_reason,
        outside_availability_reason: verdict.outside_availability_reason,
    };
    let written = match tx.insert_appointment(actor.user_id, &new).await {
        Ok(written) => written,
        Err(error) => return Err(lost_race(actor, store, tx, &query, error).await),
    };
    let appointment = Appointment {
        appointment_id: written.id,
        patient_id,
        doctor_id: new.doctor_id,
        office_id: new.office_id,
        starts_at: range.start(),
        duration_minutes: i32::try_from(new.duration.minutes())
            .map_err(|_| StoreError::Unexpected("duration out of range".into()))?,
        ends_at: range.end(),
        reason: new.reason,
        status: AppointmentStatus::Scheduled,
        is_overbooked: new.overbook_reason.is_some(),
        overbook_reason: new.overbook_reason,
        cancellation_reason: None,
        created_by: Some(actor.user_id),
        created_at: written.created_at,
        updated_at: written.updated_at,
        patient_name: patient.name.clone(),
        doctor_name: doctor.name.clone(),
        office_name: office.name.clone(),
        office_time_zone: office.time_zone.clone(),
        outside_availability_reason: new.outside_availability_reason,
        series_id: None,
    };
    let to = Recipients {
        patient_user_id: patient.user_id,
        doctor_user_id: doctor.user_id,
    };
    tx.notify(tell_both(&appointment, AppointmentEvent::Booked, to, zone));
    tx.send(messaging::on_booked(
        VisitMessages {
            appointment: &appointment,
            patient_user_id: patient.user_id,
            zone,
            now: clock.now(),
        },
        facts.settings.reminder_offsets(),
    ));
    tx.commit().await?;
    Ok(appointment)
}

/// The patient a booking is for.
fn patient_of(actor: &Actor, asked: Option<i32>) -> Result<i32, BookingRefusal> {
    match (asked, actor.patient_id) {
        (Some(id), _) => Ok(id),
        (None, Some(own)) if actor.is_patient(own) => Ok(own),
        (None, _) => Err(invalid("patient_id", "is required")),
    }
}

/// The policy's word on booking for the patient with the doctor. Where the policy lets the
/// actor book for any patient, a patient that does not exist is a wrong field; for anyone else
/// it is the policy's own refusal, so nobody learns which patients exist.
pub(super) fn may_schedule<'f>(
    actor: &Actor,
    patient_id: i32,
    doctor_id: i32,
    facts: &'f BookingFacts,
) -> Result<&'f Party, BookAppointmentError> {
    let patient = PatientFacts {
        patient_id,
        treated_by_actor: facts.patient_treated_by_actor && facts.patient.is_some(),
    };
    let decision = may_book(actor, patient, doctor_id);
    match &facts.patient {
        Some(patient) => {
            decision.check("patient")?;
            Ok(patient)
        }
        None => {
            decision.check("patient")?;
            Err(invalid("patient_id", "no such patient").into())
        }
    }
}

/// The overbooking reason, if the actor may overbook at all.
pub(super) fn overbook_request<'r>(
    actor: &Actor,
    reason: Option<&'r str>,
) -> Result<Option<&'r str>, BookingRefusal> {
    match reason {
        Some(_) if !may_overbook(actor) => {
            Err(invalid("overbook_reason", "only staff may overbook"))
        }
        other => Ok(other),
    }
}

/// The doctor and the office, which must exist.
pub(super) fn doctor_and_office(
    facts: &BookingFacts,
) -> Result<(&Party, &OfficeFacts), BookingRefusal> {
    let mut missing = ValidationErrors::new();
    if facts.doctor.is_none() {
        missing.push(ValidationError::new("doctor_id", "no such doctor"));
    }
    if facts.office.is_none() {
        missing.push(ValidationError::new("office_id", "no such office"));
    }
    match (&facts.doctor, &facts.office) {
        (Some(doctor), Some(office)) => Ok((doctor, office)),
        _ => Err(BookingRefusal::Invalid(missing)),
    }
}

/// The patient limits of a booking (`counts` for a new one) or a move by `actor`, if they
/// apply to them.
pub(super) fn patient_limits(
    actor: &Actor,
    facts: &BookingFacts,
    counts: bool,
) -> Option<PatientLimits> {
    patient_booking_limits_apply(actor).then_some(PatientLimits {
        settings: facts.settings,
        future_active: counts.then_some(facts.patient_future_active),
    })
}

/// The part of the facts the booking rules read.
pub(super) fn slot_facts(facts: &BookingFacts, zone: OfficeZone) -> SlotFacts {
    SlotFacts {
        office_zone: zone,
        office_active: facts.office.as_ref().is_some_and(|o| o.active),
        doctor_works_at_office: facts.doctor_works_at_office,
        weekly_hours: facts.weekly_hours.clone(),
        conflicts: facts.conflicts.iter().map(|c| c.appointment_id).collect(),
        specialty_requires_referral: facts.specialty_requires_referral,
        doctor_in_care_team: facts.doctor_in_care_team,
        approved_referral: facts.approved_referral,
        exceptions: facts.exceptions.clone(),
        time_off: facts.time_off.clone(),
        closures: facts.closures.clone(),
    }
}

/// The rules' verdict as `actor` is told it: a taken slot names only the conflicting
/// appointments they may see.
///
/// # Errors
/// The rules' refusal, its conflicts narrowed to what `actor` may see.
pub(super) fn shown_to<T>(
    actor: &Actor,
    judged: Result<T, BookingRefusal>,
    conflicts: &[ConflictingAppointment],
) -> Result<T, BookingRefusal> {
    judged.map_err(|refusal| match refusal {
        BookingRefusal::SlotTaken { .. } => BookingRefusal::SlotTaken {
            conflicts: visible_conflicts(actor, conflicts),
        },
        other => other,
    })
}

/// A write the exclusion constraints refused lost a race: the transaction is spoilt, so it is
/// dropped (rolled back) and the winners are read afresh (and shown to `actor` as far as they
/// may see them).
pub(super) async fn lost_race(
    actor: &Actor,
    store: &dyn SchedulingStore,
    tx: Box<dyn SchedulingTx + '_>,
    query: &BookingQuery,
    error: StoreError,
) -> BookAppointmentError {
    drop(tx);
    match error {
        StoreError::Domain(DomainError::AppointmentConflict { .. }) => {
            match store.conflicts(query).await {
                Ok(conflicts) => BookingRefusal::SlotTaken {
                    conflicts: visible_conflicts(actor, &conflicts),
                }
                .into(),
                Err(error) => error.into(),
            }
        }
        other => other.into(),
    }
}

fn invalid(field: &str, message: &str) -> BookingRefusal {
    BookingRefusal::Invalid(ValidationError::new(field, message).into())
}
