//! The engine: local rules become UTC open time per day, correct across daylight-saving
//! changes, and free slots and booking checks are read off it.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Utc};

use super::model::{AvailabilityInput, BlockKind, Blocked, DayPlan, ExceptionKind, LocalHours};
use crate::scheduling::slots::free_slots;
use crate::values::{OfficeZone, TimeRange};

/// The longest a local clock can jump (no zone skips more than a few hours).
const LONGEST_GAP_MINUTES: i64 = 24 * 60;

/// The plan of each local date from `from` to `to` (both included) of one doctor at one
/// office: weekly hours, replaced by the date's replaced hours if it has any, plus its extra
/// hours, nothing on a day off; minus the doctor's time off and the office's closures.
///
/// Local times are read on the office's wall clock: a block covers every instant whose
/// local time lies in it. A block starting in the hour skipped when clocks go forward opens
/// when the clock resumes; a block ending in the hour repeated when clocks go back ends at
/// its second pass. So 01:00–04:00 lasts two hours on a spring-forward night and 01:00–03:00
/// three hours on a fall-back night. Empty when `from > to`; the caller bounds the span.
#[must_use]
pub fn plan_days(input: &AvailabilityInput, from: NaiveDate, to: NaiveDate) -> Vec<DayPlan> {
    from.iter_days()
        .take_while(|date| *date <= to)
        .filter_map(|date| plan_day(input, date))
        .collect()
}

fn plan_day(input: &AvailabilityInput, date: NaiveDate) -> Option<DayPlan> {
    let zone = input.zone;
    let day = TimeRange::new(day_start(zone, date)?, day_start(zone, date.succ_opt()?)?).ok()?;
    let on_date: Vec<&ExceptionKind> = input
        .exceptions
        .iter()
        .filter(|e| e.date == date)
        .map(|e| &e.kind)
        .collect();
    let mut blocked = Vec::new();
    let day_off = input
        .exceptions
        .iter()
        .find(|e| e.date == date && e.kind == ExceptionKind::DayOff);
    let mut hours: Vec<LocalHours> = Vec::new();
    if let Some(off) = day_off {
        blocked.push(Blocked {
            range: day,
            kind: BlockKind::DayOff,
            label: off.note.clone(),
        });
    } else {
        let replaced: Vec<LocalHours> = on_date
            .iter()
            .filter_map(|k| match k {
                ExceptionKind::ReplacedHours(h) => Some(*h),
                _ => None,
            })
            .collect();
        if replaced.is_empty() {
            hours.extend(
                input
                    .weekly_hours
                    .iter()
                    .filter(|w| w.weekday() == date.weekday())
                    .filter_map(|w| LocalHours::new(w.start(), w.end()).ok()),
            );
        } else {
            hours.extend(replaced);
        }
        hours.extend(on_date.iter().filter_map(|k| match k {
            ExceptionKind::ExtraHours(h) => Some(*h),
            _ => None,
        }));
    }
    let mut open = merge(
        hours
            .iter()
            .filter_map(|h| {
                let start = wall_clock_start(zone, date.and_time(h.start()))?;
                let end = wall_clock_end(zone, date.and_time(h.end()))?;
                TimeRange::new(start, end).ok()
            })
            .collect(),
    );
    for closure in input.closures.iter().filter(|c| c.covers(date)) {
        blocked.push(Blocked {
            range: day,
            kind: BlockKind::Closure,
            label: Some(closure.label.clone()),
        });
        open.clear();
    }
    for away in &input.time_off {
        if let Some(clipped) = intersect(&away.range, &day) {
            blocked.push(Blocked {
                range: clipped,
                kind: BlockKind::TimeOff,
                label: away.reason.clone(),
            });
            open = subtract(&open, &clipped);
        }
    }
    blocked.sort_by_key(|b| (b.range, b.kind.as_str()));
    Some(DayPlan {
        date,
        day,
        open,
        blocked,
    })
}

/// The instant local midnight of `date` begins (or, where midnight is skipped, when the
/// day's clock starts).
fn day_start(zone: OfficeZone, date: NaiveDate) -> Option<DateTime<Utc>> {
    wall_clock_start(zone, date.and_time(NaiveTime::MIN))
}

/// The first instant whose wall-clock time is `local` or later: `local` itself, or, in a
/// skipped hour, the moment the clock resumes. An ambiguous time takes its first pass.
fn wall_clock_start(zone: OfficeZone, local: NaiveDateTime) -> Option<DateTime<Utc>> {
    zone.to_utc(local).or_else(|| first_after_gap(zone, local))
}

/// The end of a block ending at `local`: its last pass when the hour repeats, the moment the
/// clock resumes when it is skipped.
fn wall_clock_end(zone: OfficeZone, local: NaiveDateTime) -> Option<DateTime<Utc>> {
    zone.to_utc_latest(local)
        .or_else(|| first_after_gap(zone, local))
}

fn first_after_gap(zone: OfficeZone, local: NaiveDateTime) -> Option<DateTime<Utc>> {
    (1..=LONGEST_GAP_MINUTES)
        .map(|m| local + Duration::minutes(m))
        .find_map(|later| zone.to_utc(later))
}

/// Sorted, joined ranges: overlapping or touching ranges become one.
fn merge(mut ranges: Vec<TimeRange>) -> Vec<TimeRange> {
    ranges.sort();
    let mut joined: Vec<TimeRange> = Vec::with_capacity(ranges.len());
    for range in ranges {
        match joined.last_mut() {
            Some(last) if range.start() <= last.end() => {
                if let Ok(wider) = TimeRange::new(last.start(), last.end().max(range.end())) {
                    *last = wider;
                }
            }
            _ => joined.push(range),
        }
    }
    joined
}

fn intersect(a: &TimeRange, b: &TimeRange) -> Option<TimeRange> {
    TimeRange::new(a.start().max(b.start()), a.end().min(b.end())).ok()
}

fn subtract(open: &[TimeRange], cut: &TimeRange) -> Vec<TimeRange> {
    let mut left = Vec::with_capacity(open.len() + 1);
    for range in open {
        if !range.overlaps(cut) {
            left.push(*range);
            continue;
        }
        if let Ok(before) = TimeRange::new(range.start(), cut.start()) {
            left.push(before);
        }
        if let Ok(after) = TimeRange::new(cut.end(), range.end()) {
            left.push(after);
        }
    }
    left
}

/// The free slots of `slot_minutes` in the plans' open time, minus `busy` (the doctor's
/// active appointments), from `not_before` on, in time order. Each open stretch is cut from
/// its start; a tail shorter than a slot is dropped.
#[must_use]
pub fn free_slots_in(
    plans: &[DayPlan],
    busy: &[TimeRange],
    slot_minutes: u32,
    not_before: DateTime<Utc>,
) -> Vec<TimeRange> {
    let open: Vec<TimeRange> = plans.iter().flat_map(|p| p.open.iter().copied()).collect();
    free_slots(&merge(open), busy, slot_minutes, not_before)
}

/// Why the engine has no open time for a range.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unavailable {
    /// The office is closed that day; the label is public.
    Closed { label: String },
    /// The doctor is away (time off, or a day off by a dated exception). The reason is not
    /// carried: it is never told to whoever books.
    Away,
    /// Simply outside the doctor's hours at the office.
    OutsideHours,
}

impl Unavailable {
    /// Whether the front desk may book over it with an overbooking reason: closures and time
    /// off yes (the "staff may still overbook"); plain hours stay a hard rule.
    #[must_use]
    pub fn may_be_overbooked(&self) -> bool {
        !matches!(self, Self::OutsideHours)
    }

    /// The field error's wording, safe for anyone to read.
    #[must_use]
    pub fn message(&self) -> String {
        match self {
            Self::Closed { label } => format!("the office is closed that day: {label}"),
            Self::Away => "the doctor is away then".to_owned(),
            Self::OutsideHours => {
                "the appointment must lie within the doctor's working hours".to_owned()
            }
        }
    }
}

/// The local dates a UTC range may touch at any office (zones reach ±14 h).
#[must_use]
pub fn dates_around(range: &TimeRange) -> (NaiveDate, NaiveDate) {
    (
        (range.start() - Duration::days(1)).date_naive(),
        (range.end() + Duration::days(1)).date_naive(),
    )
}

/// Whether `range` lies entirely within open time, and if not, why: outside the hours the
/// doctor would work without time off, closures and days off; else a closure; else away.
///
/// # Errors
/// The [`Unavailable`] reason.
pub fn check_open(input: &AvailabilityInput, range: &TimeRange) -> Result<(), Unavailable> {
    let (from, to) = dates_around(range);
    let plans = plan_days(input, from, to);
    if covered(&plans, range) {
        return Ok(());
    }
    let unblocked = AvailabilityInput {
        zone: input.zone,
        weekly_hours: input.weekly_hours.clone(),
        exceptions: input
            .exceptions
            .iter()
            .filter(|e| e.kind != ExceptionKind::DayOff)
            .cloned()
            .collect(),
        time_off: Vec::new(),
        closures: Vec::new(),
    };
    if !covered(&plan_days(&unblocked, from, to), range) {
        return Err(Unavailable::OutsideHours);
    }
    let touching = plans
        .iter()
        .flat_map(|p| &p.blocked)
        .filter(|b| b.range.overlaps(range));
    let mut away = false;
    for block in touching {
        match block.kind {
            BlockKind::Closure => {
                return Err(Unavailable::Closed {
                    label: block.label.clone().unwrap_or_default(),
                });
            }
            BlockKind::TimeOff | BlockKind::DayOff => away = true,
        }
    }
    if away {
        Err(Unavailable::Away)
    } else {
        Err(Unavailable::OutsideHours)
    }
}

fn covered(plans: &[DayPlan], range: &TimeRange) -> bool {
    merge(plans.iter().flat_map(|p| p.open.iter().copied()).collect())
        .iter()
        .any(|o| o.covers(range))
}
