//! HTTP answers of the use cases of booking, rescheduling and the appointment status machine.

use clinic_domain::ConflictCode;
use clinic_domain::scheduling::{
    BookAppointmentError, BookingRefusal, ChangeStatusError, RescheduleError, StatusRefusal,
};

use super::ApiError;

impl From<BookingRefusal> for ApiError {
    fn from(refusal: BookingRefusal) -> Self {
        let detail = refusal.to_string();
        match refusal {
            BookingRefusal::Invalid(errors) => Self::from(errors),
            BookingRefusal::ReferralRequired => Self::Conflict {
                code: ConflictCode::ReferralRequired.as_str(),
                detail,
                conflicts: None,
            },
            BookingRefusal::SlotTaken { conflicts } => Self::Conflict {
                code: ConflictCode::AppointmentConflict.as_str(),
                detail,
                conflicts: Some(conflicts.into_iter().map(i64::from).collect()),
            },
            BookingRefusal::TooManyFutureAppointments { .. } => Self::Conflict {
                code: ConflictCode::FutureAppointmentLimit.as_str(),
                detail,
                conflicts: None,
            },
            BookingRefusal::IdenticalVisit { appointment_id } => Self::Conflict {
                code: ConflictCode::IdenticalVisit.as_str(),
                detail,
                conflicts: Some(vec![i64::from(appointment_id)]),
            },
            BookingRefusal::PatientClash { conflicts, .. } => Self::Conflict {
                code: ConflictCode::PatientVisitClash.as_str(),
                detail,
                conflicts: Some(conflicts.into_iter().map(i64::from).collect()),
            },
        }
    }
}

impl From<BookAppointmentError> for ApiError {
    fn from(error: BookAppointmentError) -> Self {
        match error {
            BookAppointmentError::Denied(denied) => denied.into(),
            BookAppointmentError::Refused(refusal) => refusal.into(),
            BookAppointmentError::Store(store) => store.into(),
        }
    }
}

impl From<RescheduleError> for ApiError {
    fn from(error: RescheduleError) -> Self {
        let detail = error.to_string();
        match error {
            RescheduleError::Denied(denied) => denied.into(),
            RescheduleError::NotReschedulable { .. } => Self::Conflict {
                code: ConflictCode::InvalidTransition.as_str(),
                detail,
                conflicts: None,
            },
            RescheduleError::Late(refusal) => refusal.into(),
            RescheduleError::Refused(refusal) => refusal.into(),
            RescheduleError::Store(store) => store.into(),
        }
    }
}

impl From<StatusRefusal> for ApiError {
    fn from(refusal: StatusRefusal) -> Self {
        let code = match refusal {
            StatusRefusal::NotAllowed { .. } => ConflictCode::InvalidTransition,
            StatusRefusal::NotStarted { .. } => ConflictCode::AppointmentNotStarted,
            StatusRefusal::NotVisitDay { .. } => ConflictCode::NotVisitDay,
            StatusRefusal::LateCancellation { .. } => ConflictCode::LateCancellation,
        };
        Self::Conflict {
            code: code.as_str(),
            detail: refusal.to_string(),
            conflicts: None,
        }
    }
}

impl From<ChangeStatusError> for ApiError {
    fn from(error: ChangeStatusError) -> Self {
        match error {
            ChangeStatusError::Denied(denied) => denied.into(),
            ChangeStatusError::Refused(refusal) => refusal.into(),
            ChangeStatusError::Invalid(errors) => errors.into(),
            ChangeStatusError::Store(store) => store.into(),
        }
    }
}

impl From<clinic_domain::scheduling::availability::SlotsError> for ApiError {
    fn from(error: clinic_domain::scheduling::availability::SlotsError) -> Self {
        use clinic_domain::scheduling::availability::SlotsError;
        match error {
            SlotsError::Invalid(errors) => errors.into(),
            SlotsError::Store(store) => store.into(),
        }
    }
}

impl From<clinic_domain::scheduling::availability::CalendarError> for ApiError {
    fn from(error: clinic_domain::scheduling::availability::CalendarError) -> Self {
        use clinic_domain::scheduling::availability::CalendarError;
        match error {
            CalendarError::Denied(denied) => denied.into(),
            CalendarError::Invalid(errors) => errors.into(),
            CalendarError::Store(store) => store.into(),
        }
    }
}

impl From<clinic_domain::scheduling::availability::ManageAvailabilityError> for ApiError {
    fn from(error: clinic_domain::scheduling::availability::ManageAvailabilityError) -> Self {
        use clinic_domain::scheduling::availability::ManageAvailabilityError;
        match error {
            ManageAvailabilityError::Denied(denied) => denied.into(),
            ManageAvailabilityError::Invalid(errors) => errors.into(),
            ManageAvailabilityError::Store(store) => store.into(),
        }
    }
}

impl From<clinic_domain::scheduling::series::SeriesError> for ApiError {
    fn from(error: clinic_domain::scheduling::series::SeriesError) -> Self {
        use clinic_domain::scheduling::series::SeriesError;
        let detail = error.to_string();
        match error {
            SeriesError::Denied(denied) => denied.into(),
            SeriesError::Invalid(errors) => errors.into(),
            SeriesError::Unbookable { refused, .. } => {
                let mut conflicts: Vec<i64> = refused
                    .iter()
                    .filter_map(|o| match &o.refusal {
                        Some(BookingRefusal::SlotTaken { conflicts }) => Some(conflicts),
                        _ => None,
                    })
                    .flatten()
                    .map(|id| i64::from(*id))
                    .collect();
                conflicts.sort_unstable();
                conflicts.dedup();
                Self::Conflict {
                    code: ConflictCode::SeriesConflict.as_str(),
                    detail,
                    conflicts: Some(conflicts),
                }
            }
            SeriesError::NothingToChange => Self::Conflict {
                code: ConflictCode::InvalidTransition.as_str(),
                detail,
                conflicts: None,
            },
            SeriesError::Refused(refusal) => refusal.into(),
            SeriesError::Status(error) => error.into(),
            SeriesError::Reschedule(error) => error.into(),
            SeriesError::Store(store) => store.into(),
        }
    }
}
