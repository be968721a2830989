//! The waitlist in PostgreSQL: the rows as the domain reads them, and its lists. The writes
//! run in the scheduling transaction (`appointments/waitlist_tx.rs`).

use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, NaiveTime, Utc, Weekday};
use clinic_domain::scheduling::waitlist::{
    EntryFilter, EntryLife, OfferFilter, Preferences, TimeWindow, WaitingEntry, WaitlistEntry,
    WaitlistOffer, WaitlistStore,
};
use clinic_domain::values::TimeRange;
use clinic_domain::{Page, PageRequest, StoreError, StoreResult};
use sea_orm::{DatabaseConnection, FromQueryResult};

use crate::repositories::support::{Conditions, page_rows};

/// An entry's columns, with the names a list shows and the latest expiry of its open offers.
pub(crate) const ENTRY_COLUMNS: &str = "SELECT e.entry_id, e.patient_id,
        concat_ws(' ', p.first_name, p.last_name) AS patient_name, p.user_id AS patient_user_id,
        e.doctor_id, concat_ws(' ', d.first_name, d.last_name) AS doctor_name,
        e.office_id, o.name AS office_name, to_jsonb(e.weekdays) AS weekdays,
        e.window_start, e.window_end, e.latest_date, e.urgency, e.note, e.status,
        e.booked_appointment_id, e.created_at, e.updated_at,
        (SELECT max(w.expires_at) FROM waitlist_offers w
         WHERE w.entry_id = e.entry_id AND w.status = 'open') AS open_offer_until";

/// The tables of [`ENTRY_COLUMNS`].
pub(crate) const ENTRY_FROM: &str = "FROM waitlist_entries e
        JOIN patients p ON p.patient_id = e.patient_id
        JOIN doctors d ON d.doctor_id = e.doctor_id
        LEFT JOIN offices o ON o.office_id = e.office_id";

/// An offer's columns, with the names a list shows.
pub(crate) const OFFER_COLUMNS: &str = "SELECT w.offer_id, w.entry_id, e.patient_id, w.doctor_id,
        concat_ws(' ', d.first_name, d.last_name) AS doctor_name, w.office_id,
        o.name AS office_name, o.time_zone, w.starts_at, w.ends_at, w.expires_at, w.status,
        w.created_at, w.booked_appointment_id";

/// The tables of [`OFFER_COLUMNS`].
pub(crate) const OFFER_FROM: &str = "FROM waitlist_offers w
        JOIN waitlist_entries e ON e.entry_id = w.entry_id
        JOIN doctors d ON d.doctor_id = w.doctor_id
        JOIN offices o ON o.office_id = w.office_id";

#[derive(FromQueryResult)]
pub(crate) struct EntryRow {
    entry_id: i32,
    patient_id: i32,
    patient_name: String,
    pub(crate) patient_user_id: i32,
    doctor_id: i32,
    doctor_name: String,
    office_id: Option<i32>,
    office_name: Option<String>,
    weekdays: serde_json::Value,
    window_start: Option<NaiveTime>,
    window_end: Option<NaiveTime>,
    latest_date: Option<NaiveDate>,
    urgency: String,
    note: Option<String>,
    status: String,
    booked_appointment_id: Option<i32>,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
    open_offer_until: Option<DateTime<Utc>>,
}

fn corrupt(what: &str, e: impl std::fmt::Display) -> StoreError {
    StoreError::Unexpected(format!("a stored waitlist {what} is invalid: {e}"))
}

fn weekday_of(iso: i64) -> StoreResult<Weekday> {
    u8::try_from(iso - 1)
        .ok()
        .and_then(|n| Weekday::try_from(n).ok())
        .ok_or_else(|| corrupt("weekday", iso))
}

impl EntryRow {
    pub(crate) fn into_entry(self) -> StoreResult<WaitlistEntry> {
        let weekdays = self
            .weekdays
            .as_array()
            .ok_or_else(|| corrupt("weekday list", &self.weekdays))?
            .iter()
            .map(|d| {
                d.as_i64()
                    .ok_or_else(|| corrupt("weekday", d))
                    .and_then(weekday_of)
            })
            .collect::<StoreResult<Vec<_>>>()?;
        let window = match (self.window_start, self.window_end) {
            (Some(from), Some(to)) => {
                Some(TimeWindow::new(from, to).map_err(|e| corrupt("window", e))?)
            }
            (None, None) => None,
            _ => return Err(corrupt("window", "half a window")),
        };
        Ok(WaitlistEntry {
            entry_id: self.entry_id,
            patient_id: self.patient_id,
            patient_name: self.patient_name,
            doctor_id: self.doctor_id,
            doctor_name: self.doctor_name,
            office_id: self.office_id,
            office_name: self.office_name,
            preferences: Preferences {
                weekdays,
                window,
                latest_date: self.latest_date,
            },
            urgency: self.urgency.parse().map_err(|e| corrupt("urgency", e))?,
            note: self.note,
            life: EntryLife {
                stored: self.status.parse().map_err(|e| corrupt("status", e))?,
                created_at: self.created_at,
                latest_date: self.latest_date,
                open_offer_until: self.open_offer_until,
            },
            booked_appointment_id: self.booked_appointment_id,
            updated_at: self.updated_at,
        })
    }

    pub(crate) fn into_waiting(self) -> StoreResult<WaitingEntry> {
        let patient_user_id = self.patient_user_id;
        let entry = self.into_entry()?;
        Ok(WaitingEntry {
            entry_id: entry.entry_id,
            patient_id: entry.patient_id,
            patient_user_id,
            doctor_id: entry.doctor_id,
            office_id: entry.office_id,
            preferences: entry.preferences,
            urgency: entry.urgency,
            life: entry.life,
        })
    }
}

#[derive(FromQueryResult)]
pub(crate) struct OfferRow {
    offer_id: i32,
    entry_id: i32,
    patient_id: i32,
    doctor_id: i32,
    doctor_name: String,
    office_id: i32,
    office_name: String,
    time_zone: String,
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
    expires_at: DateTime<Utc>,
    status: String,
    created_at: DateTime<Utc>,
    booked_appointment_id: Option<i32>,
}

impl OfferRow {
    pub(crate) fn into_offer(self) -> StoreResult<WaitlistOffer> {
        Ok(WaitlistOffer {
            offer_id: self.offer_id,
            entry_id: self.entry_id,
            patient_id: self.patient_id,
            doctor_id: self.doctor_id,
            doctor_name: self.doctor_name,
            office_id: self.office_id,
            office_name: self.office_name,
            time_zone: self.time_zone,
            range: TimeRange::new(self.starts_at, self.ends_at).map_err(|e| corrupt("slot", e))?,
            expires_at: self.expires_at,
            stored: self
                .status
                .parse()
                .map_err(|e| corrupt("offer status", e))?,
            created_at: self.created_at,
            booked_appointment_id: self.booked_appointment_id,
        })
    }
}

/// The waitlist's lists in PostgreSQL.
#[derive(Clone)]
pub struct PgWaitlist {
    db: DatabaseConnection,
}

impl PgWaitlist {
    #[must_use]
    pub fn new(db: DatabaseConnection) -> Self {
        Self { db }
    }
}

#[async_trait]
impl WaitlistStore for PgWaitlist {
    async fn entries(
        &self,
        filter: &EntryFilter,
        page: PageRequest,
    ) -> StoreResult<Page<WaitlistEntry>> {
        let mut conditions = Conditions::default()
            .when(filter.patient_id, "e.patient_id = $")
            .when(filter.doctor_id, "e.doctor_id = $")
            .when(filter.office_id, "e.office_id = $");
        if let Some(now) = filter.open_at {
            let stale = conditions.param(EntryFilter::stale_before(now));
            let today = conditions.param(now.date_naive());
            conditions.predicate(format!(
                "e.status = 'active' AND e.created_at > {stale}
                 AND (e.latest_date IS NULL OR e.latest_date >= {today})"
            ));
        }
        let condition = conditions.sql();
        let select = format!(
            "{ENTRY_COLUMNS} {ENTRY_FROM} {condition}
             ORDER BY CASE e.urgency WHEN 'urgent' THEN 0 WHEN 'soon' THEN 1 ELSE 2 END,
                      e.created_at, e.entry_id"
        );
        let total = format!("SELECT count(*) AS total FROM waitlist_entries e {condition}");
        let (rows, total) =
            page_rows::<EntryRow, _>(&self.db, &select, &total, conditions.into_params(), page)
                .await?;
        let items = rows
            .into_iter()
            .map(EntryRow::into_entry)
            .collect::<StoreResult<_>>()?;
        Ok(Page::new(items, page, total))
    }

    async fn offers(
        &self,
        filter: &OfferFilter,
        page: PageRequest,
    ) -> StoreResult<Page<WaitlistOffer>> {
        let conditions = Conditions::default()
            .when(filter.patient_id, "e.patient_id = $")
            .when(filter.doctor_id, "w.doctor_id = $")
            .when(filter.entry_id, "w.entry_id = $")
            .when(filter.open_at, "w.status = 'open' AND w.expires_at > $");
        let condition = conditions.sql();
        let select = format!(
            "{OFFER_COLUMNS} {OFFER_FROM} {condition} ORDER BY w.created_at DESC, w.offer_id DESC"
        );
        let total = format!(
            "SELECT count(*) AS total FROM waitlist_offers w
             JOIN waitlist_entries e ON e.entry_id = w.entry_id {condition}"
        );
        let (rows, total) =
            page_rows::<OfferRow, _>(&self.db, &select, &total, conditions.into_params(), page)
                .await?;
        let items = rows
            .into_iter()
            .map(OfferRow::into_offer)
            .collect::<StoreResult<_>>()?;
        Ok(Page::new(items, page, total))
    }
}
