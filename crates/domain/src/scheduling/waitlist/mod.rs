//! The waitlist: patients waiting for a doctor (at an office, or any) with preferred days,
//! hours and an urgency. A cancellation offers its freed slot to the matching entries in the
//! same transaction ([`offer_freed_slot`]); the first to accept books it through the booking
//! rules ([`accept_offer`]). Expiry (of entries and offers) is derived from the clock, never
//! written by a job.

pub mod answer;
pub mod entries;
pub mod matching;
pub mod model;
pub mod offer;
pub mod ports;

#[cfg(test)]
pub(crate) mod fake;
#[cfg(test)]
mod tests;

pub use answer::{AnswerOfferError, accept_offer, decline_offer, judge_answer};
pub use entries::{
    EntryView, JoinWaitlist, ListEntries, ListOffers, OfferView, WaitlistError, join, list_entries,
    list_offers, withdraw,
};
pub use matching::{FreedSlot, WaitingEntry, matching_entries, offer_expiry, wants};
pub use model::{
    ENTRY_STALE_DAYS, EntryFilter, EntryLife, EntryStatus, MAX_NOTE_CHARS, MAX_OFFERS_PER_SLOT,
    NewEntry, OFFER_HOURS, OfferFilter, OfferStatus, Preferences, StoredEntryStatus,
    StoredOfferStatus, TimeWindow, Urgency, WaitlistEntry, WaitlistOffer,
};
pub use offer::{OFFER_ENTITY, offer_freed_slot, offer_notice};
pub use ports::{
    JoinFacts, LockedEntry, OfferAnswer, OfferGroup, SlotOffer, WaitlistStore, WaitlistTx,
};
