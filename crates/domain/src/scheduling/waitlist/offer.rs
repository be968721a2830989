//! Offering a freed slot to the waitlist, inside the transaction of the cancellation that
//! freed it.

use chrono::{DateTime, Utc};

use super::matching::{FreedSlot, WaitingEntry, matching_entries, offer_expiry};
use super::ports::SlotOffer;
use crate::notification::{NotificationDraft, NotificationType};
use crate::scheduling::{Appointment, SchedulingTx};
use crate::store::StoreResult;
use crate::values::{OfficeZone, TimeRange};

/// What the offers of a slot are about, in messages.
pub const OFFER_ENTITY: &str = "waitlist_offers";

/// Offers the slot of `cancelled` (just cancelled by user `author` in `tx`) to the matching
/// waitlist entries ([`matching_entries`]), each offer open until [`offer_expiry`], and tells
/// each offered patient. Nothing is offered for an overbooked visit (its time was never free
/// of the other booking) or a slot that has begun.
///
/// # Errors
/// The store's, which spoil the cancellation with it: the freed slot and its offers commit
/// together or not at all.
pub async fn offer_freed_slot(
    tx: &mut (dyn SchedulingTx + '_),
    author: i32,
    cancelled: &Appointment,
    zone: OfficeZone,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    if cancelled.is_overbooked {
        return Ok(());
    }
    let Some(expires_at) = offer_expiry(now, cancelled.starts_at) else {
        return Ok(());
    };
    let range = TimeRange::new(cancelled.starts_at, cancelled.ends_at)
        .map_err(|e| crate::store::StoreError::Unexpected(e.to_string()))?;
    let slot = FreedSlot {
        source_appointment_id: cancelled.appointment_id,
        freed_by_patient: cancelled.patient_id,
        doctor_id: cancelled.doctor_id,
        office_id: cancelled.office_id,
        range,
        zone,
    };
    let candidates = tx
        .waitlist()
        .waiting_for(slot.doctor_id, slot.office_id)
        .await?;
    let chosen: Vec<&WaitingEntry> = matching_entries(&slot, &candidates, now);
    if chosen.is_empty() {
        return Ok(());
    }
    let offer = SlotOffer {
        source_appointment_id: slot.source_appointment_id,
        doctor_id: slot.doctor_id,
        office_id: slot.office_id,
        range,
        expires_at,
        entry_ids: chosen.iter().map(|e| e.entry_id).collect(),
    };
    let ids = tx.waitlist().write_offers(author, &offer).await?;
    let notices = chosen
        .iter()
        .zip(ids)
        .map(|(entry, offer_id)| {
            offer_notice(cancelled, entry.patient_user_id, offer_id, zone, expires_at)
        })
        .collect();
    tx.notify(notices);
    Ok(())
}

/// The offered patient's notice: which visit is free and until when they may take it.
#[must_use]
pub fn offer_notice(
    slot: &Appointment,
    patient_user_id: i32,
    offer_id: i32,
    zone: OfficeZone,
    expires_at: DateTime<Utc>,
) -> NotificationDraft {
    let message = format!(
        "A visit with Dr. {} on {} at {} is free; accept it on your waitlist page before {}.",
        slot.doctor_name,
        zone.label(slot.starts_at),
        slot.office_name,
        zone.label(expires_at),
    );
    NotificationDraft::new(
        patient_user_id,
        NotificationType::Appointment,
        message,
        OFFER_ENTITY,
        offer_id,
    )
}
