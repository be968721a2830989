//! Turning database failures into domain errors. The database is the last line of defence:
//! when a named constraint rejects a change, the client hears the same 409 or 422 the domain
//! would have given, never a 500.

use clinic_domain::{ConflictCode, DomainError, StoreError};
use sea_orm::DbErr;

use crate::db::{self, ConstraintKind, DbFailure};

/// Maps any database error to a [`StoreError`].
pub(crate) fn store_error(err: DbErr) -> StoreError {
    match db::classify(&err) {
        DbFailure::Unavailable | DbFailure::TimedOut => StoreError::Unavailable,
        DbFailure::Constraint { kind, name } => match constraint_error(kind, name.as_deref()) {
            Some(domain) => StoreError::Domain(domain),
            None => StoreError::Unexpected(err.to_string()),
        },
        DbFailure::Contention => StoreError::Domain(DomainError::conflict(
            ConflictCode::ConcurrentUpdate,
            "another change to the same data happened at the same moment; try again",
        )),
        DbFailure::InvalidData { message } => StoreError::Domain(DomainError::invalid(
            "body",
            format!("a value cannot be stored ({message}); text must not contain NUL characters"),
        )),
        DbFailure::Other => StoreError::Unexpected(err.to_string()),
    }
}

/// The domain error a violated constraint stands for.
fn constraint_error(kind: ConstraintKind, name: Option<&str>) -> Option<DomainError> {
    let conflict = DomainError::conflict;
    let invalid = DomainError::invalid;
    let name = name?;
    Some(match name {
        "users_username_lower_key" => {
            conflict(ConflictCode::UsernameTaken, "that username is taken")
        }
        "users_email_lower_key" => conflict(
            ConflictCode::EmailTaken,
            "that email address is already in use",
        ),
        "specialties_name_lower_key" => conflict(
            ConflictCode::SpecialtyExists,
            "a specialty of that name exists",
        ),
        "offices_name_lower_key" => {
            conflict(ConflictCode::OfficeExists, "an office of that name exists")
        }
        "office_services_office_name_key" => invalid("services", "each service may be listed once"),
        "doctors_user_id_key" => conflict(
            ConflictCode::UserAlreadyDoctor,
            "that user already has a doctor profile",
        ),
        "doctors_license_number_key" => conflict(
            ConflictCode::LicenseNumberTaken,
            "that license number is already registered",
        ),
        "patients_user_id_key" => conflict(
            ConflictCode::UserAlreadyPatient,
            "that user already has a patient profile",
        ),
        "patient_emergency_contacts_priority_key" => invalid(
            "emergency_contacts",
            "each contact needs a different priority",
        ),
        "patient_doctors_pkey" => conflict(
            ConflictCode::AlreadyInCareTeam,
            "that doctor is already in the care team",
        ),
        "patient_doctors_one_primary" | "patients_primary_doctor_consistent" => conflict(
            ConflictCode::PrimaryDoctorConflict,
            "the primary doctor changed at the same moment; try again",
        ),
        "patient_emergency_contacts_priority_check" => {
            invalid("emergency_contacts", "priorities run from 1 to 10")
        }
        "patient_doctors_doctor_id_fkey" | "patients_primary_doctor_id_fkey" => {
            invalid("doctor_id", "no such doctor")
        }
        "insurances_policy_key" => conflict(
            ConflictCode::InsuranceExists,
            "that policy is already on file",
        ),
        "insurances_validity_check" => invalid("valid_to", "must not be before valid_from"),
        "insurances_holder_relationship_check" => invalid(
            "holder_relationship",
            "must be one of self, spouse, parent, child, other",
        ),
        "specialist_approvals_one_pending" => conflict(
            ConflictCode::ApprovalAlreadyPending,
            "a request for this specialist is already pending for this patient",
        ),
        "bills_appointment_id_key" => conflict(
            ConflictCode::BillExists,
            "this appointment already has a bill",
        ),
        "bills_not_overpaid" => invalid("amount", "the payment would exceed the amount due"),
        "payments_not_over_refunded" => invalid(
            "amount",
            "the refund would exceed what was paid on the payment",
        ),
        "refunds_payment_fkey" => invalid("payment_id", "no such payment on this bill"),
        "appointments_doctor_no_overlap" | "appointments_patient_no_overlap" => {
            DomainError::AppointmentConflict {
                conflicting_ids: Vec::new(),
            }
        }
        "waitlist_offers_one_accepted_per_slot" => conflict(
            ConflictCode::WaitlistOfferTaken,
            "someone else accepted this visit first",
        ),
        "doctor_time_off_no_overlap" => conflict(
            ConflictCode::TimeOffOverlap,
            "this overlaps the doctor's other time off; change or remove that first",
        ),
        "office_closures_no_overlap" => conflict(
            ConflictCode::ClosureOverlap,
            "this overlaps another closure of the office; change or remove that first",
        ),
        "schedule_exceptions_one_day_off" => conflict(
            ConflictCode::DayOffExists,
            "the doctor already has that day off at this office",
        ),
        "doctor_working_hours_no_overlap" => invalid(
            "working_hours",
            "a doctor cannot work two places at the same hour",
        ),
        "doctor_working_hours_doctor_office_fkey" => {
            invalid("working_hours", "the doctor does not work at that office")
        }
        "demographics_race_fkey" => invalid("race", "unknown race code"),
        "demographics_ethnicity_fkey" => invalid("ethnicity", "unknown ethnicity code"),
        "demographics_gender_fkey" => invalid("gender", "unknown gender code"),
        "doctors_specialty_id_fkey" => invalid("specialty_id", "no such specialty"),
        "visit_types_specialty_fkey" => invalid("specialty_id", "no such specialty"),
        "visit_types_name_lower_key" => conflict(
            ConflictCode::VisitTypeExists,
            "a visit type of that name exists",
        ),
        "appointments_identical_active_key" => conflict(
            ConflictCode::IdenticalVisit,
            "the patient already has this visit: same doctor, same time",
        ),
        "doctors_user_id_fkey" => invalid("user_id", "no such user account"),
        "doctor_offices_office_id_fkey" => invalid("office_ids", "no such office"),
        _ => match kind {
            // A reference to something that is not there (insert) or still referenced (delete).
            ConstraintKind::ForeignKey => conflict(
                ConflictCode::ReferenceConflict,
                "the change refers to a record that does not exist or is still in use",
            ),
            ConstraintKind::Check | ConstraintKind::NotNull => {
                DomainError::invalid("body", format!("the data breaks the rule {name}"))
            }
            _ => return None,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_constraints_map_to_stable_codes() {
        let code = |name| {
            constraint_error(ConstraintKind::Unique, Some(name))
                .unwrap()
                .code()
        };
        assert_eq!(code("users_email_lower_key"), "email_taken");
        assert_eq!(
            code("specialist_approvals_one_pending"),
            "approval_already_pending"
        );
        assert_eq!(
            constraint_error(
                ConstraintKind::Exclusion,
                Some("appointments_doctor_no_overlap")
            )
            .unwrap()
            .code(),
            "appointment_conflict"
        );
        assert_eq!(
            constraint_error(
                ConstraintKind::ForeignKey,
                Some("patient_doctors_doctor_id_fkey")
            )
            .unwrap(),
            DomainError::invalid("doctor_id", "no such doctor")
        );
        assert_eq!(
            constraint_error(ConstraintKind::Check, Some("insurances_validity_check"))
                .unwrap()
                .code(),
            "validation_failed"
        );
        assert_eq!(
            constraint_error(ConstraintKind::Check, Some("bills_not_overpaid"))
                .unwrap()
                .code(),
            "validation_failed"
        );
    }

    #[test]
    fn directory_references_name_the_field_to_fix() {
        for (name, field) in [
            ("doctors_user_id_fkey", "user_id"),
            ("doctors_specialty_id_fkey", "specialty_id"),
            ("doctor_offices_office_id_fkey", "office_ids"),
            ("doctor_working_hours_doctor_office_fkey", "working_hours"),
        ] {
            match constraint_error(ConstraintKind::ForeignKey, Some(name)) {
                Some(DomainError::Validation(errors)) => assert!(errors.has_field(field), "{name}"),
                other => panic!("{name} mapped to {other:?}"),
            }
        }
    }

    #[test]
    fn an_unknown_unique_constraint_is_not_guessed() {
        assert!(constraint_error(ConstraintKind::Unique, Some("x_key")).is_none());
    }
}
