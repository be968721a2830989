//! The ports of the waitlist. Its writes run inside a scheduling transaction
//! ([`SchedulingTx::waitlist`](crate::scheduling::SchedulingTx::waitlist)), so an offer commits
//! with the cancellation that freed its slot, and an accepted offer with the booking it makes.

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::matching::WaitingEntry;
use super::model::{
    EntryFilter, NewEntry, OfferFilter, StoredEntryStatus, StoredOfferStatus, WaitlistEntry,
    WaitlistOffer,
};
use crate::pagination::{Page, PageRequest};
use crate::scheduling::{OfficeFacts, Party, Written};
use crate::store::StoreResult;
use crate::values::TimeRange;

/// The offers of one freed slot, as the store writes them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SlotOffer {
    pub source_appointment_id: i32,
    pub doctor_id: i32,
    pub office_id: i32,
    pub range: TimeRange,
    pub expires_at: DateTime<Utc>,
    /// The entries offered the slot, in offer order.
    pub entry_ids: Vec<i32>,
}

/// What joining the waitlist reads, in the joining transaction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JoinFacts {
    /// `None` when there is no such patient.
    pub patient: Option<Party>,
    /// `None` when there is no such doctor.
    pub doctor: Option<Party>,
    /// `None` when no office was named, or there is no such office.
    pub office: Option<OfficeFacts>,
    pub doctor_works_at_office: bool,
    /// The patient's entries for the doctor stored active (locked with the patient's row, so
    /// two joins at once cannot both pass).
    pub existing: Vec<WaitingEntry>,
}

/// One offer locked with every offer of its slot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OfferGroup {
    pub offer: WaitlistOffer,
    /// Who is told of the booking.
    pub patient_user_id: i32,
    pub doctor_user_id: i32,
    pub patient_name: String,
    /// The entry's own status, as stored.
    pub entry_status: StoredEntryStatus,
    /// Every offer of the same slot (this one included): id and stored status.
    pub siblings: Vec<(i32, StoredOfferStatus)>,
}

/// An entry locked for a change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LockedEntry {
    pub entry: WaitlistEntry,
    /// Its offers stored open (withdrawing closes them).
    pub open_offers: Vec<i32>,
}

/// How an answered offer is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OfferAnswer {
    /// Booked as `appointment_id`: the entry is booked, and the slot's other open offers
    /// (`taken`) are closed as taken.
    Accepted {
        appointment_id: i32,
        taken: Vec<i32>,
    },
    Declined,
}

/// The waitlist's part of a scheduling transaction. Every write is audited by the adapter in
/// the transaction.
#[async_trait]
pub trait WaitlistTx: Send {
    /// The entries stored active for `doctor_id` at `office_id` (or at any office), locked
    /// until the transaction ends, with their open offers' latest expiry.
    ///
    /// # Errors
    /// `Unavailable` / `Unexpected` only.
    async fn waiting_for(
        &mut self,
        doctor_id: i32,
        office_id: i32,
    ) -> StoreResult<Vec<WaitingEntry>>;

    /// Writes one open offer per entry of `offer`, by user `author`; returns their ids in the
    /// order of `offer.entry_ids`.
    ///
    /// # Errors
    /// `Unavailable` / `Unexpected` only.
    async fn write_offers(&mut self, author: i32, offer: &SlotOffer) -> StoreResult<Vec<i32>>;

    /// The facts of joining, locking the patient's row.
    ///
    /// # Errors
    /// `Unavailable` / `Unexpected` only: missing rows are `None` in the facts.
    async fn join_facts(
        &mut self,
        patient_id: i32,
        doctor_id: i32,
        office_id: Option<i32>,
    ) -> StoreResult<JoinFacts>;

    /// Writes a new entry, by user `author`.
    ///
    /// # Errors
    /// `Unavailable` / `Unexpected` only.
    async fn insert_entry(&mut self, author: i32, new: &NewEntry) -> StoreResult<WaitlistEntry>;

    /// Locks an entry for a change.
    ///
    /// # Errors
    /// `NotFound { entity: "waitlist entry" }`.
    async fn lock_entry(&mut self, entry_id: i32) -> StoreResult<LockedEntry>;

    /// Withdraws an entry and closes its open offers `open_offers` as withdrawn, by `author`.
    ///
    /// # Errors
    /// `Unavailable` / `Unexpected` only.
    async fn withdraw_entry(
        &mut self,
        author: i32,
        entry_id: i32,
        open_offers: &[i32],
    ) -> StoreResult<Written>;

    /// Locks an offer and every offer of its slot (`FOR UPDATE`, in id order, so two accepts
    /// of one slot queue here and the second sees the first's answer).
    ///
    /// # Errors
    /// `NotFound { entity: "waitlist offer" }`.
    async fn lock_offer_group(&mut self, offer_id: i32) -> StoreResult<OfferGroup>;

    /// Writes the answer to an open offer, by user `author`.
    ///
    /// # Errors
    /// `Unavailable` / `Unexpected`; `Domain(Conflict)` when the database's last word (one
    /// accepted offer per slot) refuses.
    async fn answer_offer(
        &mut self,
        author: i32,
        group: &OfferGroup,
        answer: &OfferAnswer,
    ) -> StoreResult<()>;
}

/// Reads of the waitlist.
#[async_trait]
pub trait WaitlistStore: Send + Sync {
    /// One page of entries: the most urgent first, then the oldest.
    ///
    /// # Errors
    /// `Unavailable` / `Unexpected` only.
    async fn entries(
        &self,
        filter: &EntryFilter,
        page: PageRequest,
    ) -> StoreResult<Page<WaitlistEntry>>;

    /// One page of offers, the newest first.
    ///
    /// # Errors
    /// `Unavailable` / `Unexpected` only.
    async fn offers(
        &self,
        filter: &OfferFilter,
        page: PageRequest,
    ) -> StoreResult<Page<WaitlistOffer>>;
}
