//! The waitlist's part of the in-memory scheduling store.

use std::collections::BTreeMap;

use async_trait::async_trait;
use chrono::{DateTime, TimeZone, Utc};

use super::matching::WaitingEntry;
use super::model::{
    EntryFilter, EntryLife, NewEntry, OfferFilter, StoredEntryStatus, StoredOfferStatus,
    WaitlistEntry, WaitlistOffer,
};
use super::ports::{
    JoinFacts, LockedEntry, OfferAnswer, OfferGroup, SlotOffer, WaitlistStore, WaitlistTx,
};
use crate::pagination::{Page, PageRequest};
use crate::scheduling::Written;
use crate::scheduling::fake::{FakeTx, InMemoryScheduling, World};
use crate::store::{StoreError, StoreResult};

/// The entries and offers, with the slot each offer belongs to.
#[derive(Debug, Clone, Default)]
pub struct FakeWaitlist {
    pub entries: BTreeMap<i32, WaitlistEntry>,
    /// offer → (the offer, its slot's cancelled appointment)
    pub offers: BTreeMap<i32, (WaitlistOffer, i32)>,
    /// The instant new entries are stamped with.
    pub stamp: Option<DateTime<Utc>>,
    next_id: i32,
}

impl FakeWaitlist {
    fn next_id(&mut self) -> i32 {
        self.next_id += 1;
        self.next_id
    }

    fn stamp(&self) -> DateTime<Utc> {
        self.stamp
            .unwrap_or_else(|| Utc.with_ymd_and_hms(2030, 1, 1, 0, 0, 0).unwrap())
    }

    /// The latest expiry of the entry's offers stored open.
    fn open_offer_until(&self, entry_id: i32) -> Option<DateTime<Utc>> {
        self.offers
            .values()
            .filter(|(o, _)| o.entry_id == entry_id && o.stored == StoredOfferStatus::Open)
            .map(|(o, _)| o.expires_at)
            .max()
    }

    /// An entry with its open offers' expiry.
    pub fn entry(&self, entry_id: i32) -> Option<WaitlistEntry> {
        self.entries.get(&entry_id).cloned().map(|mut e| {
            e.life.open_offer_until = self.open_offer_until(entry_id);
            e
        })
    }

    fn waiting(&self, entry: &WaitlistEntry, world: &World) -> WaitingEntry {
        WaitingEntry {
            entry_id: entry.entry_id,
            patient_id: entry.patient_id,
            patient_user_id: world.patients[&entry.patient_id].user_id,
            doctor_id: entry.doctor_id,
            office_id: entry.office_id,
            preferences: entry.preferences.clone(),
            urgency: entry.urgency,
            life: EntryLife {
                open_offer_until: self.open_offer_until(entry.entry_id),
                ..entry.life.clone()
            },
        }
    }
}

fn written(id: i32, at: DateTime<Utc>) -> Written {
    Written {
        id,
        created_at: at,
        updated_at: at,
    }
}

#[async_trait]
impl WaitlistTx for FakeTx<'_> {
    async fn waiting_for(
        &mut self,
        doctor_id: i32,
        office_id: i32,
    ) -> StoreResult<Vec<WaitingEntry>> {
        let list = &self.world.waitlist;
        Ok(list
            .entries
            .values()
            .filter(|e| {
                e.doctor_id == doctor_id
                    && e.office_id.is_none_or(|o| o == office_id)
                    && e.life.stored == StoredEntryStatus::Active
            })
            .map(|e| list.waiting(e, &self.world))
            .collect())
    }

    async fn write_offers(&mut self, _author: i32, offer: &SlotOffer) -> StoreResult<Vec<i32>> {
        let world = &mut self.world;
        let mut ids = Vec::new();
        for entry_id in &offer.entry_ids {
            let entry = world.waitlist.entries[entry_id].clone();
            let office = &world.offices[&offer.office_id];
            let id = world.waitlist.next_id();
            let created_at = world.waitlist.stamp();
            world.waitlist.offers.insert(
                id,
                (
                    WaitlistOffer {
                        offer_id: id,
                        entry_id: *entry_id,
                        patient_id: entry.patient_id,
                        doctor_id: offer.doctor_id,
                        doctor_name: entry.doctor_name.clone(),
                        office_id: offer.office_id,
                        office_name: office.name.clone(),
                        time_zone: office.time_zone.clone(),
                        range: offer.range,
                        expires_at: offer.expires_at,
                        stored: StoredOfferStatus::Open,
                        created_at,
                        booked_appointment_id: None,
                    },
                    offer.source_appointment_id,
                ),
            );
            ids.push(id);
        }
        Ok(ids)
    }

    async fn join_facts(
        &mut self,
        patient_id: i32,
        doctor_id: i32,
        office_id: Option<i32>,
    ) -> StoreResult<JoinFacts> {
        let world = &self.world;
        let list = &world.waitlist;
        Ok(JoinFacts {
            patient: world.patients.get(&patient_id).cloned(),
            doctor: world.doctors.get(&doctor_id).map(|d| d.party.clone()),
            office: office_id.and_then(|o| world.offices.get(&o).cloned()),
            doctor_works_at_office: office_id
                .is_some_and(|o| world.works_at.contains(&(doctor_id, o))),
            existing: list
                .entries
                .values()
                .filter(|e| {
                    e.patient_id == patient_id
                        && e.doctor_id == doctor_id
                        && e.life.stored == StoredEntryStatus::Active
                })
                .map(|e| list.waiting(e, world))
                .collect(),
        })
    }

    async fn insert_entry(&mut self, _author: i32, new: &NewEntry) -> StoreResult<WaitlistEntry> {
        let world = &mut self.world;
        let id = world.waitlist.next_id();
        let at = world.waitlist.stamp();
        let entry = WaitlistEntry {
            entry_id: id,
            patient_id: new.patient_id,
            patient_name: world.patients[&new.patient_id].name.clone(),
            doctor_id: new.doctor_id,
            doctor_name: world.doctors[&new.doctor_id].party.name.clone(),
            office_id: new.office_id,
            office_name: new.office_id.map(|o| world.offices[&o].name.clone()),
            preferences: new.preferences.clone(),
            urgency: new.urgency,
            note: new.note.clone(),
            life: EntryLife {
                stored: StoredEntryStatus::Active,
                created_at: at,
                latest_date: new.preferences.latest_date,
                open_offer_until: None,
            },
            booked_appointment_id: None,
            updated_at: at,
        };
        world.waitlist.entries.insert(id, entry.clone());
        Ok(entry)
    }

    async fn lock_entry(&mut self, entry_id: i32) -> StoreResult<LockedEntry> {
        let list = &self.world.waitlist;
        let entry = list
            .entry(entry_id)
            .ok_or_else(|| StoreError::not_found("waitlist entry"))?;
        let open_offers = list
            .offers
            .values()
            .filter(|(o, _)| o.entry_id == entry_id && o.stored == StoredOfferStatus::Open)
            .map(|(o, _)| o.offer_id)
            .collect();
        Ok(LockedEntry { entry, open_offers })
    }

    async fn withdraw_entry(
        &mut self,
        _author: i32,
        entry_id: i32,
        open_offers: &[i32],
    ) -> StoreResult<Written> {
        let list = &mut self.world.waitlist;
        let at = list.stamp();
        if let Some(entry) = list.entries.get_mut(&entry_id) {
            entry.life.stored = StoredEntryStatus::Withdrawn;
        }
        for id in open_offers {
            if let Some((offer, _)) = list.offers.get_mut(id) {
                offer.stored = StoredOfferStatus::Withdrawn;
            }
        }
        Ok(written(entry_id, at))
    }

    async fn lock_offer_group(&mut self, offer_id: i32) -> StoreResult<OfferGroup> {
        let world = &self.world;
        let list = &world.waitlist;
        let (offer, source) = list
            .offers
            .get(&offer_id)
            .cloned()
            .ok_or_else(|| StoreError::not_found("waitlist offer"))?;
        let entry = &list.entries[&offer.entry_id];
        let patient = &world.patients[&offer.patient_id];
        Ok(OfferGroup {
            patient_user_id: patient.user_id,
            doctor_user_id: world.doctors[&offer.doctor_id].party.user_id,
            patient_name: patient.name.clone(),
            entry_status: entry.life.stored,
            siblings: list
                .offers
                .values()
                .filter(|(_, s)| *s == source)
                .map(|(o, _)| (o.offer_id, o.stored))
                .collect(),
            offer,
        })
    }

    async fn answer_offer(
        &mut self,
        _author: i32,
        group: &OfferGroup,
        answer: &OfferAnswer,
    ) -> StoreResult<()> {
        let list = &mut self.world.waitlist;
        let id = group.offer.offer_id;
        match answer {
            OfferAnswer::Declined => {
                list.offers.get_mut(&id).unwrap().0.stored = StoredOfferStatus::Declined;
            }
            OfferAnswer::Accepted {
                appointment_id,
                taken,
            } => {
                let offer = &mut list.offers.get_mut(&id).unwrap().0;
                offer.stored = StoredOfferStatus::Accepted;
                offer.booked_appointment_id = Some(*appointment_id);
                for other in taken {
                    list.offers.get_mut(other).unwrap().0.stored = StoredOfferStatus::Taken;
                }
                let entry = list.entries.get_mut(&group.offer.entry_id).unwrap();
                entry.life.stored = StoredEntryStatus::Booked;
                entry.booked_appointment_id = Some(*appointment_id);
            }
        }
        Ok(())
    }
}

#[async_trait]
impl WaitlistStore for InMemoryScheduling {
    async fn entries(
        &self,
        filter: &EntryFilter,
        page: PageRequest,
    ) -> StoreResult<Page<WaitlistEntry>> {
        let list = self.world().waitlist;
        let items: Vec<WaitlistEntry> = list
            .entries
            .keys()
            .filter_map(|id| list.entry(*id))
            .filter(|e| {
                filter.patient_id.is_none_or(|p| p == e.patient_id)
                    && filter.doctor_id.is_none_or(|d| d == e.doctor_id)
                    && filter.office_id.is_none_or(|o| Some(o) == e.office_id)
                    && filter.open_at.is_none_or(|now| {
                        matches!(
                            e.life.status_at(now),
                            super::EntryStatus::Active | super::EntryStatus::Offered
                        )
                    })
            })
            .collect();
        let total = items.len() as u64;
        Ok(Page::new(items, page, total))
    }

    async fn offers(
        &self,
        filter: &OfferFilter,
        page: PageRequest,
    ) -> StoreResult<Page<WaitlistOffer>> {
        let list = self.world().waitlist;
        let items: Vec<WaitlistOffer> = list
            .offers
            .values()
            .map(|(o, _)| o.clone())
            .filter(|o| {
                filter.patient_id.is_none_or(|p| p == o.patient_id)
                    && filter.doctor_id.is_none_or(|d| d == o.doctor_id)
                    && filter.entry_id.is_none_or(|e| e == o.entry_id)
                    && filter
                        .open_at
                        .is_none_or(|now| o.status_at(now) == super::OfferStatus::Open)
            })
            .collect();
        let total = items.len() as u64;
        Ok(Page::new(items, page, total))
    }
}
