//! The rule table. Every endpoint asks [`authorize`] before it touches data.

use crate::access::Actor;
use crate::identity::Role;

/// What the policy needs to know about a patient to decide.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PatientFacts {
    /// `patients.patient_id`.
    pub patient_id: i32,
    /// Whether the acting doctor treats this patient, by [`treats`](crate::access::treats).
    /// Only meaningful when the actor is a doctor.
    pub treated_by_actor: bool,
}

/// What an endpoint wants to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// List, create, edit and deactivate user accounts.
    ManageUsers,
    /// Read one user account (admin, or the user themself).
    ReadUser { user_id: i32 },
    /// Read or write a user's demographics (admin, staff for patients, the user themself).
    ReadDemographics {
        user_id: i32,
        subject_is_patient: bool,
    },
    /// Write a user's demographics.
    EditDemographics {
        user_id: i32,
        subject_is_patient: bool,
    },
    /// Read the audit log.
    ReadAuditLog,
    /// Read the directory: specialties, offices, doctors, code tables.
    ReadDirectory,
    /// Create and edit specialties, offices and doctors.
    ManageDirectory,
    /// Edit a doctor's own profile, offices or working hours (the doctor, or an admin).
    EditDoctor { doctor_id: i32 },
    /// List or search patients (doctors see only those they treat).
    ListPatients,
    /// Search patients by a demographic such as gender: only for those who may read it
    /// (admins, staff and, of themself, the patient). A doctor would learn it from which
    /// patients match.
    SearchPatientsByDemographics,
    /// Register a patient at the front desk.
    RegisterPatient,
    /// Read a patient's registration, contact data, care team, insurances and contacts.
    ReadPatient(PatientFacts),
    /// Edit a patient's registration, contact data and emergency contacts.
    EditPatient(PatientFacts),
    /// Add or remove care-team members and choose the primary doctor.
    ManageCareTeam(PatientFacts),
    /// Create or edit a patient's insurance policies.
    ManageInsurance(PatientFacts),
    /// Read a patient's clinical content: records, test results, prescriptions.
    ReadClinical(PatientFacts),
    /// Write records and prescriptions (the visit's doctor only; checked again per visit).
    WriteClinical(PatientFacts),
    /// Read a patient's bills.
    ReadBilling(PatientFacts),
    /// List bills (each reader within their [`ListScope`](crate::access::ListScope)); doctors
    /// see no bills at all.
    ListBills,
    /// Pay a bill (staff, or the patient for their own bill).
    PayBill(PatientFacts),
    /// Adjust, refund or void bills.
    ManageBilling,
    /// Request a specialist for a patient (a doctor who treats them).
    RequestSpecialist(PatientFacts),
    /// Read a patient's specialist approvals.
    ReadApprovals(PatientFacts),
    /// Read and change the clinic's settings (late-cancellation window, booking limits).
    ManageClinicSettings,
    /// Read the outbox: which messages went (or will go) to whom, and how delivery went.
    ReadOutbox,
    /// Book, read, edit or cancel a series of recurring visits for a patient: staff for
    /// anyone, a doctor for patients they treat (and, by [`may_book`](crate::access::may_book),
    /// only with themself). Patients book single visits; admins do not schedule.
    ManageSeries(PatientFacts),
}

/// The policy's answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// Go ahead.
    Allow,
    /// This role may never do this: 403.
    Forbidden,
    /// This role may, but not to this object: 404, as if it did not exist.
    Hidden,
}

impl Decision {
    pub(crate) fn from_object(allowed: bool) -> Self {
        if allowed { Self::Allow } else { Self::Hidden }
    }

    /// `Ok` to go ahead, else the refusal a use case returns: `entity` names what a hidden
    /// object is reported as (`"patient"`, `"appointment"`).
    ///
    /// # Errors
    /// [`Denied::Forbidden`] or [`Denied::Hidden`].
    pub fn check(self, entity: &'static str) -> Result<(), Denied> {
        match self {
            Self::Allow => Ok(()),
            Self::Forbidden => Err(Denied::Forbidden),
            Self::Hidden => Err(Denied::Hidden { entity }),
        }
    }
}

/// A refusal by the access policy, as every use case's error enum carries it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Denied {
    /// This role may never do this (403).
    #[error("not allowed")]
    Forbidden,
    /// Not this actor's to see: answered as if it did not exist (404).
    #[error("{entity} not found")]
    Hidden {
        /// What the hidden object is reported as.
        entity: &'static str,
    },
}

impl From<Denied> for crate::error::DomainError {
    fn from(denied: Denied) -> Self {
        match denied {
            Denied::Forbidden => Self::Forbidden,
            Denied::Hidden { entity } => Self::NotFound { entity },
        }
    }
}

impl From<Denied> for crate::store::StoreError {
    fn from(denied: Denied) -> Self {
        Self::Domain(denied.into())
    }
}

/// Decides whether `actor` may perform `action`.
#[must_use]
pub fn authorize(actor: &Actor, action: Action) -> Decision {
    use Decision::{Allow, Forbidden};
    use Role::{Admin, Doctor, Patient, Staff};
    let role = actor.role;
    let own_patient = |p: PatientFacts| actor.is_patient(p.patient_id);
    let treats = |p: PatientFacts| role == Doctor && p.treated_by_actor;
    match action {
        Action::ManageUsers
        | Action::ReadAuditLog
        | Action::ManageDirectory
        | Action::ManageClinicSettings => {
            if role == Admin {
                Allow
            } else {
                Forbidden
            }
        }
        Action::ReadUser { user_id } => match role {
            Admin => Allow,
            _ => Decision::from_object(actor.user_id == user_id),
        },
        Action::ReadDemographics {
            user_id,
            subject_is_patient,
        }
        | Action::EditDemographics {
            user_id,
            subject_is_patient,
        } => match role {
            Admin => Allow,
            Staff if subject_is_patient => Allow,
            _ => Decision::from_object(actor.user_id == user_id),
        },
        Action::ReadDirectory => Allow,
        Action::EditDoctor { doctor_id } => match role {
            Admin => Allow,
            Doctor => Decision::from_object(actor.is_doctor(doctor_id)),
            Staff | Patient => Forbidden,
        },
        Action::ListPatients => match role {
            Admin | Staff | Doctor => Allow,
            Patient => Forbidden,
        },
        Action::SearchPatientsByDemographics => match role {
            Admin | Staff | Patient => Allow,
            Doctor => Forbidden,
        },
        Action::RegisterPatient | Action::ManageBilling => match role {
            Admin | Staff => Allow,
            Doctor | Patient => Forbidden,
        },
        Action::ReadPatient(p) | Action::ReadApprovals(p) => match role {
            Admin | Staff => Allow,
            Doctor => Decision::from_object(treats(p)),
            Patient => Decision::from_object(own_patient(p)),
        },
        Action::EditPatient(p) | Action::ManageInsurance(p) => match role {
            Admin | Staff => Allow,
            Patient => Decision::from_object(own_patient(p)),
            Doctor => Forbidden,
        },
        Action::ManageCareTeam(_) => match role {
            Admin | Staff => Allow,
            Doctor | Patient => Forbidden,
        },
        // Clinical content: doctors who treat the patient and the patient themself. Staff and
        // admins never see diagnoses, notes, results or prescriptions.
        Action::ReadClinical(p) => match role {
            Doctor => Decision::from_object(treats(p)),
            Patient => Decision::from_object(own_patient(p)),
            Admin | Staff => Forbidden,
        },
        Action::WriteClinical(p) | Action::RequestSpecialist(p) => match role {
            Doctor => Decision::from_object(treats(p)),
            Admin | Staff | Patient => Forbidden,
        },
        Action::ListBills => match role {
            Admin | Staff | Patient => Allow,
            Doctor => Forbidden,
        },
        Action::ReadBilling(p) | Action::PayBill(p) => match role {
            Admin | Staff => Allow,
            Patient => Decision::from_object(own_patient(p)),
            Doctor => Forbidden,
        },
        Action::ReadOutbox => match role {
            Admin | Staff => Allow,
            Doctor | Patient => Forbidden,
        },
        Action::ManageSeries(p) => match role {
            Staff => Allow,
            Doctor => Decision::from_object(treats(p)),
            Admin | Patient => Forbidden,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn actor(role: Role) -> Actor {
        Actor {
            user_id: 10,
            role,
            doctor_id: (role == Role::Doctor).then_some(5),
            patient_id: (role == Role::Patient).then_some(7),
        }
    }

    const OWN: PatientFacts = PatientFacts {
        patient_id: 7,
        treated_by_actor: true,
    };
    const OTHER: PatientFacts = PatientFacts {
        patient_id: 8,
        treated_by_actor: false,
    };

    #[test]
    fn staff_and_treating_doctors_manage_series_and_patients_and_admins_never() {
        assert_eq!(
            authorize(&actor(Role::Staff), Action::ManageSeries(OTHER)),
            Decision::Allow
        );
        assert_eq!(
            authorize(&actor(Role::Doctor), Action::ManageSeries(OWN)),
            Decision::Allow
        );
        assert_eq!(
            authorize(&actor(Role::Doctor), Action::ManageSeries(OTHER)),
            Decision::Hidden
        );
        for role in [Role::Admin, Role::Patient] {
            assert_eq!(
                authorize(&actor(role), Action::ManageSeries(OWN)),
                Decision::Forbidden,
                "{role:?}"
            );
        }
    }

    #[test]
    fn doctors_may_not_search_patients_by_a_demographic() {
        for role in [Role::Admin, Role::Staff, Role::Patient] {
            assert_eq!(
                authorize(&actor(role), Action::SearchPatientsByDemographics),
                Decision::Allow,
                "{role:?}"
            );
        }
        assert_eq!(
            authorize(&actor(Role::Doctor), Action::SearchPatientsByDemographics),
            Decision::Forbidden
        );
    }

    #[test]
    fn only_admins_manage_users_the_directory_and_read_the_audit_log() {
        for action in [
            Action::ManageUsers,
            Action::ManageDirectory,
            Action::ReadAuditLog,
            Action::ManageClinicSettings,
        ] {
            assert_eq!(authorize(&actor(Role::Admin), action), Decision::Allow);
            for role in [Role::Doctor, Role::Staff, Role::Patient] {
                assert_eq!(
                    authorize(&actor(role), action),
                    Decision::Forbidden,
                    "{role:?}"
                );
            }
        }
    }

    #[test]
    fn a_patient_reaches_their_own_chart_and_nobody_elses() {
        let patient = actor(Role::Patient);
        for make in [
            Action::ReadPatient,
            Action::ReadClinical,
            Action::ReadBilling,
        ] {
            assert_eq!(authorize(&patient, make(OWN)), Decision::Allow);
            assert_eq!(authorize(&patient, make(OTHER)), Decision::Hidden);
        }
        assert_eq!(
            authorize(&patient, Action::ListPatients),
            Decision::Forbidden
        );
    }

    #[test]
    fn a_doctor_reaches_only_the_patients_they_treat() {
        let doctor = actor(Role::Doctor);
        assert_eq!(
            authorize(&doctor, Action::ReadClinical(OWN)),
            Decision::Allow
        );
        assert_eq!(
            authorize(&doctor, Action::ReadClinical(OTHER)),
            Decision::Hidden
        );
        assert_eq!(
            authorize(&doctor, Action::ReadPatient(OTHER)),
            Decision::Hidden
        );
        assert_eq!(
            authorize(&doctor, Action::ManageCareTeam(OWN)),
            Decision::Forbidden
        );
    }

    #[test]
    fn staff_and_admins_never_see_clinical_content() {
        for role in [Role::Staff, Role::Admin] {
            assert_eq!(
                authorize(&actor(role), Action::ReadClinical(OWN)),
                Decision::Forbidden
            );
            assert_eq!(
                authorize(&actor(role), Action::WriteClinical(OWN)),
                Decision::Forbidden
            );
            assert_eq!(
                authorize(&actor(role), Action::ReadPatient(OTHER)),
                Decision::Allow
            );
        }
    }

    #[test]
    fn a_doctor_edits_only_their_own_profile() {
        let doctor = actor(Role::Doctor);
        assert_eq!(
            authorize(&doctor, Action::EditDoctor { doctor_id: 5 }),
            Decision::Allow
        );
        assert_eq!(
            authorize(&doctor, Action::EditDoctor { doctor_id: 6 }),
            Decision::Hidden
        );
        assert_eq!(
            authorize(&actor(Role::Staff), Action::EditDoctor { doctor_id: 5 }),
            Decision::Forbidden
        );
    }

    #[test]
    fn staff_read_patients_demographics_but_not_other_staffs() {
        let staff = actor(Role::Staff);
        let patient_subject = Action::ReadDemographics {
            user_id: 99,
            subject_is_patient: true,
        };
        let staff_subject = Action::ReadDemographics {
            user_id: 99,
            subject_is_patient: false,
        };
        assert_eq!(authorize(&staff, patient_subject), Decision::Allow);
        assert_eq!(authorize(&staff, staff_subject), Decision::Hidden);
        let own = Action::EditDemographics {
            user_id: 10,
            subject_is_patient: false,
        };
        assert_eq!(authorize(&staff, own), Decision::Allow);
    }

    #[test]
    fn patients_pay_only_their_own_bills_and_doctors_not_at_all() {
        assert_eq!(
            authorize(&actor(Role::Patient), Action::PayBill(OWN)),
            Decision::Allow
        );
        assert_eq!(
            authorize(&actor(Role::Patient), Action::PayBill(OTHER)),
            Decision::Hidden
        );
        assert_eq!(
            authorize(&actor(Role::Doctor), Action::PayBill(OWN)),
            Decision::Forbidden
        );
        assert_eq!(
            authorize(&actor(Role::Staff), Action::ManageBilling),
            Decision::Allow
        );
    }

    #[test]
    fn everyone_but_doctors_lists_bills() {
        for role in [Role::Admin, Role::Staff, Role::Patient] {
            assert_eq!(authorize(&actor(role), Action::ListBills), Decision::Allow);
        }
        assert_eq!(
            authorize(&actor(Role::Doctor), Action::ListBills),
            Decision::Forbidden
        );
    }
}
