//! Appointments: booking, rescheduling, the status machine, and what schedules show.

mod booking;
mod query;
mod status;

pub use query::list_sql;

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use clinic_domain::access::Actor;
use clinic_domain::scheduling::{
    Appointment, AppointmentAction, AppointmentFilter, AppointmentRepository, BookingFacts,
    NewAppointment, Reschedule, WeeklyHours,
};
use clinic_domain::values::TimeRange;
use clinic_domain::{Page, PageRequest, StoreResult};
use sea_orm::DatabaseConnection;

/// Appointments in PostgreSQL.
#[derive(Clone)]
pub struct PgAppointments {
    db: DatabaseConnection,
}

impl PgAppointments {
    /// A repository over `db`.
    #[must_use]
    pub fn new(db: DatabaseConnection) -> Self {
        Self { db }
    }
}

#[async_trait]
impl AppointmentRepository for PgAppointments {
    async fn booking_facts(
        &self,
        patient_id: i32,
        doctor_id: i32,
        office_id: i32,
        range: &TimeRange,
        ignore: Option<i32>,
    ) -> StoreResult<BookingFacts> {
        booking::facts(&self.db, patient_id, doctor_id, office_id, range, ignore).await
    }

    async fn book(&self, actor: &Actor, new: NewAppointment) -> StoreResult<Appointment> {
        booking::book(&self.db, actor, new).await
    }

    async fn get(&self, appointment_id: i32) -> StoreResult<Appointment> {
        query::get(&self.db, appointment_id).await
    }

    async fn list(
        &self,
        filter: &AppointmentFilter,
        page: PageRequest,
    ) -> StoreResult<Page<Appointment>> {
        query::list(&self.db, filter, page).await
    }

    async fn reschedule(
        &self,
        actor: &Actor,
        appointment_id: i32,
        change: Reschedule,
    ) -> StoreResult<Appointment> {
        booking::reschedule(&self.db, actor, appointment_id, change).await
    }

    async fn act(
        &self,
        actor: &Actor,
        appointment_id: i32,
        action: AppointmentAction,
        now: DateTime<Utc>,
    ) -> StoreResult<Appointment> {
        status::act(&self.db, actor, appointment_id, action, now).await
    }

    async fn availability_facts(
        &self,
        doctor_id: i32,
        office_id: i32,
        window: &TimeRange,
    ) -> StoreResult<(String, Vec<WeeklyHours>, Vec<TimeRange>)> {
        query::availability_facts(&self.db, doctor_id, office_id, window).await
    }
}

/// How a moment reads in the office's time zone, for notification messages.
pub(crate) fn local_label(moment: DateTime<Utc>, time_zone: &str) -> String {
    match time_zone.parse::<chrono_tz::Tz>() {
        Ok(tz) => moment
            .with_timezone(&tz)
            .format("%a %Y-%m-%d %H:%M %Z")
            .to_string(),
        Err(_) => moment.format("%a %Y-%m-%d %H:%M UTC").to_string(),
    }
}
