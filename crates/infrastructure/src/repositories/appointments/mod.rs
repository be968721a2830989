//! Appointments in PostgreSQL: the scheduling use cases' store and transaction, and what
//! schedules show.

mod facts;
mod query;
mod transaction;

pub use query::list_sql;

use async_trait::async_trait;
use clinic_domain::scheduling::{
    Appointment, AppointmentFilter, BookingQuery, SchedulingStore, SchedulingTx, WeeklyHours,
};
use clinic_domain::values::TimeRange;
use clinic_domain::{Page, PageRequest, StoreResult};
use sea_orm::DatabaseConnection;

use crate::repositories::support::begin;

/// Appointments in PostgreSQL.
#[derive(Clone)]
pub struct PgAppointments {
    db: DatabaseConnection,
}

impl PgAppointments {
    /// A store over `db`.
    #[must_use]
    pub fn new(db: DatabaseConnection) -> Self {
        Self { db }
    }
}

#[async_trait]
impl SchedulingStore for PgAppointments {
    async fn begin(&self) -> StoreResult<Box<dyn SchedulingTx + '_>> {
        Ok(Box::new(transaction::PgSchedulingTx::new(
            begin(&self.db).await?,
        )))
    }

    async fn conflicts(&self, query: &BookingQuery) -> StoreResult<Vec<i32>> {
        facts::conflicts(&self.db, query).await
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

    async fn availability_facts(
        &self,
        doctor_id: i32,
        office_id: i32,
        window: &TimeRange,
    ) -> StoreResult<(String, Vec<WeeklyHours>, Vec<TimeRange>)> {
        query::availability_facts(&self.db, doctor_id, office_id, window).await
    }
}
