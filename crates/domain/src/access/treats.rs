//! When a doctor treats a patient: the relationship that opens the patient's chart to them.
//!
//! Minimum necessary: a doctor reads a chart while they care for the patient, not forever.
//! They do when they are on the patient's care team (until they are removed from it), or
//! through an appointment with the patient that is not cancelled and whose end is less than
//! [`TREATMENT_WINDOW_DAYS`] ago — an upcoming or ongoing visit (scheduled, confirmed, checked
//! in) to prepare and hold it, and a visit that ended (completed, no-show, or simply past) to
//! write it up, read the results it ordered and answer follow-up questions. A cancelled
//! appointment never counts: booking and cancelling must not open a chart.
//!
//! This is the rule; `clinic_infrastructure`'s `treats` SQL fragment is its twin, used wherever a
//! list or a lookup must apply it inside a query, and tested against this function.

use chrono::{DateTime, Duration, Utc};

use crate::scheduling::AppointmentStatus;

/// How many days after an appointment's end its doctor keeps reading the patient's chart.
/// Long enough for results and follow-up after a visit; a doctor who keeps caring for the
/// patient beyond that belongs on the care team.
pub const TREATMENT_WINDOW_DAYS: i64 = 90;

/// [`TREATMENT_WINDOW_DAYS`] as a duration.
#[must_use]
pub fn treatment_window() -> Duration {
    Duration::days(TREATMENT_WINDOW_DAYS)
}

/// One appointment between the doctor and the patient, as far as the rule looks at it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AppointmentTrace {
    /// Its status.
    pub status: AppointmentStatus,
    /// When it ends (or ended).
    pub ends_at: DateTime<Utc>,
}

impl AppointmentTrace {
    /// Whether this appointment, at `now`, opens the chart to its doctor: not cancelled, and
    /// ending less than the treatment window before `now` (an appointment still to come always
    /// does).
    #[must_use]
    pub fn opens_chart(self, now: DateTime<Utc>) -> bool {
        self.status != AppointmentStatus::Cancelled && self.ends_at + treatment_window() > now
    }
}

/// What the rule looks at, for one doctor and one patient.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TreatmentFacts<'a> {
    /// The doctor is on the patient's care team.
    pub in_care_team: bool,
    /// The doctor's appointments with the patient, in any status.
    pub appointments: &'a [AppointmentTrace],
}

/// Whether the doctor treats the patient at `now`: on the care team, or through an appointment
/// that [opens the chart](AppointmentTrace::opens_chart).
#[must_use]
pub fn treats(facts: TreatmentFacts<'_>, now: DateTime<Utc>) -> bool {
    facts.in_care_team || facts.appointments.iter().any(|a| a.opens_chart(now))
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2030, 6, 1, 12, 0, 0).unwrap()
    }

    fn trace(status: AppointmentStatus, ends_at: DateTime<Utc>) -> AppointmentTrace {
        AppointmentTrace { status, ends_at }
    }

    #[test]
    fn a_care_team_member_treats_the_patient_without_any_appointment() {
        let facts = TreatmentFacts {
            in_care_team: true,
            appointments: &[],
        };
        assert!(treats(facts, now()));
        let stranger = TreatmentFacts {
            in_care_team: false,
            appointments: &[],
        };
        assert!(!treats(stranger, now()));
    }

    #[test]
    fn an_upcoming_or_ongoing_appointment_opens_the_chart() {
        for status in [
            AppointmentStatus::Scheduled,
            AppointmentStatus::Confirmed,
            AppointmentStatus::CheckedIn,
        ] {
            assert!(trace(status, now() + Duration::days(400)).opens_chart(now()));
            assert!(trace(status, now() + Duration::minutes(10)).opens_chart(now()));
        }
    }

    #[test]
    fn a_cancelled_appointment_never_opens_the_chart() {
        for ends in [now() + Duration::days(3), now() - Duration::days(1)] {
            assert!(!trace(AppointmentStatus::Cancelled, ends).opens_chart(now()));
        }
    }

    #[test]
    fn an_ended_visit_opens_the_chart_until_the_window_closes() {
        let window = treatment_window();
        for status in [
            AppointmentStatus::Completed,
            AppointmentStatus::NoShow,
            AppointmentStatus::Scheduled,
        ] {
            assert!(trace(status, now() - Duration::days(1)).opens_chart(now()));
            assert!(
                trace(status, now() - window + Duration::seconds(1)).opens_chart(now()),
                "{status:?} one second inside the window"
            );
            assert!(
                !trace(status, now() - window).opens_chart(now()),
                "{status:?} exactly at the window's end"
            );
            assert!(!trace(status, now() - Duration::days(365)).opens_chart(now()));
        }
    }

    #[test]
    fn one_open_appointment_is_enough() {
        let appointments = [
            trace(AppointmentStatus::Cancelled, now() + Duration::days(1)),
            trace(AppointmentStatus::Completed, now() - Duration::days(10)),
        ];
        let facts = TreatmentFacts {
            in_care_team: false,
            appointments: &appointments,
        };
        assert!(treats(facts, now()));
        assert!(!treats(facts, now() + Duration::days(100)));
    }
}
