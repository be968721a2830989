//! Waitlist entries and the offers of freed slots, as the use cases see them.

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Utc, Weekday};

use crate::error::{ValidationError, ValidationErrors};
use crate::string_enum::string_enum;
use crate::values::TimeRange;

/// How long an entry waits before it goes stale: a patient who still wants a visit after 90
/// days joins again, so the list does not fill with people who found care elsewhere.
pub const ENTRY_STALE_DAYS: i64 = 90;
/// How long an offer stays open, at most (and never past the slot's start).
pub const OFFER_HOURS: i64 = 2;
/// How many entries one freed slot is offered to at most: the first to accept wins, so a few
/// are enough, and the rest are not woken for a slot they will most likely miss.
pub const MAX_OFFERS_PER_SLOT: usize = 5;
/// The longest note on an entry, in characters.
pub const MAX_NOTE_CHARS: usize = 500;

string_enum! {
    /// How soon the patient needs the visit; more urgent entries are offered first.
    pub enum Urgency (kind = "urgency") {
        Routine = "routine",
        Soon = "soon",
        Urgent = "urgent",
    }
}

impl Urgency {
    /// Larger is more urgent.
    #[must_use]
    pub fn rank(self) -> u8 {
        match self {
            Self::Routine => 0,
            Self::Soon => 1,
            Self::Urgent => 2,
        }
    }
}

string_enum! {
    /// What is stored of an entry's life; `offered` and `expired` are derived
    /// ([`EntryStatus`]).
    pub enum StoredEntryStatus (kind = "waitlist entry status") {
        Active = "active",
        Booked = "booked",
        Withdrawn = "withdrawn",
    }
}

string_enum! {
    /// Where an entry is, at a given moment.
    pub enum EntryStatus (kind = "waitlist entry status") {
        /// Waiting for a slot.
        Active = "active",
        /// A slot is offered and the offer is still open.
        Offered = "offered",
        /// An offer was accepted: the visit is booked.
        Booked = "booked",
        /// Past its latest date or stale ([`ENTRY_STALE_DAYS`]).
        Expired = "expired",
        /// Taken off the list by the patient or the front desk.
        Withdrawn = "withdrawn",
    }
}

string_enum! {
    /// What is stored of an offer's life; `expired` is derived ([`OfferStatus`]).
    pub enum StoredOfferStatus (kind = "waitlist offer status") {
        Open = "open",
        Accepted = "accepted",
        Declined = "declined",
        /// Another patient accepted the slot first.
        Taken = "taken",
        /// The entry was withdrawn while the offer was open.
        Withdrawn = "withdrawn",
    }
}

string_enum! {
    /// Where an offer is, at a given moment.
    pub enum OfferStatus (kind = "waitlist offer status") {
        Open = "open",
        Accepted = "accepted",
        Declined = "declined",
        Taken = "taken",
        Withdrawn = "withdrawn",
        /// Open, but its time ran out.
        Expired = "expired",
    }
}

impl OfferStatus {
    /// The offer's status at `now`.
    #[must_use]
    pub fn at(stored: StoredOfferStatus, expires_at: DateTime<Utc>, now: DateTime<Utc>) -> Self {
        match stored {
            StoredOfferStatus::Open if expires_at <= now => Self::Expired,
            StoredOfferStatus::Open => Self::Open,
            StoredOfferStatus::Accepted => Self::Accepted,
            StoredOfferStatus::Declined => Self::Declined,
            StoredOfferStatus::Taken => Self::Taken,
            StoredOfferStatus::Withdrawn => Self::Withdrawn,
        }
    }
}

/// A preferred local time of day: a visit must start at or after `from` and end by `to`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimeWindow {
    from: NaiveTime,
    to: NaiveTime,
}

impl TimeWindow {
    /// A window from `from` to `to` on the office's wall clock.
    ///
    /// # Errors
    /// On `window_end` unless `from` is before `to`.
    pub fn new(from: NaiveTime, to: NaiveTime) -> Result<Self, ValidationError> {
        if from < to {
            Ok(Self { from, to })
        } else {
            Err(ValidationError::new(
                "window_end",
                "must be later than the window's start",
            ))
        }
    }

    #[must_use]
    pub fn from(&self) -> NaiveTime {
        self.from
    }

    #[must_use]
    pub fn to(&self) -> NaiveTime {
        self.to
    }
}

/// When the patient can come.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Preferences {
    /// The weekdays that suit; empty means any day.
    pub weekdays: Vec<Weekday>,
    /// The time of day that suits, on the office's wall clock; `None` means any time.
    pub window: Option<TimeWindow>,
    /// The last local date a visit would still help; `None` means no limit.
    pub latest_date: Option<NaiveDate>,
}

impl Preferences {
    /// Checks the preferences: no weekday twice, a latest date not before `today`.
    ///
    /// # Errors
    /// Every broken rule, by field.
    pub fn parse(
        weekdays: Vec<Weekday>,
        window: Option<TimeWindow>,
        latest_date: Option<NaiveDate>,
        today: NaiveDate,
    ) -> Result<Self, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let mut seen = Vec::new();
        for day in &weekdays {
            if seen.contains(day) {
                errors.push(ValidationError::new("weekdays", "names a weekday twice"));
                break;
            }
            seen.push(*day);
        }
        if latest_date.is_some_and(|d| d < today) {
            errors.push(ValidationError::new(
                "latest_date",
                "must not be in the past",
            ));
        }
        errors.into_result()?;
        Ok(Self {
            weekdays,
            window,
            latest_date,
        })
    }
}

/// What decides an entry's status at a moment, as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryLife {
    pub stored: StoredEntryStatus,
    pub created_at: DateTime<Utc>,
    pub latest_date: Option<NaiveDate>,
    /// The latest expiry of the entry's offers still stored open, if any.
    pub open_offer_until: Option<DateTime<Utc>>,
}

impl EntryLife {
    /// The moment an entry goes stale.
    #[must_use]
    pub fn stale_at(&self) -> DateTime<Utc> {
        self.created_at + Duration::days(ENTRY_STALE_DAYS)
    }

    /// The entry's status at `now`. The latest date counts by the clock's (UTC) date: an
    /// entry is expired the day after it.
    #[must_use]
    pub fn status_at(&self, now: DateTime<Utc>) -> EntryStatus {
        match self.stored {
            StoredEntryStatus::Booked => EntryStatus::Booked,
            StoredEntryStatus::Withdrawn => EntryStatus::Withdrawn,
            StoredEntryStatus::Active => {
                if now >= self.stale_at() || self.latest_date.is_some_and(|d| d < now.date_naive())
                {
                    EntryStatus::Expired
                } else if self.open_offer_until.is_some_and(|until| until > now) {
                    EntryStatus::Offered
                } else {
                    EntryStatus::Active
                }
            }
        }
    }
}

/// A waitlist entry, with the names a list shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WaitlistEntry {
    pub entry_id: i32,
    pub patient_id: i32,
    pub patient_name: String,
    pub doctor_id: i32,
    pub doctor_name: String,
    /// `None`: any office of the doctor.
    pub office_id: Option<i32>,
    pub office_name: Option<String>,
    pub preferences: Preferences,
    pub urgency: Urgency,
    pub note: Option<String>,
    pub life: EntryLife,
    /// The visit an accepted offer booked.
    pub booked_appointment_id: Option<i32>,
    pub updated_at: DateTime<Utc>,
}

/// An offer of a freed slot to one entry, with the names a list shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WaitlistOffer {
    pub offer_id: i32,
    pub entry_id: i32,
    pub patient_id: i32,
    pub doctor_id: i32,
    pub doctor_name: String,
    pub office_id: i32,
    pub office_name: String,
    /// The office's IANA zone, in which the slot is shown.
    pub time_zone: String,
    pub range: TimeRange,
    pub expires_at: DateTime<Utc>,
    pub stored: StoredOfferStatus,
    pub created_at: DateTime<Utc>,
    /// The visit it booked, once accepted.
    pub booked_appointment_id: Option<i32>,
}

impl WaitlistOffer {
    /// The offer's status at `now`.
    #[must_use]
    pub fn status_at(&self, now: DateTime<Utc>) -> OfferStatus {
        OfferStatus::at(self.stored, self.expires_at, now)
    }
}

/// A new entry that passed every rule, as the store writes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewEntry {
    pub patient_id: i32,
    pub doctor_id: i32,
    pub office_id: Option<i32>,
    pub preferences: Preferences,
    pub urgency: Urgency,
    pub note: Option<String>,
}

/// Filters of the entry list, after the policy narrowed them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EntryFilter {
    pub patient_id: Option<i32>,
    pub doctor_id: Option<i32>,
    pub office_id: Option<i32>,
    /// Only entries still waiting (active or offered) at this moment: the store keeps those
    /// stored active, created after [`EntryFilter::stale_before`] and with no latest date
    /// before the moment's date.
    pub open_at: Option<DateTime<Utc>>,
}

impl EntryFilter {
    /// Entries created before this moment are stale at `now`.
    #[must_use]
    pub fn stale_before(now: DateTime<Utc>) -> DateTime<Utc> {
        now - Duration::days(ENTRY_STALE_DAYS)
    }
}

/// Filters of the offer list, after the policy narrowed them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OfferFilter {
    pub patient_id: Option<i32>,
    pub doctor_id: Option<i32>,
    pub entry_id: Option<i32>,
    /// Only offers still open at this moment (stored open, expiring after it).
    pub open_at: Option<DateTime<Utc>>,
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    fn life(stored: StoredEntryStatus) -> EntryLife {
        EntryLife {
            stored,
            created_at: Utc.with_ymd_and_hms(2030, 1, 1, 9, 0, 0).unwrap(),
            latest_date: NaiveDate::from_ymd_opt(2030, 2, 1),
            open_offer_until: None,
        }
    }

    #[test]
    fn an_entry_expires_the_day_after_its_latest_date_or_after_ninety_days() {
        let entry = life(StoredEntryStatus::Active);
        let on = |y, m, d| Utc.with_ymd_and_hms(y, m, d, 12, 0, 0).unwrap();
        assert_eq!(entry.status_at(on(2030, 2, 1)), EntryStatus::Active);
        assert_eq!(entry.status_at(on(2030, 2, 2)), EntryStatus::Expired);
        let open_ended = EntryLife {
            latest_date: None,
            ..entry.clone()
        };
        assert_eq!(open_ended.status_at(on(2030, 3, 31)), EntryStatus::Active);
        assert_eq!(
            open_ended.status_at(entry.created_at + Duration::days(ENTRY_STALE_DAYS)),
            EntryStatus::Expired
        );
    }

    #[test]
    fn an_entry_is_offered_while_an_offer_is_open_and_closed_states_stay() {
        let now = Utc.with_ymd_and_hms(2030, 1, 10, 12, 0, 0).unwrap();
        let offered = EntryLife {
            open_offer_until: Some(now + Duration::minutes(5)),
            ..life(StoredEntryStatus::Active)
        };
        assert_eq!(offered.status_at(now), EntryStatus::Offered);
        assert_eq!(
            offered.status_at(now + Duration::minutes(5)),
            EntryStatus::Active
        );
        assert_eq!(
            life(StoredEntryStatus::Booked).status_at(now + Duration::days(400)),
            EntryStatus::Booked
        );
        assert_eq!(
            life(StoredEntryStatus::Withdrawn).status_at(now),
            EntryStatus::Withdrawn
        );
    }

    #[test]
    fn an_open_offer_expires_at_its_expiry() {
        let at = Utc.with_ymd_and_hms(2030, 1, 10, 12, 0, 0).unwrap();
        let before = at - Duration::seconds(1);
        assert_eq!(
            OfferStatus::at(StoredOfferStatus::Open, at, before),
            OfferStatus::Open
        );
        assert_eq!(
            OfferStatus::at(StoredOfferStatus::Open, at, at),
            OfferStatus::Expired
        );
        assert_eq!(
            OfferStatus::at(StoredOfferStatus::Accepted, at, at),
            OfferStatus::Accepted
        );
    }

    #[test]
    fn preferences_refuse_a_weekday_twice_a_past_latest_date_and_an_empty_window() {
        let today = NaiveDate::from_ymd_opt(2030, 1, 10).unwrap();
        let errors = Preferences::parse(
            vec![Weekday::Mon, Weekday::Mon],
            None,
            today.pred_opt(),
            today,
        )
        .unwrap_err();
        assert!(errors.has_field("weekdays"));
        assert!(errors.has_field("latest_date"));
        let nine = NaiveTime::from_hms_opt(9, 0, 0).unwrap();
        assert!(TimeWindow::new(nine, nine).is_err());
        assert!(Preferences::parse(vec![Weekday::Tue], None, Some(today), today).is_ok());
    }
}
