//! The scheduling use cases enqueue the patient's messages in their own transaction: a
//! booking its confirmation and reminders, a move its notice and new reminders, a
//! cancellation its notice; a refused change enqueues nothing.

use chrono::{DateTime, Duration, NaiveTime, TimeZone, Utc, Weekday};
use rust_decimal::Decimal;

use super::fake::{FakeDoctor, InMemoryScheduling, World};
use super::*;
use crate::access::Actor;
use crate::clock::FixedClock;
use crate::identity::Role;
use crate::messaging::{Channel, MessageKind, OutboxDraft};
use crate::testing::block_on;

const OFFICE: i32 = 1;
const GP: i32 = 5;
const ALICE: i32 = 7;
const ALICE_USER: i32 = 70;

/// Monday 2030-01-07, 08:00 UTC.
fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2030, 1, 7, 8, 0, 0).unwrap()
}

/// `hour`:00 UTC, `days` after the Monday.
fn day_at(days: i64, hour: u32) -> DateTime<Utc> {
    now() + Duration::days(days) + Duration::hours(i64::from(hour) - 8)
}

fn clinic() -> InMemoryScheduling {
    let mut world = World::default();
    world.patients.insert(
        ALICE,
        Party {
            user_id: ALICE_USER,
            name: "Alice Smith".into(),
        },
    );
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
    world.works_at.insert((GP, OFFICE));
    let hours = [
        Weekday::Mon,
        Weekday::Tue,
        Weekday::Wed,
        Weekday::Thu,
        Weekday::Fri,
    ]
    .map(|weekday| {
        WeeklyHours::new(
            weekday,
            NaiveTime::from_hms_opt(9, 0, 0).unwrap(),
            NaiveTime::from_hms_opt(17, 0, 0).unwrap(),
        )
        .unwrap()
    });
    world.hours.insert((GP, OFFICE), hours.to_vec());
    world.offices.insert(
        OFFICE,
        OfficeFacts {
            name: "Main Street".into(),
            time_zone: "UTC".into(),
            active: true,
        },
    );
    world.care_team.insert((ALICE, GP));
    InMemoryScheduling::new(world)
}

fn staff() -> Actor {
    Actor::test(Role::Staff, None, None)
}

fn book_at(store: &InMemoryScheduling, starts_at: DateTime<Utc>) -> Appointment {
    block_on(book(
        &staff(),
        BookAppointment {
            patient_id: Some(ALICE),
            doctor_id: GP,
            office_id: OFFICE,
            starts_at,
            duration: Some(AppointmentDuration::new(30).unwrap()),
            visit_type_id: None,
            reason: Some("chest pain".into()),
            overbook_reason: None,
        },
        &FixedClock::at(now()),
        store,
    ))
    .unwrap()
}

fn kinds(outbox: &[OutboxDraft]) -> Vec<(MessageKind, u32)> {
    outbox.iter().map(|d| (d.kind, d.offset_minutes)).collect()
}

#[test]
fn a_booking_enqueues_the_confirmation_and_a_reminder_per_offset_in_its_transaction() {
    let store = clinic();
    let visit = book_at(&store, day_at(2, 10));
    let outbox = store.world().outbox;
    assert_eq!(
        kinds(&outbox),
        [
            (MessageKind::Booked, 0),
            (MessageKind::Reminder, 1440),
            (MessageKind::Reminder, 120)
        ]
    );
    assert!(outbox.iter().all(|d| d.channel == Channel::Email
        && d.recipient_user_id == ALICE_USER
        && d.appointment_id == visit.appointment_id
        && d.planned_start == visit.starts_at));
    assert_eq!(outbox[0].due_at, now(), "the confirmation goes at once");
    assert_eq!(outbox[1].due_at, visit.starts_at - Duration::hours(24));
    assert_eq!(outbox[2].due_at, visit.starts_at - Duration::hours(2));
    for draft in &outbox {
        assert!(
            !draft.body.contains("chest pain") && !draft.subject.contains("chest pain"),
            "no reason for the visit in a message: {draft:?}"
        );
        assert!(draft.body.contains("Dr. Gregory House") && draft.body.contains("Main Street"));
    }
}

#[test]
fn a_visit_booked_for_today_gets_only_the_reminders_still_ahead() {
    let store = clinic();
    book_at(&store, day_at(0, 11));
    assert_eq!(
        kinds(&store.world().outbox),
        [(MessageKind::Booked, 0), (MessageKind::Reminder, 120)]
    );
}

#[test]
fn the_clinics_offsets_decide_the_reminders() {
    let store = clinic();
    store.change(|world| {
        world.settings =
            crate::settings::ClinicSettings::parse(crate::settings::ClinicSettingsInput {
                late_cancellation_hours: 24,
                booking_horizon_days: 180,
                max_future_appointments: 5,
                reminder_offsets_minutes: Some(vec![]),
            })
            .unwrap();
    });
    book_at(&store, day_at(2, 10));
    assert_eq!(kinds(&store.world().outbox), [(MessageKind::Booked, 0)]);
}

#[test]
fn a_refused_booking_enqueues_nothing() {
    let store = clinic();
    book_at(&store, day_at(2, 10));
    let before = store.world().outbox.len();
    let refused = block_on(book(
        &staff(),
        BookAppointment {
            patient_id: Some(ALICE),
            doctor_id: GP,
            office_id: OFFICE,
            starts_at: day_at(2, 10),
            duration: Some(AppointmentDuration::new(30).unwrap()),
            visit_type_id: None,
            reason: None,
            overbook_reason: None,
        },
        &FixedClock::at(now()),
        &store,
    ));
    assert!(matches!(
        refused,
        Err(BookAppointmentError::Refused(
            BookingRefusal::IdenticalVisit { .. }
        ))
    ));
    assert_eq!(store.world().outbox.len(), before);
}

#[test]
fn a_move_enqueues_its_notice_and_plans_the_reminders_again_for_the_new_start() {
    let store = clinic();
    let visit = book_at(&store, day_at(2, 10));
    let moved = block_on(reschedule(
        &staff(),
        RescheduleAppointment {
            appointment_id: visit.appointment_id,
            starts_at: Some(day_at(3, 14)),
            duration: None,
            office_id: None,
            reason: None,
            overbook_reason: None,
        },
        &FixedClock::at(now()),
        &store,
    ))
    .unwrap();
    let outbox = store.world().outbox;
    let new: Vec<_> = outbox
        .iter()
        .filter(|d| d.planned_start == moved.starts_at)
        .map(|d| (d.kind, d.offset_minutes))
        .collect();
    assert_eq!(
        new,
        [
            (MessageKind::Moved, 0),
            (MessageKind::Reminder, 1440),
            (MessageKind::Reminder, 120)
        ]
    );
    assert_eq!(
        outbox.len(),
        6,
        "the old reminders stay, to be skipped when due"
    );
}

#[test]
fn a_cancellation_enqueues_its_notice_and_nothing_else() {
    let store = clinic();
    let visit = book_at(&store, day_at(2, 10));
    block_on(change_status(
        &staff(),
        ChangeStatus::new(visit.appointment_id, AppointmentAction::Cancel),
        &FixedClock::at(now()),
        &store,
    ))
    .unwrap();
    let outbox = store.world().outbox;
    assert_eq!(outbox.len(), 4);
    assert_eq!(outbox[3].kind, MessageKind::Cancelled);
    assert!(outbox[3].subject.contains("cancelled"));
}

#[test]
fn confirming_a_visit_enqueues_no_message() {
    let store = clinic();
    let visit = book_at(&store, day_at(2, 10));
    block_on(change_status(
        &staff(),
        ChangeStatus::new(visit.appointment_id, AppointmentAction::Confirm),
        &FixedClock::at(now()),
        &store,
    ))
    .unwrap();
    assert_eq!(store.world().outbox.len(), 3);
}
