//! What a calendar event about a visit says, decided once for every calendar the clinic hands
//! out (a feed, a downloaded `.ics`, an email's attachment).

use chrono::{DateTime, Duration, TimeZone, Utc};

use crate::scheduling::{Appointment, AppointmentStatus};

/// How far back a doctor's feed reaches: a month, so last week's visits stay in the calendar.
pub const FEED_DAYS_BACK: i64 = 30;
/// How far ahead a doctor's feed reaches: half a year, the default booking horizon.
pub const FEED_DAYS_AHEAD: i64 = 180;

/// The span of appointments a feed read at `now` lists: those that end after its start and
/// begin before its end.
#[must_use]
pub fn feed_window(now: DateTime<Utc>) -> (DateTime<Utc>, DateTime<Utc>) {
    (
        now - Duration::days(FEED_DAYS_BACK),
        now + Duration::days(FEED_DAYS_AHEAD),
    )
}

/// Whether a visit in this state belongs in a doctor's feed: every visit but a cancelled one
/// (a no-show or a completed visit still took the time).
#[must_use]
pub fn shows_in_feed(status: AppointmentStatus) -> bool {
    status != AppointmentStatus::Cancelled
}

/// Where a visit takes place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VisitPlace {
    /// The office's name.
    pub office_name: String,
    /// The office's postal address on one line.
    pub address: String,
    /// The office's email, the organizer of an invitation (`METHOD:REQUEST`), if it has one.
    pub email: Option<String>,
}

impl VisitPlace {
    /// The place as a calendar's location: the office's name, then its address.
    #[must_use]
    pub fn location(&self) -> String {
        if self.address.is_empty() {
            self.office_name.clone()
        } else {
            format!("{}, {}", self.office_name, self.address)
        }
    }

    /// The address of an office from its parts, skipping the empty ones.
    #[must_use]
    pub fn address_line<'a>(parts: impl IntoIterator<Item = Option<&'a str>>) -> String {
        parts
            .into_iter()
            .flatten()
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// What the clinic knows of a visit that a calendar may draw on. It deliberately has no
/// reason for the visit: nothing clinical ever reaches a calendar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VisitFacts {
    pub appointment_id: i32,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub status: AppointmentStatus,
    /// The last change of the appointment: the event's revision.
    pub updated_at: DateTime<Utc>,
    pub patient_name: String,
    pub doctor_name: String,
    pub place: VisitPlace,
}

impl VisitFacts {
    /// The facts of a stored appointment at `place` (the reason is left behind).
    #[must_use]
    pub fn of(appointment: &Appointment, place: VisitPlace) -> Self {
        Self {
            appointment_id: appointment.appointment_id,
            starts_at: appointment.starts_at,
            ends_at: appointment.ends_at,
            status: appointment.status,
            updated_at: appointment.updated_at,
            patient_name: appointment.patient_name.clone(),
            doctor_name: appointment.doctor_name.clone(),
            place,
        }
    }
}

/// Who the calendar is for, which decides what its events may say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    /// The patient's own visit (a download or an email): it names the doctor, never the
    /// patient (whoever holds the file learns no name from it).
    Patient,
    /// A doctor's feed, which names the patient only when the doctor opted in.
    DoctorFeed { include_patient_names: bool },
}

/// One visit as a calendar event, ready to render. Times are UTC.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VisitEvent {
    pub appointment_id: i32,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub summary: String,
    pub location: String,
    pub description: String,
    /// The office's email, when the event is sent as an invitation.
    pub organizer_email: Option<String>,
    /// The office's name, as the organizer's display name.
    pub organizer_name: String,
    /// The visit was cancelled: the event says so (`STATUS:CANCELLED`).
    pub cancelled: bool,
    /// The revision: grows with every change of the appointment, so a calendar replaces an
    /// older copy of the event.
    pub sequence: u32,
    /// When the appointment last changed.
    pub last_modified: DateTime<Utc>,
    /// When this calendar was produced (`DTSTAMP`).
    pub stamp: DateTime<Utc>,
}

impl VisitEvent {
    /// The event's identifier: the same for every rendering of the same appointment, in
    /// every calendar, so a calendar updates its copy instead of adding a second one.
    #[must_use]
    pub fn uid(&self) -> String {
        format!("appointment-{}@clinic", self.appointment_id)
    }
}

/// The revision of an event changed at `updated_at`: whole seconds since 2020, which grows
/// with every change and fits `SEQUENCE`'s integer until 2088.
fn sequence_of(updated_at: DateTime<Utc>) -> u32 {
    let epoch = Utc.with_ymd_and_hms(2020, 1, 1, 0, 0, 0).single();
    let seconds = epoch.map_or(0, |e| (updated_at - e).num_seconds());
    u32::try_from(seconds.clamp(0, i64::from(i32::MAX))).unwrap_or(0)
}

/// The event a calendar for `audience` shows of `visit`, produced at `now`.
#[must_use]
pub fn visit_event(visit: &VisitFacts, audience: Audience, now: DateTime<Utc>) -> VisitEvent {
    let office = &visit.place.office_name;
    let (summary, description) = match audience {
        Audience::Patient => (
            format!("Appointment with {}", visit.doctor_name),
            format!(
                "Your appointment with {} at {office}. To change or cancel it, use the clinic's app or call the front desk.",
                visit.doctor_name
            ),
        ),
        Audience::DoctorFeed {
            include_patient_names: true,
        } => (
            visit.patient_name.clone(),
            format!("Appointment {} at {office}.", visit.appointment_id),
        ),
        Audience::DoctorFeed {
            include_patient_names: false,
        } => (
            "Appointment".to_owned(),
            format!("Appointment {} at {office}.", visit.appointment_id),
        ),
    };
    VisitEvent {
        appointment_id: visit.appointment_id,
        starts_at: visit.starts_at,
        ends_at: visit.ends_at,
        summary,
        location: visit.place.location(),
        description,
        organizer_email: visit.place.email.clone(),
        organizer_name: office.clone(),
        cancelled: visit.status == AppointmentStatus::Cancelled,
        sequence: sequence_of(visit.updated_at),
        last_modified: visit.updated_at,
        stamp: now,
    }
}
