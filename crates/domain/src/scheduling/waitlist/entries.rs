//! Joining the waitlist, withdrawing from it, and reading it.

use chrono::{DateTime, Utc};

use super::model::{
    EntryFilter, EntryStatus, MAX_NOTE_CHARS, NewEntry, OfferFilter, OfferStatus, Preferences,
    Urgency, WaitlistEntry, WaitlistOffer,
};
use super::ports::WaitlistStore;
use crate::access::{
    Actor, Decision, Denied, may_ever_manage_waitlist, may_manage_waitlist_of, waitlist_scope,
};
use crate::clock::Clock;
use crate::error::{ValidationError, ValidationErrors};
use crate::pagination::{Page, PageRequest};
use crate::scheduling::SchedulingStore;
use crate::store::StoreError;
use crate::values::free_text;

/// A request to join the waitlist.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JoinWaitlist {
    /// Whom for; a patient joining for themselves may leave it out.
    pub patient_id: Option<i32>,
    pub doctor_id: i32,
    /// `None`: any office of the doctor.
    pub office_id: Option<i32>,
    /// Checked against the clock's date by [`join`].
    pub preferences: Preferences,
    pub urgency: Urgency,
    pub note: Option<String>,
}

/// Why a change of the waitlist was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WaitlistError {
    /// Not the actor's to see (hidden) or not their role's to do (forbidden).
    #[error(transparent)]
    Denied(#[from] Denied),
    /// Fields that break a rule; every one is listed.
    #[error("invalid waitlist entry: {0}")]
    Invalid(ValidationErrors),
    /// The patient already waits for this doctor.
    #[error("the patient is already on the waitlist for this doctor")]
    AlreadyWaiting { entry_id: i32 },
    /// The entry no longer waits.
    #[error("this waitlist entry is {status} and no longer waits")]
    EntryClosed { status: EntryStatus },
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// An entry as `actor` is shown it at a moment: its status then, and what they may do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryView {
    pub entry: WaitlistEntry,
    pub status: EntryStatus,
    pub stale_at: DateTime<Utc>,
    pub can_withdraw: bool,
}

impl EntryView {
    /// `entry` as `actor` sees it at `now`.
    #[must_use]
    pub fn of(entry: WaitlistEntry, actor: &Actor, now: DateTime<Utc>) -> Self {
        let status = entry.life.status_at(now);
        let can_withdraw = matches!(status, EntryStatus::Active | EntryStatus::Offered)
            && may_manage_waitlist_of(actor, entry.patient_id) == Decision::Allow;
        Self {
            stale_at: entry.life.stale_at(),
            entry,
            status,
            can_withdraw,
        }
    }
}

/// An offer as `actor` is shown it at a moment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OfferView {
    pub offer: WaitlistOffer,
    pub status: OfferStatus,
    /// The actor may accept or decline it now.
    pub can_answer: bool,
}

impl OfferView {
    /// `offer` as `actor` sees it at `now`.
    #[must_use]
    pub fn of(offer: WaitlistOffer, actor: &Actor, now: DateTime<Utc>) -> Self {
        let status = offer.status_at(now);
        let can_answer = status == OfferStatus::Open
            && may_manage_waitlist_of(actor, offer.patient_id) == Decision::Allow;
        Self {
            offer,
            status,
            can_answer,
        }
    }
}

/// Puts a patient on the waitlist of a doctor (at one office, or any): a patient for
/// themselves, staff for anyone. A patient waits once per doctor: a second entry while one
/// still waits is refused. The entry and its audit row commit together.
///
/// # Errors
/// - `Denied(Forbidden)` for doctors and admins; `Denied(Hidden)` for a patient joining for
///   another patient;
/// - `Invalid` for a missing patient (staff), a patient, doctor or office that does not exist
///   (staff), an office the doctor does not work at or that is closed, a latest date in the
///   past, a weekday twice or an invalid note;
/// - `AlreadyWaiting` while another entry of the patient for the doctor waits.
pub async fn join(
    actor: &Actor,
    command: JoinWaitlist,
    clock: &dyn Clock,
    store: &dyn SchedulingStore,
) -> Result<EntryView, WaitlistError> {
    may_ever_manage_waitlist(actor)?;
    let patient_id = match (command.patient_id, actor.patient_id) {
        (Some(id), _) => id,
        (None, Some(own)) if actor.is_patient(own) => own,
        (None, _) => return Err(invalid("patient_id", "is required")),
    };
    may_manage_waitlist_of(actor, patient_id).check("patient")?;
    let now = clock.now();
    let mut errors = ValidationErrors::new();
    let note = errors.capture(free_text::optional(
        "note",
        command.note.as_deref(),
        MAX_NOTE_CHARS,
    ));
    let preferences = errors.capture_all(Preferences::parse(
        command.preferences.weekdays,
        command.preferences.window,
        command.preferences.latest_date,
        clock.today(),
    ));
    let mut tx = store.begin().await?;
    let facts = tx
        .waitlist()
        .join_facts(patient_id, command.doctor_id, command.office_id)
        .await?;
    if facts.patient.is_none() {
        errors.push(ValidationError::new("patient_id", "no such patient"));
    }
    if facts.doctor.is_none() {
        errors.push(ValidationError::new("doctor_id", "no such doctor"));
    }
    if command.office_id.is_some() {
        match &facts.office {
            None => errors.push(ValidationError::new("office_id", "no such office")),
            Some(office) if !office.active => {
                errors.push(ValidationError::new("office_id", "this office is closed"));
            }
            Some(_) if !facts.doctor_works_at_office => errors.push(ValidationError::new(
                "office_id",
                "the doctor does not work at this office",
            )),
            Some(_) => {}
        }
    }
    errors.into_result().map_err(WaitlistError::Invalid)?;
    if let Some(waiting) = facts.existing.iter().find(|e| {
        e.office_id == command.office_id
            && matches!(
                e.life.status_at(now),
                EntryStatus::Active | EntryStatus::Offered
            )
    }) {
        return Err(WaitlistError::AlreadyWaiting {
            entry_id: waiting.entry_id,
        });
    }
    let new = NewEntry {
        patient_id,
        doctor_id: command.doctor_id,
        office_id: command.office_id,
        preferences: preferences.unwrap_or_default(),
        urgency: command.urgency,
        note: note.flatten(),
    };
    let entry = tx.waitlist().insert_entry(actor.user_id, &new).await?;
    tx.commit().await?;
    Ok(EntryView::of(entry, actor, now))
}

/// Takes an entry off the waitlist (the patient, or staff for them); its open offers close
/// with it. The change and its audit rows commit together.
///
/// # Errors
/// - `Denied(Forbidden)` for doctors and admins (before any lookup); `Denied(Hidden)` for
///   another patient's entry, answered as a missing one;
/// - `EntryClosed` for an entry already booked, withdrawn or expired.
pub async fn withdraw(
    actor: &Actor,
    entry_id: i32,
    clock: &dyn Clock,
    store: &dyn SchedulingStore,
) -> Result<EntryView, WaitlistError> {
    may_ever_manage_waitlist(actor)?;
    let now = clock.now();
    let mut tx = store.begin().await?;
    let locked = tx.waitlist().lock_entry(entry_id).await?;
    may_manage_waitlist_of(actor, locked.entry.patient_id).check("waitlist entry")?;
    let status = locked.entry.life.status_at(now);
    if !matches!(status, EntryStatus::Active | EntryStatus::Offered) {
        return Err(WaitlistError::EntryClosed { status });
    }
    let written = tx
        .waitlist()
        .withdraw_entry(actor.user_id, entry_id, &locked.open_offers)
        .await?;
    tx.commit().await?;
    let mut entry = locked.entry;
    entry.life.stored = super::model::StoredEntryStatus::Withdrawn;
    entry.updated_at = written.updated_at;
    Ok(EntryView::of(entry, actor, now))
}

/// Filters of the entry list, as the client sends them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListEntries {
    pub patient_id: Option<i32>,
    pub doctor_id: Option<i32>,
    pub office_id: Option<i32>,
    /// Also the booked, withdrawn and expired ones.
    pub include_closed: bool,
}

/// One page of waitlist entries: staff and admins every entry, a doctor those for them, a
/// patient their own.
///
/// # Errors
/// `Denied(Hidden)` for a patient filtering by another patient.
pub async fn list_entries(
    actor: &Actor,
    list: ListEntries,
    page: PageRequest,
    clock: &dyn Clock,
    store: &dyn WaitlistStore,
) -> Result<Page<EntryView>, WaitlistError> {
    let Some(narrowing) = waitlist_scope(actor, list.patient_id)?.narrow(list.patient_id) else {
        return Ok(Page::new(Vec::new(), page, 0));
    };
    let now = clock.now();
    let doctor_id = match (narrowing.doctor_id, list.doctor_id) {
        (Some(own), Some(asked)) if own != asked => return Ok(Page::new(Vec::new(), page, 0)),
        (Some(own), _) => Some(own),
        (None, asked) => asked,
    };
    let filter = EntryFilter {
        patient_id: narrowing.patient_id,
        doctor_id,
        office_id: list.office_id,
        open_at: (!list.include_closed).then_some(now),
    };
    Ok(store
        .entries(&filter, page)
        .await?
        .map(|entry| EntryView::of(entry, actor, now)))
}

/// Filters of the offer list, as the client sends them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListOffers {
    pub patient_id: Option<i32>,
    pub entry_id: Option<i32>,
    /// Also the answered and expired ones.
    pub include_closed: bool,
}

/// One page of offers, in the same scope as the entries ([`list_entries`]).
///
/// # Errors
/// `Denied(Hidden)` for a patient filtering by another patient.
pub async fn list_offers(
    actor: &Actor,
    list: ListOffers,
    page: PageRequest,
    clock: &dyn Clock,
    store: &dyn WaitlistStore,
) -> Result<Page<OfferView>, WaitlistError> {
    let Some(narrowing) = waitlist_scope(actor, list.patient_id)?.narrow(list.patient_id) else {
        return Ok(Page::new(Vec::new(), page, 0));
    };
    let now = clock.now();
    let filter = OfferFilter {
        patient_id: narrowing.patient_id,
        doctor_id: narrowing.doctor_id,
        entry_id: list.entry_id,
        open_at: (!list.include_closed).then_some(now),
    };
    Ok(store
        .offers(&filter, page)
        .await?
        .map(|offer| OfferView::of(offer, actor, now)))
}

fn invalid(field: &str, message: &str) -> WaitlistError {
    WaitlistError::Invalid(ValidationError::new(field, message).into())
}
