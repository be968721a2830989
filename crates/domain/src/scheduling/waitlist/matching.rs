//! Which waiting entries a freed slot is offered to, and for how long. Pure functions.

use chrono::{DateTime, Datelike, Duration, Utc};

use super::model::{
    EntryLife, EntryStatus, MAX_OFFERS_PER_SLOT, OFFER_HOURS, Preferences, Urgency,
};
use crate::values::{OfficeZone, TimeRange};

/// A slot a cancellation freed: the cancelled visit's doctor, office and time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FreedSlot {
    /// The cancelled appointment: the offers of one slot are grouped by it.
    pub source_appointment_id: i32,
    /// The patient who cancelled: never offered their own slot back.
    pub freed_by_patient: i32,
    pub doctor_id: i32,
    pub office_id: i32,
    pub range: TimeRange,
    /// The office's zone: preferences are local to it.
    pub zone: OfficeZone,
}

/// An entry waiting for the slot's doctor, as the store reads it for matching.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WaitingEntry {
    pub entry_id: i32,
    pub patient_id: i32,
    /// Who is told of an offer.
    pub patient_user_id: i32,
    pub doctor_id: i32,
    /// `None`: any office of the doctor.
    pub office_id: Option<i32>,
    pub preferences: Preferences,
    pub urgency: Urgency,
    pub life: EntryLife,
}

/// Whether `entry` wants `slot` at `now`: still waiting with no open offer (not expired,
/// withdrawn or booked), the same doctor, the office it asked for (or any), not the patient
/// who freed it, on a preferred weekday, inside the preferred window, by the latest date —
/// all on the office's wall clock.
#[must_use]
pub fn wants(entry: &WaitingEntry, slot: &FreedSlot, now: DateTime<Utc>) -> bool {
    if entry.life.status_at(now) != EntryStatus::Active
        || entry.doctor_id != slot.doctor_id
        || entry.office_id.is_some_and(|o| o != slot.office_id)
        || entry.patient_id == slot.freed_by_patient
    {
        return false;
    }
    let start = slot.zone.wall_clock(slot.range.start());
    let end = slot.zone.wall_clock(slot.range.end());
    let prefs = &entry.preferences;
    if !prefs.weekdays.is_empty() && !prefs.weekdays.contains(&start.weekday()) {
        return false;
    }
    if prefs.latest_date.is_some_and(|d| start.date() > d) {
        return false;
    }
    prefs.window.is_none_or(|w| {
        start.date() == end.date() && start.time() >= w.from() && end.time() <= w.to()
    })
}

/// The entries `slot` is offered to, in offer order: the most urgent first, then the longest
/// waiting (oldest entry), then by id; at most [`MAX_OFFERS_PER_SLOT`].
#[must_use]
pub fn matching_entries<'a>(
    slot: &FreedSlot,
    candidates: &'a [WaitingEntry],
    now: DateTime<Utc>,
) -> Vec<&'a WaitingEntry> {
    let mut matching: Vec<&WaitingEntry> =
        candidates.iter().filter(|e| wants(e, slot, now)).collect();
    matching.sort_by(|a, b| {
        b.urgency
            .rank()
            .cmp(&a.urgency.rank())
            .then(a.life.created_at.cmp(&b.life.created_at))
            .then(a.entry_id.cmp(&b.entry_id))
    });
    matching.truncate(MAX_OFFERS_PER_SLOT);
    matching
}

/// When an offer made at `now` of a slot starting at `slot_start` runs out: [`OFFER_HOURS`]
/// later, but never after the start. `None` when the slot starts now or has begun: nothing
/// is offered then.
#[must_use]
pub fn offer_expiry(now: DateTime<Utc>, slot_start: DateTime<Utc>) -> Option<DateTime<Utc>> {
    let expiry = (now + Duration::hours(OFFER_HOURS)).min(slot_start);
    (expiry > now).then_some(expiry)
}

#[cfg(test)]
mod tests {
    use chrono::{NaiveDate, NaiveTime, TimeZone, Weekday};

    use super::super::model::{StoredEntryStatus, TimeWindow};
    use super::*;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2030, 1, 3, 8, 0, 0).unwrap()
    }

    /// Monday 2030-01-07 at 10:00 in Berlin (09:00 UTC), 30 minutes, doctor 5, office 1.
    fn slot() -> FreedSlot {
        let start = Utc.with_ymd_and_hms(2030, 1, 7, 9, 0, 0).unwrap();
        FreedSlot {
            source_appointment_id: 100,
            freed_by_patient: 99,
            doctor_id: 5,
            office_id: 1,
            range: TimeRange::starting_at(start, 30).unwrap(),
            zone: OfficeZone::parse("Europe/Berlin").unwrap(),
        }
    }

    fn entry(entry_id: i32, urgency: Urgency, days_ago: i64) -> WaitingEntry {
        WaitingEntry {
            entry_id,
            patient_id: entry_id + 10,
            patient_user_id: entry_id + 20,
            doctor_id: 5,
            office_id: None,
            preferences: Preferences::default(),
            urgency,
            life: EntryLife {
                stored: StoredEntryStatus::Active,
                created_at: now() - Duration::days(days_ago),
                latest_date: None,
                open_offer_until: None,
            },
        }
    }

    fn hm(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).unwrap()
    }

    #[test]
    fn an_entry_matches_on_the_offices_wall_clock_weekday_and_window() {
        let mut e = entry(1, Urgency::Routine, 1);
        e.preferences.weekdays = vec![Weekday::Mon];
        e.preferences.window = Some(TimeWindow::new(hm(10, 0), hm(10, 30)).unwrap());
        assert!(wants(&e, &slot(), now()), "10:00-10:30 Berlin on a Monday");
        e.preferences.window = Some(TimeWindow::new(hm(9, 0), hm(10, 15)).unwrap());
        assert!(
            !wants(&e, &slot(), now()),
            "the visit ends after the window"
        );
        e.preferences.window = Some(TimeWindow::new(hm(9, 0), hm(9, 30)).unwrap());
        assert!(!wants(&e, &slot(), now()), "09:00 UTC is 10:00 in Berlin");
        e.preferences.window = None;
        e.preferences.weekdays = vec![Weekday::Tue, Weekday::Wed];
        assert!(!wants(&e, &slot(), now()));
    }

    #[test]
    fn an_entry_for_another_doctor_or_office_or_by_the_canceller_does_not_match() {
        let mut other_doctor = entry(1, Urgency::Urgent, 1);
        other_doctor.doctor_id = 6;
        let mut other_office = entry(2, Urgency::Urgent, 1);
        other_office.office_id = Some(2);
        let mut same_office = entry(3, Urgency::Urgent, 1);
        same_office.office_id = Some(1);
        let mut canceller = entry(4, Urgency::Urgent, 1);
        canceller.patient_id = 99;
        assert!(!wants(&other_doctor, &slot(), now()));
        assert!(!wants(&other_office, &slot(), now()));
        assert!(wants(&same_office, &slot(), now()));
        assert!(!wants(&canceller, &slot(), now()));
    }

    #[test]
    fn expired_offered_booked_and_too_late_entries_do_not_match() {
        let stale = entry(1, Urgency::Urgent, super::super::model::ENTRY_STALE_DAYS);
        let mut offered = entry(2, Urgency::Urgent, 1);
        offered.life.open_offer_until = Some(now() + Duration::minutes(30));
        let mut booked = entry(3, Urgency::Urgent, 1);
        booked.life.stored = StoredEntryStatus::Booked;
        let mut too_late = entry(4, Urgency::Urgent, 1);
        too_late.preferences.latest_date = NaiveDate::from_ymd_opt(2030, 1, 6);
        let mut in_time = entry(5, Urgency::Urgent, 1);
        in_time.preferences.latest_date = NaiveDate::from_ymd_opt(2030, 1, 7);
        let mut lapsed_offer = entry(6, Urgency::Urgent, 1);
        lapsed_offer.life.open_offer_until = Some(now());
        let all = [stale, offered, booked, too_late, in_time, lapsed_offer];
        let ids: Vec<i32> = matching_entries(&slot(), &all, now())
            .iter()
            .map(|e| e.entry_id)
            .collect();
        assert_eq!(ids, vec![5, 6]);
    }

    #[test]
    fn the_most_urgent_are_offered_first_then_the_longest_waiting_at_most_five() {
        let all = [
            entry(1, Urgency::Routine, 30),
            entry(2, Urgency::Urgent, 1),
            entry(3, Urgency::Soon, 5),
            entry(4, Urgency::Urgent, 3),
            entry(5, Urgency::Soon, 9),
            entry(6, Urgency::Routine, 60),
            entry(7, Urgency::Routine, 2),
        ];
        let ids: Vec<i32> = matching_entries(&slot(), &all, now())
            .iter()
            .map(|e| e.entry_id)
            .collect();
        assert_eq!(ids, vec![4, 2, 5, 3, 6]);
    }

    #[test]
    fn an_offer_lasts_two_hours_but_never_past_the_start() {
        let start = now() + Duration::hours(5);
        assert_eq!(offer_expiry(now(), start), Some(now() + Duration::hours(2)));
        let soon = now() + Duration::minutes(40);
        assert_eq!(offer_expiry(now(), soon), Some(soon));
        assert_eq!(offer_expiry(now(), now()), None);
        assert_eq!(offer_expiry(now(), now() - Duration::hours(1)), None);
    }
}
