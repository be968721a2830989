//! The engine against real zones: exceptions, time off, closures, overlapping rules and the
//! days clocks change.

use chrono::{DateTime, NaiveDate, NaiveTime, TimeZone, Utc, Weekday};

use super::*;
use crate::scheduling::WeeklyHours;
use crate::values::{OfficeZone, TimeRange};

fn chicago() -> OfficeZone {
    OfficeZone::parse("America/Chicago").unwrap()
}

fn t(hour: u32, minute: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(hour, minute, 0).unwrap()
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn utc(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, h, min, 0).unwrap()
}

fn range(from: DateTime<Utc>, to: DateTime<Utc>) -> TimeRange {
    TimeRange::new(from, to).unwrap()
}

fn every_day(from: u32, to: u32) -> Vec<WeeklyHours> {
    [
        Weekday::Mon,
        Weekday::Tue,
        Weekday::Wed,
        Weekday::Thu,
        Weekday::Fri,
        Weekday::Sat,
        Weekday::Sun,
    ]
    .into_iter()
    .map(|d| WeeklyHours::new(d, t(from, 0), t(to, 0)).unwrap())
    .collect()
}

fn hours(from: (u32, u32), to: (u32, u32)) -> LocalHours {
    LocalHours::new(t(from.0, from.1), t(to.0, to.1)).unwrap()
}

fn exception(day: NaiveDate, kind: ExceptionKind) -> ScheduleException {
    ScheduleException {
        date: day,
        kind,
        note: Some("note".into()),
    }
}

/// 2026-06-15 is a Monday; Chicago is UTC-5 in June.
const JUNE: (i32, u32, u32) = (2026, 6, 15);

fn june() -> NaiveDate {
    date(JUNE.0, JUNE.1, JUNE.2)
}

#[test]
fn weekly_hours_become_open_time_in_the_offices_zone() {
    let input = AvailabilityInput::weekly(chicago(), every_day(9, 17));
    let plans = plan_days(&input, june(), june());
    assert_eq!(plans.len(), 1);
    assert_eq!(
        plans[0].open,
        [range(utc(2026, 6, 15, 14, 0), utc(2026, 6, 15, 22, 0))]
    );
    assert!(plans[0].blocked.is_empty());
    assert_eq!(
        plans[0].day,
        range(utc(2026, 6, 15, 5, 0), utc(2026, 6, 16, 5, 0))
    );
}

#[test]
fn touching_and_overlapping_weekly_blocks_make_one_stretch() {
    let week = vec![
        WeeklyHours::new(Weekday::Mon, t(9, 0), t(12, 0)).unwrap(),
        WeeklyHours::new(Weekday::Mon, t(12, 0), t(14, 0)).unwrap(),
    ];
    let mut input = AvailabilityInput::weekly(OfficeZone::UTC, week);
    input.exceptions = vec![exception(
        june(),
        ExceptionKind::ExtraHours(hours((13, 0), (18, 0))),
    )];
    let plans = plan_days(&input, june(), june());
    assert_eq!(
        plans[0].open,
        [range(utc(2026, 6, 15, 9, 0), utc(2026, 6, 15, 18, 0))]
    );
}

#[test]
fn extra_hours_add_to_the_day_and_replaced_hours_replace_it() {
    let mut input = AvailabilityInput::weekly(OfficeZone::UTC, every_day(9, 17));
    let tuesday = june().succ_opt().unwrap();
    input.exceptions = vec![
        exception(june(), ExceptionKind::ExtraHours(hours((18, 0), (20, 0)))),
        exception(
            tuesday,
            ExceptionKind::ReplacedHours(hours((9, 0), (12, 0))),
        ),
        exception(
            tuesday,
            ExceptionKind::ReplacedHours(hours((14, 0), (15, 0))),
        ),
    ];
    let plans = plan_days(&input, june(), tuesday);
    assert_eq!(
        plans[0].open,
        [
            range(utc(2026, 6, 15, 9, 0), utc(2026, 6, 15, 17, 0)),
            range(utc(2026, 6, 15, 18, 0), utc(2026, 6, 15, 20, 0)),
        ]
    );
    assert_eq!(
        plans[1].open,
        [
            range(utc(2026, 6, 16, 9, 0), utc(2026, 6, 16, 12, 0)),
            range(utc(2026, 6, 16, 14, 0), utc(2026, 6, 16, 15, 0)),
        ]
    );
}

#[test]
fn extra_hours_open_a_day_without_weekly_hours() {
    let mut input = AvailabilityInput::weekly(OfficeZone::UTC, Vec::new());
    input.exceptions = vec![exception(
        june(),
        ExceptionKind::ExtraHours(hours((10, 0), (11, 0))),
    )];
    let plans = plan_days(&input, june(), june());
    assert_eq!(
        plans[0].open,
        [range(utc(2026, 6, 15, 10, 0), utc(2026, 6, 15, 11, 0))]
    );
}

#[test]
fn a_day_off_wins_over_extra_and_replaced_hours_and_blocks_the_whole_day() {
    let mut input = AvailabilityInput::weekly(chicago(), every_day(9, 17));
    input.exceptions = vec![
        exception(june(), ExceptionKind::ExtraHours(hours((18, 0), (20, 0)))),
        exception(june(), ExceptionKind::DayOff),
        exception(june(), ExceptionKind::ReplacedHours(hours((9, 0), (10, 0)))),
    ];
    let plans = plan_days(&input, june(), june());
    assert!(plans[0].open.is_empty());
    assert_eq!(plans[0].blocked.len(), 1);
    assert_eq!(plans[0].blocked[0].kind, BlockKind::DayOff);
    assert_eq!(plans[0].blocked[0].range, plans[0].day);
    // 09:15 local, inside the replaced hours the day off wins over.
    let inside = range(utc(2026, 6, 15, 14, 15), utc(2026, 6, 15, 14, 45));
    assert_eq!(check_open(&input, &inside), Err(Unavailable::Away));
}

#[test]
fn time_off_cuts_open_time_and_is_clipped_to_each_day() {
    let mut input = AvailabilityInput::weekly(OfficeZone::UTC, every_day(9, 17));
    input.time_off = vec![TimeOff {
        range: range(utc(2026, 6, 15, 12, 0), utc(2026, 6, 17, 10, 0)),
        reason: Some("surgery".into()),
    }];
    let plans = plan_days(&input, june(), date(2026, 6, 18));
    assert_eq!(
        plans[0].open,
        [range(utc(2026, 6, 15, 9, 0), utc(2026, 6, 15, 12, 0))]
    );
    assert!(plans[1].open.is_empty());
    assert_eq!(plans[1].blocked[0].range, plans[1].day);
    assert_eq!(
        plans[2].open,
        [range(utc(2026, 6, 17, 10, 0), utc(2026, 6, 17, 17, 0))]
    );
    assert!(plans[3].blocked.is_empty());
    assert_eq!(plans[0].blocked[0].label.as_deref(), Some("surgery"));
    assert_eq!(plans[0].clone().for_patients().blocked[0].label, None);
}

#[test]
fn overlapping_time_off_and_a_closure_both_show_and_nothing_is_open() {
    let mut input = AvailabilityInput::weekly(OfficeZone::UTC, every_day(9, 17));
    input.closures = vec![Closure {
        first_day: june(),
        last_day: june(),
        label: "Juneteenth (observed)".into(),
    }];
    input.time_off = vec![
        TimeOff {
            range: range(utc(2026, 6, 15, 8, 0), utc(2026, 6, 15, 11, 0)),
            reason: None,
        },
        TimeOff {
            range: range(utc(2026, 6, 15, 10, 0), utc(2026, 6, 15, 13, 0)),
            reason: None,
        },
    ];
    let plans = plan_days(&input, june(), june());
    assert!(plans[0].open.is_empty());
    let kinds: Vec<_> = plans[0].blocked.iter().map(|b| b.kind).collect();
    assert_eq!(
        kinds,
        [BlockKind::Closure, BlockKind::TimeOff, BlockKind::TimeOff]
    );
    let at_ten = range(utc(2026, 6, 15, 10, 0), utc(2026, 6, 15, 10, 30));
    assert_eq!(
        check_open(&input, &at_ten),
        Err(Unavailable::Closed {
            label: "Juneteenth (observed)".into()
        })
    );
}

#[test]
fn a_closure_covers_local_dates_in_the_offices_zone() {
    let mut input = AvailabilityInput::weekly(chicago(), every_day(9, 17));
    input.closures = vec![Closure {
        first_day: june(),
        last_day: date(2026, 6, 16),
        label: "Inventory".into(),
    }];
    let plans = plan_days(&input, date(2026, 6, 14), date(2026, 6, 17));
    let open_days: Vec<_> = plans
        .iter()
        .filter(|p| !p.open.is_empty())
        .map(|p| p.date)
        .collect();
    assert_eq!(open_days, [date(2026, 6, 14), date(2026, 6, 17)]);
    // Closed from Chicago's midnight, 05:00 UTC.
    assert_eq!(plans[1].blocked[0].range.start(), utc(2026, 6, 15, 5, 0));
}

#[test]
fn spring_forward_day_is_23_hours_and_a_block_over_the_gap_loses_an_hour() {
    // 2026-03-08: Chicago's clocks jump from 02:00 CST to 03:00 CDT.
    let sunday = date(2026, 3, 8);
    let mut input = AvailabilityInput::weekly(chicago(), Vec::new());
    input.exceptions = vec![
        exception(sunday, ExceptionKind::ExtraHours(hours((1, 0), (4, 0)))),
        exception(sunday, ExceptionKind::ExtraHours(hours((9, 0), (17, 0)))),
    ];
    let plans = plan_days(&input, sunday, sunday);
    let day = plans[0].day;
    assert_eq!(day.duration_minutes(), 23 * 60);
    assert_eq!(
        plans[0].open,
        [
            // 01:00 CST = 07:00Z to 04:00 CDT = 09:00Z: two hours of wall-clock time.
            range(utc(2026, 3, 8, 7, 0), utc(2026, 3, 8, 9, 0)),
            // 09:00 CDT = 14:00Z.
            range(utc(2026, 3, 8, 14, 0), utc(2026, 3, 8, 22, 0)),
        ]
    );
}

#[test]
fn a_block_starting_in_the_skipped_hour_opens_when_the_clock_resumes() {
    let sunday = date(2026, 3, 8);
    let mut input = AvailabilityInput::weekly(chicago(), Vec::new());
    input.exceptions = vec![exception(
        sunday,
        ExceptionKind::ExtraHours(hours((2, 30), (5, 0))),
    )];
    let plans = plan_days(&input, sunday, sunday);
    // 03:00 CDT = 08:00Z; 05:00 CDT = 10:00Z.
    assert_eq!(
        plans[0].open,
        [range(utc(2026, 3, 8, 8, 0), utc(2026, 3, 8, 10, 0))]
    );
}

#[test]
fn fall_back_day_is_25_hours_and_a_block_over_the_repeated_hour_gains_one() {
    // 2026-11-01: Chicago's clocks fall back from 02:00 CDT to 01:00 CST.
    let sunday = date(2026, 11, 1);
    let mut input = AvailabilityInput::weekly(chicago(), every_day(9, 17));
    input.exceptions = vec![exception(
        sunday,
        ExceptionKind::ExtraHours(hours((0, 30), (3, 0))),
    )];
    let plans = plan_days(&input, sunday, sunday);
    assert_eq!(plans[0].day.duration_minutes(), 25 * 60);
    assert_eq!(
        plans[0].open,
        [
            // 00:30 CDT = 05:30Z to 03:00 CST = 09:00Z: three and a half hours.
            range(utc(2026, 11, 1, 5, 30), utc(2026, 11, 1, 9, 0)),
            // 09:00 CST = 15:00Z.
            range(utc(2026, 11, 1, 15, 0), utc(2026, 11, 1, 23, 0)),
        ]
    );
}

#[test]
fn a_closure_on_a_dst_day_blocks_exactly_that_local_day() {
    let mut input = AvailabilityInput::weekly(chicago(), every_day(9, 17));
    input.closures = vec![Closure {
        first_day: date(2026, 11, 1),
        last_day: date(2026, 11, 1),
        label: "Closed".into(),
    }];
    let plans = plan_days(&input, date(2026, 10, 31), date(2026, 11, 2));
    assert!(plans[1].open.is_empty());
    assert_eq!(
        plans[1].blocked[0].range,
        range(utc(2026, 11, 1, 5, 0), utc(2026, 11, 2, 6, 0))
    );
    assert_eq!(plans[0].open.len(), 1);
    assert_eq!(
        plans[2].open,
        [range(utc(2026, 11, 2, 15, 0), utc(2026, 11, 2, 23, 0))]
    );
}

#[test]
fn free_slots_skip_closures_time_off_and_busy_times() {
    let mut input = AvailabilityInput::weekly(OfficeZone::UTC, every_day(9, 12));
    input.time_off = vec![TimeOff {
        range: range(utc(2026, 6, 15, 10, 0), utc(2026, 6, 15, 11, 0)),
        reason: Some("dentist".into()),
    }];
    input.closures = vec![Closure {
        first_day: date(2026, 6, 16),
        last_day: date(2026, 6, 16),
        label: "Holiday".into(),
    }];
    let plans = plan_days(&input, june(), date(2026, 6, 16));
    let busy = [range(utc(2026, 6, 15, 9, 0), utc(2026, 6, 15, 9, 30))];
    let slots = free_slots_in(&plans, &busy, 30, utc(2026, 6, 1, 0, 0));
    let starts: Vec<_> = slots.iter().map(TimeRange::start).collect();
    assert_eq!(
        starts,
        [
            utc(2026, 6, 15, 9, 30),
            utc(2026, 6, 15, 11, 0),
            utc(2026, 6, 15, 11, 30)
        ]
    );
    for slot in &slots {
        assert_eq!(check_open(&input, slot), Ok(()));
    }
}

#[test]
fn the_booking_check_names_why_a_time_is_not_open() {
    let mut input = AvailabilityInput::weekly(OfficeZone::UTC, every_day(9, 12));
    input.time_off = vec![TimeOff {
        range: range(utc(2026, 6, 15, 10, 0), utc(2026, 6, 15, 11, 0)),
        reason: Some("private".into()),
    }];
    let across = range(utc(2026, 6, 15, 9, 45), utc(2026, 6, 15, 10, 15));
    assert_eq!(check_open(&input, &across), Err(Unavailable::Away));
    assert_eq!(Unavailable::Away.message(), "the doctor is away then");
    let evening = range(utc(2026, 6, 15, 19, 0), utc(2026, 6, 15, 19, 30));
    assert_eq!(check_open(&input, &evening), Err(Unavailable::OutsideHours));
    assert!(!Unavailable::OutsideHours.may_be_overbooked());
    assert!(Unavailable::Away.may_be_overbooked());
    let morning = range(utc(2026, 6, 15, 9, 0), utc(2026, 6, 15, 10, 0));
    assert_eq!(check_open(&input, &morning), Ok(()));
}

#[test]
fn an_appointment_may_span_joined_blocks_but_not_a_gap() {
    let input = AvailabilityInput::weekly(
        OfficeZone::UTC,
        vec![
            WeeklyHours::new(Weekday::Mon, t(9, 0), t(12, 0)).unwrap(),
            WeeklyHours::new(Weekday::Mon, t(12, 0), t(13, 0)).unwrap(),
            WeeklyHours::new(Weekday::Mon, t(14, 0), t(15, 0)).unwrap(),
        ],
    );
    let over_noon = range(utc(2026, 6, 15, 11, 30), utc(2026, 6, 15, 12, 30));
    assert_eq!(check_open(&input, &over_noon), Ok(()));
    let over_gap = range(utc(2026, 6, 15, 12, 30), utc(2026, 6, 15, 14, 30));
    assert_eq!(
        check_open(&input, &over_gap),
        Err(Unavailable::OutsideHours)
    );
}

#[test]
fn exception_kinds_parse_from_their_stored_names() {
    assert_eq!(
        ExceptionKind::parse("day_off", None, None),
        Ok(ExceptionKind::DayOff)
    );
    assert!(ExceptionKind::parse("day_off", Some(t(9, 0)), None).is_err());
    assert!(ExceptionKind::parse("extra_hours", Some(t(9, 0)), None).is_err());
    assert!(ExceptionKind::parse("extra_hours", Some(t(10, 0)), Some(t(9, 0))).is_err());
    assert!(ExceptionKind::parse("holiday", None, None).is_err());
    let kind = ExceptionKind::parse("replaced_hours", Some(t(9, 0)), Some(t(12, 0))).unwrap();
    assert_eq!(kind.as_str(), "replaced_hours");
    assert_eq!(kind.hours(), Some(hours((9, 0), (12, 0))));
}

#[test]
fn an_empty_span_gives_no_days() {
    let input = AvailabilityInput::weekly(OfficeZone::UTC, every_day(9, 17));
    assert!(plan_days(&input, june(), date(2026, 6, 14)).is_empty());
}
