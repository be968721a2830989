//! Errors shared by every bounded context.
//!
//! A [`ValidationError`] names one invalid field; [`ValidationErrors`] collects them so a client
//! sees every problem in one answer instead of fixing fields one round-trip at a time.
//! [`DomainError`] is what a use case returns; each variant has a stable [`DomainError::code`].

use std::fmt;

use serde::Serialize;

use crate::string_enum::string_enum;

/// One invalid input field and why it is invalid, in words a user can act on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ValidationError {
    /// Path of the field as the client sent it, e.g. `email` or `test_results[3].name`.
    pub field: String,
    /// Human-readable reason.
    pub message: String,
}

impl ValidationError {
    /// An error on `field` saying `message`.
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            field: field.into(),
            message: message.into(),
        }
    }

    /// The same error reported under another field name; value objects use a default name and
    /// the caller knows the real one (e.g. a phone number of an emergency contact).
    #[must_use]
    pub fn with_field(mut self, field: impl Into<String>) -> Self {
        self.field = field.into();
        self
    }
}

impl fmt::Display for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.message)
    }
}

impl std::error::Error for ValidationError {}

/// Every invalid field of one input, in the order they were found.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct ValidationErrors(Vec<ValidationError>);

impl ValidationErrors {
    /// No errors yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Records one error.
    pub fn push(&mut self, error: ValidationError) {
        self.0.push(error);
    }

    /// Records the error of `result`, if any, and hands back its value otherwise; lets a parser
    /// check every field before deciding whether the whole input is valid.
    pub fn capture<T>(&mut self, result: Result<T, ValidationError>) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(error) => {
                self.push(error);
                None
            }
        }
    }

    /// Like [`capture`](Self::capture) for a nested value that reports several errors.
    pub fn capture_all<T>(&mut self, result: Result<T, ValidationErrors>) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(errors) => {
                self.0.extend(errors.0);
                None
            }
        }
    }

    /// Adds `errors` with their field paths put under `prefix`, e.g. `name` under
    /// `pharmacy_details` becomes `pharmacy_details.name`.
    pub fn extend_prefixed(&mut self, prefix: &str, errors: ValidationErrors) {
        self.0.extend(errors.0.into_iter().map(|e| ValidationError {
            field: format!("{prefix}.{}", e.field),
            message: e.message,
        }));
    }

    /// `Ok(())` when nothing was recorded, else `Err(self)`.
    pub fn into_result(self) -> Result<(), ValidationErrors> {
        if self.0.is_empty() { Ok(()) } else { Err(self) }
    }

    /// True when no error was recorded.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Number of recorded errors.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// The recorded errors.
    pub fn iter(&self) -> std::slice::Iter<'_, ValidationError> {
        self.0.iter()
    }

    /// The recorded errors, by value.
    pub fn into_vec(self) -> Vec<ValidationError> {
        self.0
    }

    /// True if some error names exactly `field`; handy in tests and adapters.
    pub fn has_field(&self, field: &str) -> bool {
        self.0.iter().any(|e| e.field == field)
    }
}

impl From<ValidationError> for ValidationErrors {
    fn from(error: ValidationError) -> Self {
        Self(vec![error])
    }
}

impl From<Vec<ValidationError>> for ValidationErrors {
    fn from(errors: Vec<ValidationError>) -> Self {
        Self(errors)
    }
}

impl<'a> IntoIterator for &'a ValidationErrors {
    type Item = &'a ValidationError;
    type IntoIter = std::slice::Iter<'a, ValidationError>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl fmt::Display for ValidationErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, error) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            write!(f, "{error}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ValidationErrors {}

/// A string that names none of an enum's values, e.g. `"superuser"` read as a role.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {kind}: {value:?}")]
pub struct UnknownValue {
    /// Which enum was parsed, e.g. `"role"`.
    pub kind: &'static str,
    /// The string that matched nothing.
    pub value: String,
}

impl UnknownValue {
    /// This error reported on `field`, for input that came from a client.
    pub fn on(self, field: impl Into<String>) -> ValidationError {
        ValidationError::new(
            field,
            format!("{:?} is not a known {}", self.value, self.kind),
        )
    }
}

string_enum! {
    /// Why a change conflicts with the current state: the stable snake_case code a 409 answer
    /// carries. Every code the API can send is defined here, once; clients translate them.
    pub enum ConflictCode (kind = "conflict code") {
        /// Two changes to the same rows raced; retrying usually succeeds.
        ConcurrentUpdate = "concurrent_update",
        /// A username is unique, case-insensitively.
        UsernameTaken = "username_taken",
        /// An email address is unique, case-insensitively.
        EmailTaken = "email_taken",
        /// A specialty name is unique, case-insensitively.
        SpecialtyExists = "specialty_exists",
        /// An office name is unique, case-insensitively.
        OfficeExists = "office_exists",
        /// A user has at most one doctor profile.
        UserAlreadyDoctor = "user_already_doctor",
        /// A licence number belongs to one doctor.
        LicenseNumberTaken = "license_number_taken",
        /// A user has at most one patient profile.
        UserAlreadyPatient = "user_already_patient",
        /// A doctor is on a patient's care team once.
        AlreadyInCareTeam = "already_in_care_team",
        /// A care team lists a doctor twice.
        DuplicateCareTeamMember = "duplicate_care_team_member",
        /// A care team names more than one primary doctor.
        MultiplePrimaryDoctors = "multiple_primary_doctors",
        /// The primary doctor changed at the same moment.
        PrimaryDoctorConflict = "primary_doctor_conflict",
        /// An insurance policy is on file once per patient.
        InsuranceExists = "insurance_exists",
        /// One pending specialist request per patient and specialist.
        ApprovalAlreadyPending = "approval_already_pending",
        /// A patient books a specialist only with an approved referral.
        ReferralRequired = "referral_required",
        /// A no-show is marked only once the start time has passed.
        AppointmentNotStarted = "appointment_not_started",
        /// Records are written only for a visit in progress.
        VisitNotInProgress = "visit_not_in_progress",
        /// An appointment has one bill.
        BillExists = "bill_exists",
        /// A void bill accepts no change.
        BillVoid = "bill_void",
        /// A bill with payments keeps its amount and cannot be voided.
        BillHasPayments = "bill_has_payments",
        /// A reference to a row that does not exist or is still in use.
        ReferenceConflict = "reference_conflict",
        /// A state machine refused to move (completing a cancelled visit).
        InvalidTransition = "invalid_transition",
        /// A time overlaps active appointments of the doctor or the patient.
        AppointmentConflict = "appointment_conflict",
        /// An admin does not deactivate their own account (nobody would be left to undo it).
        CannotDeactivateSelf = "cannot_deactivate_self",
        /// A patient pays online only where a payment provider is configured.
        OnlinePaymentUnavailable = "online_payment_unavailable",
        /// The payment provider declined the charge or the refund.
        PaymentDeclined = "payment_declined",
        /// A refund never exceeds what was paid on the payment, net of earlier refunds.
        RefundExceedsPayment = "refund_exceeds_payment",
        /// A patient is checked in on the day of the visit only (the office's calendar day).
        NotVisitDay = "not_visit_day",
        /// A patient cancels or moves a visit online only before the clinic's late-cancellation
        /// window; later, the front desk does.
        LateCancellation = "late_cancellation",
        /// A patient holds at most the clinic's cap of future active appointments by booking
        /// themselves.
        FutureAppointmentLimit = "future_appointment_limit",
        /// Another patient accepted the waitlist offer's slot first.
        WaitlistOfferTaken = "waitlist_offer_taken",
        /// A waitlist offer's time ran out before it was answered.
        WaitlistOfferExpired = "waitlist_offer_expired",
        /// A waitlist offer was already answered (accepted, declined) or its entry withdrawn.
        WaitlistOfferClosed = "waitlist_offer_closed",
        /// A patient waits once for a doctor (and office).
        WaitlistAlreadyWaiting = "waitlist_already_waiting",
        /// A waitlist entry no longer waits (booked, withdrawn or expired).
        WaitlistEntryClosed = "waitlist_entry_closed",
        /// A doctor's stretches of time off do not overlap.
        TimeOffOverlap = "time_off_overlap",
        /// An office's closures do not overlap.
        ClosureOverlap = "closure_overlap",
        /// A doctor has one day off per date and office.
        DayOffExists = "day_off_exists",
        /// A series booked all-or-nothing has visits that cannot be booked, or a series has
        /// no visit that can.
        SeriesConflict = "series_conflict",
        /// A visit type name is unique, case-insensitively.
        VisitTypeExists = "visit_type_exists",
        /// The patient already has an active visit with the doctor at that very start; not
        /// even an overbooking books it twice.
        IdenticalVisit = "identical_visit",
        /// The time overlaps one of the patient's own active visits.
        PatientVisitClash = "patient_visit_clash",
        /// Only a visit the patient came to (checked in or completed) is billed.
        VisitNotBillable = "visit_not_billable",
    }
}

/// Why a use case refused to do what it was asked.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DomainError {
    /// The input is well-formed but breaks a rule; lists every invalid field.
    #[error("invalid input: {0}")]
    Validation(ValidationErrors),
    /// The thing does not exist, or the actor may not know that it exists.
    #[error("{entity} not found")]
    NotFound {
        /// What was looked for, e.g. `"patient"`.
        entity: &'static str,
    },
    /// The request contradicts the current state, e.g. a duplicate or a paid bill.
    #[error("{message}")]
    Conflict {
        /// Which rule the request ran into.
        code: ConflictCode,
        /// Human-readable explanation.
        message: String,
    },
    /// The actor is known but not allowed to do this.
    #[error("not allowed")]
    Forbidden,
    /// A state machine refused to move, e.g. completing a cancelled appointment.
    #[error("{entity} cannot go from {from} to {to}")]
    InvalidTransition {
        /// What changes state, e.g. `"appointment"`.
        entity: &'static str,
        /// The current state.
        from: String,
        /// The state, or action, that was asked for.
        to: String,
    },
    /// A booking overlaps active appointments; every one is listed so the caller can show them.
    #[error("overlaps active appointments {conflicting_ids:?}")]
    AppointmentConflict {
        /// Ids of the overlapping active appointments.
        conflicting_ids: Vec<i32>,
    },
}

impl DomainError {
    /// Stable snake_case code a client can translate; never changes once published.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Validation(_) => "validation_failed",
            Self::NotFound { .. } => "not_found",
            Self::Conflict { code, .. } => code.as_str(),
            Self::Forbidden => "forbidden",
            Self::InvalidTransition { .. } => ConflictCode::InvalidTransition.as_str(),
            Self::AppointmentConflict { .. } => ConflictCode::AppointmentConflict.as_str(),
        }
    }

    /// A validation failure on a single field.
    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self::Validation(ValidationError::new(field, message).into())
    }

    /// A conflict with a stable code.
    pub fn conflict(code: ConflictCode, message: impl Into<String>) -> Self {
        Self::Conflict {
            code,
            message: message.into(),
        }
    }
}

impl From<ValidationError> for DomainError {
    fn from(error: ValidationError) -> Self {
        Self::Validation(error.into())
    }
}

impl From<ValidationErrors> for DomainError {
    fn from(errors: ValidationErrors) -> Self {
        Self::Validation(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_variant_has_its_own_stable_code() {
        let errors = [
            DomainError::invalid("email", "bad"),
            DomainError::NotFound { entity: "patient" },
            DomainError::conflict(ConflictCode::BillVoid, "void"),
            DomainError::Forbidden,
            DomainError::InvalidTransition {
                entity: "appointment",
                from: "completed".into(),
                to: "cancelled".into(),
            },
            DomainError::AppointmentConflict {
                conflicting_ids: vec![1],
            },
        ];
        let codes: Vec<_> = errors.iter().map(DomainError::code).collect();
        assert_eq!(
            codes,
            [
                "validation_failed",
                "not_found",
                "bill_void",
                "forbidden",
                "invalid_transition",
                "appointment_conflict"
            ]
        );
    }

    #[test]
    fn capture_keeps_every_error_and_returns_the_good_values() {
        let mut errors = ValidationErrors::new();
        let good = errors.capture(Ok::<_, ValidationError>(3));
        let bad = errors.capture::<i32>(Err(ValidationError::new("a", "x")));
        errors.capture_all::<()>(Err(vec![
            ValidationError::new("b", "y"),
            ValidationError::new("c", "z"),
        ]
        .into()));
        assert_eq!(good, Some(3));
        assert_eq!(bad, None);
        assert_eq!(errors.len(), 3);
        assert!(errors.into_result().is_err());
    }

    #[test]
    fn an_empty_collection_is_ok() {
        assert_eq!(ValidationErrors::new().into_result(), Ok(()));
    }

    #[test]
    fn prefixed_errors_get_a_dotted_path() {
        let mut errors = ValidationErrors::new();
        errors.extend_prefixed("pharmacy_details", ValidationError::new("name", "x").into());
        assert!(errors.has_field("pharmacy_details.name"));
    }

    #[test]
    fn validation_errors_serialize_as_a_plain_list() {
        let errors: ValidationErrors = ValidationError::new("email", "is invalid").into();
        assert_eq!(
            serde_json::to_string(&errors).unwrap(),
            r#"[{"field":"email","message":"is invalid"}]"#
        );
    }
}
