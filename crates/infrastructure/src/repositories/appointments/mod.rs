//! Appointments in PostgreSQL: the scheduling use cases' store and transaction, and what
//! schedules show.

mod availability;
mod facts;
mod live;
mod query;
mod rules;
mod search;
mod transaction;
mod waitlist_tx;

pub use query::list_sql;

use std::sync::Arc;

use async_trait::async_trait;
use clinic_domain::scheduling::{
    Appointment, AppointmentFilter, BookingQuery, ConflictingAppointment, SchedulingStore,
    SchedulingTx,
};
use clinic_domain::{Clock, Page, PageRequest, StoreResult, SystemClock};
use sea_orm::DatabaseConnection;

use crate::repositories::support::begin;

/// Appointments in PostgreSQL.
#[derive(Clone)]
pub struct PgAppointments {
    db: DatabaseConnection,
    clock: Arc<dyn Clock>,
}

impl PgAppointments {
    /// A store over `db`, on the system clock.
    #[must_use]
    pub fn new(db: DatabaseConnection) -> Self {
        Self::with_clock(db, Arc::new(SystemClock))
    }

    /// A store over `db` that judges who treats whom at `clock`'s time.
    #[must_use]
    pub fn with_clock(db: DatabaseConnection, clock: Arc<dyn Clock>) -> Self {
        Self { db, clock }
    }
}

#[async_trait]
impl SchedulingStore for PgAppointments {
    async fn begin(&self) -> StoreResult<Box<dyn SchedulingTx + '_>> {
        Ok(Box::new(transaction::PgSchedulingTx::new(
            begin(&self.db).await?,
            self.clock.now(),
        )))
    }

    async fn conflicts(&self, query: &BookingQuery) -> StoreResult<Vec<ConflictingAppointment>> {
        facts::conflicts(&self.db, query, self.clock.now()).await
    }

    async fn get(&self, appointment_id: i32) -> StoreResult<Appointment> {
        query::get(&self.db, appointment_id).await
    }

    async fn list(
        &self,
        filter: &AppointmentFilter,
        page: PageRequest,
    ) -> StoreResult<Page<Appointment>> {
        query::list(&self.db, filter, page, self.clock.now()).await
    }
}
