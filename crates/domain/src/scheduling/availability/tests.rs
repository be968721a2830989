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

mod use_cases {
    use async_trait::async_trait;
    use chrono::{TimeZone, Utc};

    use super::super::*;
    use super::{date, every_day, utc};
    use crate::access::{Actor, Denied};
    use crate::identity::Role;
    use crate::referral::ApprovalStatus;
    use crate::scheduling::{AppointmentDuration, VisitTypeFacts};
    use crate::store::{StoreError, StoreResult};
    use crate::testing::block_on;
    use crate::values::TimeRange;
    use crate::{Clock, FixedClock};

    /// One office in UTC with one doctor working 09:00–12:00 every day, a closure on
    /// 2026-06-16 and time off 10:00–11:00 on 2026-06-15; it fails any write.
    struct OneOffice;

    fn closures() -> Vec<Closure> {
        vec![Closure {
            first_day: date(2026, 6, 16),
            last_day: date(2026, 6, 16),
            label: "Holiday".into(),
        }]
    }

    fn rules() -> DoctorRules {
        DoctorRules {
            weekly_hours: every_day(9, 12),
            exceptions: vec![],
            time_off: vec![TimeOff {
                range: TimeRange::new(utc(2026, 6, 15, 10, 0), utc(2026, 6, 15, 11, 0)).unwrap(),
                reason: Some("private".into()),
            }],
        }
    }

    #[async_trait]
    impl AvailabilityStore for OneOffice {
        async fn slot_facts(&self, _: i32, _: i32, _: &TimeRange) -> StoreResult<SlotListingFacts> {
            Ok(SlotListingFacts {
                time_zone: "UTC".into(),
                input: rules().at_office(crate::values::OfficeZone::UTC, &closures()),
                busy: vec![],
            })
        }
        async fn calendar_facts(
            &self,
            _: i32,
            doctor: Option<i32>,
            _: &TimeRange,
        ) -> StoreResult<CalendarFacts> {
            Ok(CalendarFacts {
                office_name: "Main".into(),
                time_zone: "UTC".into(),
                closures: closures(),
                doctors: [5, 6]
                    .into_iter()
                    .filter(|d| doctor.is_none_or(|asked| asked == *d))
                    .map(|doctor_id| CalendarDoctorFacts {
                        doctor_id,
                        name: format!("Doctor {doctor_id}"),
                        specialty_name: "Family Medicine".into(),
                        rules: rules(),
                    })
                    .collect(),
                appointments: vec![],
            })
        }
        async fn calendar_version(
            &self,
            office: i32,
            doctor: Option<i32>,
            _: &TimeRange,
        ) -> StoreResult<String> {
            Ok(format!("office {office} doctor {doctor:?}"))
        }
        async fn list_closures(&self, _: i32) -> StoreResult<Vec<ClosureRecord>> {
            Err(StoreError::Unavailable)
        }
        async fn add_closure(&self, _: i32, _: i32, _: &Closure) -> StoreResult<ClosureRecord> {
            Err(StoreError::Unavailable)
        }
        async fn remove_closure(&self, _: i32, _: i32, _: i32) -> StoreResult<()> {
            Err(StoreError::Unavailable)
        }
        async fn list_time_off(&self, _: i32) -> StoreResult<Vec<TimeOffRecord>> {
            Err(StoreError::Unavailable)
        }
        async fn add_time_off(&self, _: i32, _: i32, _: &TimeOff) -> StoreResult<TimeOffRecord> {
            Err(StoreError::Unavailable)
        }
        async fn remove_time_off(&self, _: i32, _: i32, _: i32) -> StoreResult<()> {
            Err(StoreError::Unavailable)
        }
        async fn list_exceptions(&self, _: i32) -> StoreResult<Vec<ExceptionRecord>> {
            Err(StoreError::Unavailable)
        }
        async fn add_exception(
            &self,
            _: i32,
            _: i32,
            _: i32,
            _: &ScheduleException,
        ) -> StoreResult<ExceptionRecord> {
            Err(StoreError::Unavailable)
        }
        async fn remove_exception(&self, _: i32, _: i32, _: i32) -> StoreResult<()> {
            Err(StoreError::Unavailable)
        }
        /// Doctor 5 (Family Medicine) and doctor 6 (Cardiology, by referral; busy 11:00–12:00
        /// on 2026-06-15) at the office; patient 7 has a visit 09:00–09:30 that day (and a
        /// pending request for doctor 6), patient 8 is nobody's; visit types 31 (45 minutes)
        /// and 32 (Cardiology, 60 minutes).
        async fn search_facts(&self, query: &SearchFactsQuery) -> StoreResult<SearchFacts> {
            let visit_type = |id, minutes, specialty_id: Option<i32>| VisitTypeFacts {
                visit_type_id: id,
                name: format!("Type {id}"),
                colour: "#2563eb".into(),
                duration: AppointmentDuration::new(minutes).unwrap(),
                specialty_id,
                specialty_name: specialty_id.map(|_| "Cardiology".into()),
                active: true,
            };
            let patient = |treated_by_actor, busy| SearchPatient {
                treated_by_actor,
                busy,
            };
            let at = |h, m| utc(2026, 6, 15, h, m);
            let candidate = |doctor_id, specialty_id, specialty: &str, busy| SlotCandidate {
                doctor_id,
                doctor_name: format!("Doctor {doctor_id}"),
                specialty_id,
                specialty_name: specialty.into(),
                office_id: 1,
                office_name: "Main".into(),
                time_zone: "UTC".into(),
                input: rules().at_office(crate::values::OfficeZone::UTC, &closures()),
                busy,
                referral: query.patient_id.map(|_| ReferralFacts {
                    requires_referral: doctor_id == 6,
                    in_care_team: false,
                    approved: false,
                    latest_request: Some(ApprovalStatus::Pending),
                }),
            };
            Ok(SearchFacts {
                visit_type: match query.visit_type_id {
                    Some(31) => Some(visit_type(31, 45, None)),
                    Some(32) => Some(visit_type(32, 60, Some(4))),
                    _ => None,
                },
                patient: match query.patient_id {
                    Some(7) => Some(patient(
                        query.actor_doctor_id == Some(5),
                        vec![TimeRange::new(at(9, 0), at(9, 30)).unwrap()],
                    )),
                    Some(8) => Some(patient(false, vec![])),
                    _ => None,
                },
                candidates: [
                    candidate(5, 1, "Family Medicine", vec![]),
                    candidate(
                        6,
                        4,
                        "Cardiology",
                        vec![TimeRange::new(at(11, 0), at(12, 0)).unwrap()],
                    ),
                ]
                .into_iter()
                .filter(|c| query.doctor_id.is_none_or(|d| d == c.doctor_id))
                .filter(|c| query.specialty_id.is_none_or(|s| s == c.specialty_id))
                .collect(),
            })
        }
    }

    fn actor(role: Role) -> Actor {
        Actor {
            user_id: 10,
            role,
            doctor_id: (role == Role::Doctor).then_some(5),
            patient_id: (role == Role::Patient).then_some(7),
        }
    }

    fn clock() -> FixedClock {
        FixedClock::at(Utc.with_ymd_and_hms(2026, 6, 1, 0, 0, 0).unwrap())
    }

    #[test]
    fn listed_slots_leave_out_time_off_and_closures() {
        let query = ListFreeSlots {
            doctor_id: 5,
            office_id: 1,
            from: date(2026, 6, 15),
            to: date(2026, 6, 16),
            slot_minutes: 60,
        };
        let free = block_on(list_free_slots(query, &clock(), &OneOffice)).unwrap();
        let starts: Vec<_> = free.slots.iter().map(TimeRange::start).collect();
        assert_eq!(starts, [utc(2026, 6, 15, 9, 0), utc(2026, 6, 15, 11, 0)]);
        assert!(clock().now() < starts[0]);
    }

    #[test]
    fn slot_queries_are_bounded() {
        let query = |to, slot_minutes| ListFreeSlots {
            doctor_id: 5,
            office_id: 1,
            from: date(2026, 6, 15),
            to,
            slot_minutes,
        };
        for bad in [
            query(date(2026, 6, 14), 30),
            query(date(2026, 7, 17), 30),
            query(date(2026, 6, 15), 4),
        ] {
            assert!(matches!(
                block_on(list_free_slots(bad, &clock(), &OneOffice)),
                Err(SlotsError::Invalid(_))
            ));
        }
    }

    #[test]
    fn the_calendar_shows_a_doctor_only_themself_and_staff_everyone() {
        let query = CalendarQuery {
            office_id: 1,
            from: date(2026, 6, 15),
            days: 2,
            doctor_id: None,
        };
        let staff = block_on(read_calendar(&actor(Role::Staff), query, &OneOffice)).unwrap();
        assert_eq!(staff.doctors.len(), 2);
        assert_eq!(staff.doctors[0].days.len(), 2);
        assert_eq!(staff.doctors[0].days[1].blocked[0].kind, BlockKind::Closure);
        let own = block_on(read_calendar(&actor(Role::Doctor), query, &OneOffice)).unwrap();
        assert_eq!(
            own.doctors.iter().map(|d| d.doctor_id).collect::<Vec<_>>(),
            [5]
        );
        let other = CalendarQuery {
            doctor_id: Some(6),
            ..query
        };
        assert!(matches!(
            block_on(read_calendar(&actor(Role::Doctor), other, &OneOffice)),
            Err(CalendarError::Denied(Denied::Forbidden))
        ));
        assert!(matches!(
            block_on(read_calendar(&actor(Role::Patient), query, &OneOffice)),
            Err(CalendarError::Denied(Denied::Forbidden))
        ));
        let too_long = CalendarQuery { days: 8, ..query };
        assert!(matches!(
            block_on(read_calendar(&actor(Role::Staff), too_long, &OneOffice)),
            Err(CalendarError::Invalid(_))
        ));
    }

    #[test]
    fn the_live_version_is_scoped_and_refused_as_the_calendar_is() {
        let query = CalendarQuery {
            office_id: 1,
            from: date(2026, 6, 15),
            days: 1,
            doctor_id: None,
        };
        let staff = block_on(calendar_version(&actor(Role::Staff), query, &OneOffice)).unwrap();
        assert_eq!(staff, "office 1 doctor None");
        // A doctor's token is of their own column only, asked for or not.
        let own = block_on(calendar_version(&actor(Role::Doctor), query, &OneOffice)).unwrap();
        assert_eq!(own, "office 1 doctor Some(5)");
        let other = CalendarQuery {
            doctor_id: Some(6),
            ..query
        };
        assert!(matches!(
            block_on(calendar_version(&actor(Role::Doctor), other, &OneOffice)),
            Err(CalendarError::Denied(Denied::Forbidden))
        ));
        assert!(matches!(
            block_on(calendar_version(&actor(Role::Patient), query, &OneOffice)),
            Err(CalendarError::Denied(Denied::Forbidden))
        ));
        let too_long = CalendarQuery { days: 8, ..query };
        assert!(matches!(
            block_on(calendar_version(&actor(Role::Staff), too_long, &OneOffice)),
            Err(CalendarError::Invalid(_))
        ));
    }

    #[test]
    fn patients_and_other_doctors_are_refused_time_off_before_the_store_is_asked() {
        for role in [Role::Patient, Role::Doctor] {
            assert!(matches!(
                block_on(list_time_off(&actor(role), 6, &OneOffice)),
                Err(ManageAvailabilityError::Denied(Denied::Forbidden))
            ));
        }
        assert!(matches!(
            block_on(add_closure(
                &actor(Role::Doctor),
                AddClosure {
                    office_id: 1,
                    first_day: date(2026, 6, 1),
                    last_day: date(2026, 6, 1),
                    label: "x".into()
                },
                &OneOffice
            )),
            Err(ManageAvailabilityError::Denied(Denied::Forbidden))
        ));
    }

    #[test]
    fn wrong_ranges_and_labels_are_refused_by_field() {
        let staff = actor(Role::Staff);
        let reversed = AddClosure {
            office_id: 1,
            first_day: date(2026, 6, 2),
            last_day: date(2026, 6, 1),
            label: "  ".into(),
        };
        match block_on(add_closure(&staff, reversed, &OneOffice)) {
            Err(ManageAvailabilityError::Invalid(errors)) => {
                assert!(
                    errors.has_field("label") && errors.has_field("last_day"),
                    "{errors}"
                );
            }
            other => panic!("expected invalid fields, got {other:?}"),
        }
        let backwards = AddTimeOff {
            doctor_id: 5,
            starts_at: utc(2026, 6, 2, 0, 0),
            ends_at: utc(2026, 6, 1, 0, 0),
            reason: None,
        };
        match block_on(add_time_off(&staff, backwards, &OneOffice)) {
            Err(ManageAvailabilityError::Invalid(errors)) => assert!(errors.has_field("ends_at")),
            other => panic!("expected invalid fields, got {other:?}"),
        }
    }

    fn search(patient_id: Option<i32>) -> SlotSearch {
        SlotSearch {
            doctor_id: None,
            office_id: None,
            specialty_id: None,
            visit_type_id: None,
            patient_id,
            from: date(2026, 6, 15),
            to: date(2026, 6, 15),
            slot_minutes: None,
            limit: 50,
        }
    }

    fn found(actor: &Actor, query: SlotSearch) -> Vec<(u32, u32, i32)> {
        use chrono::Timelike;
        block_on(search_free_slots(actor, query, &clock(), &OneOffice))
            .unwrap()
            .slots
            .iter()
            .map(|s| {
                (
                    s.range.start().hour(),
                    s.range.start().minute(),
                    s.doctor_id,
                )
            })
            .collect()
    }

    #[test]
    fn first_available_merges_every_doctor_by_start_around_the_patients_own_visits() {
        assert_eq!(
            found(&actor(Role::Staff), search(Some(7))),
            [(9, 30, 5), (9, 30, 6), (11, 0, 5), (11, 30, 5)]
        );
        assert_eq!(
            found(&actor(Role::Staff), search(None)),
            [
                (9, 0, 5),
                (9, 0, 6),
                (9, 30, 5),
                (9, 30, 6),
                (11, 0, 5),
                (11, 30, 5)
            ],
            "without a patient only the doctors' own visits are busy"
        );
        let first = SlotSearch {
            limit: 1,
            ..search(Some(7))
        };
        assert_eq!(found(&actor(Role::Staff), first), [(9, 30, 5)]);
    }

    #[test]
    fn a_specialist_needing_a_referral_is_named_and_withheld_from_the_patient_only() {
        let patient = block_on(search_free_slots(
            &actor(Role::Patient),
            search(None),
            &clock(),
            &OneOffice,
        ))
        .unwrap();
        assert!(patient.slots.iter().all(|s| s.doctor_id == 5));
        assert_eq!(
            patient.referrals_needed,
            [ReferralNeeded {
                doctor_id: 6,
                doctor_name: "Doctor 6".into(),
                specialty_name: "Cardiology".into(),
                latest_request: Some(ApprovalStatus::Pending),
                slots_withheld: true,
            }]
        );
        let desk = block_on(search_free_slots(
            &actor(Role::Staff),
            search(Some(7)),
            &clock(),
            &OneOffice,
        ))
        .unwrap();
        assert!(!desk.referrals_needed[0].slots_withheld);
        assert!(desk.slots.iter().any(|s| s.doctor_id == 6));
    }

    #[test]
    fn a_visit_type_sets_the_length_and_its_specialty_the_doctors() {
        let consultation = SlotSearch {
            visit_type_id: Some(31),
            ..search(None)
        };
        assert_eq!(
            found(&actor(Role::Staff), consultation),
            [(9, 0, 5), (9, 0, 6), (11, 0, 5)]
        );
        let echo = SlotSearch {
            visit_type_id: Some(32),
            ..search(None)
        };
        assert_eq!(found(&actor(Role::Staff), echo), [(9, 0, 6)]);
        let by_specialty = SlotSearch {
            specialty_id: Some(1),
            slot_minutes: Some(60),
            ..search(None)
        };
        assert_eq!(
            found(&actor(Role::Staff), by_specialty),
            [(9, 0, 5), (11, 0, 5)]
        );
    }

    #[test]
    fn a_search_about_someone_elses_patient_is_hidden_and_bad_queries_are_field_errors() {
        let hidden = |who: &Actor, patient| {
            matches!(
                block_on(search_free_slots(
                    who,
                    search(Some(patient)),
                    &clock(),
                    &OneOffice
                )),
                Err(SearchSlotsError::Denied(Denied::Hidden {
                    entity: "patient"
                }))
            )
        };
        assert!(hidden(&actor(Role::Patient), 8), "another patient");
        assert!(
            hidden(&actor(Role::Doctor), 8),
            "a patient the doctor does not treat"
        );
        assert!(hidden(&actor(Role::Staff), 99), "nobody");
        assert!(!hidden(&actor(Role::Doctor), 7));
        for bad in [
            SlotSearch {
                visit_type_id: Some(99),
                ..search(None)
            },
            SlotSearch {
                limit: 0,
                ..search(None)
            },
            SlotSearch {
                to: date(2026, 6, 14),
                ..search(None)
            },
        ] {
            assert!(matches!(
                block_on(search_free_slots(
                    &actor(Role::Staff),
                    bad,
                    &clock(),
                    &OneOffice
                )),
                Err(SearchSlotsError::Invalid(_))
            ));
        }
    }
}
