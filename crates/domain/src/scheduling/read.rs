//! Reading appointments: one, or a page. Each appointment shown (it carries the reason for the
//! visit) is recorded as a `read` audit row before it is returned.

use chrono::{DateTime, Utc};

use super::{Appointment, AppointmentFilter, AppointmentStatus, SchedulingStore};
use crate::access::{
    AccessFacts, Actor, AppointmentParties, Denied, ListScope, may_view_appointment,
};
use crate::audit::{PhiRead, ReadAudit, reads_of};
use crate::pagination::{Page, PageRequest};
use crate::store::{StoreError, StoreResult};

/// The appointment, if `actor` may see it: staff and admins see every one, a doctor their own
/// and those of the patients they treat, a patient their own.
///
/// # Errors
/// `NotFound { entity: "appointment" }` both for a missing appointment and for one the actor
/// may not see, so nobody learns which exist; any store error, also when the read could not be
/// recorded (then nothing is shown).
pub async fn view(
    actor: &Actor,
    appointment_id: i32,
    store: &dyn SchedulingStore,
    access: &dyn AccessFacts,
    reads: &dyn ReadAudit,
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
    if !may_view_appointment(actor, parties, treats) {
        return Err(StoreError::from(Denied::Hidden {
            entity: "appointment",
        }));
    }
    let shown = [appointment.appointment_id.into()];
    reads
        .record(reads_of(actor, PhiRead::Appointment, shown))
        .await?;
    Ok(appointment)
}

/// The filters of the appointment list as the client sent them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ListAppointments {
    pub doctor_id: Option<i32>,
    pub patient_id: Option<i32>,
    pub office_id: Option<i32>,
    pub status: Option<AppointmentStatus>,
    /// Appointments that end after this moment.
    pub from: Option<DateTime<Utc>>,
    /// Appointments that start before this moment.
    pub to: Option<DateTime<Utc>>,
    /// Appointments that start at or after this moment.
    pub starts_from: Option<DateTime<Utc>>,
    /// Only this appointment.
    pub appointment_id: Option<i32>,
}

/// One page of appointments by start time within the actor's [`ListScope`]: patients see
/// their own; doctors their own and those of patients they treat; staff and admins everyone's.
///
/// # Errors
/// `NotFound { entity: "patient" }` when a patient names another patient; any store error, also
/// when the reads could not be recorded (then nothing is shown).
pub async fn list(
    actor: &Actor,
    query: ListAppointments,
    page: PageRequest,
    store: &dyn SchedulingStore,
    reads: &dyn ReadAudit,
) -> StoreResult<Page<Appointment>> {
    let Some(scope) = ListScope::of(actor, query.patient_id)?.narrow(query.patient_id) else {
        return Ok(Page::new(Vec::new(), page, 0));
    };
    let filter = AppointmentFilter {
        doctor_id: query.doctor_id,
        patient_id: scope.patient_id,
        office_id: query.office_id,
        status: query.status,
        from: query.from,
        to: query.to,
        starts_from: query.starts_from,
        appointment_id: query.appointment_id,
        visible_to_doctor: scope.doctor_id,
    };
    let page = store.list(&filter, page).await?;
    let shown = page.items.iter().map(|a| a.appointment_id.into());
    reads
        .record(reads_of(actor, PhiRead::Appointment, shown))
        .await?;
    Ok(page)
}
