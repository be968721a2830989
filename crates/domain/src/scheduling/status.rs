//! The life of an appointment: scheduled → confirmed → checked in → completed, or cancelled, or
//! a no-show. Completed, cancelled and no-show are final.

use chrono::{DateTime, Duration, NaiveDate, Utc};

use crate::string_enum::string_enum;
use crate::values::OfficeZone;

string_enum! {
    /// Where an appointment stands, stored as the `appointment_status` database enum.
    pub enum AppointmentStatus (kind = "appointment status") {
        /// Booked, not yet confirmed.
        Scheduled = "scheduled",
        /// The patient confirmed they will come.
        Confirmed = "confirmed",
        /// The patient has arrived.
        CheckedIn = "checked_in",
        /// The visit took place.
        Completed = "completed",
        /// Called off before it took place.
        Cancelled = "cancelled",
        /// The patient did not come.
        NoShow = "no_show",
    }
}

string_enum! {
    /// Something that moves an appointment to another status (`POST /appointments/{id}/…`).
    pub enum AppointmentAction (kind = "appointment action") {
        /// scheduled → confirmed.
        Confirm = "confirm",
        /// scheduled or confirmed → checked in, on the visit's day.
        CheckIn = "check_in",
        /// checked in → completed, once the start time has come.
        Complete = "complete",
        /// scheduled or confirmed → cancelled.
        Cancel = "cancel",
        /// scheduled, confirmed or checked in → no-show, once the start time has come.
        NoShow = "no_show",
    }
}

impl AppointmentStatus {
    /// True while the appointment holds its time slot: scheduled, confirmed or checked in.
    /// Only active appointments count for double-booking.
    pub fn is_active(self) -> bool {
        matches!(self, Self::Scheduled | Self::Confirmed | Self::CheckedIn)
    }

    /// True for completed, cancelled and no-show, which accept no further action.
    pub fn is_final(self) -> bool {
        !self.is_active()
    }
}

impl AppointmentAction {
    /// The status the action leads to.
    pub fn target(self) -> AppointmentStatus {
        match self {
            Self::Confirm => AppointmentStatus::Confirmed,
            Self::CheckIn => AppointmentStatus::CheckedIn,
            Self::Complete => AppointmentStatus::Completed,
            Self::Cancel => AppointmentStatus::Cancelled,
            Self::NoShow => AppointmentStatus::NoShow,
        }
    }
}

/// When an action is asked for, as the time rules see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VisitTime {
    /// The visit's start.
    pub starts_at: DateTime<Utc>,
    /// The clock's time.
    pub now: DateTime<Utc>,
    /// The office's zone: the visit's day is its calendar day there.
    pub zone: OfficeZone,
}

impl VisitTime {
    /// The visit's calendar day at its office.
    #[must_use]
    pub fn visit_day(&self) -> NaiveDate {
        self.zone.local_date(self.starts_at)
    }

    /// True once the start time has come.
    #[must_use]
    pub fn has_started(&self) -> bool {
        self.now >= self.starts_at
    }

    /// True while it is the visit's day at its office.
    #[must_use]
    pub fn is_visit_day(&self) -> bool {
        self.zone.local_date(self.now) == self.visit_day()
    }
}

/// Why the status machine refuses an action.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StatusRefusal {
    /// The action is not allowed from the current status (every action from a final one).
    #[error("an appointment that is {from} cannot be {to}")]
    NotAllowed {
        from: AppointmentStatus,
        to: AppointmentStatus,
    },
    /// A completion or a no-show before the start time: the visit has not taken place (or the
    /// patient may still come), and the same action will be accepted later.
    #[error("{}", not_started(*action))]
    NotStarted { action: AppointmentAction },
    /// A check-in on another day than the visit's (the office's calendar day).
    #[error("a patient is checked in on the day of the visit only: this visit is on {visit_day}")]
    NotVisitDay { visit_day: NaiveDate },
    /// A patient cancelling or moving a visit inside the clinic's late-cancellation window, or
    /// after its start.
    #[error(
        "this visit starts within {window_hours} hours or has started: it can no longer be \
         cancelled or moved online; please call the front desk"
    )]
    LateCancellation { window_hours: u32 },
}

fn not_started(action: AppointmentAction) -> &'static str {
    match action {
        AppointmentAction::Complete => {
            "a visit can be completed only once its start time has passed"
        }
        _ => "an appointment can be marked a no-show only once its start time has passed",
    }
}

/// The status after `action` on an appointment in status `from`, at `time`.
///
/// The time rules, judged in the office's time zone: a check-in only on the visit's calendar
/// day (early or late on that day is fine: patients come early, and late ones are still seen);
/// a completion (only from checked in) and a no-show only once the start time has come.
///
/// # Errors
/// [`StatusRefusal::NotAllowed`] when `action` is not allowed from `from`;
/// [`StatusRefusal::NotVisitDay`] for a check-in on another day;
/// [`StatusRefusal::NotStarted`] for a completion or a no-show before the start time.
pub fn transition(
    from: AppointmentStatus,
    action: AppointmentAction,
    time: &VisitTime,
) -> Result<AppointmentStatus, StatusRefusal> {
    use AppointmentAction as A;
    use AppointmentStatus as S;
    let allowed = match action {
        A::Confirm => matches!(from, S::Scheduled),
        A::CheckIn | A::Cancel => matches!(from, S::Scheduled | S::Confirmed),
        A::Complete => matches!(from, S::CheckedIn),
        A::NoShow => from.is_active(),
    };
    if !allowed {
        return Err(StatusRefusal::NotAllowed {
            from,
            to: action.target(),
        });
    }
    match action {
        A::CheckIn if !time.is_visit_day() => Err(StatusRefusal::NotVisitDay {
            visit_day: time.visit_day(),
        }),
        A::Complete | A::NoShow if !time.has_started() => Err(StatusRefusal::NotStarted { action }),
        _ => Ok(action.target()),
    }
}

/// Whether cancelling or moving the visit at `time` is late: within `window_hours` of its
/// start, or after it. A late change is refused to whoever may not make one
/// ([`may_cancel_late`](crate::access::may_cancel_late) is false: patients); for the others the
/// answer is `Ok(true)` and a cancellation must say why.
///
/// # Errors
/// [`StatusRefusal::LateCancellation`] for a late change by someone who may not make one.
pub fn judge_late_change(
    time: &VisitTime,
    window_hours: u32,
    may_change_late: bool,
) -> Result<bool, StatusRefusal> {
    let deadline = time.starts_at - Duration::hours(i64::from(window_hours));
    let late = time.now >= deadline;
    if late && !may_change_late {
        return Err(StatusRefusal::LateCancellation { window_hours });
    }
    Ok(late)
}

/// True if the appointment may still be moved to another time: scheduled or confirmed.
pub fn can_reschedule(status: AppointmentStatus) -> bool {
    matches!(
        status,
        AppointmentStatus::Scheduled | AppointmentStatus::Confirmed
    )
}

#[cfg(test)]
mod tests {
    use chrono::{Duration, TimeZone};

    use super::*;
    use AppointmentAction as A;
    use AppointmentStatus as S;

    fn start() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2030, 5, 6, 9, 0, 0).unwrap()
    }

    /// The visit at [`start`] in UTC, asked about at `now`.
    fn at(now: DateTime<Utc>) -> VisitTime {
        VisitTime {
            starts_at: start(),
            now,
            zone: OfficeZone::UTC,
        }
    }

    #[test]
    fn statuses_use_the_database_spellings() {
        let spellings: Vec<_> = S::ALL.iter().map(|s| s.as_str()).collect();
        assert_eq!(
            spellings,
            [
                "scheduled",
                "confirmed",
                "checked_in",
                "completed",
                "cancelled",
                "no_show"
            ]
        );
    }

    #[test]
    fn only_scheduled_confirmed_and_checked_in_are_active() {
        let active: Vec<_> = S::ALL.iter().filter(|s| s.is_active()).collect();
        assert_eq!(active, [&S::Scheduled, &S::Confirmed, &S::CheckedIn]);
    }

    #[test]
    fn the_transition_table_allows_exactly_these_moves() {
        // After the start time, so the no-show timing rule does not interfere.
        let now = start() + Duration::minutes(30);
        let allowed = [
            (S::Scheduled, A::Confirm, S::Confirmed),
            (S::Scheduled, A::CheckIn, S::CheckedIn),
            (S::Confirmed, A::CheckIn, S::CheckedIn),
            (S::CheckedIn, A::Complete, S::Completed),
            (S::Scheduled, A::Cancel, S::Cancelled),
            (S::Confirmed, A::Cancel, S::Cancelled),
            (S::Scheduled, A::NoShow, S::NoShow),
            (S::Confirmed, A::NoShow, S::NoShow),
            (S::CheckedIn, A::NoShow, S::NoShow),
        ];
        for from in S::ALL {
            for action in A::ALL {
                let expected = allowed
                    .iter()
                    .find(|(f, a, _)| f == from && a == action)
                    .map(|(_, _, to)| *to);
                let actual = transition(*from, *action, &at(now));
                match expected {
                    Some(to) => assert_eq!(actual, Ok(to), "{from} {action}"),
                    None => assert!(
                        matches!(actual, Err(StatusRefusal::NotAllowed { .. })),
                        "{from} {action}"
                    ),
                }
            }
        }
    }

    #[test]
    fn final_statuses_accept_no_action() {
        for from in [S::Completed, S::Cancelled, S::NoShow] {
            assert!(from.is_final());
            for action in A::ALL {
                assert!(transition(from, *action, &at(start())).is_err());
            }
        }
    }

    #[test]
    fn an_invalid_transition_names_both_statuses() {
        let error = transition(S::Cancelled, A::Complete, &at(start())).unwrap_err();
        assert_eq!(
            error,
            StatusRefusal::NotAllowed {
                from: S::Cancelled,
                to: S::Completed
            }
        );
        assert_eq!(
            error.to_string(),
            "an appointment that is cancelled cannot be completed"
        );
    }

    #[test]
    fn a_no_show_is_refused_before_the_start_time() {
        let just_before = start() - Duration::seconds(1);
        let error = transition(S::Confirmed, A::NoShow, &at(just_before)).unwrap_err();
        assert_eq!(error, StatusRefusal::NotStarted { action: A::NoShow });
    }

    #[test]
    fn a_no_show_is_allowed_at_the_start_time() {
        assert_eq!(
            transition(S::Confirmed, A::NoShow, &at(start())),
            Ok(S::NoShow)
        );
    }

    #[test]
    fn a_visit_is_completed_only_once_its_start_time_has_come() {
        let just_before = start() - Duration::seconds(1);
        let error = transition(S::CheckedIn, A::Complete, &at(just_before)).unwrap_err();
        assert_eq!(
            error,
            StatusRefusal::NotStarted {
                action: A::Complete
            }
        );
        assert_eq!(
            error.to_string(),
            "a visit can be completed only once its start time has passed"
        );
        assert_eq!(
            transition(S::CheckedIn, A::Complete, &at(start())),
            Ok(S::Completed)
        );
    }

    #[test]
    fn completion_needs_a_check_in_whatever_the_time() {
        for from in [S::Scheduled, S::Confirmed] {
            assert!(matches!(
                transition(from, A::Complete, &at(start() + Duration::hours(1))),
                Err(StatusRefusal::NotAllowed { .. })
            ));
        }
    }

    #[test]
    fn a_check_in_is_accepted_all_day_on_the_visits_day_and_on_no_other() {
        let day = start().date_naive();
        for now in [
            day.and_hms_opt(0, 0, 0).unwrap().and_utc(),
            start() - Duration::hours(2),
            start() + Duration::hours(3),
            day.and_hms_opt(23, 59, 59).unwrap().and_utc(),
        ] {
            assert_eq!(
                transition(S::Confirmed, A::CheckIn, &at(now)),
                Ok(S::CheckedIn),
                "{now}"
            );
        }
        for now in [
            start() - Duration::days(2),
            day.and_hms_opt(0, 0, 0).unwrap().and_utc() - Duration::seconds(1),
            day.and_hms_opt(0, 0, 0).unwrap().and_utc() + Duration::days(1),
        ] {
            assert_eq!(
                transition(S::Scheduled, A::CheckIn, &at(now)),
                Err(StatusRefusal::NotVisitDay { visit_day: day }),
                "{now}"
            );
        }
    }

    #[test]
    fn the_visits_day_is_the_offices_calendar_day_not_utcs() {
        let chicago = OfficeZone::parse("America/Chicago").unwrap();
        // 23:30 on Monday 6 May in Chicago (CDT, UTC-5) is 04:30 UTC on Tuesday.
        let late_evening = Utc.with_ymd_and_hms(2030, 5, 7, 4, 30, 0).unwrap();
        let visit = |now| VisitTime {
            starts_at: late_evening,
            now,
            zone: chicago,
        };
        // Monday 20:00 in Chicago: still Monday 6 May there, though 01:00 Tuesday in UTC.
        let monday_evening = Utc.with_ymd_and_hms(2030, 5, 7, 1, 0, 0).unwrap();
        assert_eq!(
            transition(S::Scheduled, A::CheckIn, &visit(monday_evening)),
            Ok(S::CheckedIn)
        );
        // 15:00 UTC on Monday is 10:00 that morning in Chicago: the same local day.
        let monday_morning = Utc.with_ymd_and_hms(2030, 5, 6, 15, 0, 0).unwrap();
        assert!(transition(S::Scheduled, A::CheckIn, &visit(monday_morning)).is_ok());
        // Tuesday 06:00 UTC is 01:00 Tuesday in Chicago: the visit's day is over.
        let tuesday = Utc.with_ymd_and_hms(2030, 5, 7, 6, 0, 0).unwrap();
        assert_eq!(
            transition(S::Scheduled, A::CheckIn, &visit(tuesday)),
            Err(StatusRefusal::NotVisitDay {
                visit_day: NaiveDate::from_ymd_opt(2030, 5, 6).unwrap()
            })
        );
    }

    #[test]
    fn a_change_inside_the_window_or_after_the_start_is_late() {
        let window = 24;
        let early = at(start() - Duration::hours(24) - Duration::seconds(1));
        assert_eq!(judge_late_change(&early, window, false), Ok(false));
        for late in [
            at(start() - Duration::hours(24)),
            at(start() - Duration::minutes(5)),
            at(start() + Duration::minutes(5)),
        ] {
            assert_eq!(
                judge_late_change(&late, window, false),
                Err(StatusRefusal::LateCancellation { window_hours: 24 })
            );
            assert_eq!(judge_late_change(&late, window, true), Ok(true));
        }
    }

    #[test]
    fn with_no_window_a_patient_may_cancel_until_the_start() {
        let time = at(start() - Duration::seconds(1));
        assert_eq!(judge_late_change(&time, 0, false), Ok(false));
        assert!(judge_late_change(&at(start()), 0, false).is_err());
    }

    #[test]
    fn only_scheduled_and_confirmed_appointments_can_be_rescheduled() {
        let movable: Vec<_> = S::ALL.iter().filter(|s| can_reschedule(**s)).collect();
        assert_eq!(movable, [&S::Scheduled, &S::Confirmed]);
    }
}
