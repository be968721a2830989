//! Reading one appointment.

use super::{Appointment, SchedulingStore};
use crate::access::{AccessFacts, Actor, AppointmentParties, Denied, may_view_appointment};
use crate::store::{StoreError, StoreResult};

/// The appointment, if `actor` may see it: staff and admins see every one, a doctor their own
/// and those of the patients they treat, a patient their own.
///
/// # Errors
/// `NotFound { entity: "appointment" }` both for a missing appointment and for one the actor
/// may not see, so nobody learns which exist.
pub async fn view(
    actor: &Actor,
    appointment_id: i32,
    store: &dyn SchedulingStore,
    access: &dyn AccessFacts,
) -> StoreResult<Appointment> {
    let appointment = store.get(appointment_id).await?;
    let parties = AppointmentParties {
        patient_id: appointment.patient_id,
        doctor_id: appointment.doctor_id,
    };
    let treats = match actor.doctor_id {
        Some(_) => {
            access
                .patient_facts(actor, appointment.patient_id)
                .await?
                .treated_by_actor
        }
        None => false,
    };
    if may_view_appointment(actor, parties, treats) {
        Ok(appointment)
    } else {
        Err(StoreError::from(Denied::Hidden {
            entity: "appointment",
        }))
    }
}
