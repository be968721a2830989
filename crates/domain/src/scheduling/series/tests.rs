//! The repeat rule (parsing, expansion across DST, the cap) and the series use cases against
//! the in-memory store.

use chrono::{DateTime, NaiveTime, TimeZone, Utc, Weekday};
use rust_decimal::Decimal;

use super::*;
use crate::access::{Actor, Denied};
use crate::clock::FixedClock;
use crate::identity::Role;
use crate::scheduling::fake::{FakeDoctor, InMemoryScheduling, World};
use crate::scheduling::{
    Appointment, AppointmentDuration, AppointmentStatus, BookingRefusal, OfficeFacts, Party,
    WeeklyHours,
};
use crate::testing::block_on;
use crate::values::OfficeZone;

fn utc(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, h, min, 0).unwrap()
}

fn berlin() -> OfficeZone {
    OfficeZone::parse("Europe/Berlin").unwrap()
}

fn expand(rule: &str, first: DateTime<Utc>) -> Vec<DateTime<Utc>> {
    RecurrenceRule::parse(rule, OfficeZone::UTC)
        .unwrap()
        .expand(first, OfficeZone::UTC)
        .unwrap()
}

/// The field and message of the one error a bad rule gives.
fn rule_error(rule: &str) -> (String, String) {
    let errors = RecurrenceRule::parse(rule, OfficeZone::UTC)
        .and_then(|r| r.expand(utc(2030, 1, 7, 9, 0), OfficeZone::UTC))
        .expect_err(rule)
        .into_vec();
    assert_eq!(errors.len(), 1, "{rule}: {errors:?}");
    (errors[0].field.clone(), errors[0].message.clone())
}

mod rule {
    use super::*;

    #[test]
    fn a_count_gives_that_many_visits() {
        let days = expand("FREQ=DAILY;COUNT=3", utc(2030, 1, 7, 9, 0));
        assert_eq!(
            days,
            [
                utc(2030, 1, 7, 9, 0),
                utc(2030, 1, 8, 9, 0),
                utc(2030, 1, 9, 9, 0)
            ]
        );
    }

    #[test]
    fn an_until_date_is_the_last_possible_day_inclusive() {
        let weeks = expand("FREQ=WEEKLY;UNTIL=20300128", utc(2030, 1, 7, 9, 0));
        assert_eq!(weeks.len(), 4);
        assert_eq!(weeks[3], utc(2030, 1, 28, 9, 0));
        let stamp = expand("FREQ=WEEKLY;UNTIL=20300127T235959Z", utc(2030, 1, 7, 9, 0));
        assert_eq!(stamp.len(), 3);
    }

    #[test]
    fn an_interval_repeats_every_n_weeks_or_days() {
        assert_eq!(
            expand("FREQ=WEEKLY;INTERVAL=2;COUNT=3", utc(2030, 1, 7, 9, 0)),
            [
                utc(2030, 1, 7, 9, 0),
                utc(2030, 1, 21, 9, 0),
                utc(2030, 2, 4, 9, 0)
            ]
        );
        assert_eq!(
            expand("FREQ=DAILY;INTERVAL=3;COUNT=2", utc(2030, 1, 7, 9, 0))[1],
            utc(2030, 1, 10, 9, 0)
        );
    }

    #[test]
    fn weekdays_repeat_within_each_week_from_the_first_visit() {
        // Monday the 7th, then Thursday, Monday, Thursday.
        assert_eq!(
            expand("FREQ=WEEKLY;BYDAY=TH,MO;COUNT=4", utc(2030, 1, 7, 9, 0)),
            [
                utc(2030, 1, 7, 9, 0),
                utc(2030, 1, 10, 9, 0),
                utc(2030, 1, 14, 9, 0),
                utc(2030, 1, 17, 9, 0)
            ]
        );
        // Starting on the Thursday, the week's Monday already lies behind.
        assert_eq!(
            expand(
                "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH;COUNT=3",
                utc(2030, 1, 10, 9, 0)
            ),
            [
                utc(2030, 1, 10, 9, 0),
                utc(2030, 1, 21, 9, 0),
                utc(2030, 1, 24, 9, 0)
            ]
        );
    }

    #[test]
    fn a_nine_oclock_visit_stays_at_nine_local_across_both_dst_changes() {
        let rule = RecurrenceRule::parse("FREQ=WEEKLY;COUNT=3", berlin()).unwrap();
        // Clocks go forward in Berlin on Sunday 2030-03-31: 09:00 CET is 08:00 UTC, CEST 07:00.
        assert_eq!(
            rule.expand(utc(2030, 3, 18, 8, 0), berlin()).unwrap(),
            [
                utc(2030, 3, 18, 8, 0),
                utc(2030, 3, 25, 8, 0),
                utc(2030, 4, 1, 7, 0)
            ]
        );
        // And back on Sunday 2030-10-27.
        assert_eq!(
            rule.expand(utc(2030, 10, 21, 7, 0), berlin()).unwrap(),
            [
                utc(2030, 10, 21, 7, 0),
                utc(2030, 10, 28, 8, 0),
                utc(2030, 11, 4, 8, 0)
            ]
        );
    }

    #[test]
    fn a_time_skipped_by_the_clocks_going_forward_reads_with_the_offset_before_the_gap() {
        let rule = RecurrenceRule::parse("FREQ=DAILY;COUNT=2", berlin()).unwrap();
        // 02:30 CET on the 30th; 02:30 does not exist on the 31st and becomes 03:30 CEST.
        let days = rule.expand(utc(2030, 3, 30, 1, 30), berlin()).unwrap();
        assert_eq!(days, [utc(2030, 3, 30, 1, 30), utc(2030, 3, 31, 1, 30)]);
        assert_eq!(berlin().label(days[1]), "Sun, Mar 31, 2030, 3:30 AM CEST");
    }

    #[test]
    fn a_series_has_at_most_fifty_two_visits() {
        assert_eq!(
            expand("FREQ=WEEKLY;COUNT=52", utc(2030, 1, 7, 9, 0)).len(),
            52
        );
        assert_eq!(
            rule_error("FREQ=WEEKLY;COUNT=53"),
            ("rrule".into(), "COUNT must be between 1 and 52".into())
        );
        assert_eq!(
            rule_error("FREQ=DAILY;UNTIL=20310101"),
            (
                "rrule".into(),
                "the rule makes more than 52 visits; end it sooner".into()
            )
        );
    }

    #[test]
    fn bad_rules_are_field_errors_on_the_rule() {
        for bad in [
            "",
            "hello",
            "FREQ=MONTHLY;COUNT=3",
            "FREQ=WEEKLY;BYMONTH=1;COUNT=3",
            "FREQ=WEEKLY",
            "COUNT=3",
            "FREQ=WEEKLY;COUNT=3;UNTIL=20300301",
            "FREQ=WEEKLY;INTERVAL=0;COUNT=3",
            "FREQ=WEEKLY;INTERVAL=x;COUNT=3",
            "FREQ=WEEKLY;BYDAY=XX;COUNT=3",
            "FREQ=WEEKLY;FREQ=DAILY;COUNT=3",
            "FREQ=DAILY;BYDAY=MO;COUNT=3",
            "FREQ=WEEKLY;COUNT=0",
            "FREQ=WEEKLY;UNTIL=2030-03-01",
            "FREQ=WEEKLY;UNTIL=20291231",
            "FREQ=WEEKLY;COUNT=99999999999999999999",
        ] {
            assert_eq!(rule_error(bad).0, "rrule", "{bad}");
        }
    }

    #[test]
    fn a_first_visit_off_the_repeat_days_is_refused_on_its_start() {
        assert_eq!(
            rule_error("FREQ=WEEKLY;BYDAY=TU;COUNT=3").0,
            "starts_at",
            "Monday is not a Tuesday"
        );
    }

    #[test]
    fn a_rule_is_stored_in_one_canonical_spelling_and_described_in_words() {
        let rule =
            RecurrenceRule::parse("rrule:freq=weekly;byday=th,mo,th;count=4", OfficeZone::UTC)
                .unwrap();
        assert_eq!(rule.to_string(), "FREQ=WEEKLY;BYDAY=MO,TH;COUNT=4");
        assert_eq!(rule.describe(), "weekly on Mon, Thu");
        let every = RecurrenceRule::new(
            Frequency::Weekly,
            2,
            &[],
            SeriesEnd::Until(chrono::NaiveDate::from_ymd_opt(2030, 6, 30).unwrap()),
        )
        .unwrap();
        assert_eq!(every.to_string(), "FREQ=WEEKLY;INTERVAL=2;UNTIL=20300630");
        assert_eq!(every.describe(), "every 2 weeks");
    }
}

const OFFICE: i32 = 1;
const GP: i32 = 5;
const OTHER_DOCTOR: i32 = 6;
const ALICE: i32 = 7;
const BOB: i32 = 8;

/// Monday 2030-01-07 06:00 UTC (07:00 in Berlin).
fn clock() -> FixedClock {
    FixedClock::at(utc(2030, 1, 7, 6, 0))
}

/// 09:00 in Berlin on a January day.
fn nine(day: u32) -> DateTime<Utc> {
    utc(2030, 1, day, 8, 0)
}

fn party(user_id: i32, name: &str) -> Party {
    Party {
        user_id,
        name: name.into(),
    }
}

/// A Berlin office where both doctors work 08:00–18:00 local, Monday to Friday; the GP treats
/// Alice (care team), not Bob.
fn clinic() -> InMemoryScheduling {
    let mut world = World::default();
    world.patients.insert(ALICE, party(70, "Alice Smith"));
    world.patients.insert(BOB, party(80, "Bob Jones"));
    for (id, user, name) in [
        (GP, 50, "Gregory House"),
        (OTHER_DOCTOR, 60, "Cristina Yang"),
    ] {
        world.doctors.insert(
            id,
            FakeDoctor {
                party: party(user, name),
                requires_referral: false,
                fee: Decimal::new(12000, 2),
            },
        );
        world.works_at.insert((id, OFFICE));
        let day = |weekday| {
            WeeklyHours::new(
                weekday,
                NaiveTime::from_hms_opt(8, 0, 0).unwrap(),
                NaiveTime::from_hms_opt(18, 0, 0).unwrap(),
            )
            .unwrap()
        };
        world.hours.insert(
            (id, OFFICE),
            [
                Weekday::Mon,
                Weekday::Tue,
                Weekday::Wed,
                Weekday::Thu,
                Weekday::Fri,
            ]
            .map(day)
            .to_vec(),
        );
    }
    world.offices.insert(
        OFFICE,
        OfficeFacts {
            name: "Main Street".into(),
            time_zone: "Europe/Berlin".into(),
            active: true,
        },
    );
    world.care_team.insert((ALICE, GP));
    InMemoryScheduling::new(world)
}

fn staff() -> Actor {
    Actor {
        user_id: 2,
        role: Role::Staff,
        doctor_id: None,
        patient_id: None,
    }
}

fn gp() -> Actor {
    Actor {
        user_id: 50,
        role: Role::Doctor,
        doctor_id: Some(GP),
        patient_id: None,
    }
}

fn patient() -> Actor {
    Actor {
        user_id: 70,
        role: Role::Patient,
        doctor_id: None,
        patient_id: Some(ALICE),
    }
}

/// Four weekly Monday visits at 09:00 Berlin for Alice with the GP.
fn weekly(patient_id: i32, rule: &str) -> SeriesRequest {
    SeriesRequest {
        patient_id,
        doctor_id: GP,
        office_id: OFFICE,
        first_starts_at: nine(7),
        duration: AppointmentDuration::new(30).unwrap(),
        reason: Some("Physiotherapy".into()),
        repeat: RepeatRule::Text(rule.into()),
        all_or_nothing: false,
    }
}

/// A committed appointment of `patient_id` with `doctor_id` at `start` for 30 minutes.
fn existing(patient_id: i32, doctor_id: i32, start: DateTime<Utc>) -> Appointment {
    Appointment {
        visit_type: None,
        outside_availability_reason: None,
        appointment_id: 0,
        patient_id,
        doctor_id,
        office_id: OFFICE,
        starts_at: start,
        duration_minutes: 30,
        ends_at: start + chrono::Duration::minutes(30),
        reason: None,
        status: AppointmentStatus::Scheduled,
        is_overbooked: false,
        overbook_reason: None,
        cancellation_reason: None,
        created_by: None,
        created_at: start,
        updated_at: start,
        patient_name: "Bob Jones".into(),
        doctor_name: "Gregory House".into(),
        office_name: "Main Street".into(),
        office_time_zone: "UTC".into(),
        series_id: None,
    }
}

fn book(store: &InMemoryScheduling, actor: &Actor, request: SeriesRequest) -> BookedSeries {
    block_on(book_series(actor, request, &clock(), store)).unwrap()
}

mod booking {
    use super::*;

    #[test]
    fn a_preview_judges_every_visit_and_books_nothing() {
        let store = clinic();
        let taken = store.add(existing(BOB, GP, nine(14)));
        let preview = block_on(preview_series(
            &staff(),
            weekly(ALICE, "FREQ=WEEKLY;COUNT=4"),
            &clock(),
            &store,
        ))
        .unwrap();
        assert_eq!(preview.rule.to_string(), "FREQ=WEEKLY;COUNT=4");
        assert_eq!(preview.time_zone, "Europe/Berlin");
        let free: Vec<bool> = preview
            .occurrences
            .iter()
            .map(Occurrence::is_free)
            .collect();
        assert_eq!(free, [true, false, true, true]);
        assert_eq!(
            preview.occurrences[1].refusal,
            Some(BookingRefusal::SlotTaken {
                conflicts: vec![taken]
            })
        );
        assert_eq!(store.world().appointments.len(), 1);
        assert!(store.world().series.is_empty());
    }

    #[test]
    fn a_series_books_its_free_visits_and_reports_the_skipped_ones() {
        let store = clinic();
        store.add(existing(BOB, GP, nine(14)));
        let booked = book(&store, &staff(), weekly(ALICE, "FREQ=WEEKLY;COUNT=4"));
        assert_eq!(booked.booked.len(), 3);
        assert_eq!(booked.skipped.len(), 1);
        assert_eq!(booked.skipped[0].number, 2);
        let world = store.world();
        let in_series: Vec<_> = world
            .appointments
            .values()
            .filter(|a| a.series_id == Some(booked.series.series_id))
            .map(|a| a.starts_at)
            .collect();
        assert_eq!(in_series, [nine(7), nine(21), nine(28)]);
        assert_eq!(
            world.series[&booked.series.series_id].rule,
            "FREQ=WEEKLY;COUNT=4"
        );
        // One summary per party, not one per visit.
        assert_eq!(world.notifications.len(), 2);
        assert!(
            world.notifications[0]
                .message
                .contains("3 visits (weekly) with Dr. Gregory House at Main Street are booked"),
            "{}",
            world.notifications[0].message
        );
    }

    #[test]
    fn every_booked_visit_of_a_series_gets_its_own_confirmation_and_the_skipped_one_none() {
        use crate::messaging::MessageKind;
        let store = clinic();
        store.add(existing(BOB, GP, nine(14)));
        let booked = book(&store, &staff(), weekly(ALICE, "FREQ=WEEKLY;COUNT=4"));
        let world = store.world();
        let mut confirmed: Vec<i32> = world
            .outbox
            .iter()
            .filter(|d| d.kind == MessageKind::Booked)
            .map(|d| d.appointment_id)
            .collect();
        confirmed.sort_unstable();
        let mut ids: Vec<i32> = booked.booked.iter().map(|a| a.appointment_id).collect();
        ids.sort_unstable();
        assert_eq!(confirmed, ids, "one confirmation per booked visit");
        assert!(
            world.outbox.iter().any(|d| d.kind == MessageKind::Reminder),
            "reminders are planned per visit"
        );
    }

    #[test]
    fn all_or_nothing_books_none_when_one_visit_conflicts() {
        let store = clinic();
        store.add(existing(BOB, GP, nine(21)));
        let mut request = weekly(ALICE, "FREQ=WEEKLY;COUNT=4");
        request.all_or_nothing = true;
        let refused = block_on(book_series(&staff(), request, &clock(), &store)).unwrap_err();
        match refused {
            SeriesError::Unbookable { total, refused } => {
                assert_eq!(total, 4);
                assert_eq!(refused.len(), 1);
                assert_eq!(refused[0].range.start(), nine(21));
            }
            other => panic!("expected unbookable, got {other:?}"),
        }
        let world = store.world();
        assert_eq!(world.appointments.len(), 1);
        assert!(world.series.is_empty());
        assert!(world.notifications.is_empty());
    }

    #[test]
    fn a_visit_outside_working_hours_is_skipped_with_its_reason() {
        let store = clinic();
        // Monday and Saturday: the doctor does not work on Saturdays.
        let booked = book(
            &store,
            &staff(),
            weekly(ALICE, "FREQ=WEEKLY;BYDAY=MO,SA;COUNT=4"),
        );
        assert_eq!(booked.booked.len(), 2);
        assert!(booked.skipped.iter().all(|o| matches!(
            &o.refusal,
            Some(BookingRefusal::Invalid(errors)) if errors.has_field("starts_at")
        )));
    }

    #[test]
    fn a_series_no_visit_of_which_can_be_booked_is_refused() {
        let store = clinic();
        store.change(|w| {
            w.works_at.remove(&(GP, OFFICE));
        });
        let refused = block_on(book_series(
            &staff(),
            weekly(ALICE, "FREQ=WEEKLY;COUNT=2"),
            &clock(),
            &store,
        ))
        .unwrap_err();
        assert!(
            matches!(&refused, SeriesError::Invalid(errors) if errors.has_field("office_id")),
            "{refused:?}"
        );
    }

    #[test]
    fn a_bad_rule_is_a_field_error_and_nothing_is_written() {
        let store = clinic();
        let refused = block_on(book_series(
            &staff(),
            weekly(ALICE, "FREQ=MONTHLY;COUNT=2"),
            &clock(),
            &store,
        ))
        .unwrap_err();
        assert!(matches!(&refused, SeriesError::Invalid(e) if e.has_field("rrule")));
        assert!(store.world().appointments.is_empty());
    }

    #[test]
    fn patients_and_admins_are_refused_before_anything_is_read() {
        let store = clinic();
        let admin = Actor {
            user_id: 1,
            role: Role::Admin,
            doctor_id: None,
            patient_id: None,
        };
        for actor in [patient(), admin] {
            for request in [
                weekly(ALICE, "FREQ=WEEKLY;COUNT=2"),
                weekly(999, "nonsense"),
            ] {
                let refused = block_on(book_series(&actor, request, &clock(), &store));
                assert_eq!(refused, Err(SeriesError::Denied(Denied::Forbidden)));
            }
        }
    }

    #[test]
    fn a_doctor_books_their_own_series_with_patients_they_treat_only() {
        let store = clinic();
        let booked = book(&store, &gp(), weekly(ALICE, "FREQ=WEEKLY;COUNT=2"));
        assert_eq!(booked.booked.len(), 2);
        let stranger = block_on(book_series(
            &gp(),
            weekly(BOB, "FREQ=WEEKLY;COUNT=2"),
            &clock(),
            &store,
        ));
        assert_eq!(
            stranger,
            Err(SeriesError::Denied(Denied::Hidden { entity: "patient" }))
        );
        let mut for_colleague = weekly(ALICE, "FREQ=WEEKLY;COUNT=2");
        for_colleague.doctor_id = OTHER_DOCTOR;
        assert_eq!(
            block_on(book_series(&gp(), for_colleague, &clock(), &store)),
            Err(SeriesError::Denied(Denied::Forbidden))
        );
    }

    #[test]
    fn structured_fields_make_the_same_rule_as_text() {
        let store = clinic();
        let mut request = weekly(ALICE, "");
        request.repeat = RepeatRule::Parts {
            frequency: Frequency::Weekly,
            interval: 2,
            by_day: vec![Weekday::Mon],
            end: SeriesEnd::Count(3),
        };
        let booked = book(&store, &staff(), request);
        assert_eq!(
            booked.series.rule,
            "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO;COUNT=3"
        );
        let starts: Vec<_> = booked.booked.iter().map(|a| a.starts_at).collect();
        assert_eq!(starts, [nine(7), nine(21), utc(2030, 2, 4, 8, 0)]);
    }
}

mod changing {
    use super::*;

    /// Alice's four weekly visits, booked by staff; returns the series' appointment ids.
    fn four_visits(store: &InMemoryScheduling) -> Vec<i32> {
        book(store, &staff(), weekly(ALICE, "FREQ=WEEKLY;COUNT=4"))
            .booked
            .iter()
            .map(|a| a.appointment_id)
            .collect()
    }

    fn statuses(store: &InMemoryScheduling, ids: &[i32]) -> Vec<AppointmentStatus> {
        let world = store.world();
        ids.iter().map(|id| world.appointments[id].status).collect()
    }

    fn cancel(id: i32, scope: SeriesScope) -> CancelInSeries {
        CancelInSeries {
            appointment_id: id,
            scope,
            reason: Some("Course finished early".into()),
        }
    }

    /// A week later than [`clock`]: the first visit lies behind.
    fn next_week() -> FixedClock {
        FixedClock::at(utc(2030, 1, 13, 6, 0))
    }

    use AppointmentStatus::{Cancelled, Completed, Scheduled};

    #[test]
    fn cancelling_this_one_cancels_only_the_chosen_visit() {
        let store = clinic();
        let ids = four_visits(&store);
        let done = block_on(cancel_in_series(
            &staff(),
            cancel(ids[1], SeriesScope::This),
            &clock(),
            &store,
        ))
        .unwrap();
        assert_eq!(done.changed.len(), 1);
        assert_eq!(
            statuses(&store, &ids),
            [Scheduled, Cancelled, Scheduled, Scheduled]
        );
    }

    #[test]
    fn cancelling_this_and_following_leaves_the_earlier_visits() {
        let store = clinic();
        let ids = four_visits(&store);
        let notified = store.world().notifications.len();
        let done = block_on(cancel_in_series(
            &staff(),
            cancel(ids[2], SeriesScope::ThisAndFollowing),
            &clock(),
            &store,
        ))
        .unwrap();
        assert_eq!(done.changed.len(), 2);
        assert_eq!(
            statuses(&store, &ids),
            [Scheduled, Scheduled, Cancelled, Cancelled]
        );
        assert_eq!(store.world().notifications.len(), notified + 2);
    }

    #[test]
    fn cancelling_the_whole_series_leaves_past_and_completed_visits_alone() {
        let store = clinic();
        let ids = four_visits(&store);
        store.change(|w| w.appointments.get_mut(&ids[0]).unwrap().status = Completed);
        let done = block_on(cancel_in_series(
            &staff(),
            cancel(ids[3], SeriesScope::WholeSeries),
            &next_week(),
            &store,
        ))
        .unwrap();
        assert_eq!(
            statuses(&store, &ids),
            [Completed, Cancelled, Cancelled, Cancelled]
        );
        assert_eq!(done.left_alone.len(), 1);
    }

    #[test]
    fn a_late_cancellation_of_a_series_needs_a_reason() {
        let store = clinic();
        let ids = four_visits(&store);
        let mut no_reason = cancel(ids[0], SeriesScope::WholeSeries);
        no_reason.reason = None;
        let refused = block_on(cancel_in_series(&staff(), no_reason, &clock(), &store));
        assert!(matches!(&refused, Err(SeriesError::Invalid(e)) if e.has_field("reason")));
        assert_eq!(statuses(&store, &ids), [Scheduled; 4]);
    }

    #[test]
    fn a_scope_beyond_one_visit_needs_a_series() {
        let store = clinic();
        let single = store.add(existing(ALICE, GP, nine(8)));
        let refused = block_on(cancel_in_series(
            &staff(),
            cancel(single, SeriesScope::WholeSeries),
            &clock(),
            &store,
        ));
        assert!(matches!(&refused, Err(SeriesError::Invalid(e)) if e.has_field("scope")));
    }

    #[test]
    fn patients_may_not_change_a_series_and_other_doctors_do_not_see_it() {
        let store = clinic();
        let ids = four_visits(&store);
        assert_eq!(
            block_on(cancel_in_series(
                &patient(),
                cancel(ids[0], SeriesScope::WholeSeries),
                &clock(),
                &store
            )),
            Err(SeriesError::Denied(Denied::Forbidden))
        );
        let colleague = Actor {
            user_id: 60,
            role: Role::Doctor,
            doctor_id: Some(OTHER_DOCTOR),
            patient_id: None,
        };
        assert_eq!(
            block_on(cancel_in_series(
                &colleague,
                cancel(ids[0], SeriesScope::WholeSeries),
                &clock(),
                &store
            )),
            Err(SeriesError::Denied(Denied::Hidden {
                entity: "appointment"
            }))
        );
        assert_eq!(statuses(&store, &ids), [Scheduled; 4]);
    }

    fn edit(id: i32, starts_at: DateTime<Utc>, all_or_nothing: bool) -> EditInSeries {
        EditInSeries {
            appointment_id: id,
            scope: SeriesScope::ThisAndFollowing,
            starts_at: Some(starts_at),
            duration: None,
            reason: None,
            all_or_nothing,
        }
    }

    #[test]
    fn editing_this_and_following_moves_each_by_the_same_local_time_and_skips_a_conflict() {
        let store = clinic();
        let ids = four_visits(&store);
        // Bob holds 10:30 on the 28th.
        store.add(existing(BOB, GP, utc(2030, 1, 28, 9, 30)));
        let done = block_on(edit_in_series(
            &staff(),
            edit(ids[1], utc(2030, 1, 14, 9, 30), false),
            &clock(),
            &store,
        ))
        .unwrap();
        let world = store.world();
        let starts: Vec<_> = ids
            .iter()
            .map(|id| world.appointments[id].starts_at)
            .collect();
        assert_eq!(
            starts,
            [
                nine(7),
                utc(2030, 1, 14, 9, 30),
                utc(2030, 1, 21, 9, 30),
                nine(28)
            ]
        );
        assert_eq!(done.changed.len(), 2);
        assert!(matches!(
            &done.left_alone[..],
            [LeftAlone::Refused { occurrence, .. }] if matches!(occurrence.refusal, Some(BookingRefusal::SlotTaken { .. }))
        ));
    }

    #[test]
    fn an_all_or_nothing_edit_changes_nothing_when_one_visit_cannot_move() {
        let store = clinic();
        let ids = four_visits(&store);
        store.add(existing(BOB, GP, utc(2030, 1, 28, 9, 30)));
        let refused = block_on(edit_in_series(
            &staff(),
            edit(ids[1], utc(2030, 1, 14, 9, 30), true),
            &clock(),
            &store,
        ));
        assert!(matches!(refused, Err(SeriesError::Unbookable { .. })));
        let world = store.world();
        let starts: Vec<_> = ids
            .iter()
            .map(|id| world.appointments[id].starts_at)
            .collect();
        assert_eq!(starts, [nine(7), nine(14), nine(21), nine(28)]);
    }

    #[test]
    fn moving_a_series_a_day_later_is_not_blocked_by_its_own_visits() {
        let store = clinic();
        let ids = book(&store, &staff(), weekly(ALICE, "FREQ=DAILY;COUNT=3"))
            .booked
            .iter()
            .map(|a| a.appointment_id)
            .collect::<Vec<_>>();
        let mut whole = edit(ids[0], nine(8), true);
        whole.scope = SeriesScope::WholeSeries;
        block_on(edit_in_series(&staff(), whole, &clock(), &store)).unwrap();
        let world = store.world();
        let starts: Vec<_> = ids
            .iter()
            .map(|id| world.appointments[id].starts_at)
            .collect();
        assert_eq!(starts, [nine(8), nine(9), nine(10)]);
    }

    #[test]
    fn a_series_is_seen_by_its_patient_and_hidden_from_others() {
        let store = clinic();
        let booked = book(&store, &staff(), weekly(ALICE, "FREQ=WEEKLY;COUNT=2"));
        let id = booked.series.series_id;
        let seen = block_on(view_series(&patient(), id, &store)).unwrap();
        assert_eq!(seen.occurrences.len(), 2);
        assert_eq!(seen.time_zone, "Europe/Berlin");
        let bob = Actor {
            user_id: 80,
            role: Role::Patient,
            doctor_id: None,
            patient_id: Some(BOB),
        };
        let hidden = Err(SeriesError::Denied(Denied::Hidden { entity: "series" }));
        assert_eq!(block_on(view_series(&bob, id, &store)), hidden);
        assert_eq!(block_on(view_series(&staff(), 9999, &store)), hidden);
    }
}
