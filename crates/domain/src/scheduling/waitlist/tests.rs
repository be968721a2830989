//! The waitlist's use cases against the in-memory store: joining, the offers a cancellation
//! makes, and the first-come rule of accepting.

use chrono::{DateTime, Duration, NaiveTime, TimeZone, Utc, Weekday};
use rust_decimal::Decimal;

use super::*;
use crate::access::{Actor, Denied};
use crate::clock::FixedClock;
use crate::identity::Role;
use crate::pagination::PageRequest;
use crate::scheduling::fake::{FakeDoctor, InMemoryScheduling, World};
use crate::scheduling::{
    AppointmentAction, AppointmentDuration, BookAppointment, BookingRefusal, ChangeStatus,
    OfficeFacts, Party, WeeklyHours, book, change_status,
};
use crate::testing::block_on;

const OFFICE: i32 = 1;
const OTHER_OFFICE: i32 = 2;
const GP: i32 = 5;
const ALICE: i32 = 7;
const BOB: i32 = 8;
const CAROL: i32 = 9;

/// Thursday 2030-01-03, 08:00 UTC.
fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2030, 1, 3, 8, 0, 0).unwrap()
}

fn clock() -> FixedClock {
    FixedClock::at(now())
}

/// Monday 2030-01-07 at 10:00 UTC.
fn slot_start() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2030, 1, 7, 10, 0, 0).unwrap()
}

fn clinic() -> InMemoryScheduling {
    let mut world = World::default();
    for (id, user, name) in [
        (ALICE, 70, "Alice Smith"),
        (BOB, 80, "Bob Jones"),
        (CAROL, 90, "Carol White"),
    ] {
        world.patients.insert(
            id,
            Party {
                user_id: user,
                name: name.into(),
            },
        );
    }
    world.doctors.insert(
        GP,
        FakeDoctor {
            party: Party {
                user_id: 50,
                name: "Gregory House".into(),
            },
            requires_referral: false,
            fee: Decimal::new(12000, 2),
        },
    );
    for (id, name) in [(OFFICE, "Main Street"), (OTHER_OFFICE, "Annex")] {
        world.offices.insert(
            id,
            OfficeFacts {
                name: name.into(),
                time_zone: "UTC".into(),
                active: true,
            },
        );
        world.works_at.insert((GP, id));
    }
    let hours = [Weekday::Mon, Weekday::Tue]
        .map(|d| {
            WeeklyHours::new(
                d,
                NaiveTime::from_hms_opt(9, 0, 0).unwrap(),
                NaiveTime::from_hms_opt(17, 0, 0).unwrap(),
            )
            .unwrap()
        })
        .to_vec();
    world.hours.insert((GP, OFFICE), hours);
    world.now = now();
    world.waitlist.stamp = Some(now() - Duration::days(1));
    InMemoryScheduling::new(world)
}

fn patient(patient_id: i32) -> Actor {
    Actor {
        user_id: patient_id * 10,
        role: Role::Patient,
        doctor_id: None,
        patient_id: Some(patient_id),
    }
}

fn staff() -> Actor {
    Actor {
        user_id: 2,
        role: Role::Staff,
        doctor_id: None,
        patient_id: None,
    }
}

fn doctor() -> Actor {
    Actor {
        user_id: 50,
        role: Role::Doctor,
        doctor_id: Some(GP),
        patient_id: None,
    }
}

fn wish(patient_id: Option<i32>, urgency: Urgency) -> JoinWaitlist {
    JoinWaitlist {
        patient_id,
        doctor_id: GP,
        office_id: None,
        preferences: Preferences::default(),
        urgency,
        note: None,
    }
}

fn join_as(store: &InMemoryScheduling, who: &Actor, command: JoinWaitlist) -> EntryView {
    block_on(join(who, command, &clock(), store)).expect("joins")
}

/// Alice books the Monday 10:00 slot and cancels it; returns the cancelled appointment's id.
fn alice_frees_the_slot(store: &InMemoryScheduling) -> i32 {
    let booked = block_on(book(
        &patient(ALICE),
        BookAppointment {
            patient_id: None,
            doctor_id: GP,
            office_id: OFFICE,
            starts_at: slot_start(),
            duration: Some(AppointmentDuration::new(30).unwrap()),
            visit_type_id: None,
            reason: None,
            overbook_reason: None,
        },
        &clock(),
        store,
    ))
    .expect("books");
    block_on(change_status(
        &patient(ALICE),
        ChangeStatus::new(booked.appointment_id, AppointmentAction::Cancel),
        &clock(),
        store,
    ))
    .expect("cancels");
    booked.appointment_id
}

fn offers_of(store: &InMemoryScheduling) -> Vec<WaitlistOffer> {
    store
        .world()
        .waitlist
        .offers
        .into_values()
        .map(|(o, _)| o)
        .collect()
}

fn offer_for(store: &InMemoryScheduling, patient_id: i32) -> WaitlistOffer {
    offers_of(store)
        .into_iter()
        .find(|o| o.patient_id == patient_id)
        .expect("an offer")
}

#[test]
fn a_patient_joins_for_themselves_once_and_staff_for_anyone() {
    let store = clinic();
    let entry = join_as(&store, &patient(BOB), wish(None, Urgency::Soon));
    assert_eq!(entry.entry.patient_id, BOB);
    assert_eq!(entry.status, EntryStatus::Active);
    assert!(entry.can_withdraw);
    let again = block_on(join(
        &patient(BOB),
        wish(None, Urgency::Urgent),
        &clock(),
        &store,
    ));
    assert!(
        matches!(again, Err(WaitlistError::AlreadyWaiting { entry_id }) if entry_id == entry.entry.entry_id)
    );
    let for_carol = join_as(&store, &staff(), wish(Some(CAROL), Urgency::Routine));
    assert_eq!(for_carol.entry.patient_name, "Carol White");
}

#[test]
fn doctors_may_not_join_and_a_patient_may_not_join_for_another() {
    let store = clinic();
    let by_doctor = block_on(join(
        &doctor(),
        wish(Some(BOB), Urgency::Soon),
        &clock(),
        &store,
    ));
    assert_eq!(by_doctor, Err(WaitlistError::Denied(Denied::Forbidden)));
    let for_other = block_on(join(
        &patient(BOB),
        wish(Some(CAROL), Urgency::Soon),
        &clock(),
        &store,
    ));
    assert_eq!(
        for_other,
        Err(WaitlistError::Denied(Denied::Hidden { entity: "patient" }))
    );
}

#[test]
fn joining_checks_the_patient_the_office_and_the_latest_date() {
    let store = clinic();
    store.change(|w| {
        w.works_at.remove(&(GP, OTHER_OFFICE));
    });
    let mut command = wish(Some(42), Urgency::Soon);
    command.office_id = Some(OTHER_OFFICE);
    command.preferences.latest_date = Some(now().date_naive() - Duration::days(1));
    let Err(WaitlistError::Invalid(errors)) = block_on(join(&staff(), command, &clock(), &store))
    else {
        panic!("refused");
    };
    assert!(errors.has_field("patient_id"));
    assert!(errors.has_field("office_id"));
    assert!(errors.has_field("latest_date"));
    let missing = block_on(join(&staff(), wish(None, Urgency::Soon), &clock(), &store));
    assert!(matches!(missing, Err(WaitlistError::Invalid(e)) if e.has_field("patient_id")));
}

#[test]
fn cancelling_offers_the_slot_to_matching_entries_and_tells_each_of_them() {
    let store = clinic();
    join_as(&store, &patient(BOB), wish(None, Urgency::Routine));
    join_as(&store, &patient(CAROL), wish(None, Urgency::Urgent));
    let mut elsewhere = wish(Some(ALICE), Urgency::Urgent);
    elsewhere.office_id = Some(OTHER_OFFICE);
    join_as(&store, &staff(), elsewhere);
    let freed = alice_frees_the_slot(&store);
    let offers = offers_of(&store);
    let offered: Vec<i32> = offers.iter().map(|o| o.patient_id).collect();
    assert_eq!(
        offered,
        vec![CAROL, BOB],
        "the most urgent first; not Alice's other office"
    );
    for offer in &offers {
        assert_eq!(offer.range.start(), slot_start());
        assert_eq!(offer.expires_at, now() + Duration::hours(OFFER_HOURS));
    }
    let world = store.world();
    let told: Vec<_> = world
        .notifications
        .iter()
        .filter(|n| n.related_entity_type == OFFER_ENTITY)
        .collect();
    assert_eq!(told.len(), 2);
    assert_eq!(told[0].user_id, 90);
    assert!(
        told[0].message.contains("Dr. Gregory House"),
        "{}",
        told[0].message
    );
    assert!(
        told[0].message.contains("Mon, Jan 7, 2030, 10:00 AM"),
        "{}",
        told[0].message
    );
    assert!(
        told[0]
            .message
            .contains("before Thu, Jan 3, 2030, 10:00 AM"),
        "{}",
        told[0].message
    );
    assert_ne!(freed, 0);
}

#[test]
fn entries_whose_days_or_hours_do_not_fit_are_not_offered_the_slot() {
    let store = clinic();
    let mut tuesdays = wish(Some(BOB), Urgency::Urgent);
    tuesdays.preferences.weekdays = vec![Weekday::Tue];
    join_as(&store, &staff(), tuesdays);
    let mut mornings = wish(Some(CAROL), Urgency::Urgent);
    mornings.preferences.window = Some(
        TimeWindow::new(
            NaiveTime::from_hms_opt(8, 0, 0).unwrap(),
            NaiveTime::from_hms_opt(10, 0, 0).unwrap(),
        )
        .unwrap(),
    );
    join_as(&store, &staff(), mornings);
    alice_frees_the_slot(&store);
    assert!(offers_of(&store).is_empty());
}

#[test]
fn the_first_to_accept_books_the_slot_and_the_second_finds_it_taken() {
    let store = clinic();
    join_as(&store, &patient(BOB), wish(None, Urgency::Soon));
    join_as(&store, &patient(CAROL), wish(None, Urgency::Soon));
    alice_frees_the_slot(&store);
    let bobs = offer_for(&store, BOB);
    let carols = offer_for(&store, CAROL);
    let booked =
        block_on(accept_offer(&patient(BOB), bobs.offer_id, &clock(), &store)).expect("accepted");
    assert_eq!(booked.patient_id, BOB);
    assert_eq!(booked.starts_at, slot_start());
    let second = block_on(accept_offer(
        &patient(CAROL),
        carols.offer_id,
        &clock(),
        &store,
    ));
    assert_eq!(second, Err(AnswerOfferError::Taken));
    let world = store.world();
    let active: Vec<_> = world
        .appointments
        .values()
        .filter(|a| a.status.is_active())
        .collect();
    assert_eq!(active.len(), 1);
    let bob_entry = world
        .waitlist
        .entries
        .values()
        .find(|e| e.patient_id == BOB)
        .unwrap();
    assert_eq!(bob_entry.life.stored, StoredEntryStatus::Booked);
    assert_eq!(bob_entry.booked_appointment_id, Some(booked.appointment_id));
    assert_eq!(
        world.waitlist.offers[&carols.offer_id].0.stored,
        StoredOfferStatus::Taken
    );
    let again = block_on(accept_offer(&patient(BOB), bobs.offer_id, &clock(), &store));
    assert_eq!(
        again,
        Err(AnswerOfferError::Closed {
            status: OfferStatus::Accepted
        })
    );
}

#[test]
fn an_expired_offer_cannot_be_accepted_and_the_entry_waits_again() {
    let store = clinic();
    join_as(&store, &patient(BOB), wish(None, Urgency::Soon));
    alice_frees_the_slot(&store);
    let offer = offer_for(&store, BOB);
    let later = FixedClock::at(offer.expires_at);
    let late = block_on(accept_offer(&patient(BOB), offer.offer_id, &later, &store));
    assert_eq!(
        late,
        Err(AnswerOfferError::Expired {
            expired_at: offer.expires_at
        })
    );
    let page = block_on(list_entries(
        &patient(BOB),
        ListEntries::default(),
        PageRequest::default(),
        &later,
        &store,
    ))
    .unwrap();
    assert_eq!(page.items[0].status, EntryStatus::Active);
    let before = block_on(list_entries(
        &patient(BOB),
        ListEntries::default(),
        PageRequest::default(),
        &clock(),
        &store,
    ))
    .unwrap();
    assert_eq!(before.items[0].status, EntryStatus::Offered);
}

#[test]
fn another_patients_offer_is_hidden_and_doctors_may_not_answer() {
    let store = clinic();
    join_as(&store, &patient(BOB), wish(None, Urgency::Soon));
    alice_frees_the_slot(&store);
    let offer = offer_for(&store, BOB);
    let by_carol = block_on(accept_offer(
        &patient(CAROL),
        offer.offer_id,
        &clock(),
        &store,
    ));
    assert_eq!(
        by_carol,
        Err(AnswerOfferError::Denied(Denied::Hidden {
            entity: "waitlist offer"
        }))
    );
    let missing = block_on(decline_offer(&patient(CAROL), 999, &clock(), &store));
    assert!(
        matches!(missing, Err(AnswerOfferError::Store(e)) if e.to_string().contains("waitlist offer"))
    );
    let by_doctor = block_on(accept_offer(&doctor(), offer.offer_id, &clock(), &store));
    assert_eq!(by_doctor, Err(AnswerOfferError::Denied(Denied::Forbidden)));
    let by_staff = block_on(accept_offer(&staff(), offer.offer_id, &clock(), &store));
    assert!(by_staff.is_ok(), "{by_staff:?}");
}

#[test]
fn a_declined_offer_stays_declined_and_the_entry_waits_for_the_next_slot() {
    let store = clinic();
    join_as(&store, &patient(BOB), wish(None, Urgency::Soon));
    alice_frees_the_slot(&store);
    let offer = offer_for(&store, BOB);
    let declined = block_on(decline_offer(
        &patient(BOB),
        offer.offer_id,
        &clock(),
        &store,
    ))
    .expect("declined");
    assert_eq!(declined.status, OfferStatus::Declined);
    assert!(!declined.can_answer);
    let accept = block_on(accept_offer(
        &patient(BOB),
        offer.offer_id,
        &clock(),
        &store,
    ));
    assert_eq!(
        accept,
        Err(AnswerOfferError::Closed {
            status: OfferStatus::Declined
        })
    );
    let entry = store.world().waitlist.entry(offer.entry_id).unwrap();
    assert_eq!(entry.life.status_at(now()), EntryStatus::Active);
}

#[test]
fn a_slot_booked_outside_the_waitlist_is_refused_by_the_booking_rules() {
    let store = clinic();
    join_as(&store, &patient(BOB), wish(None, Urgency::Soon));
    alice_frees_the_slot(&store);
    let offer = offer_for(&store, BOB);
    block_on(book(
        &staff(),
        BookAppointment {
            patient_id: Some(CAROL),
            doctor_id: GP,
            office_id: OFFICE,
            starts_at: slot_start(),
            duration: Some(AppointmentDuration::new(30).unwrap()),
            visit_type_id: None,
            reason: None,
            overbook_reason: None,
        },
        &clock(),
        &store,
    ))
    .expect("the desk books it");
    let accept = block_on(accept_offer(
        &patient(BOB),
        offer.offer_id,
        &clock(),
        &store,
    ));
    assert!(
        matches!(
            accept,
            Err(AnswerOfferError::Booking(BookingRefusal::SlotTaken { .. }))
        ),
        "{accept:?}"
    );
}

#[test]
fn withdrawing_closes_the_entry_and_its_open_offer() {
    let store = clinic();
    let entry = join_as(&store, &patient(BOB), wish(None, Urgency::Soon));
    alice_frees_the_slot(&store);
    let offer = offer_for(&store, BOB);
    let hidden = block_on(withdraw(
        &patient(CAROL),
        entry.entry.entry_id,
        &clock(),
        &store,
    ));
    assert_eq!(
        hidden,
        Err(WaitlistError::Denied(Denied::Hidden {
            entity: "waitlist entry"
        }))
    );
    let gone = block_on(withdraw(
        &patient(BOB),
        entry.entry.entry_id,
        &clock(),
        &store,
    ))
    .expect("withdrawn");
    assert_eq!(gone.status, EntryStatus::Withdrawn);
    assert!(!gone.can_withdraw);
    assert_eq!(
        store.world().waitlist.offers[&offer.offer_id].0.stored,
        StoredOfferStatus::Withdrawn
    );
    let twice = block_on(withdraw(
        &patient(BOB),
        entry.entry.entry_id,
        &clock(),
        &store,
    ));
    assert_eq!(
        twice,
        Err(WaitlistError::EntryClosed {
            status: EntryStatus::Withdrawn
        })
    );
}

#[test]
fn a_doctor_lists_the_entries_for_them_and_a_patient_only_their_own() {
    let store = clinic();
    join_as(&store, &patient(BOB), wish(None, Urgency::Soon));
    join_as(&store, &patient(CAROL), wish(None, Urgency::Soon));
    let list = |who: &Actor, filter: ListEntries| {
        block_on(list_entries(
            who,
            filter,
            PageRequest::default(),
            &clock(),
            &store,
        ))
        .unwrap()
    };
    assert_eq!(list(&doctor(), ListEntries::default()).items.len(), 2);
    let other_doctor = ListEntries {
        doctor_id: Some(GP + 1),
        ..ListEntries::default()
    };
    assert!(list(&doctor(), other_doctor).items.is_empty());
    let bobs = list(&patient(BOB), ListEntries::default());
    assert_eq!(bobs.items.len(), 1);
    assert!(
        list(&doctor(), ListEntries::default())
            .items
            .iter()
            .all(|e| !e.can_withdraw)
    );
}
