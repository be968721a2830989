//! Reading a series with its visits.

use super::SeriesError;
use crate::access::{Actor, AppointmentParties, Denied, may_view_appointment};
use crate::error::DomainError;
use crate::scheduling::Appointment;
use crate::scheduling::ports::{SchedulingStore, SeriesRecord};
use crate::store::StoreError;

/// A series and every one of its visits, by start (cancelled ones included).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeriesView {
    pub series: SeriesRecord,
    /// The office's time zone, where the visits repeat.
    pub time_zone: String,
    pub occurrences: Vec<Appointment>,
}

/// A series, for whoever may see its appointments ([`may_view_appointment`]): staff and
/// admins, the series' doctor or a doctor who treats the patient, the patient. Anyone else is
/// told it does not exist.
///
/// # Errors
/// `Denied(Hidden { entity: "series" })` for a series that does not exist or is not the
/// actor's to see.
pub async fn view_series(
    actor: &Actor,
    series_id: i32,
    store: &dyn SchedulingStore,
) -> Result<SeriesView, SeriesError> {
    let hidden = SeriesError::Denied(Denied::Hidden { entity: "series" });
    let mut tx = store.begin().await?;
    let locked = match tx.lock_series(series_id, actor.doctor_id).await {
        Ok(locked) => locked,
        Err(StoreError::Domain(DomainError::NotFound { .. })) => return Err(hidden),
        Err(other) => return Err(other.into()),
    };
    drop(tx);
    let parties = AppointmentParties {
        patient_id: locked.series.patient_id,
        doctor_id: locked.series.doctor_id,
    };
    if !may_view_appointment(actor, parties, locked.treated_by_actor) {
        return Err(hidden);
    }
    Ok(SeriesView {
        series: locked.series,
        time_zone: locked.office_time_zone,
        occurrences: locked
            .occurrences
            .into_iter()
            .map(|o| o.appointment)
            .collect(),
    })
}
