//! The life of an appointment: scheduled → confirmed → checked in → completed, or cancelled, or
//! a no-show. Completed, cancelled and no-show are final.

use chrono::{DateTime, Utc};

use crate::string_enum::string_enum;

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
        /// scheduled or confirmed → checked in.
        CheckIn = "check_in",
        /// checked in → completed.
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

/// Why the status machine refuses an action.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StatusRefusal {
    /// The action is not allowed from the current status (every action from a final one).
    #[error("an appointment that is {from} cannot be {to}")]
    NotAllowed {
        from: AppointmentStatus,
        to: AppointmentStatus,
    },
    /// A no-show before the start time: the patient may still come, and the same action will
    /// be accepted later.
    #[error("an appointment can be marked a no-show only once its start time has passed")]
    NotStarted,
}

/// The status after `action` on an appointment in status `from` starting at `starts_at`.
///
/// # Errors
/// [`StatusRefusal::NotAllowed`] when `action` is not allowed from `from`;
/// [`StatusRefusal::NotStarted`] for a no-show before the start time.
pub fn transition(
    from: AppointmentStatus,
    action: AppointmentAction,
    starts_at: DateTime<Utc>,
    now: DateTime<Utc>,
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
    if action == A::NoShow && now < starts_at {
        return Err(StatusRefusal::NotStarted);
    }
    Ok(action.target())
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
                let actual = transition(*from, *action, start(), now);
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
                assert!(transition(from, *action, start(), start()).is_err());
            }
        }
    }

    #[test]
    fn an_invalid_transition_names_both_statuses() {
        let error = transition(S::Cancelled, A::Complete, start(), start()).unwrap_err();
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
        let error = transition(S::Confirmed, A::NoShow, start(), just_before).unwrap_err();
        assert_eq!(error, StatusRefusal::NotStarted);
    }

    #[test]
    fn a_no_show_is_allowed_at_the_start_time() {
        assert_eq!(
            transition(S::Confirmed, A::NoShow, start(), start()),
            Ok(S::NoShow)
        );
    }

    #[test]
    fn only_scheduled_and_confirmed_appointments_can_be_rescheduled() {
        let movable: Vec<_> = S::ALL.iter().filter(|s| can_reschedule(**s)).collect();
        assert_eq!(movable, [&S::Scheduled, &S::Confirmed]);
    }
}
