//! Previewing and booking a series of recurring visits. Every occurrence is judged by the same
//! booking rules as a single visit ([`judge_slot`] over the facts of
//! [`booking_facts`](crate::scheduling::SchedulingTx::booking_facts)), so whatever those facts
//! learn (closures, time off) a series obeys too.

use chrono::{DateTime, Utc, Weekday};

use super::rule::{Frequency, RecurrenceRule, SeriesEnd};
use super::{SeriesError, series_notice};
use crate::access::{Action, Actor, may_ever, referral_gate_applies};
use crate::clock::Clock;
use crate::error::ValidationErrors;
use crate::messaging::{self, VisitMessages};
use crate::scheduling::book::{
    doctor_and_office, lost_race, may_schedule, patient_limits, shown_to, slot_facts,
};
use crate::scheduling::ports::{
    BookingFacts, BookingQuery, NewSeries, Party, SchedulingStore, SchedulingTx, SeriesRecord,
};
use crate::scheduling::rules::{BookingRefusal, SlotRequest, judge_slot};
use crate::scheduling::{Appointment, AppointmentDuration, AppointmentStatus, NewAppointment};
use crate::settings::ClinicSettings;
use crate::store::StoreError;
use crate::values::{OfficeZone, TimeRange};

/// How a series repeats, as the client said it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RepeatRule {
    /// RRULE text, such as `FREQ=WEEKLY;BYDAY=MO;COUNT=10`.
    Text(String),
    /// The same, as fields.
    Parts {
        frequency: Frequency,
        interval: u32,
        by_day: Vec<Weekday>,
        end: SeriesEnd,
    },
}

impl RepeatRule {
    /// The rule, checked.
    ///
    /// # Errors
    /// Field errors on `rrule`, as [`RecurrenceRule::parse`] and [`RecurrenceRule::new`].
    pub fn resolve(&self, zone: OfficeZone) -> Result<RecurrenceRule, ValidationErrors> {
        match self {
            Self::Text(text) => RecurrenceRule::parse(text, zone),
            Self::Parts {
                frequency,
                interval,
                by_day,
                end,
            } => RecurrenceRule::new(*frequency, *interval, by_day, *end),
        }
    }
}

/// A series to preview or book.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeriesRequest {
    pub patient_id: i32,
    pub doctor_id: i32,
    pub office_id: i32,
    /// The first visit; the others repeat its local time of day at the office.
    pub first_starts_at: DateTime<Utc>,
    pub duration: AppointmentDuration,
    pub reason: Option<String>,
    pub repeat: RepeatRule,
    /// Book nothing unless every occurrence can be booked.
    pub all_or_nothing: bool,
}

/// One occurrence of a series and the booking rules' verdict on it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Occurrence {
    /// 1 for the first visit.
    pub number: u32,
    pub range: TimeRange,
    /// Why it cannot be booked; `None` when it is free. A taken slot names only the
    /// conflicting appointments the actor may see.
    pub refusal: Option<BookingRefusal>,
}

impl Occurrence {
    #[must_use]
    pub fn is_free(&self) -> bool {
        self.refusal.is_none()
    }
}

/// What a series would book.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeriesPreview {
    /// The rule, as it will be stored.
    pub rule: RecurrenceRule,
    /// The office's time zone, where the visits repeat.
    pub time_zone: String,
    pub occurrences: Vec<Occurrence>,
}

/// A booked series: the free occurrences booked, the others skipped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BookedSeries {
    pub series: SeriesRecord,
    pub time_zone: String,
    pub booked: Vec<Appointment>,
    pub skipped: Vec<Occurrence>,
}

/// The judged series and the names its messages use.
struct Plan {
    rule: RecurrenceRule,
    zone: OfficeZone,
    time_zone: String,
    patient: Party,
    doctor: Party,
    office_name: String,
    occurrences: Vec<Occurrence>,
    /// The clinic's settings (the reminder offsets each occurrence's emails follow).
    settings: ClinicSettings,
}

/// Judges every occurrence of a series, in the transaction `tx`.
async fn plan(
    actor: &Actor,
    request: &SeriesRequest,
    clock: &dyn Clock,
    tx: &mut (dyn SchedulingTx + '_),
) -> Result<Plan, SeriesError> {
    may_ever(actor, Action::ManageSeries)?;
    let query = |range: TimeRange| BookingQuery {
        patient_id: request.patient_id,
        doctor_id: request.doctor_id,
        office_id: request.office_id,
        range,
        moving: None,
        actor_doctor_id: actor.doctor_id,
        now: clock.now(),
    };
    let first_range = request.duration.range_from(request.first_starts_at);
    let first_facts = tx.booking_facts(&query(first_range)).await?;
    let patient = may_schedule(actor, request.patient_id, request.doctor_id, &first_facts)?;
    let (doctor, office) = doctor_and_office(&first_facts)?;
    let zone = OfficeZone::of_office(&office.time_zone);
    let rule = request.repeat.resolve(zone)?;
    let starts = rule.expand(request.first_starts_at, zone)?;
    let (patient, doctor) = (patient.clone(), doctor.clone());
    let (office_name, time_zone) = (office.name.clone(), office.time_zone.clone());
    let settings = first_facts.settings;
    let mut occurrences = Vec::with_capacity(starts.len());
    let mut first_facts = Some(first_facts);
    for (number, start) in (1..).zip(starts) {
        let range = request.duration.range_from(start);
        let facts = match first_facts.take() {
            Some(facts) => facts,
            None => tx.booking_facts(&query(range)).await?,
        };
        occurrences.push(Occurrence {
            number,
            range,
            refusal: judge(actor, &facts, range, request.duration, zone, clock).err(),
        });
    }
    Ok(Plan {
        rule,
        zone,
        time_zone,
        patient,
        doctor,
        office_name,
        occurrences,
        settings,
    })
}

/// The booking rules' verdict on one occurrence, as `actor` is told it. Nobody overbooks a
/// series: an occurrence in the way of another visit is skipped.
fn judge(
    actor: &Actor,
    facts: &BookingFacts,
    range: TimeRange,
    duration: AppointmentDuration,
    zone: OfficeZone,
    clock: &dyn Clock,
) -> Result<(), BookingRefusal> {
    let judged = judge_slot(&SlotRequest {
        range,
        duration,
        now: clock.now(),
        facts: &slot_facts(facts, zone),
        booked_by_patient: referral_gate_applies(actor),
        overbook_reason: None,
        patient_limits: patient_limits(actor, facts, true),
    });
    shown_to(actor, judged, &facts.conflicts).map(|_| ())
}

/// Every occurrence of a series, each judged free or refused (with the reason) by the booking
/// rules, without booking anything. Staff preview any series, a doctor their own with patients
/// they treat; patients and admins may not (403 before anything is read).
///
/// # Errors
/// `Denied`; `Invalid` for a bad rule (on `rrule`), a first visit off the rule's weekdays (on
/// `starts_at`), a patient, doctor or office that does not exist.
pub async fn preview_series(
    actor: &Actor,
    request: SeriesRequest,
    clock: &dyn Clock,
    store: &dyn SchedulingStore,
) -> Result<SeriesPreview, SeriesError> {
    let mut tx = store.begin().await?;
    let plan = plan(actor, &request, clock, &mut *tx).await?;
    // A preview writes nothing: the transaction is rolled back.
    drop(tx);
    Ok(SeriesPreview {
        rule: plan.rule,
        time_zone: plan.time_zone,
        occurrences: plan.occurrences,
    })
}

/// Books a series: every free occurrence becomes its own appointment row with the series' id
/// (skipping the others, which are reported), or, when `all_or_nothing` is asked, nothing at
/// all unless every occurrence is free. The series, its appointments, their audit rows and one
/// summary notification to the patient and one to the doctor commit in one transaction.
///
/// # Errors
/// As [`preview_series`]; `Unbookable` when `all_or_nothing` is asked and some occurrence is
/// refused, or when no occurrence is free; `Invalid` instead when none is free and the first
/// is refused for its fields (a doctor who does not work at the office, a closed office);
/// `Refused(SlotTaken)` when another booking won a race for one of the times (nothing is
/// written then).
pub async fn book_series(
    actor: &Actor,
    request: SeriesRequest,
    clock: &dyn Clock,
    store: &dyn SchedulingStore,
) -> Result<BookedSeries, SeriesError> {
    let mut tx = store.begin().await?;
    let mut plan = plan(actor, &request, clock, &mut *tx).await?;
    let refused = plan.occurrences.iter().filter(|o| !o.is_free()).count();
    if refused == plan.occurrences.len() || (request.all_or_nothing && refused > 0) {
        if refused == plan.occurrences.len()
            && let Some(BookingRefusal::Invalid(errors)) = &plan.occurrences[0].refusal
        {
            return Err(SeriesError::Invalid(errors.clone()));
        }
        return Err(SeriesError::Unbookable {
            total: plan.occurrences.len(),
            refused: plan
                .occurrences
                .into_iter()
                .filter(|o| !o.is_free())
                .collect(),
        });
    }
    let new_series = NewSeries {
        patient_id: request.patient_id,
        doctor_id: request.doctor_id,
        office_id: request.office_id,
        rule: plan.rule.to_string(),
        first_starts_at: request.first_starts_at,
        duration_minutes: request.duration.minutes(),
        reason: request.reason.clone(),
    };
    let written = tx.insert_series(actor.user_id, &new_series).await?;
    let series = SeriesRecord {
        series_id: written.id,
        patient_id: new_series.patient_id,
        doctor_id: new_series.doctor_id,
        office_id: new_series.office_id,
        rule: new_series.rule.clone(),
        first_starts_at: new_series.first_starts_at,
        duration_minutes: minutes(request.duration)?,
        reason: new_series.reason.clone(),
        created_by: actor.user_id,
        created_at: written.created_at,
    };
    let mut booked = Vec::new();
    let mut skipped = Vec::new();
    let occurrences = std::mem::take(&mut plan.occurrences);
    for occurrence in occurrences {
        if !occurrence.is_free() {
            skipped.push(occurrence);
            continue;
        }
        let new = NewAppointment {
            outside_availability_reason: None,
            patient_id: request.patient_id,
            doctor_id: request.doctor_id,
            office_id: request.office_id,
            range: occurrence.range,
            duration: request.duration,
            reason: request.reason.clone(),
            overbook_reason: None,
        };
        let written = match tx
            .insert_occurrence(actor.user_id, series.series_id, &new)
            .await
        {
            Ok(written) => written,
            Err(error) => {
                let query = BookingQuery {
                    patient_id: new.patient_id,
                    doctor_id: new.doctor_id,
                    office_id: new.office_id,
                    range: new.range,
                    moving: None,
                    actor_doctor_id: actor.doctor_id,
                    now: clock.now(),
                };
                return Err(lost_race(actor, store, tx, &query, error).await.into());
            }
        };
        booked.push(Appointment {
            outside_availability_reason: None,
            appointment_id: written.id,
            patient_id: new.patient_id,
            doctor_id: new.doctor_id,
            office_id: new.office_id,
            starts_at: new.range.start(),
            duration_minutes: series.duration_minutes,
            ends_at: new.range.end(),
            reason: new.reason,
            status: AppointmentStatus::Scheduled,
            is_overbooked: false,
            overbook_reason: None,
            cancellation_reason: None,
            created_by: Some(actor.user_id),
            created_at: written.created_at,
            updated_at: written.updated_at,
            patient_name: plan.patient.name.clone(),
            doctor_name: plan.doctor.name.clone(),
            office_name: plan.office_name.clone(),
            office_time_zone: plan.time_zone.clone(),
            series_id: Some(series.series_id),
        });
    }
    // Each occurrence is its own visit: its confirmation (with its `.ics`) and its reminders.
    for appointment in &booked {
        tx.send(messaging::on_booked(
            VisitMessages {
                appointment,
                patient_user_id: plan.patient.user_id,
                zone: plan.zone,
                now: clock.now(),
            },
            plan.settings.reminder_offsets(),
        ));
    }
    let summary = booked_summary(&plan, &booked, skipped.len());
    tx.notify(series_notice(
        series.series_id,
        (plan.patient.user_id, &summary.0),
        (plan.doctor.user_id, &summary.1),
    ));
    tx.commit().await?;
    Ok(BookedSeries {
        series,
        time_zone: plan.time_zone,
        booked,
        skipped,
    })
}

/// What the patient and the doctor are told about a booked series.
fn booked_summary(plan: &Plan, booked: &[Appointment], skipped: usize) -> (String, String) {
    let first = booked.first().map(|a| plan.zone.label(a.starts_at));
    let last = booked.last().map(|a| plan.zone.label(a.starts_at));
    let span = match (first, last) {
        (Some(first), Some(last)) if booked.len() > 1 => format!("from {first} to {last}"),
        (Some(first), _) => format!("on {first}"),
        _ => String::new(),
    };
    let count = booked.len();
    let (visits, verb) = if count == 1 {
        ("visit", "is")
    } else {
        ("visits", "are")
    };
    let how = plan.rule.describe();
    let office = &plan.office_name;
    let skipped = match skipped {
        0 => String::new(),
        1 => " One date could not be booked.".to_owned(),
        n => format!(" {n} dates could not be booked."),
    };
    (
        format!(
            "{count} {visits} ({how}) with Dr. {} at {office} {verb} booked, {span}.{skipped}",
            plan.doctor.name
        ),
        format!(
            "{count} {visits} ({how}) with {} at {office} {verb} booked, {span}.{skipped}",
            plan.patient.name
        ),
    )
}

fn minutes(duration: AppointmentDuration) -> Result<i32, StoreError> {
    i32::try_from(duration.minutes())
        .map_err(|_| StoreError::Unexpected("duration out of range".into()))
}
