//! Creating, listing and revoking a doctor's feeds; reading a feed by its token; one visit as
//! a calendar event.

use chrono::{DateTime, Utc};

use super::{
    Audience, CalendarFeed, CalendarFeedStore, CreatedFeed, NewCalendarFeed, VisitEvent,
    VisitFacts, VisitPlace, feed_window, shows_in_feed, visit_event,
};
use crate::access::{AccessFacts, Actor, Denied, feed_manager, may_manage_feed};
use crate::audit::{PhiRead, ReadAudit, reads_of};
use crate::directory::{Office, OfficeRepository};
use crate::error::DomainError;
use crate::identity::Role;
use crate::messaging::MessageKind;
use crate::scheduling::{SchedulingStore, view};
use crate::store::{StoreError, StoreResult};

/// Why a feed was not created, shown, revoked or read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CalendarFeedError {
    /// Not a doctor (403), or another doctor's feed / an unknown or revoked token (404).
    #[error(transparent)]
    Denied(#[from] Denied),
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

const FEED: &str = "calendar_feed";

/// Creates a feed of the acting doctor's appointments (audited) and returns it with its token,
/// which is never shown again.
///
/// # Errors
/// `Denied(Forbidden)` for anyone but a doctor; `Store`.
pub async fn create_feed(
    actor: &Actor,
    include_patient_names: bool,
    now: DateTime<Utc>,
    store: &dyn CalendarFeedStore,
) -> Result<CreatedFeed, CalendarFeedError> {
    let doctor_id = feed_manager(actor)?;
    let new = NewCalendarFeed {
        doctor_id,
        include_patient_names,
    };
    Ok(store.create(actor, new, now).await?)
}

/// The acting doctor's feeds, revoked ones included, newest first (without tokens).
///
/// # Errors
/// `Denied(Forbidden)` for anyone but a doctor; `Store`.
pub async fn list_feeds(
    actor: &Actor,
    store: &dyn CalendarFeedStore,
) -> Result<Vec<CalendarFeed>, CalendarFeedError> {
    let doctor_id = feed_manager(actor)?;
    Ok(store.list(doctor_id).await?)
}

/// Revokes one of the acting doctor's feeds (audited): its URL answers 404 from now on.
/// Revoking a revoked feed changes nothing.
///
/// # Errors
/// `Denied(Forbidden)` for anyone but a doctor, before any lookup; `Denied(Hidden)` for a
/// missing feed or another doctor's; `Store`.
pub async fn revoke_feed(
    actor: &Actor,
    feed_id: i32,
    now: DateTime<Utc>,
    store: &dyn CalendarFeedStore,
) -> Result<CalendarFeed, CalendarFeedError> {
    feed_manager(actor)?;
    let feed = match store.get(feed_id).await {
        Err(StoreError::Domain(crate::DomainError::NotFound { .. })) => {
            return Err(Denied::Hidden { entity: FEED }.into());
        }
        other => other?,
    };
    may_manage_feed(actor, feed.doctor_id).check(FEED)?;
    if feed.revoked_at.is_some() {
        return Ok(feed);
    }
    Ok(store.revoke(actor, feed_id, now).await?)
}

/// A doctor's feed as a calendar shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DoctorFeed {
    /// The calendar's name.
    pub name: String,
    /// The visits of [`feed_window`], by start time, cancelled ones left out.
    pub events: Vec<VisitEvent>,
}

/// The feed a token opens, read at `now`: the doctor's visits from a month back to half a year
/// ahead without the cancelled ones, named only if the doctor opted in. A feed that shows
/// patients' names records them as read by the doctor (the feed's owner), like any other
/// list of appointments with names; one without names shows no patient at all.
///
/// # Errors
/// `Denied(Hidden)` for an unknown or revoked token (the same answer for both); `Store`.
pub async fn read_feed(
    token: &str,
    now: DateTime<Utc>,
    store: &dyn CalendarFeedStore,
    reads: &dyn ReadAudit,
) -> Result<DoctorFeed, CalendarFeedError> {
    let owner = store
        .find_by_token(token)
        .await?
        .ok_or(Denied::Hidden { entity: FEED })?;
    let (from, to) = feed_window(now);
    let visits = store.feed_visits(owner.doctor_id, from, to).await?;
    let audience = Audience::DoctorFeed {
        include_patient_names: owner.include_patient_names,
    };
    let shown: Vec<&VisitFacts> = visits.iter().filter(|v| shows_in_feed(v.status)).collect();
    if owner.include_patient_names {
        let reader = Actor {
            user_id: owner.doctor_user_id,
            role: Role::Doctor,
            doctor_id: Some(owner.doctor_id),
            patient_id: None,
        };
        let ids = shown.iter().map(|v| i64::from(v.appointment_id));
        reads
            .record(reads_of(&reader, PhiRead::Appointment, ids))
            .await?;
    }
    store.mark_used(owner.feed_id, now).await?;
    Ok(DoctorFeed {
        name: format!("Clinic: {}", owner.doctor_name),
        events: shown
            .into_iter()
            .map(|v| visit_event(v, audience, now))
            .collect(),
    })
}

/// Where an office is, as a calendar's location.
fn place_of(office: &Office) -> VisitPlace {
    VisitPlace {
        office_name: office.name.clone(),
        address: VisitPlace::address_line([
            Some(office.address_line1.as_str()),
            office.address_line2.as_deref(),
            Some(office.city.as_str()),
            office.state.as_deref(),
            office.postal_code.as_deref(),
            Some(office.country.as_str()),
        ]),
        email: office.email.clone(),
    }
}

/// One appointment as a calendar event for its patient, for whoever may read the appointment
/// (the same rule and the same 404 as reading it, and the same `read` audit row).
///
/// # Errors
/// `NotFound { entity: "appointment" }` for a missing appointment and for one the actor may
/// not see; any store error.
pub async fn visit_calendar_event(
    actor: &Actor,
    appointment_id: i32,
    now: DateTime<Utc>,
    (appointments, access, reads): (&dyn SchedulingStore, &dyn AccessFacts, &dyn ReadAudit),
    offices: &dyn OfficeRepository,
) -> StoreResult<VisitEvent> {
    let appointment = view(actor, appointment_id, appointments, access, reads).await?;
    let office = offices.get(appointment.office_id).await?;
    let facts = VisitFacts::of(&appointment, place_of(&office));
    Ok(visit_event(&facts, Audience::Patient, now))
}

/// The calendar event an email about a visit carries, as the patient's own `.ics`: a booked,
/// moved or cancelled visit's message has one (its calendar app then adds, updates or removes
/// the visit under the same UID); a reminder has none (the visit is in the calendar already).
/// Read when the message is sent, so it shows the visit as it is then.
///
/// # Errors
/// Any store error; a visit that no longer exists has no event (`Ok(None)`).
pub async fn visit_invitation(
    appointment_id: i32,
    kind: MessageKind,
    now: DateTime<Utc>,
    appointments: &dyn SchedulingStore,
    offices: &dyn OfficeRepository,
) -> StoreResult<Option<VisitEvent>> {
    if kind == MessageKind::Reminder {
        return Ok(None);
    }
    let appointment = match appointments.get(appointment_id).await {
        Ok(appointment) => appointment,
        Err(StoreError::Domain(DomainError::NotFound { .. })) => return Ok(None),
        Err(other) => return Err(other),
    };
    let office = offices.get(appointment.office_id).await?;
    let facts = VisitFacts::of(&appointment, place_of(&office));
    Ok(Some(visit_event(&facts, Audience::Patient, now)))
}
