//! Free appointment slots: working time cut into equal pieces, minus what is booked.

use chrono::{DateTime, Duration, Utc};

use crate::values::TimeRange;

/// The free slots of `slot_minutes` within `hours_in_utc`, sorted by start.
///
/// Each working range is cut into consecutive slots from its start; a tail shorter than a slot
/// is dropped. A slot is left out if it overlaps any `busy` range (half-open, so a slot ending
/// when a busy range starts is free) or starts before `not_before` (e.g. now, or now plus a
/// booking notice). `slot_minutes == 0` yields no slots.
pub fn free_slots(
    hours_in_utc: &[TimeRange],
    busy: &[TimeRange],
    slot_minutes: u32,
    not_before: DateTime<Utc>,
) -> Vec<TimeRange> {
    if slot_minutes == 0 {
        return Vec::new();
    }
    let step = Duration::minutes(i64::from(slot_minutes));
    let mut slots = Vec::new();
    for working in hours_in_utc {
        let mut start = working.start();
        while start + step <= working.end() {
            if let Ok(slot) = TimeRange::new(start, start + step)
                && slot.start() >= not_before
                && !busy.iter().any(|b| b.overlaps(&slot))
            {
                slots.push(slot);
            }
            start += step;
        }
    }
    slots.sort();
    slots.dedup();
    slots
}

/// True if `appointment` lies entirely within working time. Blocks that touch or overlap
/// (09:00–12:00 and 12:00–17:00) count as one stretch, so an appointment may span them.
pub fn is_within_working_hours(appointment: &TimeRange, hours_in_utc: &[TimeRange]) -> bool {
    let mut sorted = hours_in_utc.to_vec();
    sorted.sort();
    let mut stretches: Vec<TimeRange> = Vec::with_capacity(sorted.len());
    for block in sorted {
        match stretches.last_mut() {
            Some(last) if block.start() <= last.end() => {
                if let Ok(joined) = TimeRange::new(last.start(), last.end().max(block.end())) {
                    *last = joined;
                }
            }
            _ => stretches.push(block),
        }
    }
    stretches.iter().any(|s| s.covers(appointment))
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    fn at(hour: u32, minute: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2030, 7, 1, hour, minute, 0).unwrap()
    }

    fn range(from: (u32, u32), to: (u32, u32)) -> TimeRange {
        TimeRange::new(at(from.0, from.1), at(to.0, to.1)).unwrap()
    }

    fn starts(slots: &[TimeRange]) -> Vec<(u32, u32)> {
        use chrono::Timelike;
        slots
            .iter()
            .map(|s| (s.start().hour(), s.start().minute()))
            .collect()
    }

    #[test]
    fn working_hours_are_cut_into_slots_and_a_short_tail_is_dropped() {
        let slots = free_slots(&[range((9, 0), (10, 10))], &[], 30, at(0, 0));
        assert_eq!(starts(&slots), [(9, 0), (9, 30)]);
    }

    #[test]
    fn slots_overlapping_a_busy_range_are_dropped() {
        let busy = [range((9, 15), (9, 45))];
        let slots = free_slots(&[range((9, 0), (11, 0))], &busy, 30, at(0, 0));
        assert_eq!(starts(&slots), [(10, 0), (10, 30)]);
    }

    #[test]
    fn a_slot_touching_a_busy_range_is_still_free() {
        let busy = [range((9, 30), (10, 0))];
        let slots = free_slots(&[range((9, 0), (10, 30))], &busy, 30, at(0, 0));
        assert_eq!(starts(&slots), [(9, 0), (10, 0)]);
    }

    #[test]
    fn slots_starting_before_not_before_are_dropped() {
        let slots = free_slots(&[range((9, 0), (11, 0))], &[], 30, at(9, 45));
        assert_eq!(starts(&slots), [(10, 0), (10, 30)]);
        let exact = free_slots(&[range((9, 0), (10, 0))], &[], 30, at(9, 30));
        assert_eq!(starts(&exact), [(9, 30)]);
    }

    #[test]
    fn slots_of_several_working_ranges_come_out_in_order() {
        let hours = [range((14, 0), (15, 0)), range((9, 0), (10, 0))];
        let slots = free_slots(&hours, &[], 60, at(0, 0));
        assert_eq!(starts(&slots), [(9, 0), (14, 0)]);
    }

    #[test]
    fn a_zero_minute_slot_yields_nothing() {
        assert!(free_slots(&[range((9, 0), (10, 0))], &[], 0, at(0, 0)).is_empty());
    }

    #[test]
    fn an_appointment_must_lie_inside_working_time() {
        let hours = [range((9, 0), (12, 0)), range((13, 0), (17, 0))];
        assert!(is_within_working_hours(&range((9, 0), (12, 0)), &hours));
        assert!(!is_within_working_hours(&range((8, 30), (9, 30)), &hours));
        assert!(!is_within_working_hours(&range((11, 30), (13, 30)), &hours));
    }

    #[test]
    fn an_appointment_may_span_two_touching_blocks() {
        let hours = [range((12, 0), (17, 0)), range((9, 0), (12, 0))];
        assert!(is_within_working_hours(&range((11, 30), (12, 30)), &hours));
    }
}
