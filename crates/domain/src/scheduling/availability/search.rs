//! Finding free slots to book: with one doctor, with any doctor of a specialty, or the first
//! available with anyone, for a visit type's length, never clashing with the patient's own
//! visits, and never with a specialist the patient may not book yet (shown instead, with the
//! state of their referral request). Read off the one engine: [`plan_days`] and
//! [`free_slots_in`] per doctor and office.

use chrono::{DateTime, NaiveDate, Utc};

use super::model::AvailabilityInput;
use super::plan::{free_slots_in, plan_days};
use super::ports::AvailabilityStore;
use super::read::{MAX_SLOT_DAYS, window as span_window};
use crate::access::{Action, Actor, Denied, PatientFacts, authorize, referral_gate_applies};
use crate::clock::Clock;
use crate::error::{ValidationError, ValidationErrors};
use crate::referral::{ApprovalStatus, may_book_specialist};
use crate::scheduling::AppointmentDuration;
use crate::scheduling::visit_types::{VisitTypeFacts, booking_length, check_offered_by};
use crate::store::StoreError;
use crate::values::TimeRange;

/// The most slots one search answers with.
pub const MAX_SEARCH_SLOTS: u32 = 500;

/// The length of a slot when neither a visit type nor a length is asked for.
pub const DEFAULT_SLOT_MINUTES: u32 = 30;

/// What to search: every filter is optional; none at all is "first available with anyone".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SlotSearch {
    pub doctor_id: Option<i32>,
    pub office_id: Option<i32>,
    pub specialty_id: Option<i32>,
    /// Its length is the slots' length; a type of a specialty narrows to its doctors.
    pub visit_type_id: Option<i32>,
    /// Whom for: their own active visits are never offered over, and their referrals decide
    /// which specialists are offered. A patient searching may leave it out (themself).
    pub patient_id: Option<i32>,
    /// Local days, in each office's zone.
    pub from: NaiveDate,
    /// Included.
    pub to: NaiveDate,
    /// Without a visit type: the slot length (default 30).
    pub slot_minutes: Option<u32>,
    /// The earliest this many slots (1 to [`MAX_SEARCH_SLOTS`]).
    pub limit: u32,
}

/// What the store reads for a search.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchFactsQuery {
    pub doctor_id: Option<i32>,
    pub office_id: Option<i32>,
    pub specialty_id: Option<i32>,
    pub visit_type_id: Option<i32>,
    pub patient_id: Option<i32>,
    /// The acting doctor: whether they treat the patient is part of the facts.
    pub actor_doctor_id: Option<i32>,
    pub window: TimeRange,
    pub now: DateTime<Utc>,
}

/// Where a patient stands with a specialist's referral requirement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReferralFacts {
    pub requires_referral: bool,
    pub in_care_team: bool,
    pub approved: bool,
    /// The state of the latest request for this specialist, if any.
    pub latest_request: Option<ApprovalStatus>,
}

/// One doctor at one office, with the engine's input and their busy times.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SlotCandidate {
    pub doctor_id: i32,
    /// "First Last".
    pub doctor_name: String,
    pub specialty_id: i32,
    pub specialty_name: String,
    pub office_id: i32,
    pub office_name: String,
    /// The office's IANA zone name, as stored.
    pub time_zone: String,
    pub input: AvailabilityInput,
    /// The doctor's active appointments (at any office) in the window.
    pub busy: Vec<TimeRange>,
    /// `None` when no patient was asked about.
    pub referral: Option<ReferralFacts>,
}

/// The patient a search is for, as the policy needs them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchPatient {
    pub treated_by_actor: bool,
    /// Their active visits (any doctor) in the window.
    pub busy: Vec<TimeRange>,
}

/// Everything a search reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchFacts {
    /// `None` when none was asked for, or there is no such visit type.
    pub visit_type: Option<VisitTypeFacts>,
    /// `None` when none was asked for, or there is no such patient.
    pub patient: Option<SearchPatient>,
    /// Active doctors at active offices matching the doctor, office and specialty asked for,
    /// by doctor name and office name.
    pub candidates: Vec<SlotCandidate>,
}

/// One free slot, with whom and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SlotChoice {
    pub range: TimeRange,
    pub doctor_id: i32,
    pub doctor_name: String,
    pub specialty_name: String,
    pub office_id: i32,
    pub office_name: String,
    pub time_zone: String,
}

/// A specialist the patient needs a referral for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReferralNeeded {
    pub doctor_id: i32,
    pub doctor_name: String,
    pub specialty_name: String,
    /// The latest request's state (pending, denied, cancelled), if one was made.
    pub latest_request: Option<ApprovalStatus>,
    /// Their slots are not offered: the patient books for themself and would be refused.
    /// (The front desk and doctors book on a clinician's word, so they see the slots.)
    pub slots_withheld: bool,
}

/// The answer of a search.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundSlots {
    /// The slots' length.
    pub duration: AppointmentDuration,
    /// The earliest free slots, by start (then doctor, then office), at most `limit`.
    pub slots: Vec<SlotChoice>,
    /// Specialists matching the search who need a referral the patient does not have, by name.
    pub referrals_needed: Vec<ReferralNeeded>,
}

/// Why a search failed.
#[derive(Debug, thiserror::Error)]
pub enum SearchSlotsError {
    /// The patient is not the actor's to ask about.
    #[error(transparent)]
    Denied(#[from] Denied),
    #[error("invalid slot search: {0}")]
    Invalid(ValidationErrors),
    #[error(transparent)]
    Store(#[from] StoreError),
}

fn validate(search: &SlotSearch) -> Result<(), ValidationErrors> {
    let mut errors = ValidationErrors::new();
    if search.to < search.from {
        errors.push(ValidationError::new("to", "must not be before from"));
    }
    if search
        .from
        .checked_add_days(chrono::Days::new(MAX_SLOT_DAYS))
        .is_some_and(|limit| search.to > limit)
    {
        errors.push(ValidationError::new("to", "at most 31 days after from"));
    }
    if !(1..=MAX_SEARCH_SLOTS).contains(&search.limit) {
        errors.push(ValidationError::new("limit", "must be from 1 to 500"));
    }
    if let Some(minutes) = search.slot_minutes
        && !(5..=480).contains(&minutes)
    {
        errors.push(ValidationError::new(
            "slot_minutes",
            "must be from 5 to 480",
        ));
    }
    errors.into_result()
}

/// The patient a search is for: a patient searches for themself (another patient is hidden,
/// as if missing); anyone else names one or none.
fn patient_of(actor: &Actor, asked: Option<i32>) -> Result<Option<i32>, Denied> {
    match (asked, actor.patient_id) {
        (Some(id), _) => Ok(Some(id)),
        (None, Some(own)) if actor.is_patient(own) => Ok(Some(own)),
        (None, _) => Ok(None),
    }
}

/// The earliest free slots matching `search`. Anyone signed in may search; asking about a
/// patient is reading their schedule, so it takes [`Action::ReadPatient`] (a patient for
/// themself, a doctor for patients they treat, the front desk for anyone).
///
/// - The length is the visit type's (which must exist and be offered), else `slot_minutes`.
/// - A visit type of a specialty is offered only by doctors of that specialty.
/// - The patient's own active visits are busy time too: no slot clashes with them.
/// - A specialist the patient may not book yet ([`may_book_specialist`]) is listed in
///   `referrals_needed`; their slots are withheld when the referral gate applies to the actor
///   ([`referral_gate_applies`]), exactly as booking would refuse them.
///
/// # Errors
/// `Invalid` for a reversed or too long span, a bad limit or length, or a missing or inactive
/// visit type; `Denied(Hidden { patient })` for a patient not the actor's (or missing).
pub async fn search_free_slots(
    actor: &Actor,
    search: SlotSearch,
    clock: &dyn Clock,
    store: &dyn AvailabilityStore,
) -> Result<FoundSlots, SearchSlotsError> {
    validate(&search).map_err(SearchSlotsError::Invalid)?;
    let patient_id = patient_of(actor, search.patient_id)?;
    let window =
        span_window(search.from, search.to).map_err(|e| SearchSlotsError::Invalid(e.into()))?;
    let now = clock.now();
    let facts = store
        .search_facts(&SearchFactsQuery {
            doctor_id: search.doctor_id,
            office_id: search.office_id,
            specialty_id: search.specialty_id,
            visit_type_id: search.visit_type_id,
            patient_id,
            actor_doctor_id: actor.doctor_id,
            window,
            now,
        })
        .await?;
    let patient_busy = match (patient_id, &facts.patient) {
        (Some(patient_id), Some(patient)) => {
            authorize(
                actor,
                Action::ReadPatient(PatientFacts {
                    patient_id,
                    treated_by_actor: patient.treated_by_actor,
                }),
            )
            .check("patient")?;
            patient.busy.clone()
        }
        (Some(_), None) => return Err(Denied::Hidden { entity: "patient" }.into()),
        (None, _) => Vec::new(),
    };
    let asked_length = match search.slot_minutes {
        Some(minutes) => Some(
            AppointmentDuration::new(minutes)
                .map_err(|e| SearchSlotsError::Invalid(e.with_field("slot_minutes").into()))?,
        ),
        None => None,
    };
    let duration = match search.visit_type_id {
        Some(_) => booking_length(search.visit_type_id, facts.visit_type.as_ref(), None)
            .map_err(SearchSlotsError::Invalid)?,
        None => asked_length.unwrap_or(
            AppointmentDuration::new(DEFAULT_SLOT_MINUTES)
                .map_err(|e| SearchSlotsError::Invalid(e.with_field("slot_minutes").into()))?,
        ),
    };
    let gate = referral_gate_applies(actor);
    let mut slots = Vec::new();
    let mut referrals_needed: Vec<ReferralNeeded> = Vec::new();
    for candidate in facts.candidates {
        if let Some(visit_type) = &facts.visit_type
            && check_offered_by(visit_type, Some(candidate.specialty_id)).is_err()
        {
            continue;
        }
        if let Some(referral) = candidate.referral
            && !may_book_specialist(
                referral.requires_referral,
                referral.in_care_team,
                referral.approved,
            )
        {
            if !referrals_needed
                .iter()
                .any(|r| r.doctor_id == candidate.doctor_id)
            {
                referrals_needed.push(ReferralNeeded {
                    doctor_id: candidate.doctor_id,
                    doctor_name: candidate.doctor_name.clone(),
                    specialty_name: candidate.specialty_name.clone(),
                    latest_request: referral.latest_request,
                    slots_withheld: gate,
                });
            }
            if gate {
                continue;
            }
        }
        let plans = plan_days(&candidate.input, search.from, search.to);
        let busy: Vec<TimeRange> = candidate
            .busy
            .iter()
            .chain(patient_busy.iter())
            .copied()
            .collect();
        slots.extend(
            free_slots_in(&plans, &busy, duration.minutes(), now)
                .into_iter()
                .map(|range| SlotChoice {
                    range,
                    doctor_id: candidate.doctor_id,
                    doctor_name: candidate.doctor_name.clone(),
                    specialty_name: candidate.specialty_name.clone(),
                    office_id: candidate.office_id,
                    office_name: candidate.office_name.clone(),
                    time_zone: candidate.time_zone.clone(),
                }),
        );
    }
    slots.sort_by(|a, b| {
        (a.range.start(), &a.doctor_name, a.doctor_id, &a.office_name).cmp(&(
            b.range.start(),
            &b.doctor_name,
            b.doctor_id,
            &b.office_name,
        ))
    });
    slots.truncate(usize::try_from(search.limit).unwrap_or(usize::MAX));
    referrals_needed
        .sort_by(|a, b| (&a.doctor_name, a.doctor_id).cmp(&(&b.doctor_name, b.doctor_id)));
    Ok(FoundSlots {
        duration,
        slots,
        referrals_needed,
    })
}
