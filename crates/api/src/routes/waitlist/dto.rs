//! Bodies and queries of `/waitlist`.

use chrono::{DateTime, NaiveDate, NaiveTime, Utc, Weekday};
use clinic_domain::scheduling::waitlist::{
    EntryStatus, EntryView, OfferStatus, OfferView, Preferences, TimeWindow, Urgency,
};
use clinic_domain::{ValidationError, ValidationErrors};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::routes::common::utc;

/// How soon the patient needs the visit; more urgent entries are offered a freed slot first.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum UrgencyDto {
    Routine,
    Soon,
    Urgent,
}

impl From<UrgencyDto> for Urgency {
    fn from(u: UrgencyDto) -> Self {
        match u {
            UrgencyDto::Routine => Self::Routine,
            UrgencyDto::Soon => Self::Soon,
            UrgencyDto::Urgent => Self::Urgent,
        }
    }
}

impl From<Urgency> for UrgencyDto {
    fn from(u: Urgency) -> Self {
        match u {
            Urgency::Routine => Self::Routine,
            Urgency::Soon => Self::Soon,
            Urgency::Urgent => Self::Urgent,
        }
    }
}

/// Where an entry is now: `offered` while an offer is open; `expired` after its latest date
/// or 90 days after joining.
#[derive(Debug, Clone, Copy, Serialize, ToSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum WaitlistEntryStatusDto {
    Active,
    Offered,
    Booked,
    Expired,
    Withdrawn,
}

impl From<EntryStatus> for WaitlistEntryStatusDto {
    fn from(s: EntryStatus) -> Self {
        match s {
            EntryStatus::Active => Self::Active,
            EntryStatus::Offered => Self::Offered,
            EntryStatus::Booked => Self::Booked,
            EntryStatus::Expired => Self::Expired,
            EntryStatus::Withdrawn => Self::Withdrawn,
        }
    }
}

/// Where an offer is now: `taken` when another patient accepted the slot first, `withdrawn`
/// when its entry was, `expired` once `expires_at` passed unanswered.
#[derive(Debug, Clone, Copy, Serialize, ToSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum WaitlistOfferStatusDto {
    Open,
    Accepted,
    Declined,
    Taken,
    Withdrawn,
    Expired,
}

impl From<OfferStatus> for WaitlistOfferStatusDto {
    fn from(s: OfferStatus) -> Self {
        match s {
            OfferStatus::Open => Self::Open,
            OfferStatus::Accepted => Self::Accepted,
            OfferStatus::Declined => Self::Declined,
            OfferStatus::Taken => Self::Taken,
            OfferStatus::Withdrawn => Self::Withdrawn,
            OfferStatus::Expired => Self::Expired,
        }
    }
}

/// A request to join the waitlist.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct JoinWaitlistRequest {
    /// The patient; a patient joining for themselves may leave it out.
    pub patient_id: Option<i32>,
    pub doctor_id: i32,
    /// One of the doctor's offices; left out, any of them.
    pub office_id: Option<i32>,
    /// ISO weekdays that suit (1 = Monday ... 7 = Sunday); empty or left out, any day.
    #[serde(default)]
    #[schema(example = json!([1, 3]))]
    pub weekdays: Vec<i64>,
    /// The earliest local start that suits, `HH:MM` (with `window_end`).
    #[schema(pattern = r"^([01]\d|2[0-3]):[0-5]\d$", example = "08:00")]
    pub window_start: Option<String>,
    /// The latest local end that suits, `HH:MM`, after `window_start`.
    #[schema(pattern = r"^([01]\d|2[0-3]):[0-5]\d$", example = "12:00")]
    pub window_end: Option<String>,
    /// The last date a visit would still help (not in the past); the entry expires after it.
    pub latest_date: Option<NaiveDate>,
    pub urgency: UrgencyDto,
    /// A note for the front desk (at most 500 characters).
    #[schema(max_length = 500)]
    pub note: Option<String>,
}

fn clock_time(field: &str, raw: &str) -> Result<NaiveTime, ValidationError> {
    NaiveTime::parse_from_str(raw, "%H:%M")
        .map_err(|_| ValidationError::new(field, "must be a time of day as HH:MM"))
}

impl JoinWaitlistRequest {
    /// The preferences as the domain reads them (checked against the date by the use case).
    ///
    /// # Errors
    /// A weekday out of range, a time that is not `HH:MM`, half a window, an empty window.
    pub fn preferences(&self) -> Result<Preferences, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let mut weekdays = Vec::new();
        for (i, day) in self.weekdays.iter().enumerate() {
            // Range first: `day - 1` of an arbitrary client number could overflow.
            let weekday = (1..=7)
                .contains(day)
                .then(|| u8::try_from(day - 1).ok())
                .flatten()
                .and_then(|n| Weekday::try_from(n).ok());
            match weekday {
                Some(weekday) => weekdays.push(weekday),
                _ => errors.push(ValidationError::new(
                    format!("weekdays[{i}]"),
                    "must be an ISO weekday, 1 (Monday) to 7 (Sunday)",
                )),
            }
        }
        let start = self
            .window_start
            .as_deref()
            .and_then(|t| errors.capture(clock_time("window_start", t)));
        let end = self
            .window_end
            .as_deref()
            .and_then(|t| errors.capture(clock_time("window_end", t)));
        let window = match (&self.window_start, &self.window_end, start, end) {
            (None, None, _, _) => None,
            (_, _, Some(from), Some(to)) => errors.capture(TimeWindow::new(from, to)),
            (Some(_), None, _, _) => {
                errors.push(ValidationError::new(
                    "window_end",
                    "is required with window_start",
                ));
                None
            }
            (None, Some(_), _, _) => {
                errors.push(ValidationError::new(
                    "window_start",
                    "is required with window_end",
                ));
                None
            }
            _ => None,
        };
        errors.into_result()?;
        Ok(Preferences {
            weekdays,
            window,
            latest_date: self.latest_date,
        })
    }
}

/// A waitlist entry.
#[derive(Debug, Serialize, ToSchema)]
pub struct WaitlistEntryResponse {
    pub id: i32,
    pub patient_id: i32,
    pub patient_name: String,
    pub doctor_id: i32,
    pub doctor_name: String,
    /// `null`: any office of the doctor.
    pub office_id: Option<i32>,
    pub office_name: Option<String>,
    /// ISO weekdays (1 = Monday); empty means any day.
    pub weekdays: Vec<i64>,
    /// Local `HH:MM`, or `null` for any time.
    pub window_start: Option<String>,
    pub window_end: Option<String>,
    pub latest_date: Option<NaiveDate>,
    pub urgency: UrgencyDto,
    pub note: Option<String>,
    pub status: WaitlistEntryStatusDto,
    /// The visit an accepted offer booked.
    pub booked_appointment_id: Option<i32>,
    #[serde(serialize_with = "utc")]
    pub created_at: DateTime<Utc>,
    /// When the entry goes stale unless booked first (90 days after joining).
    #[serde(serialize_with = "utc")]
    pub stale_at: DateTime<Utc>,
    /// Whether the caller may withdraw it now.
    pub can_withdraw: bool,
}

impl From<EntryView> for WaitlistEntryResponse {
    fn from(view: EntryView) -> Self {
        let e = view.entry;
        let clock = |t: NaiveTime| t.format("%H:%M").to_string();
        Self {
            id: e.entry_id,
            patient_id: e.patient_id,
            patient_name: e.patient_name,
            doctor_id: e.doctor_id,
            doctor_name: e.doctor_name,
            office_id: e.office_id,
            office_name: e.office_name,
            weekdays: e
                .preferences
                .weekdays
                .iter()
                .map(|d| i64::from(d.number_from_monday()))
                .collect(),
            window_start: e.preferences.window.map(|w| clock(w.from())),
            window_end: e.preferences.window.map(|w| clock(w.to())),
            latest_date: e.preferences.latest_date,
            urgency: e.urgency.into(),
            note: e.note,
            status: view.status.into(),
            booked_appointment_id: e.booked_appointment_id,
            created_at: e.life.created_at,
            stale_at: view.stale_at,
            can_withdraw: view.can_withdraw,
        }
    }
}

/// An offer of a freed slot.
#[derive(Debug, Serialize, ToSchema)]
pub struct WaitlistOfferResponse {
    pub id: i32,
    pub entry_id: i32,
    pub patient_id: i32,
    pub doctor_id: i32,
    pub doctor_name: String,
    pub office_id: i32,
    pub office_name: String,
    /// The office's IANA time zone: show the slot on its wall clock.
    pub time_zone: String,
    #[serde(serialize_with = "utc")]
    pub starts_at: DateTime<Utc>,
    #[serde(serialize_with = "utc")]
    pub ends_at: DateTime<Utc>,
    pub duration_minutes: i64,
    /// Accept before this moment (at most 2 hours after the offer, never after the start).
    #[serde(serialize_with = "utc")]
    pub expires_at: DateTime<Utc>,
    pub status: WaitlistOfferStatusDto,
    pub booked_appointment_id: Option<i32>,
    #[serde(serialize_with = "utc")]
    pub created_at: DateTime<Utc>,
    /// Whether the caller may accept or decline it now.
    pub can_answer: bool,
}

impl From<OfferView> for WaitlistOfferResponse {
    fn from(view: OfferView) -> Self {
        let o = view.offer;
        Self {
            id: o.offer_id,
            entry_id: o.entry_id,
            patient_id: o.patient_id,
            doctor_id: o.doctor_id,
            doctor_name: o.doctor_name,
            office_id: o.office_id,
            office_name: o.office_name,
            time_zone: o.time_zone,
            starts_at: o.range.start(),
            ends_at: o.range.end(),
            duration_minutes: o.range.duration_minutes(),
            expires_at: o.expires_at,
            status: view.status.into(),
            booked_appointment_id: o.booked_appointment_id,
            created_at: o.created_at,
            can_answer: view.can_answer,
        }
    }
}

/// Filters of the entry list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct WaitlistQuery {
    pub patient_id: Option<i32>,
    pub doctor_id: Option<i32>,
    pub office_id: Option<i32>,
    /// Also the booked, withdrawn and expired entries (default: only those still waiting).
    pub include_closed: Option<bool>,
}

/// Filters of the offer list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct WaitlistOfferQuery {
    pub patient_id: Option<i32>,
    pub entry_id: Option<i32>,
    /// Also the answered and expired offers (default: only open ones).
    pub include_closed: Option<bool>,
}
