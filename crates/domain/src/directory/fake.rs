//! An in-memory directory for the use-case tests: doctors, their offices and weeks, and
//! specialties, without PostgreSQL. Offices are not modelled: their use cases are tested for
//! access and input only, which the store is never asked about.

use std::collections::BTreeMap;
use std::sync::{Mutex, PoisonError};

use async_trait::async_trait;
use chrono::{DateTime, TimeZone, Utc};

use super::doctors::DoctorPatch;
use super::model::{
    Doctor, DoctorFilter, NewDoctor, NewOffice, NewSpecialty, Office, OfficeFilter, OfficePatch,
    OfficeSummary, Specialty, SpecialtyPatch,
};
use super::ports::{DoctorRepository, OfficeRepository, SpecialtyRepository};
use super::schedule::{WeeklySchedule, WorkingHours};
use super::values::OfficeIds;
use crate::access::Actor;
use crate::error::DomainError;
use crate::pagination::{Page, PageRequest};
use crate::store::{StoreError, StoreResult};
use crate::values::Money;

fn created() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2030, 6, 1, 9, 0, 0).unwrap()
}

fn not_found(entity: &'static str) -> StoreError {
    StoreError::Domain(DomainError::NotFound { entity })
}

/// Doctors (with the offices they work at and their weeks) and specialties.
#[derive(Default)]
pub(crate) struct InMemoryDirectory {
    pub specialties: Mutex<Vec<Specialty>>,
    pub doctors: Mutex<BTreeMap<i32, Doctor>>,
    pub hours: Mutex<BTreeMap<i32, Vec<WorkingHours>>>,
}

impl InMemoryDirectory {
    /// Doctor `doctor_id` (account `doctor_id * 10`), working at `offices`.
    pub fn with_doctor(self, doctor_id: i32, offices: &[i32]) -> Self {
        let doctor = Doctor {
            doctor_id,
            user_id: doctor_id * 10,
            first_name: "Greg".into(),
            middle_name: None,
            last_name: "House".into(),
            license_number: format!("LIC-{doctor_id}"),
            specialty_id: 1,
            specialty_name: "Diagnostics".into(),
            years_of_experience: 10,
            office_ids: offices.to_vec(),
            created_at: created(),
            updated_at: created(),
        };
        self.doctors
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(doctor_id, doctor);
        self
    }

    /// Doctor `doctor_id` as stored now.
    pub fn doctor(&self, doctor_id: i32) -> Option<Doctor> {
        self.doctors
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get(&doctor_id)
            .cloned()
    }

    /// Doctor `doctor_id`'s week as stored now.
    pub fn week(&self, doctor_id: i32) -> Vec<WorkingHours> {
        self.hours
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get(&doctor_id)
            .cloned()
            .unwrap_or_default()
    }

    fn summary(office_id: i32) -> OfficeSummary {
        OfficeSummary {
            office_id,
            name: format!("Office {office_id}"),
            city: "Springfield".into(),
            time_zone: "America/Chicago".into(),
            is_active: true,
        }
    }
}

#[async_trait]
impl SpecialtyRepository for InMemoryDirectory {
    async fn list(&self) -> StoreResult<Vec<Specialty>> {
        Ok(self
            .specialties
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone())
    }

    async fn create(&self, _actor: &Actor, new: NewSpecialty) -> StoreResult<Specialty> {
        let mut specialties = self
            .specialties
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        let specialty = Specialty {
            specialty_id: i32::try_from(specialties.len()).unwrap() + 1,
            name: new.name.as_str().to_owned(),
            requires_referral: new.requires_referral,
            consultation_fee: new.consultation_fee,
            created_at: created(),
            updated_at: created(),
        };
        specialties.push(specialty.clone());
        Ok(specialty)
    }

    async fn update(
        &self,
        _actor: &Actor,
        specialty_id: i32,
        patch: SpecialtyPatch,
    ) -> StoreResult<Specialty> {
        let mut specialties = self
            .specialties
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        let specialty = specialties
            .iter_mut()
            .find(|s| s.specialty_id == specialty_id)
            .ok_or_else(|| not_found("specialty"))?;
        if let Some(fee) = patch.consultation_fee {
            specialty.consultation_fee = fee;
        }
        if let Some(name) = patch.name {
            specialty.name = name.as_str().to_owned();
        }
        Ok(specialty.clone())
    }
}

#[async_trait]
impl OfficeRepository for InMemoryDirectory {
    async fn list(&self, _filter: &OfficeFilter, page: PageRequest) -> StoreResult<Page<Office>> {
        Ok(Page::new(Vec::new(), page, 0))
    }

    async fn get(&self, _office_id: i32) -> StoreResult<Office> {
        Err(not_found("office"))
    }

    async fn create(&self, _actor: &Actor, _new: NewOffice) -> StoreResult<Office> {
        Err(StoreError::Unexpected("offices are not modelled".into()))
    }

    async fn update(
        &self,
        _actor: &Actor,
        _office_id: i32,
        _patch: OfficePatch,
    ) -> StoreResult<Office> {
        Err(StoreError::Unexpected("offices are not modelled".into()))
    }
}

#[async_trait]
impl DoctorRepository for InMemoryDirectory {
    async fn list(&self, _filter: &DoctorFilter, page: PageRequest) -> StoreResult<Page<Doctor>> {
        let doctors: Vec<Doctor> = self
            .doctors
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .values()
            .cloned()
            .collect();
        let total = u64::try_from(doctors.len()).unwrap();
        Ok(Page::new(doctors, page, total))
    }

    async fn get(&self, doctor_id: i32) -> StoreResult<Doctor> {
        self.doctor(doctor_id).ok_or_else(|| not_found("doctor"))
    }

    async fn create(&self, _actor: &Actor, new: NewDoctor) -> StoreResult<Doctor> {
        let doctor_id = i32::try_from(self.doctors.lock().unwrap().len()).unwrap() + 1;
        let mut doctor = Self::default()
            .with_doctor(doctor_id, new.office_ids.as_slice())
            .doctor(doctor_id)
            .unwrap();
        doctor.user_id = new.user_id;
        doctor.license_number = new.license_number.as_str().to_owned();
        self.doctors
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(doctor_id, doctor.clone());
        Ok(doctor)
    }

    async fn update(
        &self,
        _actor: &Actor,
        doctor_id: i32,
        patch: DoctorPatch,
    ) -> StoreResult<Doctor> {
        let mut doctors = self.doctors.lock().unwrap_or_else(PoisonError::into_inner);
        let doctor = doctors
            .get_mut(&doctor_id)
            .ok_or_else(|| not_found("doctor"))?;
        if let Some(last) = patch.last_name() {
            last.clone_into(&mut doctor.last_name);
        }
        if let Some(years) = patch.years_of_experience() {
            doctor.years_of_experience = years.get();
        }
        if let Some(license) = patch.license_number() {
            license.as_str().clone_into(&mut doctor.license_number);
        }
        Ok(doctor.clone())
    }

    async fn offices(&self, doctor_id: i32) -> StoreResult<Vec<OfficeSummary>> {
        let doctor = self.doctor(doctor_id).ok_or_else(|| not_found("doctor"))?;
        Ok(doctor.office_ids.into_iter().map(Self::summary).collect())
    }

    async fn set_offices(
        &self,
        _actor: &Actor,
        doctor_id: i32,
        office_ids: OfficeIds,
    ) -> StoreResult<Vec<OfficeSummary>> {
        let mut doctors = self.doctors.lock().unwrap_or_else(PoisonError::into_inner);
        let doctor = doctors
            .get_mut(&doctor_id)
            .ok_or_else(|| not_found("doctor"))?;
        doctor.office_ids = office_ids.as_slice().to_vec();
        Ok(doctor
            .office_ids
            .iter()
            .copied()
            .map(Self::summary)
            .collect())
    }

    async fn working_hours(&self, doctor_id: i32) -> StoreResult<Vec<WorkingHours>> {
        self.doctor(doctor_id).ok_or_else(|| not_found("doctor"))?;
        Ok(self.week(doctor_id))
    }

    async fn set_working_hours(
        &self,
        _actor: &Actor,
        doctor_id: i32,
        schedule: WeeklySchedule,
    ) -> StoreResult<Vec<WorkingHours>> {
        self.doctor(doctor_id).ok_or_else(|| not_found("doctor"))?;
        let week = schedule.as_slice().to_vec();
        self.hours
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(doctor_id, week.clone());
        Ok(week)
    }
}

/// `s` as money; panics on a typo in a test.
pub(crate) fn money(s: &str) -> Money {
    Money::parse_str(s).unwrap()
}
