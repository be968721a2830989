//! Visit types: what is booked ("Consultation 30", "Annual physical 45"), how long it lasts,
//! which specialty (if any) offers it, and the colour the schedule draws it in. Everyone
//! signed in reads the active ones (booking needs them); admins manage them, as they manage
//! the rest of the directory. A visit type is deactivated, never deleted: old visits keep it.

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::AppointmentDuration;
use crate::access::{Action, Actor, Denied, authorize};
use crate::clock::Clock;
use crate::error::{ValidationError, ValidationErrors};
use crate::store::{StoreError, StoreResult};

/// The longest visit type name.
pub const MAX_VISIT_TYPE_NAME_CHARS: usize = 100;

/// A stored visit type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VisitType {
    pub visit_type_id: i32,
    pub name: String,
    /// What a visit of this type lasts.
    pub duration: AppointmentDuration,
    /// Only doctors of this specialty offer it; `None`: any doctor.
    pub specialty_id: Option<i32>,
    pub specialty_name: Option<String>,
    /// `#rrggbb`, lower case.
    pub colour: String,
    pub active: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// What an appointment shows of the visit type it was booked as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VisitTypeLabel {
    pub visit_type_id: i32,
    pub name: String,
    pub colour: String,
}

impl VisitType {
    /// The label an appointment of this type carries.
    #[must_use]
    pub fn label(&self) -> VisitTypeLabel {
        VisitTypeLabel {
            visit_type_id: self.visit_type_id,
            name: self.name.clone(),
            colour: self.colour.clone(),
        }
    }
}

/// A new visit type, validated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewVisitType {
    pub name: String,
    pub duration: AppointmentDuration,
    pub specialty_id: Option<i32>,
    pub colour: String,
}

/// Changes to a visit type; `None` leaves a field as it is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct VisitTypePatch {
    pub name: Option<String>,
    pub duration: Option<AppointmentDuration>,
    /// `Some(None)` makes it bookable with any doctor.
    pub specialty_id: Option<Option<i32>>,
    pub colour: Option<String>,
    /// `Some(false)` deactivates it (no longer offered), `Some(true)` offers it again.
    pub active: Option<bool>,
}

/// A visit type's name: trimmed, 1 to 100 characters.
///
/// # Errors
/// On field `name`.
pub fn parse_name(raw: &str) -> Result<String, ValidationError> {
    let name = raw.trim();
    if name.is_empty() || name.chars().count() > MAX_VISIT_TYPE_NAME_CHARS {
        return Err(ValidationError::new(
            "name",
            "must be 1 to 100 characters long",
        ));
    }
    if name.chars().any(char::is_control) {
        return Err(ValidationError::new(
            "name",
            "must not contain control characters",
        ));
    }
    Ok(name.to_owned())
}

/// A colour as `#rrggbb` (upper case accepted, stored lower case).
///
/// # Errors
/// On field `colour`.
pub fn parse_colour(raw: &str) -> Result<String, ValidationError> {
    let colour = raw.trim().to_ascii_lowercase();
    let digits = colour.strip_prefix('#').unwrap_or_default();
    if digits.len() == 6 && digits.chars().all(|c| c.is_ascii_hexdigit()) {
        Ok(colour)
    } else {
        Err(ValidationError::new(
            "colour",
            "must be a colour like #2563eb",
        ))
    }
}

/// A visit type's length, within the clinic's bounds for an appointment (5 to 480 minutes).
///
/// # Errors
/// On field `duration_minutes`.
pub fn parse_length(minutes: u32) -> Result<AppointmentDuration, ValidationError> {
    AppointmentDuration::new(minutes)
}

impl NewVisitType {
    /// Checks every field at once.
    ///
    /// # Errors
    /// Every invalid field.
    pub fn parse(
        name: &str,
        duration_minutes: u32,
        specialty_id: Option<i32>,
        colour: &str,
    ) -> Result<Self, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let name = errors.capture(parse_name(name));
        let duration = errors.capture(parse_length(duration_minutes));
        let colour = errors.capture(parse_colour(colour));
        match (name, duration, colour) {
            (Some(name), Some(duration), Some(colour)) => Ok(Self {
                name,
                duration,
                specialty_id,
                colour,
            }),
            _ => Err(errors),
        }
    }
}

/// What a booking reads about the visit type it names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VisitTypeFacts {
    pub visit_type_id: i32,
    pub name: String,
    pub colour: String,
    pub duration: AppointmentDuration,
    pub specialty_id: Option<i32>,
    pub specialty_name: Option<String>,
    pub active: bool,
}

/// The length of a booking: the visit type's when one is named (it must exist and be
/// offered), else the length asked for. Old clients send only `duration_minutes` and keep
/// working; a client sending both must send the visit type's own length.
///
/// # Errors
/// `visit_type_id` for a missing or inactive type; `duration_minutes` for a length that
/// differs from the type's, or for neither given.
pub fn booking_length(
    asked_visit_type: Option<i32>,
    visit_type: Option<&VisitTypeFacts>,
    asked_duration: Option<AppointmentDuration>,
) -> Result<AppointmentDuration, ValidationErrors> {
    let field = |field: &str, message: String| -> ValidationErrors {
        ValidationError::new(field, message).into()
    };
    match (asked_visit_type, visit_type, asked_duration) {
        (None, _, Some(duration)) => Ok(duration),
        (None, _, None) => Err(field(
            "duration_minutes",
            "is required unless a visit type is chosen".into(),
        )),
        (Some(_), None, _) => Err(field("visit_type_id", "no such visit type".into())),
        (Some(_), Some(t), _) if !t.active => Err(field(
            "visit_type_id",
            format!("{} is no longer offered", t.name),
        )),
        (Some(_), Some(t), Some(asked)) if asked != t.duration => Err(field(
            "duration_minutes",
            format!(
                "must be left out or equal the visit type's length ({} minutes)",
                t.duration.minutes()
            ),
        )),
        (Some(_), Some(t), _) => Ok(t.duration),
    }
}

/// Whether the doctor offers the visit type: a type of a specialty only with a doctor of
/// that specialty.
///
/// # Errors
/// On field `visit_type_id`, naming the specialty.
pub fn check_offered_by(
    visit_type: &VisitTypeFacts,
    doctor_specialty_id: Option<i32>,
) -> Result<(), ValidationError> {
    match visit_type.specialty_id {
        Some(wanted) if Some(wanted) != doctor_specialty_id => Err(ValidationError::new(
            "visit_type_id",
            format!(
                "{} is booked with a doctor of {} only",
                visit_type.name,
                visit_type
                    .specialty_name
                    .as_deref()
                    .unwrap_or("its specialty")
            ),
        )),
        _ => Ok(()),
    }
}

/// Where visit types live. Every write is audited by the adapter in its own transaction.
#[async_trait]
pub trait VisitTypeStore: Send + Sync {
    /// Visit types by name; inactive ones too when `include_inactive`.
    ///
    /// # Errors
    /// `Unavailable` / `Unexpected` only.
    async fn list(&self, include_inactive: bool) -> StoreResult<Vec<VisitType>>;

    /// Writes a new visit type, by `actor`, at `now`.
    ///
    /// # Errors
    /// `Domain(Conflict { visit_type_exists })` for a name taken (case-insensitively);
    /// `Domain(Validation { specialty_id })` for a specialty that does not exist.
    async fn create(
        &self,
        actor: &Actor,
        new: &NewVisitType,
        now: DateTime<Utc>,
    ) -> StoreResult<VisitType>;

    /// Changes a visit type, by `actor`, at `now`.
    ///
    /// # Errors
    /// `NotFound { entity: "visit type" }`; as [`create`](Self::create).
    async fn update(
        &self,
        actor: &Actor,
        visit_type_id: i32,
        patch: &VisitTypePatch,
        now: DateTime<Utc>,
    ) -> StoreResult<VisitType>;
}

/// Why a visit type use case failed.
#[derive(Debug, thiserror::Error)]
pub enum VisitTypeError {
    /// The access policy refused.
    #[error(transparent)]
    Denied(#[from] Denied),
    /// Some fields are invalid.
    #[error("invalid visit type: {0}")]
    Invalid(ValidationErrors),
    /// The store's answer: not found, a name taken, unavailable.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// The visit types by name: the active ones for everyone signed in; admins may ask for the
/// inactive ones too.
///
/// # Errors
/// `Denied(Forbidden)` for `include_inactive` by anyone but an admin; `Store`.
pub async fn list_visit_types(
    actor: &Actor,
    include_inactive: bool,
    store: &dyn VisitTypeStore,
) -> Result<Vec<VisitType>, VisitTypeError> {
    authorize(actor, Action::ReadDirectory).check("visit type")?;
    if include_inactive {
        authorize(actor, Action::ManageDirectory).check("visit type")?;
    }
    Ok(store.list(include_inactive).await?)
}

/// Creates a visit type. Admins only (least privilege: the front desk books them, the admin
/// decides what the clinic offers).
///
/// # Errors
/// `Denied` for anyone but an admin, before the input is looked at; `Invalid`; `Store`.
pub async fn create_visit_type(
    actor: &Actor,
    new: Result<NewVisitType, ValidationErrors>,
    clock: &dyn Clock,
    store: &dyn VisitTypeStore,
) -> Result<VisitType, VisitTypeError> {
    authorize(actor, Action::ManageDirectory).check("visit type")?;
    let new = new.map_err(VisitTypeError::Invalid)?;
    Ok(store.create(actor, &new, clock.now()).await?)
}

/// Changes, deactivates or reactivates a visit type. Admins only.
///
/// # Errors
/// `Denied` for anyone but an admin, before the input is looked at; `Invalid`; `Store`
/// (`NotFound`, a name taken).
pub async fn update_visit_type(
    actor: &Actor,
    visit_type_id: i32,
    patch: Result<VisitTypePatch, ValidationErrors>,
    clock: &dyn Clock,
    store: &dyn VisitTypeStore,
) -> Result<VisitType, VisitTypeError> {
    authorize(actor, Action::ManageDirectory).check("visit type")?;
    let patch = patch.map_err(VisitTypeError::Invalid)?;
    Ok(store
        .update(actor, visit_type_id, &patch, clock.now())
        .await?)
}
