//! In-memory patients, emergency contacts, insurance policies and the facts of who treats whom,
//! for the use-case tests of patients. Lists ignore filters and paging: the tests are about
//! who may read, not about search.

use std::sync::Mutex;

use async_trait::async_trait;
use chrono::{DateTime, TimeZone, Utc};

use super::{
    EmergencyContact, EmergencyContactRepository, Insurance, InsurancePatch, InsuranceRepository,
    InsuranceTerms, NewEmergencyContact, Patient, PatientFilter, PatientPatch, PatientRepository,
};
use crate::access::{AccessFacts, Actor, PatientFacts};
use crate::identity::NewPatientAccount;
use crate::pagination::{Page, PageRequest};
use crate::store::{StoreError, StoreResult};

fn at() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 30, 9, 0, 0).unwrap()
}

/// Patients and what hangs off them, in memory.
#[derive(Debug, Default)]
pub(crate) struct InMemoryPatients {
    pub patients: Mutex<Vec<Patient>>,
    /// (doctor_id, patient_id): the doctor treats the patient.
    pub treats: Vec<(i32, i32)>,
    pub contacts: Mutex<Vec<(i32, EmergencyContact)>>,
    pub insurances: Mutex<Vec<Insurance>>,
    /// The filter the last list was asked with.
    pub last_filter: Mutex<Option<PatientFilter>>,
}

impl InMemoryPatients {
    /// Patients with these ids (user id = 100 + patient id), and who treats whom.
    pub fn with(patient_ids: &[i32], treats: &[(i32, i32)]) -> Self {
        let patients = patient_ids.iter().map(|&id| patient(id)).collect();
        Self {
            patients: Mutex::new(patients),
            treats: treats.to_vec(),
            ..Self::default()
        }
    }

    /// Adds policy `insurance_id` of patient `patient_id`.
    pub fn with_insurance(self, insurance_id: i32, patient_id: i32) -> Self {
        self.insurances.lock().unwrap().push(Insurance {
            insurance_id,
            patient_id,
            provider_name: "Acme Health".into(),
            policy_number: format!("P-{insurance_id}"),
            group_number: None,
            holder_name: "Holder".into(),
            holder_relationship: super::HolderRelationship::Own,
            valid_from: at().date_naive(),
            valid_to: None,
            is_active: true,
            created_at: at(),
            updated_at: at(),
        });
        self
    }

    /// Patient `patient_id`, as stored now.
    pub fn patient(&self, patient_id: i32) -> Option<Patient> {
        let patients = self.patients.lock().unwrap();
        patients
            .iter()
            .find(|p| p.patient_id == patient_id)
            .cloned()
    }

    /// The stored contacts of patient `patient_id`.
    pub fn contacts_of(&self, patient_id: i32) -> Vec<EmergencyContact> {
        let contacts = self.contacts.lock().unwrap();
        let of = contacts.iter().filter(|(p, _)| *p == patient_id);
        of.map(|(_, c)| c.clone()).collect()
    }

    /// Policy `insurance_id`, as stored now.
    pub fn insurance(&self, insurance_id: i32) -> Option<Insurance> {
        let insurances = self.insurances.lock().unwrap();
        insurances
            .iter()
            .find(|i| i.insurance_id == insurance_id)
            .cloned()
    }

    fn exists(&self, patient_id: i32) -> StoreResult<()> {
        self.patient(patient_id)
            .map(|_| ())
            .ok_or_else(|| StoreError::not_found("patient"))
    }
}

fn patient(patient_id: i32) -> Patient {
    Patient {
        patient_id,
        user_id: 100 + patient_id,
        first_name: "Pat".into(),
        middle_name: None,
        last_name: format!("Number{patient_id}"),
        address: None,
        email: format!("patient{patient_id}@example.org"),
        phone_country_code: None,
        phone_number: None,
        phone_extension: None,
        dob: None,
        primary_doctor_id: None,
        created_at: at(),
        updated_at: at(),
    }
}

#[async_trait]
impl AccessFacts for InMemoryPatients {
    async fn patient_facts(&self, actor: &Actor, patient_id: i32) -> StoreResult<PatientFacts> {
        self.exists(patient_id)?;
        let treated_by_actor = actor
            .doctor_id
            .is_some_and(|d| self.treats.contains(&(d, patient_id)));
        Ok(PatientFacts {
            patient_id,
            treated_by_actor,
        })
    }
}

#[async_trait]
impl PatientRepository for InMemoryPatients {
    async fn list(&self, filter: &PatientFilter, page: PageRequest) -> StoreResult<Page<Patient>> {
        *self.last_filter.lock().unwrap() = Some(filter.clone());
        let items = self.patients.lock().unwrap().clone();
        let total = items.len() as u64;
        Ok(Page::new(items, page, total))
    }

    async fn get(&self, patient_id: i32) -> StoreResult<Patient> {
        self.patient(patient_id)
            .ok_or_else(|| StoreError::not_found("patient"))
    }

    async fn register(&self, _actor: &Actor, new: NewPatientAccount) -> StoreResult<Patient> {
        let mut patients = self.patients.lock().unwrap();
        let patient_id = patients.iter().map(|p| p.patient_id).max().unwrap_or(0) + 1;
        let mut registered = patient(patient_id);
        registered.first_name = new.name.first().to_owned();
        registered.last_name = new.name.last().to_owned();
        registered.email = new.user.email.as_str().to_owned();
        patients.push(registered.clone());
        Ok(registered)
    }

    async fn update(
        &self,
        _actor: &Actor,
        patient_id: i32,
        patch: PatientPatch,
    ) -> StoreResult<Patient> {
        let mut patients = self.patients.lock().unwrap();
        let patient = patients
            .iter_mut()
            .find(|p| p.patient_id == patient_id)
            .ok_or_else(|| StoreError::not_found("patient"))?;
        if let Some(email) = patch.email {
            email.as_str().clone_into(&mut patient.email);
        }
        Ok(patient.clone())
    }
}

#[async_trait]
impl EmergencyContactRepository for InMemoryPatients {
    async fn list(&self, patient_id: i32) -> StoreResult<Vec<EmergencyContact>> {
        Ok(self.contacts_of(patient_id))
    }

    async fn replace(
        &self,
        _actor: &Actor,
        patient_id: i32,
        new: Vec<NewEmergencyContact>,
    ) -> StoreResult<Vec<EmergencyContact>> {
        self.exists(patient_id)?;
        let mut contacts = self.contacts.lock().unwrap();
        contacts.retain(|(p, _)| *p != patient_id);
        for (contact_id, c) in (1..).zip(new) {
            let stored = EmergencyContact {
                contact_id,
                name: c.name,
                relationship: c.relationship,
                phone_country_code: None,
                phone_number: "5550100".into(),
                phone_extension: None,
                priority: c.priority,
            };
            contacts.push((patient_id, stored));
        }
        drop(contacts);
        Ok(self.contacts_of(patient_id))
    }
}

#[async_trait]
impl InsuranceRepository for InMemoryPatients {
    async fn list(&self, patient_id: i32, page: PageRequest) -> StoreResult<Page<Insurance>> {
        let insurances = self.insurances.lock().unwrap();
        let items: Vec<_> = insurances
            .iter()
            .filter(|i| i.patient_id == patient_id)
            .cloned()
            .collect();
        let total = items.len() as u64;
        Ok(Page::new(items, page, total))
    }

    async fn get(&self, insurance_id: i32) -> StoreResult<Insurance> {
        self.insurance(insurance_id)
            .ok_or_else(|| StoreError::not_found("insurance"))
    }

    async fn create(
        &self,
        _actor: &Actor,
        patient_id: i32,
        terms: InsuranceTerms,
        is_active: bool,
    ) -> StoreResult<Insurance> {
        self.exists(patient_id)?;
        let mut insurances = self.insurances.lock().unwrap();
        let insurance_id = insurances.iter().map(|i| i.insurance_id).max().unwrap_or(0) + 1;
        let insurance = Insurance {
            insurance_id,
            patient_id,
            provider_name: terms.provider_name().to_owned(),
            policy_number: terms.policy_number().to_owned(),
            group_number: terms.group_number().map(str::to_owned),
            holder_name: terms.holder_name().to_owned(),
            holder_relationship: terms.holder_relationship(),
            valid_from: terms.valid_from(),
            valid_to: terms.valid_to(),
            is_active,
            created_at: at(),
            updated_at: at(),
        };
        insurances.push(insurance.clone());
        Ok(insurance)
    }

    async fn update(
        &self,
        _actor: &Actor,
        insurance_id: i32,
        patch: InsurancePatch,
    ) -> StoreResult<Insurance> {
        let current = InsuranceRepository::get(self, insurance_id).await?;
        let changed = patch.apply_to(&current)?;
        let mut insurances = self.insurances.lock().unwrap();
        insurances.retain(|i| i.insurance_id != insurance_id);
        insurances.push(changed.clone());
        Ok(changed)
    }
}
