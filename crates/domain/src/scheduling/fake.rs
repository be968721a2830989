//! An in-memory [`SchedulingStore`] for the use-case tests: a clinic's scheduling rows, a
//! transaction as a private copy that [`commit`](SchedulingTx::commit) makes the truth, and the
//! database's overlap constraints.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Mutex;

use async_trait::async_trait;
use chrono::{DateTime, TimeZone, Utc};
use rust_decimal::Decimal;

use super::availability::{Closure, ScheduleException, TimeOff};
use super::ports::{
    BookingFacts, BookingQuery, ConflictingAppointment, LockedAppointment, MovedAppointment,
    OfficeFacts, Party, SchedulingStore, SchedulingTx, VisitBill, Written,
};
use super::{Appointment, AppointmentFilter, AppointmentStatus, NewAppointment, WeeklyHours};
use super::{LockedSeries, NewSeries, SeriesRecord};
use crate::access::{AppointmentParties, AppointmentTrace, TreatmentFacts, treats};
use crate::error::{ConflictCode, DomainError};
use crate::messaging::OutboxDraft;
use crate::notification::NotificationDraft;
use crate::pagination::{Page, PageRequest};
use crate::settings::ClinicSettings;
use crate::store::{StoreError, StoreResult};
use crate::values::TimeRange;

/// A doctor as the fake knows them.
#[derive(Debug, Clone)]
pub struct FakeDoctor {
    pub party: Party,
    pub requires_referral: bool,
    pub fee: Decimal,
}

/// Everything the fake stores.
#[derive(Debug, Clone, Default)]
pub struct World {
    pub patients: HashMap<i32, Party>,
    pub doctors: HashMap<i32, FakeDoctor>,
    pub offices: HashMap<i32, OfficeFacts>,
    /// (doctor, office)
    pub works_at: HashSet<(i32, i32)>,
    /// (doctor, office) → hours
    pub hours: HashMap<(i32, i32), Vec<WeeklyHours>>,
    /// (patient, doctor)
    pub care_team: HashSet<(i32, i32)>,
    /// (patient, specialist)
    pub approved_referrals: HashSet<(i32, i32)>,
    pub appointments: BTreeMap<i32, Appointment>,
    pub bills: Vec<VisitBill>,
    pub notifications: Vec<NotificationDraft>,
    /// The outbox rows written, by dedupe key (a key already there is not written again).
    pub outbox: Vec<OutboxDraft>,
    /// Series of recurring visits, by id.
    pub series: BTreeMap<i32, SeriesRecord>,
    /// The instant the store's access facts are judged at (the Unix epoch by default, when
    /// every appointment that is not cancelled still lies ahead).
    pub now: DateTime<Utc>,
    /// The clinic's settings, as the transactions read them.
    pub settings: ClinicSettings,
    /// (doctor, office) → dated exceptions
    pub exceptions: HashMap<(i32, i32), Vec<ScheduleException>>,
    /// doctor → time off
    pub time_off: HashMap<i32, Vec<TimeOff>>,
    /// office → closures
    pub closures: HashMap<i32, Vec<Closure>>,
    next_id: i32,
    /// The waitlist's entries and offers.
    pub waitlist: super::waitlist::fake::FakeWaitlist,
}

impl World {
    fn next_id(&mut self) -> i32 {
        self.next_id += 1;
        self.next_id
    }

    /// Active, not overbooked appointments of the doctor or the patient overlapping `range`.
    fn conflicts(&self, query: &BookingQuery) -> Vec<ConflictingAppointment> {
        self.appointments
            .values()
            .filter(|a| {
                (a.doctor_id == query.doctor_id || a.patient_id == query.patient_id)
                    && a.status.is_active()
                    && !a.is_overbooked
                    && Some(a.appointment_id) != query.moving
                    && range_of(a).overlaps(&query.range)
            })
            .map(|a| ConflictingAppointment {
                appointment_id: a.appointment_id,
                parties: AppointmentParties {
                    patient_id: a.patient_id,
                    doctor_id: a.doctor_id,
                },
                treated_by_actor: self.treats(a.patient_id, query.actor_doctor_id),
            })
            .collect()
    }

    /// The patient's active appointments starting after `query.now`, the moved one aside.
    fn future_active(&self, query: &BookingQuery) -> u32 {
        let count = self
            .appointments
            .values()
            .filter(|a| {
                a.patient_id == query.patient_id
                    && a.status.is_active()
                    && a.starts_at > query.now
                    && Some(a.appointment_id) != query.moving
            })
            .count();
        u32::try_from(count).unwrap()
    }

    fn treats(&self, patient_id: i32, doctor_id: Option<i32>) -> bool {
        doctor_id.is_some_and(|doctor_id| {
            let appointments: Vec<AppointmentTrace> = self
                .appointments
                .values()
                .filter(|a| a.patient_id == patient_id && a.doctor_id == doctor_id)
                .map(|a| AppointmentTrace {
                    status: a.status,
                    ends_at: a.ends_at,
                })
                .collect();
            treats(
                TreatmentFacts {
                    in_care_team: self.care_team.contains(&(patient_id, doctor_id)),
                    appointments: &appointments,
                },
                self.now,
            )
        })
    }

    /// The exclusion constraints: an active, not overbooked appointment overlaps no other of
    /// the same doctor or patient.
    fn check_overlaps(&self, candidate: &Appointment) -> StoreResult<()> {
        if !candidate.status.is_active() || candidate.is_overbooked {
            return Ok(());
        }
        let clash = self.appointments.values().any(|other| {
            other.appointment_id != candidate.appointment_id
                && other.status.is_active()
                && !other.is_overbooked
                && (other.doctor_id == candidate.doctor_id
                    || other.patient_id == candidate.patient_id)
                && range_of(other).overlaps(&range_of(candidate))
        });
        if clash {
            Err(StoreError::Domain(DomainError::AppointmentConflict {
                conflicting_ids: Vec::new(),
            }))
        } else {
            Ok(())
        }
    }
}

fn range_of(appointment: &Appointment) -> TimeRange {
    TimeRange::new(appointment.starts_at, appointment.ends_at).expect("stored ranges are valid")
}

/// The fake's clock for row timestamps; rules use the test's own clock.
fn stamp() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2030, 1, 1, 0, 0, 0).unwrap()
}

/// The in-memory store.
#[derive(Debug, Default)]
pub struct InMemoryScheduling {
    world: Mutex<World>,
    /// Written into the committed world by the next write, as if another request had
    /// committed it between the facts and the write.
    pub race_winner: Mutex<Option<Appointment>>,
}

impl InMemoryScheduling {
    pub fn new(world: World) -> Self {
        Self {
            world: Mutex::new(world),
            race_winner: Mutex::new(None),
        }
    }

    /// The committed state.
    pub fn world(&self) -> World {
        self.world.lock().unwrap().clone()
    }

    /// Adds a committed appointment and returns its id.
    pub fn add(&self, mut appointment: Appointment) -> i32 {
        let mut world = self.world.lock().unwrap();
        appointment.appointment_id = world.next_id();
        let id = appointment.appointment_id;
        world.appointments.insert(id, appointment);
        id
    }

    /// Changes the committed state.
    pub fn change(&self, f: impl FnOnce(&mut World)) {
        f(&mut self.world.lock().unwrap());
    }
}

#[async_trait]
impl SchedulingStore for InMemoryScheduling {
    async fn begin(&self) -> StoreResult<Box<dyn SchedulingTx + '_>> {
        Ok(Box::new(FakeTx {
            store: self,
            world: self.world(),
            queued: Vec::new(),
            outbox: Vec::new(),
        }))
    }

    async fn conflicts(&self, query: &BookingQuery) -> StoreResult<Vec<ConflictingAppointment>> {
        Ok(self.world().conflicts(query))
    }

    async fn get(&self, appointment_id: i32) -> StoreResult<Appointment> {
        self.world()
            .appointments
            .get(&appointment_id)
            .cloned()
            .ok_or_else(|| StoreError::not_found("appointment"))
    }

    async fn list(
        &self,
        _filter: &AppointmentFilter,
        page: PageRequest,
    ) -> StoreResult<Page<Appointment>> {
        let items: Vec<_> = self.world().appointments.into_values().collect();
        let total = items.len() as u64;
        Ok(Page::new(items, page, total))
    }
}

pub(super) struct FakeTx<'s> {
    store: &'s InMemoryScheduling,
    pub(super) world: World,
    queued: Vec<NotificationDraft>,
    outbox: Vec<OutboxDraft>,
}

impl FakeTx<'_> {
    /// Lets a racing request commit first, into both the committed world and this copy (the
    /// constraint sees committed rows).
    fn let_race_winner_in(&mut self) {
        if let Some(winner) = self.store.race_winner.lock().unwrap().take() {
            let id = self.store.add(winner);
            let stored = self.store.world().appointments[&id].clone();
            self.world.next_id = self.world.next_id.max(id);
            self.world.appointments.insert(id, stored);
        }
    }
}

#[async_trait]
impl SchedulingTx for FakeTx<'_> {
    async fn booking_facts(&mut self, query: &BookingQuery) -> StoreResult<BookingFacts> {
        let world = &self.world;
        let doctor = world.doctors.get(&query.doctor_id);
        Ok(BookingFacts {
            patient: world.patients.get(&query.patient_id).cloned(),
            patient_treated_by_actor: world.treats(query.patient_id, query.actor_doctor_id),
            doctor: doctor.map(|d| d.party.clone()),
            office: world.offices.get(&query.office_id).cloned(),
            doctor_works_at_office: world.works_at.contains(&(query.doctor_id, query.office_id)),
            weekly_hours: world
                .hours
                .get(&(query.doctor_id, query.office_id))
                .cloned()
                .unwrap_or_default(),
            conflicts: world.conflicts(query),
            specialty_requires_referral: doctor.is_some_and(|d| d.requires_referral),
            doctor_in_care_team: world
                .care_team
                .contains(&(query.patient_id, query.doctor_id)),
            approved_referral: world
                .approved_referrals
                .contains(&(query.patient_id, query.doctor_id)),
            patient_future_active: world.future_active(query),
            settings: world.settings,
            exceptions: world
                .exceptions
                .get(&(query.doctor_id, query.office_id))
                .cloned()
                .unwrap_or_default(),
            time_off: world
                .time_off
                .get(&query.doctor_id)
                .cloned()
                .unwrap_or_default(),
            closures: world
                .closures
                .get(&query.office_id)
                .cloned()
                .unwrap_or_default(),
        })
    }

    async fn lock_appointment(
        &mut self,
        appointment_id: i32,
        actor_doctor_id: Option<i32>,
    ) -> StoreResult<LockedAppointment> {
        let world = &self.world;
        let appointment = world
            .appointments
            .get(&appointment_id)
            .cloned()
            .ok_or_else(|| StoreError::not_found("appointment"))?;
        let doctor = &world.doctors[&appointment.doctor_id];
        Ok(LockedAppointment {
            patient_user_id: world.patients[&appointment.patient_id].user_id,
            doctor_user_id: doctor.party.user_id,
            office_time_zone: world.offices[&appointment.office_id].time_zone.clone(),
            treated_by_actor: world.treats(appointment.patient_id, actor_doctor_id),
            visit_fee: doctor.fee,
            settings: world.settings,
            appointment,
        })
    }

    async fn insert_appointment(
        &mut self,
        author: i32,
        new: &NewAppointment,
    ) -> StoreResult<Written> {
        self.let_race_winner_in();
        let id = self.world.next_id();
        let appointment = Appointment {
            appointment_id: id,
            patient_id: new.patient_id,
            doctor_id: new.doctor_id,
            office_id: new.office_id,
            starts_at: new.range.start(),
            duration_minutes: i32::try_from(new.duration.minutes()).unwrap(),
            ends_at: new.range.end(),
            reason: new.reason.clone(),
            status: AppointmentStatus::Scheduled,
            is_overbooked: new.overbook_reason.is_some(),
            overbook_reason: new.overbook_reason.clone(),
            cancellation_reason: None,
            created_by: Some(author),
            created_at: stamp(),
            updated_at: stamp(),
            patient_name: self.world.patients[&new.patient_id].name.clone(),
            doctor_name: self.world.doctors[&new.doctor_id].party.name.clone(),
            office_name: self.world.offices[&new.office_id].name.clone(),
            office_time_zone: self.world.offices[&new.office_id].time_zone.clone(),
            outside_availability_reason: new.outside_availability_reason.clone(),
            series_id: None,
        };
        self.world.check_overlaps(&appointment)?;
        self.world.appointments.insert(id, appointment);
        Ok(Written {
            id,
            created_at: stamp(),
            updated_at: stamp(),
        })
    }

    async fn move_appointment(
        &mut self,
        _author: i32,
        moved: &MovedAppointment,
    ) -> StoreResult<Written> {
        self.let_race_winner_in();
        let mut appointment = self.world.appointments[&moved.appointment_id].clone();
        appointment.office_id = moved.office_id;
        appointment.starts_at = moved.range.start();
        appointment.ends_at = moved.range.end();
        appointment.duration_minutes = i32::try_from(moved.duration_minutes).unwrap();
        appointment.reason = moved.reason.clone();
        appointment.is_overbooked = moved.overbook_reason.is_some();
        appointment.overbook_reason = moved.overbook_reason.clone();
        appointment.outside_availability_reason = moved.outside_availability_reason.clone();
        appointment.office_name = self.world.offices[&moved.office_id].name.clone();
        appointment.office_time_zone = self.world.offices[&moved.office_id].time_zone.clone();
        self.world.check_overlaps(&appointment)?;
        let created_at = appointment.created_at;
        self.world
            .appointments
            .insert(moved.appointment_id, appointment);
        Ok(Written {
            id: moved.appointment_id,
            created_at,
            updated_at: stamp(),
        })
    }

    async fn set_status(
        &mut self,
        _author: i32,
        appointment_id: i32,
        status: AppointmentStatus,
        cancellation_reason: Option<&str>,
    ) -> StoreResult<Written> {
        let appointment = self
            .world
            .appointments
            .get_mut(&appointment_id)
            .ok_or_else(|| StoreError::not_found("appointment"))?;
        appointment.status = status;
        if let Some(reason) = cancellation_reason {
            appointment.cancellation_reason = Some(reason.to_owned());
        }
        Ok(Written {
            id: appointment_id,
            created_at: appointment.created_at,
            updated_at: stamp(),
        })
    }

    async fn issue_bill(&mut self, _author: i32, bill: &VisitBill) -> StoreResult<i32> {
        if self
            .world
            .bills
            .iter()
            .any(|b| b.appointment_id == bill.appointment_id)
        {
            return Err(StoreError::Domain(DomainError::conflict(
                ConflictCode::BillExists,
                "this appointment already has a bill",
            )));
        }
        self.world.bills.push(bill.clone());
        Ok(i32::try_from(self.world.bills.len()).unwrap())
    }

    fn notify(&mut self, notifications: Vec<NotificationDraft>) {
        self.queued.extend(notifications);
    }

    async fn commit(self: Box<Self>) -> StoreResult<()> {
        let FakeTx {
            store,
            mut world,
            queued,
            outbox,
        } = *self;
        world.notifications.extend(queued);
        for draft in outbox {
            if !world
                .outbox
                .iter()
                .any(|d| d.dedupe_key() == draft.dedupe_key())
            {
                world.outbox.push(draft);
            }
        }
        *store.world.lock().unwrap() = world;
        Ok(())
    }

    fn waitlist(&mut self) -> &mut dyn super::waitlist::WaitlistTx {
        self
    }
    fn send(&mut self, drafts: Vec<OutboxDraft>) {
        self.outbox.extend(drafts);
    }

    async fn insert_series(&mut self, author: i32, series: &NewSeries) -> StoreResult<Written> {
        let id = self.world.next_id();
        self.world.series.insert(
            id,
            SeriesRecord {
                series_id: id,
                patient_id: series.patient_id,
                doctor_id: series.doctor_id,
                office_id: series.office_id,
                rule: series.rule.clone(),
                first_starts_at: series.first_starts_at,
                duration_minutes: i32::try_from(series.duration_minutes).unwrap(),
                reason: series.reason.clone(),
                created_by: author,
                created_at: stamp(),
            },
        );
        Ok(Written {
            id,
            created_at: stamp(),
            updated_at: stamp(),
        })
    }

    async fn insert_occurrence(
        &mut self,
        author: i32,
        series_id: i32,
        new: &NewAppointment,
    ) -> StoreResult<Written> {
        let written = self.insert_appointment(author, new).await?;
        if let Some(appointment) = self.world.appointments.get_mut(&written.id) {
            appointment.series_id = Some(series_id);
        }
        Ok(written)
    }

    async fn lock_series(
        &mut self,
        series_id: i32,
        actor_doctor_id: Option<i32>,
    ) -> StoreResult<LockedSeries> {
        let series = self
            .world
            .series
            .get(&series_id)
            .cloned()
            .ok_or_else(|| StoreError::not_found("series"))?;
        let mut ids: Vec<(DateTime<Utc>, i32)> = self
            .world
            .appointments
            .values()
            .filter(|a| a.series_id == Some(series_id))
            .map(|a| (a.starts_at, a.appointment_id))
            .collect();
        ids.sort();
        let mut occurrences = Vec::new();
        for (_, id) in ids {
            occurrences.push(self.lock_appointment(id, actor_doctor_id).await?);
        }
        Ok(LockedSeries {
            office_time_zone: self.world.offices[&series.office_id].time_zone.clone(),
            treated_by_actor: self.world.treats(series.patient_id, actor_doctor_id),
            series,
            occurrences,
        })
    }
}
