//! Whether an appointment may be booked (or moved) at the time asked for.

use chrono::{DateTime, Utc};

use crate::error::{DomainError, ValidationError, ValidationErrors};
use crate::scheduling::AppointmentDuration;

/// What the booking rules need to know; the service gathers the facts from the repositories.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BookingCheck {
    /// When the appointment would start.
    pub starts_at: DateTime<Utc>,
    /// How long it would last.
    pub duration: AppointmentDuration,
    /// The current time.
    pub now: DateTime<Utc>,
    /// The doctor is attached to the chosen office.
    pub doctor_works_at_office: bool,
    /// The whole appointment lies within the doctor's working hours
    /// (see [`is_within_working_hours`](crate::scheduling::is_within_working_hours)).
    pub within_working_hours: bool,
    /// Ids of active appointments of the same doctor or patient that overlap it.
    pub conflicts: Vec<i32>,
    /// Reason given for booking despite conflicts, if the actor asked to overbook.
    pub overbook: Option<String>,
    /// The actor's role allows overbooking (staff, or the doctor themself).
    pub actor_may_overbook: bool,
}

/// Applies the booking rules, reporting every invalid field together before any conflict.
///
/// # Errors
/// - `Validation`: `starts_at` in the past; `office_id` where the doctor does not work;
///   `starts_at` outside working hours;
/// - `AppointmentConflict` listing every overlapping active appointment, unless an actor who
///   may overbook gave a non-blank reason.
pub fn check_booking(input: BookingCheck) -> Result<(), DomainError> {
    let mut errors = ValidationErrors::new();
    if input.starts_at < input.now {
        errors.push(ValidationError::new("starts_at", "must not be in the past"));
    }
    if !input.doctor_works_at_office {
        errors.push(ValidationError::new(
            "office_id",
            "the doctor does not work at this office",
        ));
    }
    if !input.within_working_hours {
        errors.push(ValidationError::new(
            "starts_at",
            "the appointment must lie within the doctor's working hours",
        ));
    }
    errors.into_result()?;

    let overbooked = input.actor_may_overbook
        && input
            .overbook
            .as_deref()
            .is_some_and(|reason| !reason.trim().is_empty());
    if !input.conflicts.is_empty() && !overbooked {
        return Err(DomainError::AppointmentConflict {
            conflicting_ids: input.conflicts,
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use chrono::{Duration, TimeZone};

    use super::*;

    fn bookable() -> BookingCheck {
        let now = Utc.with_ymd_and_hms(2030, 7, 1, 8, 0, 0).unwrap();
        BookingCheck {
            starts_at: now + Duration::hours(1),
            duration: AppointmentDuration::new(30).unwrap(),
            now,
            doctor_works_at_office: true,
            within_working_hours: true,
            conflicts: vec![],
            overbook: None,
            actor_may_overbook: false,
        }
    }

    fn invalid_fields(result: Result<(), DomainError>) -> Vec<String> {
        match result {
            Err(DomainError::Validation(errors)) => {
                errors.into_vec().into_iter().map(|e| e.field).collect()
            }
            other => panic!("expected a validation error, got {other:?}"),
        }
    }

    #[test]
    fn a_free_slot_in_working_hours_can_be_booked() {
        assert_eq!(check_booking(bookable()), Ok(()));
    }

    #[test]
    fn a_start_in_the_past_is_refused() {
        let input = BookingCheck {
            starts_at: bookable().now - Duration::minutes(1),
            ..bookable()
        };
        assert_eq!(invalid_fields(check_booking(input)), ["starts_at"]);
    }

    #[test]
    fn starting_right_now_is_allowed() {
        let input = BookingCheck {
            starts_at: bookable().now,
            ..bookable()
        };
        assert_eq!(check_booking(input), Ok(()));
    }

    #[test]
    fn an_office_where_the_doctor_does_not_work_is_refused() {
        let input = BookingCheck {
            doctor_works_at_office: false,
            ..bookable()
        };
        assert_eq!(invalid_fields(check_booking(input)), ["office_id"]);
    }

    #[test]
    fn a_time_outside_working_hours_is_refused() {
        let input = BookingCheck {
            within_working_hours: false,
            ..bookable()
        };
        assert_eq!(invalid_fields(check_booking(input)), ["starts_at"]);
    }

    #[test]
    fn every_invalid_field_is_reported_before_any_conflict() {
        let input = BookingCheck {
            doctor_works_at_office: false,
            within_working_hours: false,
            conflicts: vec![4],
            ..bookable()
        };
        assert_eq!(
            invalid_fields(check_booking(input)),
            ["office_id", "starts_at"]
        );
    }

    #[test]
    fn a_conflict_lists_every_overlapping_appointment() {
        let input = BookingCheck {
            conflicts: vec![4, 9],
            ..bookable()
        };
        assert_eq!(
            check_booking(input),
            Err(DomainError::AppointmentConflict {
                conflicting_ids: vec![4, 9]
            })
        );
    }

    #[test]
    fn staff_may_overbook_with_a_reason() {
        let input = BookingCheck {
            conflicts: vec![4],
            overbook: Some("urgent: chest pain".into()),
            actor_may_overbook: true,
            ..bookable()
        };
        assert_eq!(check_booking(input), Ok(()));
    }

    #[test]
    fn overbooking_without_a_reason_is_still_a_conflict() {
        let input = BookingCheck {
            conflicts: vec![4],
            overbook: Some("   ".into()),
            actor_may_overbook: true,
            ..bookable()
        };
        assert_eq!(
            check_booking(input).unwrap_err().code(),
            "appointment_conflict"
        );
    }

    #[test]
    fn an_actor_who_may_not_overbook_cannot_with_any_reason() {
        let input = BookingCheck {
            conflicts: vec![4],
            overbook: Some("I really want to".into()),
            actor_may_overbook: false,
            ..bookable()
        };
        assert_eq!(
            check_booking(input).unwrap_err().code(),
            "appointment_conflict"
        );
    }
}
