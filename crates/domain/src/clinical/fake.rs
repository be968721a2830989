//! An in-memory [`ClinicalStore`] for the use-case tests: a clinic of appointments, who treats
//! whom, and the records, prescriptions, notifications and audited reads written so far. A
//! transaction works on a copy that replaces the clinic only when committed.

use std::collections::BTreeSet;
use std::sync::Mutex;

use async_trait::async_trait;
use chrono::{TimeZone, Utc};

use super::chart::{ChartLists, LatestVitals};
use super::{
    Addendum, Allergy, AllergyChange, ClinicalStore, ClinicalTx, MedicalRecord, NewAddendum,
    NewAllergy, NewPrescription, NewProblem, Prescription, PrescriptionFilter, Problem,
    ProblemChange, RecordContent, RecordFilter, VisitFacts,
};
use crate::access::{Actor, ClinicalParties, PatientFacts};
use crate::audit::AuditEntryDraft;
use crate::notification::NotificationDraft;
use crate::pagination::{Page, PageRequest};
use crate::scheduling::AppointmentStatus;
use crate::store::{StoreError, StoreResult};

/// One appointment of the fake clinic.
#[derive(Debug, Clone)]
pub(super) struct Appointment {
    pub id: i32,
    pub patient_id: i32,
    pub doctor_id: i32,
    pub status: AppointmentStatus,
}

/// Everything the fake stores.
#[derive(Debug, Clone, Default)]
pub(super) struct Clinic {
    pub patients: BTreeSet<i32>,
    pub appointments: Vec<Appointment>,
    /// (patient, doctor) pairs of the care teams.
    pub care_team: BTreeSet<(i32, i32)>,
    pub records: Vec<MedicalRecord>,
    pub prescriptions: Vec<Prescription>,
    pub allergies: Vec<Allergy>,
    pub problems: Vec<Problem>,
    pub notifications: Vec<NotificationDraft>,
    /// (table, id, user) of every audited write.
    pub writes: Vec<(&'static str, i32, i32)>,
    /// (table, id, user) of every audited read.
    pub reads: Vec<(&'static str, i32, i32)>,
}

impl Clinic {
    fn treats(&self, doctor_id: Option<i32>, patient_id: i32) -> bool {
        doctor_id.is_some_and(|d| {
            self.care_team.contains(&(patient_id, d))
                || self
                    .appointments
                    .iter()
                    .any(|a| a.patient_id == patient_id && a.doctor_id == d)
        })
    }

    fn visit(&self, actor: &Actor, appointment_id: i32) -> StoreResult<VisitFacts> {
        let a = self
            .appointments
            .iter()
            .find(|a| a.id == appointment_id)
            .ok_or_else(|| StoreError::not_found("appointment"))?;
        Ok(VisitFacts {
            appointment_id: a.id,
            parties: ClinicalParties {
                patient_id: a.patient_id,
                doctor_id: a.doctor_id,
            },
            status: a.status,
            treated_by_actor: self.treats(actor.doctor_id, a.patient_id),
            patient_user_id: 1000 + a.patient_id,
            doctor_name: format!("Doctor {}", a.doctor_id),
            starts_label: "Tue, Mar 5, 2030, 10:00 AM UTC".into(),
        })
    }

    fn record(&self, record_id: i32) -> StoreResult<&MedicalRecord> {
        self.records
            .iter()
            .find(|r| r.record_id == record_id)
            .ok_or_else(|| StoreError::not_found("medical_record"))
    }
}

/// When every fake write happens.
fn fake_now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2030, 3, 5, 10, 0, 0).unwrap()
}

/// The fake store.
#[derive(Debug, Default)]
pub(super) struct InMemoryClinicalStore {
    clinic: Mutex<Clinic>,
}

impl InMemoryClinicalStore {
    pub fn new(clinic: Clinic) -> Self {
        Self {
            clinic: Mutex::new(clinic),
        }
    }

    /// What is stored now.
    pub fn clinic(&self) -> Clinic {
        self.clinic.lock().unwrap().clone()
    }

    /// Changes what is stored, e.g. to move a visit on.
    pub fn change(&self, f: impl FnOnce(&mut Clinic)) {
        f(&mut self.clinic.lock().unwrap());
    }
}

fn page_of<T: Clone>(rows: Vec<T>, page: PageRequest) -> Page<T> {
    let total = rows.len() as u64;
    let items = rows
        .into_iter()
        .skip(usize::try_from(page.offset()).unwrap())
        .take(usize::try_from(page.limit()).unwrap())
        .collect();
    Page::new(items, page, total)
}

#[async_trait]
impl ClinicalStore for InMemoryClinicalStore {
    async fn begin(&self) -> StoreResult<Box<dyn ClinicalTx + '_>> {
        Ok(Box::new(FakeTx {
            store: self,
            staged: self.clinic(),
        }))
    }

    async fn patient_facts(&self, actor: &Actor, patient_id: i32) -> StoreResult<PatientFacts> {
        let clinic = self.clinic.lock().unwrap();
        if !clinic.patients.contains(&patient_id) {
            return Err(StoreError::not_found("patient"));
        }
        Ok(PatientFacts {
            patient_id,
            treated_by_actor: clinic.treats(actor.doctor_id, patient_id),
        })
    }

    async fn record_parties(&self, record_id: i32) -> StoreResult<ClinicalParties> {
        let clinic = self.clinic.lock().unwrap();
        let r = clinic.record(record_id)?;
        Ok(ClinicalParties {
            patient_id: r.patient_id,
            doctor_id: r.doctor_id,
        })
    }

    async fn prescription_parties(&self, prescription_id: i32) -> StoreResult<ClinicalParties> {
        let clinic = self.clinic.lock().unwrap();
        let p = clinic
            .prescriptions
            .iter()
            .find(|p| p.prescription_id == prescription_id)
            .ok_or_else(|| StoreError::not_found("prescription"))?;
        Ok(ClinicalParties {
            patient_id: p.patient_id,
            doctor_id: p.doctor_id,
        })
    }

    async fn read_record(&self, actor: &Actor, record_id: i32) -> StoreResult<MedicalRecord> {
        let mut clinic = self.clinic.lock().unwrap();
        let record = clinic.record(record_id)?.clone();
        clinic
            .reads
            .push(("medical_records", record_id, actor.user_id));
        Ok(record)
    }

    async fn list_records(
        &self,
        actor: &Actor,
        filter: RecordFilter,
        page: PageRequest,
    ) -> StoreResult<Page<MedicalRecord>> {
        let mut clinic = self.clinic.lock().unwrap();
        let rows: Vec<_> = clinic
            .records
            .iter()
            .rev()
            .filter(|r| r.patient_id == filter.patient_id)
            .filter(|r| filter.appointment_id.is_none_or(|a| a == r.appointment_id))
            .cloned()
            .collect();
        let page = page_of(rows, page);
        for r in &page.items {
            clinic
                .reads
                .push(("medical_records", r.record_id, actor.user_id));
        }
        Ok(page)
    }

    async fn read_prescription(
        &self,
        actor: &Actor,
        prescription_id: i32,
    ) -> StoreResult<Prescription> {
        let mut clinic = self.clinic.lock().unwrap();
        let p = clinic
            .prescriptions
            .iter()
            .find(|p| p.prescription_id == prescription_id)
            .cloned()
            .ok_or_else(|| StoreError::not_found("prescription"))?;
        clinic
            .reads
            .push(("prescriptions", prescription_id, actor.user_id));
        Ok(p)
    }

    async fn list_prescriptions(
        &self,
        actor: &Actor,
        filter: PrescriptionFilter,
        page: PageRequest,
    ) -> StoreResult<Page<Prescription>> {
        let mut clinic = self.clinic.lock().unwrap();
        let rows: Vec<_> = clinic
            .prescriptions
            .iter()
            .rev()
            .filter(|p| p.patient_id == filter.patient_id)
            .filter(|p| filter.record_id.is_none_or(|r| r == p.record_id))
            .cloned()
            .collect();
        let page = page_of(rows, page);
        for p in &page.items {
            clinic
                .reads
                .push(("prescriptions", p.prescription_id, actor.user_id));
        }
        Ok(page)
    }

    async fn chart_lists(&self, patient_id: i32) -> StoreResult<ChartLists> {
        let clinic = self.clinic.lock().unwrap();
        Ok(ChartLists {
            allergies: clinic
                .allergies
                .iter()
                .filter(|a| a.patient_id == patient_id)
                .cloned()
                .collect(),
            problems: clinic
                .problems
                .iter()
                .filter(|p| p.patient_id == patient_id)
                .cloned()
                .collect(),
            prescriptions: clinic
                .prescriptions
                .iter()
                .rev()
                .filter(|p| p.patient_id == patient_id)
                .cloned()
                .collect(),
            latest_vitals: clinic
                .records
                .iter()
                .rev()
                .filter(|r| r.patient_id == patient_id)
                .find_map(|r| {
                    Some(LatestVitals {
                        record_id: r.record_id,
                        taken_at: r.created_at,
                        vitals: r.vitals.clone()?,
                    })
                }),
        })
    }

    async fn record_reads(&self, reads: Vec<AuditEntryDraft>) -> StoreResult<()> {
        let mut clinic = self.clinic.lock().unwrap();
        for read in reads {
            let table = match read.table_name() {
                "allergies" => "allergies",
                "problems" => "problems",
                "prescriptions" => "prescriptions",
                _ => "medical_records",
            };
            let id = i32::try_from(read.record_id()).unwrap();
            clinic.reads.push((table, id, read.changed_by().unwrap()));
        }
        Ok(())
    }
}

/// A transaction of the fake: a copy of the clinic, written back on commit.
struct FakeTx<'a> {
    store: &'a InMemoryClinicalStore,
    staged: Clinic,
}

#[async_trait]
impl ClinicalTx for FakeTx<'_> {
    async fn lock_visit(&mut self, actor: &Actor, appointment_id: i32) -> StoreResult<VisitFacts> {
        self.staged.visit(actor, appointment_id)
    }

    async fn lock_record(&mut self, actor: &Actor, record_id: i32) -> StoreResult<VisitFacts> {
        let appointment_id = self.staged.record(record_id)?.appointment_id;
        self.staged.visit(actor, appointment_id)
    }

    async fn insert_record(
        &mut self,
        actor: &Actor,
        visit: &VisitFacts,
        content: &RecordContent,
    ) -> StoreResult<MedicalRecord> {
        let record_id = i32::try_from(self.staged.records.len()).unwrap() + 1;
        let at = fake_now();
        let record = MedicalRecord {
            record_id,
            patient_id: visit.parties.patient_id,
            doctor_id: visit.parties.doctor_id,
            appointment_id: visit.appointment_id,
            diagnosis: content.diagnosis.clone(),
            notes: content.notes.clone(),
            test_results: content.test_results.clone(),
            vitals: content.vitals.clone(),
            version: 1,
            addenda: Vec::new(),
            created_at: at,
            updated_at: at,
            patient_name: format!("Patient {}", visit.parties.patient_id),
            doctor_name: visit.doctor_name.clone(),
        };
        self.staged.records.push(record.clone());
        self.staged
            .writes
            .push(("medical_records", record_id, actor.user_id));
        Ok(record)
    }

    async fn current_record(&mut self, record_id: i32) -> StoreResult<MedicalRecord> {
        self.staged.record(record_id).cloned()
    }

    async fn append_addendum(
        &mut self,
        actor: &Actor,
        addendum: &NewAddendum,
    ) -> StoreResult<MedicalRecord> {
        let record = self
            .staged
            .records
            .iter_mut()
            .find(|r| r.record_id == addendum.record_id)
            .ok_or_else(|| StoreError::not_found("medical_record"))?;
        let amendment = &addendum.amendment;
        if let Some(diagnosis) = &amendment.diagnosis {
            record.diagnosis.clone_from(diagnosis);
        }
        if let Some(notes) = &amendment.notes {
            record.notes.clone_from(notes);
        }
        if let Some(results) = &amendment.test_results {
            record.test_results = results.clone();
        }
        record.version = addendum.version;
        record.addenda.push(Addendum {
            addendum_id: addendum.version - 1,
            record_id: addendum.record_id,
            version: addendum.version,
            author_id: actor.user_id,
            author_name: format!("User {}", actor.user_id),
            created_at: fake_now(),
            reason: addendum.reason.clone(),
            note: addendum.note.clone(),
            changes: addendum.changes.clone(),
        });
        let record = record.clone();
        self.staged
            .writes
            .push(("record_addenda", addendum.version - 1, actor.user_id));
        self.staged
            .writes
            .push(("medical_records", addendum.record_id, actor.user_id));
        Ok(record)
    }

    async fn allergies(&mut self, patient_id: i32) -> StoreResult<Vec<Allergy>> {
        Ok(self
            .staged
            .allergies
            .iter()
            .filter(|a| a.patient_id == patient_id)
            .cloned()
            .collect())
    }

    async fn insert_allergy(&mut self, actor: &Actor, new: &NewAllergy) -> StoreResult<Allergy> {
        let allergy = Allergy {
            allergy_id: i32::try_from(self.staged.allergies.len()).unwrap() + 1,
            patient_id: new.patient_id,
            substance: new.substance.clone(),
            reaction: new.reaction.clone(),
            severity: new.severity,
            active: true,
            noted_by: actor.user_id,
            noted_by_name: format!("User {}", actor.user_id),
            noted_at: fake_now(),
        };
        self.staged.allergies.push(allergy.clone());
        self.staged
            .writes
            .push(("allergies", allergy.allergy_id, actor.user_id));
        Ok(allergy)
    }

    async fn lock_allergy(&mut self, allergy_id: i32) -> StoreResult<Allergy> {
        self.staged
            .allergies
            .iter()
            .find(|a| a.allergy_id == allergy_id)
            .cloned()
            .ok_or_else(|| StoreError::not_found("allergy"))
    }

    async fn update_allergy(
        &mut self,
        actor: &Actor,
        allergy_id: i32,
        change: &AllergyChange,
    ) -> StoreResult<Allergy> {
        let allergy = self
            .staged
            .allergies
            .iter_mut()
            .find(|a| a.allergy_id == allergy_id)
            .ok_or_else(|| StoreError::not_found("allergy"))?;
        if let Some(active) = change.active {
            allergy.active = active;
        }
        if let Some(severity) = change.severity {
            allergy.severity = severity;
        }
        if let Some(reaction) = &change.reaction {
            allergy.reaction.clone_from(reaction);
        }
        let allergy = allergy.clone();
        self.staged
            .writes
            .push(("allergies", allergy_id, actor.user_id));
        Ok(allergy)
    }

    async fn insert_problem(&mut self, actor: &Actor, new: &NewProblem) -> StoreResult<Problem> {
        let problem = Problem {
            problem_id: i32::try_from(self.staged.problems.len()).unwrap() + 1,
            patient_id: new.patient_id,
            condition: new.condition.clone(),
            status: new.status,
            onset_date: new.onset_date,
            noted_by: actor.user_id,
            noted_by_name: format!("User {}", actor.user_id),
            noted_at: fake_now(),
        };
        self.staged.problems.push(problem.clone());
        self.staged
            .writes
            .push(("problems", problem.problem_id, actor.user_id));
        Ok(problem)
    }

    async fn lock_problem(&mut self, problem_id: i32) -> StoreResult<Problem> {
        self.staged
            .problems
            .iter()
            .find(|p| p.problem_id == problem_id)
            .cloned()
            .ok_or_else(|| StoreError::not_found("problem"))
    }

    async fn update_problem(
        &mut self,
        actor: &Actor,
        problem_id: i32,
        change: &ProblemChange,
    ) -> StoreResult<Problem> {
        let problem = self
            .staged
            .problems
            .iter_mut()
            .find(|p| p.problem_id == problem_id)
            .ok_or_else(|| StoreError::not_found("problem"))?;
        if let Some(status) = change.status {
            problem.status = status;
        }
        if let Some(onset) = change.onset_date {
            problem.onset_date = onset;
        }
        let problem = problem.clone();
        self.staged
            .writes
            .push(("problems", problem_id, actor.user_id));
        Ok(problem)
    }

    async fn insert_prescription(
        &mut self,
        actor: &Actor,
        new: &NewPrescription,
    ) -> StoreResult<Prescription> {
        let record = self.staged.record(new.record_id)?.clone();
        let prescription_id = i32::try_from(self.staged.prescriptions.len()).unwrap() + 1;
        let m = &new.medication;
        let prescription = Prescription {
            prescription_id,
            record_id: record.record_id,
            patient_id: record.patient_id,
            doctor_id: record.doctor_id,
            medication_name: m.medication_name().to_owned(),
            dose: m.dose().to_owned(),
            route: m.route().to_owned(),
            frequency: m.frequency().to_owned(),
            quantity: m.quantity(),
            refills: m.refills(),
            instructions: m.instructions().map(str::to_owned),
            date_issued: record.created_at,
            pharmacy_details: new.pharmacy_details.clone(),
            doctor_name: record.doctor_name,
            duration_days: new.duration_days,
            ended_at: None,
            allergy_override_reason: new.allergy_override_reason.clone(),
        };
        self.staged.prescriptions.push(prescription.clone());
        self.staged
            .writes
            .push(("prescriptions", prescription_id, actor.user_id));
        Ok(prescription)
    }

    async fn notify(&mut self, notifications: Vec<NotificationDraft>) -> StoreResult<()> {
        self.staged.notifications.extend(notifications);
        Ok(())
    }

    async fn commit(self: Box<Self>) -> StoreResult<()> {
        *self.store.clinic.lock().unwrap() = self.staged;
        Ok(())
    }
}
