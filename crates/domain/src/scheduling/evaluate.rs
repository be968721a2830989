//! Judging a booking (or a reschedule) against every rule at once.

use chrono::{DateTime, NaiveDateTime, Utc};

use super::{
    BookingCheck, BookingFacts, check_booking, expand_weekly_hours, is_within_working_hours,
};
use crate::error::{ConflictCode, DomainError};
use crate::referral::may_book_specialist;
use crate::values::TimeRange;

/// Everything about one booking attempt.
pub struct BookingAttempt<'a> {
    pub range: TimeRange,
    pub duration: super::AppointmentDuration,
    pub now: DateTime<Utc>,
    pub facts: &'a BookingFacts,
    /// A patient booking for themselves: the referral gate applies.
    pub booked_by_patient: bool,
    /// Staff may book over a conflict on purpose.
    pub actor_may_overbook: bool,
    pub overbook_reason: Option<String>,
}

/// Applies every booking rule; `local_to_utc` converts the office's local time (the caller owns
/// the time-zone database).
///
/// # Errors
/// `Validation` for a start in the past, an inactive office, an office the doctor does not work
/// at or a time outside working hours; `Conflict { code: "referral_required" }`;
/// `AppointmentConflict` listing every overlapping appointment.
pub fn evaluate_booking(
    attempt: BookingAttempt<'_>,
    local_to_utc: impl Fn(NaiveDateTime) -> Option<DateTime<Utc>>,
) -> Result<(), DomainError> {
    let facts = attempt.facts;
    if !facts.office_active {
        return Err(DomainError::invalid("office_id", "this office is closed"));
    }
    // Working hours may cross midnight in UTC: look at the local days around the appointment.
    let from = (attempt.range.start() - chrono::Duration::days(1)).date_naive();
    let to = (attempt.range.end() + chrono::Duration::days(1)).date_naive();
    let hours = expand_weekly_hours(&facts.weekly_hours, from, to, local_to_utc);
    if attempt.booked_by_patient
        && !may_book_specialist(
            facts.specialty_requires_referral,
            facts.doctor_in_care_team,
            facts.approved_referral,
        )
    {
        return Err(DomainError::conflict(
            ConflictCode::ReferralRequired,
            "this specialist sees patients with an approved referral; ask your doctor for one",
        ));
    }
    check_booking(BookingCheck {
        starts_at: attempt.range.start(),
        duration: attempt.duration,
        now: attempt.now,
        doctor_works_at_office: facts.doctor_works_at_office,
        within_working_hours: is_within_working_hours(&attempt.range, &hours),
        conflicts: facts.conflicts.clone(),
        overbook: attempt.overbook_reason,
        actor_may_overbook: attempt.actor_may_overbook,
    })
}

#[cfg(test)]
mod tests {
    use chrono::{Duration, NaiveTime, TimeZone, Weekday};

    use super::*;
    use crate::scheduling::{AppointmentDuration, WeeklyHours};

    fn utc(naive: NaiveDateTime) -> Option<DateTime<Utc>> {
        Some(Utc.from_utc_datetime(&naive))
    }

    fn facts() -> BookingFacts {
        BookingFacts {
            office_time_zone: "UTC".into(),
            office_active: true,
            doctor_works_at_office: true,
            weekly_hours: vec![
                WeeklyHours::new(
                    Weekday::Mon,
                    NaiveTime::from_hms_opt(9, 0, 0).unwrap(),
                    NaiveTime::from_hms_opt(12, 0, 0).unwrap(),
                )
                .unwrap(),
            ],
            conflicts: vec![],
            specialty_requires_referral: false,
            doctor_in_care_team: false,
            approved_referral: false,
        }
    }

    /// Monday 2030-01-07 at `hour`:00 UTC, 30 minutes.
    fn attempt(facts: &BookingFacts, hour: u32, by_patient: bool) -> BookingAttempt<'_> {
        let start = Utc.with_ymd_and_hms(2030, 1, 7, hour, 0, 0).unwrap();
        BookingAttempt {
            range: TimeRange::new(start, start + Duration::minutes(30)).unwrap(),
            duration: AppointmentDuration::new(30).unwrap(),
            now: Utc.with_ymd_and_hms(2030, 1, 1, 0, 0, 0).unwrap(),
            facts,
            booked_by_patient: by_patient,
            actor_may_overbook: false,
            overbook_reason: None,
        }
    }

    #[test]
    fn a_slot_inside_working_hours_is_accepted() {
        let facts = facts();
        assert!(evaluate_booking(attempt(&facts, 9, true), utc).is_ok());
    }

    #[test]
    fn a_slot_outside_working_hours_names_starts_at() {
        let facts = facts();
        let err = evaluate_booking(attempt(&facts, 13, true), utc).unwrap_err();
        assert!(
            matches!(err, DomainError::Validation(ref e) if e.has_field("starts_at")),
            "{err:?}"
        );
    }

    #[test]
    fn a_specialist_needs_a_referral_only_when_the_patient_books() {
        let mut facts = facts();
        facts.specialty_requires_referral = true;
        let err = evaluate_booking(attempt(&facts, 9, true), utc).unwrap_err();
        assert_eq!(err.code(), "referral_required");
        assert!(evaluate_booking(attempt(&facts, 9, false), utc).is_ok());
        facts.approved_referral = true;
        assert!(evaluate_booking(attempt(&facts, 9, true), utc).is_ok());
    }

    #[test]
    fn conflicts_are_all_listed() {
        let mut facts = facts();
        facts.conflicts = vec![4, 9];
        let err = evaluate_booking(attempt(&facts, 9, false), utc).unwrap_err();
        assert_eq!(
            err,
            DomainError::AppointmentConflict {
                conflicting_ids: vec![4, 9]
            }
        );
    }

    #[test]
    fn working_hours_are_read_in_the_offices_time_zone() {
        let facts = facts();
        // The office is at UTC+2: 09:00-12:00 local is 07:00-10:00 UTC.
        let plus_two =
            |local: NaiveDateTime| Some(Utc.from_utc_datetime(&(local - Duration::hours(2))));
        assert!(evaluate_booking(attempt(&facts, 7, false), plus_two).is_ok());
        assert!(evaluate_booking(attempt(&facts, 11, false), plus_two).is_err());
    }
}
