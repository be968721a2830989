//! Answering an offer: accepting books the freed slot through the booking rules, first come
//! first served; declining lets the entry wait for the next slot.

use chrono::{DateTime, Utc};

use super::entries::OfferView;
use super::model::{OfferStatus, StoredOfferStatus};
use super::ports::{OfferAnswer, OfferGroup};
use crate::access::{
    Actor, Denied, may_ever_manage_waitlist, may_manage_waitlist_of, referral_gate_applies,
};
use crate::clock::Clock;
use crate::error::DomainError;
use crate::scheduling::book::{doctor_and_office, patient_limits, shown_to, slot_facts};
use crate::scheduling::notices::{AppointmentEvent, Recipients, tell_both};
use crate::scheduling::{
    Appointment, AppointmentDuration, AppointmentStatus, BookingQuery, BookingRefusal,
    NewAppointment, SchedulingStore, SlotRequest, judge_slot,
};
use crate::store::StoreError;
use crate::values::OfficeZone;

/// Why an answer to an offer was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AnswerOfferError {
    /// Not the actor's offer (hidden, as if missing), or not their role's to answer.
    #[error(transparent)]
    Denied(#[from] Denied),
    /// Another patient accepted the slot first.
    #[error("someone else accepted this visit first; you stay on the waitlist")]
    Taken,
    /// The offer's time ran out.
    #[error("this offer expired at {expired_at}; you stay on the waitlist")]
    Expired { expired_at: DateTime<Utc> },
    /// The offer was already answered, or its entry withdrawn.
    #[error("this offer is already {status}")]
    Closed { status: OfferStatus },
    /// The booking rules refused the slot (it was booked outside the waitlist, or the patient
    /// has another visit then).
    #[error(transparent)]
    Booking(#[from] BookingRefusal),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Whether the offer of `group` may be answered at `now`; for an acceptance, the slot's other
/// open offers, which close as taken.
///
/// # Errors
/// `Taken` when another offer of the slot was accepted, `Expired` after the offer's expiry,
/// `Closed` for an offer already answered or withdrawn.
pub fn judge_answer(group: &OfferGroup, now: DateTime<Utc>) -> Result<Vec<i32>, AnswerOfferError> {
    let own = group.offer.offer_id;
    let won_by_other = group
        .siblings
        .iter()
        .any(|(id, status)| *id != own && *status == StoredOfferStatus::Accepted);
    match group.offer.status_at(now) {
        OfferStatus::Taken => return Err(AnswerOfferError::Taken),
        _ if won_by_other => return Err(AnswerOfferError::Taken),
        OfferStatus::Open => {}
        OfferStatus::Expired => {
            return Err(AnswerOfferError::Expired {
                expired_at: group.offer.expires_at,
            });
        }
        status => return Err(AnswerOfferError::Closed { status }),
    }
    Ok(group
        .siblings
        .iter()
        .filter(|(id, status)| *id != own && *status == StoredOfferStatus::Open)
        .map(|(id, _)| *id)
        .collect())
}

/// Accepts an offer (the patient, or staff for them) and books its slot for the patient
/// through the booking rules ([`judge_slot`], on the facts of [`SchedulingTx::booking_facts`](crate::scheduling::SchedulingTx::booking_facts)),
/// in one transaction with the entry marked booked and the slot's other offers closed as
/// taken. The offers of a slot are locked together first, so of two accepts at once the
/// second waits and then finds the slot taken; the appointments' exclusion constraints are the
/// last word. Patient and doctor are told of the booking as for any other.
///
/// # Errors
/// - `Denied(Forbidden)` for doctors and admins (before any lookup), `Denied(Hidden)` for a
///   missing offer or another patient's;
/// - `Taken`, `Expired`, `Closed` by [`judge_answer`];
/// - `Booking` when the booking rules refuse the slot.
pub async fn accept_offer(
    actor: &Actor,
    offer_id: i32,
    clock: &dyn Clock,
    store: &dyn SchedulingStore,
) -> Result<Appointment, AnswerOfferError> {
    may_ever_manage_waitlist(actor)?;
    let now = clock.now();
    let mut tx = store.begin().await?;
    let group = tx.waitlist().lock_offer_group(offer_id).await?;
    may_manage_waitlist_of(actor, group.offer.patient_id).check("waitlist offer")?;
    let taken = judge_answer(&group, now)?;
    let offer = &group.offer;
    let duration = AppointmentDuration::new(
        u32::try_from(offer.range.duration_minutes())
            .map_err(|_| StoreError::Unexpected("offer duration out of range".into()))?,
    )
    .map_err(|e| StoreError::Unexpected(e.to_string()))?;
    let query = BookingQuery {
        patient_id: offer.patient_id,
        doctor_id: offer.doctor_id,
        office_id: offer.office_id,
        range: offer.range,
        moving: None,
        actor_doctor_id: actor.doctor_id,
        now,
    };
    let facts = tx.booking_facts(&query).await?;
    let patient = facts
        .patient
        .clone()
        .ok_or_else(|| StoreError::Unexpected("an offer's patient is gone".into()))?;
    let (doctor, office) = doctor_and_office(&facts)?;
    let zone = OfficeZone::of_office(&office.time_zone);
    let judged = judge_slot(&SlotRequest {
        range: offer.range,
        duration,
        now,
        facts: &slot_facts(&facts, zone),
        booked_by_patient: referral_gate_applies(actor),
        overbook_reason: None,
        patient_limits: patient_limits(actor, &facts, true),
    });
    shown_to(actor, judged, &facts.conflicts)?;
    let new = NewAppointment {
        patient_id: offer.patient_id,
        doctor_id: offer.doctor_id,
        office_id: offer.office_id,
        range: offer.range,
        duration,
        reason: Some("Offered from the waitlist".to_owned()),
        overbook_reason: None,
        outside_availability_reason: None,
    };
    let written = match tx.insert_appointment(actor.user_id, &new).await {
        Ok(written) => written,
        Err(StoreError::Domain(DomainError::AppointmentConflict { .. })) => {
            return Err(AnswerOfferError::Taken);
        }
        Err(other) => return Err(other.into()),
    };
    tx.waitlist()
        .answer_offer(
            actor.user_id,
            &group,
            &OfferAnswer::Accepted {
                appointment_id: written.id,
                taken,
            },
        )
        .await?;
    let appointment = Appointment {
        series_id: None,
        appointment_id: written.id,
        patient_id: offer.patient_id,
        doctor_id: offer.doctor_id,
        office_id: offer.office_id,
        starts_at: offer.range.start(),
        duration_minutes: i32::try_from(duration.minutes())
            .map_err(|_| StoreError::Unexpected("duration out of range".into()))?,
        ends_at: offer.range.end(),
        reason: new.reason,
        status: AppointmentStatus::Scheduled,
        is_overbooked: false,
        overbook_reason: None,
        cancellation_reason: None,
        outside_availability_reason: None,
        created_by: Some(actor.user_id),
        created_at: written.created_at,
        updated_at: written.updated_at,
        patient_name: patient.name.clone(),
        doctor_name: doctor.name.clone(),
        office_name: office.name.clone(),
        office_time_zone: office.time_zone.clone(),
    };
    let to = Recipients {
        patient_user_id: patient.user_id,
        doctor_user_id: doctor.user_id,
    };
    tx.notify(tell_both(&appointment, AppointmentEvent::Booked, to, zone));
    tx.commit().await?;
    Ok(appointment)
}

/// Declines an open offer (the patient, or staff for them); the entry waits for the next
/// slot. The answer and its audit row commit together.
///
/// # Errors
/// As [`accept_offer`], but never `Booking`.
pub async fn decline_offer(
    actor: &Actor,
    offer_id: i32,
    clock: &dyn Clock,
    store: &dyn SchedulingStore,
) -> Result<OfferView, AnswerOfferError> {
    may_ever_manage_waitlist(actor)?;
    let now = clock.now();
    let mut tx = store.begin().await?;
    let group = tx.waitlist().lock_offer_group(offer_id).await?;
    may_manage_waitlist_of(actor, group.offer.patient_id).check("waitlist offer")?;
    judge_answer(&group, now)?;
    tx.waitlist()
        .answer_offer(actor.user_id, &group, &OfferAnswer::Declined)
        .await?;
    tx.commit().await?;
    let mut offer = group.offer;
    offer.stored = StoredOfferStatus::Declined;
    Ok(OfferView::of(offer, actor, now))
}
