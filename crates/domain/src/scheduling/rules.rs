//! The booking rules: whether an appointment may be booked (or moved) at the time asked for.
//! Pure functions over the facts the booking transaction locked.

use chrono::{DateTime, Utc};

use super::availability::{AvailabilityInput, Closure, ScheduleException, TimeOff, check_open};
use super::{AppointmentDuration, WeeklyHours};
use crate::error::{ValidationError, ValidationErrors};
use crate::referral::may_book_specialist;
use crate::settings::ClinicSettings;
use crate::values::{OfficeZone, TimeRange};

/// Why the rules refuse a time.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BookingRefusal {
    /// Fields that break a rule: a start in the past, a closed office, an office the doctor
    /// does not work at, a time outside working hours. Every one is listed.
    #[error("invalid booking: {0}")]
    Invalid(ValidationErrors),
    /// The doctor's specialty sees patients with an approved referral only.
    #[error(
        "this specialist needs an approved referral before you can book; ask your primary \
         doctor for one"
    )]
    ReferralRequired,
    /// The time overlaps active appointments of the doctor or the patient.
    #[error("the time overlaps other active appointments of the doctor or the patient")]
    SlotTaken {
        /// Every overlapping active appointment.
        conflicts: Vec<i32>,
    },
    /// A patient booking for themselves already holds the clinic's maximum of active
    /// appointments in the future.
    #[error(
        "you already have {limit} upcoming appointments, the most you can book online; \
         cancel one or call the front desk"
    )]
    TooManyFutureAppointments { limit: u32 },
    /// The patient already has an active visit with this doctor at this very start: refused
    /// even for the front desk with an overbooking reason (a double booking, not an overbook).
    #[error("the patient already has this visit: same doctor, same time")]
    IdenticalVisit {
        /// The visit already booked.
        appointment_id: i32,
    },
    /// The time overlaps one of the patient's own active visits (with any doctor).
    #[error("{message}")]
    PatientClash {
        /// Every overlapping active appointment (the patient's and the doctor's).
        conflicts: Vec<i32>,
        /// "This time clashes with your own visit at 9:00 AM CST".
        message: String,
    },
}

/// The limits on a patient booking for themselves (see
/// [`patient_booking_limits_apply`](crate::access::patient_booking_limits_apply)).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PatientLimits {
    /// The clinic's booking horizon and cap.
    pub settings: ClinicSettings,
    /// The patient's active appointments in the future; `None` for a move, which adds none.
    pub future_active: Option<u32>,
}

/// What the rules read about the doctor, the office and the time asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SlotFacts {
    /// The office's zone: working hours are local to it.
    pub office_zone: OfficeZone,
    pub office_active: bool,
    pub doctor_works_at_office: bool,
    /// The doctor's weekly hours at that office.
    pub weekly_hours: Vec<WeeklyHours>,
    /// Active, not overbooked appointments of the doctor or the patient overlapping the time.
    pub conflicts: Vec<i32>,
    pub specialty_requires_referral: bool,
    pub doctor_in_care_team: bool,
    pub approved_referral: bool,
    /// The doctor's dated exceptions at that office around the time.
    pub exceptions: Vec<ScheduleException>,
    /// The doctor's time off overlapping the time.
    pub time_off: Vec<TimeOff>,
    /// The office's closures around the time.
    pub closures: Vec<Closure>,
    /// An active visit of the same patient with the same doctor at the same start, if any.
    pub identical: Option<i32>,
    /// The earliest start of the patient's own active visits among `conflicts`, if any.
    pub patient_clash: Option<DateTime<Utc>>,
}

impl SlotFacts {
    /// The availability engine's input for the doctor at the office.
    #[must_use]
    pub fn availability(&self) -> AvailabilityInput {
        AvailabilityInput {
            zone: self.office_zone,
            weekly_hours: self.weekly_hours.clone(),
            exceptions: self.exceptions.clone(),
            time_off: self.time_off.clone(),
            closures: self.closures.clone(),
        }
    }
}

/// What the rules allow a booking to be written as.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SlotVerdict {
    /// Booked over a conflict on purpose, for this reason.
    pub overbook_reason: Option<String>,
    /// Booked by the front desk into a closure, time off or a day off on purpose, for this
    /// reason.
    pub outside_availability_reason: Option<String>,
}

/// One booking attempt as the rules see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SlotRequest<'a> {
    pub range: TimeRange,
    pub duration: AppointmentDuration,
    pub now: DateTime<Utc>,
    pub facts: &'a SlotFacts,
    /// A patient booking for themselves: the referral gate applies.
    pub booked_by_patient: bool,
    /// A reason to book over a conflict, given by someone the policy lets overbook.
    pub overbook_reason: Option<&'a str>,
    /// The patient limits, when they apply to the actor.
    pub patient_limits: Option<PatientLimits>,
}

/// Applies every booking rule and answers whether the appointment is overbooked (booked over
/// a conflict on purpose, with its reason). A time the availability engine does not open
/// (closures, time off, days off) is refused whatever the reason: this is the check of
/// bookings that never book outside availability (series occurrences, waitlist offers); the
/// front desk's bookings and moves use [`judge_slot_verdict`].
///
/// # Errors
/// As [`judge_slot_verdict`], and `Invalid` on `starts_at` for any time outside availability.
pub fn judge_slot(request: &SlotRequest<'_>) -> Result<Option<String>, BookingRefusal> {
    judge(request, false).map(|verdict| verdict.overbook_reason)
}

/// Applies every booking rule and answers how the appointment is written: overbooked (over a
/// conflict, with its reason) and/or outside availability (into a closure, time off or a day
/// off, with the same reason — the front desk may do both, the policy decides who gives a
/// reason). A time outside the doctor's hours stays refused for everyone.
///
/// # Errors
/// `Invalid` alone for a closed office; then `ReferralRequired`; then `Invalid` listing every
/// invalid field at once (past start, beyond a patient's booking horizon, office, hours, the
/// engine's closures and time off — "the office is closed that day: <label>", "the doctor is
/// away then", never the private reason); then `TooManyFutureAppointments` for a patient's
/// new booking beyond the clinic's cap; then `IdenticalVisit` for the same patient, doctor and
/// start as an active visit, whatever the reason; then, unless an overbooking reason was
/// given, `PatientClash` when the patient has their own visit then ("clashes with your own
/// visit at 9:00 AM CST", in the office's zone), else `SlotTaken`, each listing every
/// overlapping appointment.
pub fn judge_slot_verdict(request: &SlotRequest<'_>) -> Result<SlotVerdict, BookingRefusal> {
    judge(request, true)
}

fn judge(
    request: &SlotRequest<'_>,
    may_leave_availability: bool,
) -> Result<SlotVerdict, BookingRefusal> {
    let facts = request.facts;
    if !facts.office_active {
        return Err(invalid("office_id", "this office is closed"));
    }
    if request.booked_by_patient
        && !may_book_specialist(
            facts.specialty_requires_referral,
            facts.doctor_in_care_team,
            facts.approved_referral,
        )
    {
        return Err(BookingRefusal::ReferralRequired);
    }
    let reason = request
        .overbook_reason
        .map(str::trim)
        .filter(|r| !r.is_empty())
        .map(str::to_owned);
    let mut verdict = SlotVerdict::default();
    let mut errors = ValidationErrors::new();
    if request.range.start() < request.now {
        errors.push(ValidationError::new("starts_at", "must not be in the past"));
    }
    if let Some(limits) = request.patient_limits
        && request.range.start() > request.now + limits.settings.booking_horizon()
    {
        errors.push(ValidationError::new(
            "starts_at",
            format!(
                "must be at most {} days ahead; for a later visit, call the front desk",
                limits.settings.booking_horizon_days()
            ),
        ));
    }
    if !facts.doctor_works_at_office {
        errors.push(ValidationError::new(
            "office_id",
            "the doctor does not work at this office",
        ));
    }
    if let Err(unavailable) = check_open(&facts.availability(), &request.range) {
        match &reason {
            Some(reason) if may_leave_availability && unavailable.may_be_overbooked() => {
                verdict.outside_availability_reason = Some(reason.clone());
            }
            _ => errors.push(ValidationError::new("starts_at", unavailable.message())),
        }
    }
    errors.into_result().map_err(BookingRefusal::Invalid)?;
    if let Some(PatientLimits {
        settings,
        future_active: Some(held),
    }) = request.patient_limits
        && held >= settings.max_future_appointments()
    {
        return Err(BookingRefusal::TooManyFutureAppointments {
            limit: settings.max_future_appointments(),
        });
    }
    if let Some(appointment_id) = facts.identical {
        return Err(BookingRefusal::IdenticalVisit { appointment_id });
    }
    if facts.conflicts.is_empty() {
        // A reason only marks the appointment when there is something to overbook.
        return Ok(verdict);
    }
    match reason {
        Some(reason) => {
            verdict.overbook_reason = Some(reason);
            Ok(verdict)
        }
        None => match facts.patient_clash {
            Some(start) => Err(BookingRefusal::PatientClash {
                conflicts: facts.conflicts.clone(),
                message: format!(
                    "This time clashes with {} own visit at {}",
                    if request.booked_by_patient {
                        "your"
                    } else {
                        "the patient's"
                    },
                    facts.office_zone.clock_time(start)
                ),
            }),
            None => Err(BookingRefusal::SlotTaken {
                conflicts: facts.conflicts.clone(),
            }),
        },
    }
}

fn invalid(field: &str, message: &str) -> BookingRefusal {
    BookingRefusal::Invalid(ValidationError::new(field, message).into())
}

#[cfg(test)]
mod tests {
    use chrono::{Duration, NaiveDate, NaiveTime, TimeZone, Weekday};

    use super::*;
    use crate::values::TimeRange;

    fn facts() -> SlotFacts {
        SlotFacts {
            office_zone: OfficeZone::UTC,
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
            exceptions: vec![],
            time_off: vec![],
            closures: vec![],
            identical: None,
            patient_clash: None,
        }
    }

    /// Monday 2030-01-07 at `hour`:00 UTC for 30 minutes, asked on 2030-01-01.
    fn request(facts: &SlotFacts, hour: u32) -> SlotRequest<'_> {
        let start = Utc.with_ymd_and_hms(2030, 1, 7, hour, 0, 0).unwrap();
        let duration = AppointmentDuration::new(30).unwrap();
        SlotRequest {
            range: duration.range_from(start),
            duration,
            now: Utc.with_ymd_and_hms(2030, 1, 1, 0, 0, 0).unwrap(),
            facts,
            booked_by_patient: false,
            overbook_reason: None,
            patient_limits: None,
        }
    }

    /// The limits of a patient holding `held` future appointments (`None`: a move).
    fn limits(held: Option<u32>) -> Option<PatientLimits> {
        Some(PatientLimits {
            settings: ClinicSettings::default(),
            future_active: held,
        })
    }

    fn invalid_fields(result: Result<Option<String>, BookingRefusal>) -> Vec<String> {
        match result {
            Err(BookingRefusal::Invalid(errors)) => {
                errors.into_vec().into_iter().map(|e| e.field).collect()
            }
            other => panic!("expected invalid fields, got {other:?}"),
        }
    }

    #[test]
    fn a_free_slot_in_working_hours_can_be_booked() {
        assert_eq!(judge_slot(&request(&facts(), 9)), Ok(None));
    }

    #[test]
    fn a_start_in_the_past_is_refused_and_starting_right_now_is_allowed() {
        let facts = facts();
        let mut past = request(&facts, 9);
        past.now = past.range.start() + Duration::minutes(1);
        assert_eq!(invalid_fields(judge_slot(&past)), ["starts_at"]);
        let mut now = request(&facts, 9);
        now.now = now.range.start();
        assert_eq!(judge_slot(&now), Ok(None));
    }

    #[test]
    fn a_closed_office_is_refused_before_anything_else() {
        let mut facts = facts();
        facts.office_active = false;
        facts.doctor_works_at_office = false;
        assert_eq!(
            invalid_fields(judge_slot(&request(&facts, 13))),
            ["office_id"]
        );
    }

    #[test]
    fn every_invalid_field_is_reported_before_any_conflict() {
        let mut facts = facts();
        facts.doctor_works_at_office = false;
        facts.conflicts = vec![4];
        assert_eq!(
            invalid_fields(judge_slot(&request(&facts, 13))),
            ["office_id", "starts_at"]
        );
    }

    #[test]
    fn a_conflict_lists_every_overlapping_appointment() {
        let mut facts = facts();
        facts.conflicts = vec![4, 9];
        assert_eq!(
            judge_slot(&request(&facts, 9)),
            Err(BookingRefusal::SlotTaken {
                conflicts: vec![4, 9]
            })
        );
    }

    #[test]
    fn an_overbooking_reason_books_over_a_conflict_and_a_blank_one_does_not() {
        let mut facts = facts();
        facts.conflicts = vec![4];
        let mut overbook = request(&facts, 9);
        overbook.overbook_reason = Some("  urgent: chest pain ");
        assert_eq!(judge_slot(&overbook), Ok(Some("urgent: chest pain".into())));
        overbook.overbook_reason = Some("   ");
        assert!(matches!(
            judge_slot(&overbook),
            Err(BookingRefusal::SlotTaken { .. })
        ));
    }

    #[test]
    fn a_reason_without_a_conflict_does_not_mark_the_appointment() {
        let facts = facts();
        let mut free = request(&facts, 9);
        free.overbook_reason = Some("just in case");
        assert_eq!(judge_slot(&free), Ok(None));
    }

    #[test]
    fn a_specialist_needs_a_referral_only_when_the_patient_books() {
        let mut facts = facts();
        facts.specialty_requires_referral = true;
        let mut by_patient = request(&facts, 9);
        by_patient.booked_by_patient = true;
        assert_eq!(
            judge_slot(&by_patient),
            Err(BookingRefusal::ReferralRequired)
        );
        assert_eq!(judge_slot(&request(&facts, 9)), Ok(None));
        facts.approved_referral = true;
        let mut referred = request(&facts, 9);
        referred.booked_by_patient = true;
        assert_eq!(judge_slot(&referred), Ok(None));
    }

    #[test]
    fn working_hours_are_read_in_the_offices_time_zone() {
        let mut facts = facts();
        // Berlin in January is UTC+1: 09:00-12:00 local is 08:00-11:00 UTC.
        facts.office_zone = OfficeZone::parse("Europe/Berlin").unwrap();
        assert_eq!(judge_slot(&request(&facts, 8)), Ok(None));
        assert_eq!(
            invalid_fields(judge_slot(&request(&facts, 11))),
            ["starts_at"]
        );
    }

    #[test]
    fn a_patient_books_at_most_the_horizon_ahead_and_staff_further() {
        let facts = facts();
        let mut far = request(&facts, 9);
        // 181 days ahead is one beyond the default horizon.
        far.now = far.range.start() - Duration::days(181);
        assert_eq!(judge_slot(&far), Ok(None), "staff are not held to it");
        far.patient_limits = limits(Some(0));
        assert_eq!(invalid_fields(judge_slot(&far)), ["starts_at"]);
        far.now = far.range.start() - Duration::days(180);
        assert_eq!(
            judge_slot(&far),
            Ok(None),
            "exactly the horizon is within it"
        );
    }

    #[test]
    fn a_patient_holding_the_cap_books_no_more_but_may_move_one() {
        let facts = facts();
        let mut booking = request(&facts, 9);
        booking.patient_limits = limits(Some(4));
        assert_eq!(judge_slot(&booking), Ok(None));
        booking.patient_limits = limits(Some(5));
        assert_eq!(
            judge_slot(&booking),
            Err(BookingRefusal::TooManyFutureAppointments { limit: 5 })
        );
        booking.patient_limits = limits(None);
        assert_eq!(judge_slot(&booking), Ok(None), "a move adds no appointment");
        assert_eq!(
            judge_slot(&request(&facts, 9)),
            Ok(None),
            "staff book any number"
        );
    }

    fn messages(result: Result<SlotVerdict, BookingRefusal>) -> Vec<String> {
        match result {
            Err(BookingRefusal::Invalid(errors)) => {
                errors.into_vec().into_iter().map(|e| e.message).collect()
            }
            other => panic!("expected invalid fields, got {other:?}"),
        }
    }

    fn monday() -> NaiveDate {
        NaiveDate::from_ymd_opt(2030, 1, 7).unwrap()
    }

    #[test]
    fn a_closure_refuses_the_time_and_names_its_label() {
        let mut facts = facts();
        facts.closures = vec![Closure {
            first_day: monday(),
            last_day: monday(),
            label: "Staff training".into(),
        }];
        assert_eq!(
            messages(judge_slot_verdict(&request(&facts, 9))),
            ["the office is closed that day: Staff training"]
        );
    }

    #[test]
    fn time_off_refuses_the_time_without_telling_its_reason() {
        let mut facts = facts();
        facts.time_off = vec![TimeOff {
            range: TimeRange::new(
                Utc.with_ymd_and_hms(2030, 1, 7, 9, 15, 0).unwrap(),
                Utc.with_ymd_and_hms(2030, 1, 7, 10, 0, 0).unwrap(),
            )
            .unwrap(),
            reason: Some("chemotherapy".into()),
        }];
        assert_eq!(
            messages(judge_slot_verdict(&request(&facts, 9))),
            ["the doctor is away then"]
        );
        assert_eq!(judge_slot(&request(&facts, 10)), Ok(None));
    }

    #[test]
    fn a_reason_books_into_a_closure_marked_but_only_where_the_caller_allows_it() {
        let mut facts = facts();
        facts.closures = vec![Closure {
            first_day: monday(),
            last_day: monday(),
            label: "Holiday".into(),
        }];
        let mut overbook = request(&facts, 9);
        overbook.overbook_reason = Some(" emergency ");
        assert_eq!(
            judge_slot_verdict(&overbook),
            Ok(SlotVerdict {
                overbook_reason: None,
                outside_availability_reason: Some("emergency".into()),
            })
        );
        assert_eq!(
            invalid_fields(judge_slot(&overbook)),
            ["starts_at"],
            "series and waitlist never book outside availability"
        );
        facts.conflicts = vec![4];
        let mut both = request(&facts, 9);
        both.overbook_reason = Some("emergency");
        let verdict = judge_slot_verdict(&both).unwrap();
        assert_eq!(verdict.overbook_reason.as_deref(), Some("emergency"));
        assert_eq!(
            verdict.outside_availability_reason.as_deref(),
            Some("emergency")
        );
    }

    #[test]
    fn a_reason_never_books_outside_the_doctors_hours() {
        let facts = facts();
        let mut night = request(&facts, 20);
        night.overbook_reason = Some("please");
        assert_eq!(
            messages(judge_slot_verdict(&night)),
            ["the appointment must lie within the doctor's working hours"]
        );
    }
}
