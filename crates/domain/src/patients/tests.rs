//! Who may read and change patients' registrations, contacts and policies, against the
//! in-memory patients: patient 7 is treated by doctor 5, patient 8 by nobody.

use chrono::NaiveDate;

use super::fake::InMemoryPatients;
use super::*;
use crate::access::{Actor, Denied};
use crate::audit::fake::RecordingReadAudit;
use crate::identity::{NewPatientAccount, NewUser, Role};
use crate::pagination::PageRequest;
use crate::store::StoreError;
use crate::testing::block_on;
use crate::values::{EmailAddress, PersonName, Username};
use crate::{DomainError, demographics::DateOfBirth};

const OWN: i32 = 7;
const OTHER: i32 = 8;
const MISSING: i32 = 99;

fn actor(role: Role) -> Actor {
    Actor {
        user_id: 10,
        role,
        doctor_id: (role == Role::Doctor).then_some(5),
        patient_id: (role == Role::Patient).then_some(OWN),
    }
}

fn store() -> InMemoryPatients {
    InMemoryPatients::with(&[OWN, OTHER], &[(5, OWN)]).with_insurance(1, OWN)
}

fn hidden<T: std::fmt::Debug>(result: Result<T, impl Into<EditPatientError>>, entity: &str) {
    match result.map_err(Into::into) {
        Err(EditPatientError::Denied(Denied::Hidden { entity: e })) => assert_eq!(e, entity),
        other => panic!("expected hidden {entity}, got {other:?}"),
    }
}

fn forbidden<T: std::fmt::Debug>(result: Result<T, impl Into<EditPatientError>>) {
    let result = result.map_err(Into::into);
    assert!(
        matches!(result, Err(EditPatientError::Denied(Denied::Forbidden))),
        "{result:?}"
    );
}

fn not_found<T: std::fmt::Debug>(result: Result<T, impl Into<EditPatientError>>, entity: &str) {
    match result.map_err(Into::into) {
        Err(EditPatientError::Store(StoreError::Domain(DomainError::NotFound { entity: e }))) => {
            assert_eq!(e, entity);
        }
        other => panic!("expected no such {entity}, got {other:?}"),
    }
}

fn invalid<T: std::fmt::Debug>(result: Result<T, EditPatientError>, field: &str) {
    match result {
        Err(EditPatientError::Invalid(errors)) => assert!(errors.has_field(field), "{errors}"),
        other => panic!("expected invalid {field}, got {other:?}"),
    }
}

fn new_patient() -> NewPatientAccount {
    NewPatientAccount {
        user: NewUser {
            username: Username::parse("newpatient").unwrap(),
            email: EmailAddress::parse("new@example.org").unwrap(),
            phone: None,
            role: Role::Patient,
            password_hash: None,
        },
        name: PersonName::parse("Ada", None, "Lovelace").unwrap(),
        address: None,
        dob: DateOfBirth::parse(
            NaiveDate::from_ymd_opt(1990, 5, 1).unwrap(),
            NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
        )
        .unwrap(),
    }
}

fn email_patch() -> PatientPatch {
    PatientPatch {
        email: Some(EmailAddress::parse("changed@example.org").unwrap()),
        ..PatientPatch::default()
    }
}

fn contact(priority: i64) -> EmergencyContactInput<'static> {
    EmergencyContactInput {
        name: "Grace Hopper",
        relationship: "aunt",
        phone_country_code: None,
        phone_number: "5550100",
        phone_extension: None,
        priority,
    }
}

fn policy(patient_id: i32) -> AddInsurance<'static> {
    AddInsurance {
        patient_id,
        terms: InsuranceInput {
            provider_name: "Acme Health",
            policy_number: "NEW-1",
            group_number: None,
            holder_name: "Pat Number7",
            holder_relationship: "self",
            valid_from: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
            valid_to: None,
        },
        is_active: true,
    }
}

fn deactivation() -> InsurancePatchInput<'static> {
    InsurancePatchInput {
        is_active: Some(false),
        ..InsurancePatchInput::default()
    }
}

// The patient list.

#[test]
fn admins_and_staff_list_every_patient_and_doctors_only_those_they_treat() {
    for (role, scope) in [
        (Role::Admin, PatientScope::All),
        (Role::Staff, PatientScope::All),
        (Role::Doctor, PatientScope::TreatedBy(5)),
    ] {
        let store = store();
        let search = SearchPatients::default();
        block_on(list_patients(
            &actor(role),
            search,
            PageRequest::default(),
            &store,
            &RecordingReadAudit::default(),
        ))
        .unwrap();
        let filter = store.last_filter.lock().unwrap().clone().unwrap();
        assert_eq!(filter.scope, scope, "{role:?}");
    }
}

#[test]
fn the_search_text_reaches_the_store_read_as_what_was_typed() {
    use crate::patients::PatientSearchTerm;
    for (typed, term) in [
        (
            "(312) 555-0142",
            PatientSearchTerm::Phone("3125550142".into()),
        ),
        ("Jhon Smth", PatientSearchTerm::Name("jhon smth".into())),
        ("ada@x.org", PatientSearchTerm::Email("ada@x.org".into())),
    ] {
        let store = store();
        let search = SearchPatients {
            q: Some(typed.into()),
            ..SearchPatients::default()
        };
        block_on(list_patients(
            &actor(Role::Staff),
            search,
            PageRequest::default(),
            &store,
            &RecordingReadAudit::default(),
        ))
        .unwrap();
        let filter = store.last_filter.lock().unwrap().clone().unwrap();
        assert_eq!(filter.term, Some(term), "{typed}");
    }
}

#[test]
fn patients_may_not_list_patients() {
    let store = store();
    let search = SearchPatients::default();
    let who = actor(Role::Patient);
    forbidden(block_on(list_patients(
        &who,
        search,
        PageRequest::default(),
        &store,
        &RecordingReadAudit::default(),
    )));
    assert!(store.last_filter.lock().unwrap().is_none());
}

// Registration.

#[test]
fn admins_and_staff_register_patients() {
    for role in [Role::Admin, Role::Staff] {
        let store = store();
        let patient = block_on(register_patient(&actor(role), new_patient(), &store)).unwrap();
        assert_eq!(patient.last_name, "Lovelace");
        assert!(store.patient(patient.patient_id).is_some());
    }
}

#[test]
fn doctors_and_patients_may_not_register_patients() {
    for role in [Role::Doctor, Role::Patient] {
        let store = store();
        forbidden(block_on(register_patient(
            &actor(role),
            new_patient(),
            &store,
        )));
        assert_eq!(store.patients.lock().unwrap().len(), 2, "{role:?}");
    }
}

// Reading a profile.

#[test]
fn admins_staff_the_treating_doctor_and_the_patient_themself_read_a_profile() {
    let store = store();
    for role in [Role::Admin, Role::Staff, Role::Doctor, Role::Patient] {
        let patient = block_on(read_patient(
            &actor(role),
            OWN,
            &store,
            &store,
            &RecordingReadAudit::default(),
        ))
        .unwrap();
        assert_eq!(patient.patient_id, OWN, "{role:?}");
    }
}

#[test]
fn a_patient_reading_another_patient_is_told_there_is_no_such_patient() {
    let store = store();
    hidden(
        block_on(read_patient(
            &actor(Role::Patient),
            OTHER,
            &store,
            &store,
            &RecordingReadAudit::default(),
        )),
        "patient",
    );
}

#[test]
fn a_doctor_reads_only_the_patients_they_treat() {
    let store = store();
    hidden(
        block_on(read_patient(
            &actor(Role::Doctor),
            OTHER,
            &store,
            &store,
            &RecordingReadAudit::default(),
        )),
        "patient",
    );
}

#[test]
fn reading_an_unknown_patient_is_not_found() {
    let store = store();
    not_found(
        block_on(read_patient(
            &actor(Role::Staff),
            MISSING,
            &store,
            &store,
            &RecordingReadAudit::default(),
        )),
        "patient",
    );
}

// Changing a profile.

#[test]
fn admins_staff_and_the_patient_themself_change_a_profile() {
    for role in [Role::Admin, Role::Staff, Role::Patient] {
        let store = store();
        let patient = block_on(update_patient(
            &actor(role),
            OWN,
            email_patch(),
            &store,
            &store,
        ))
        .unwrap();
        assert_eq!(patient.email, "changed@example.org", "{role:?}");
    }
}

#[test]
fn doctors_may_not_change_a_registration_even_of_a_patient_they_treat() {
    let store = store();
    forbidden(block_on(update_patient(
        &actor(Role::Doctor),
        OWN,
        email_patch(),
        &store,
        &store,
    )));
    assert_eq!(store.patient(OWN).unwrap().email, "patient7@example.org");
}

#[test]
fn a_patient_changing_another_patient_is_told_there_is_no_such_patient() {
    let store = store();
    let who = actor(Role::Patient);
    hidden(
        block_on(update_patient(&who, OTHER, email_patch(), &store, &store)),
        "patient",
    );
    assert_eq!(store.patient(OTHER).unwrap().email, "patient8@example.org");
}

// Emergency contacts.

#[test]
fn whoever_reads_the_profile_reads_the_emergency_contacts() {
    let store = store();
    for role in [Role::Admin, Role::Staff, Role::Doctor, Role::Patient] {
        block_on(read_emergency_contacts(
            &actor(role),
            OWN,
            &store,
            &store,
            &RecordingReadAudit::default(),
        ))
        .unwrap();
    }
    let doctor = actor(Role::Doctor);
    hidden(
        block_on(read_emergency_contacts(
            &doctor,
            OTHER,
            &store,
            &store,
            &RecordingReadAudit::default(),
        )),
        "patient",
    );
    let patient = actor(Role::Patient);
    hidden(
        block_on(read_emergency_contacts(
            &patient,
            OTHER,
            &store,
            &store,
            &RecordingReadAudit::default(),
        )),
        "patient",
    );
}

#[test]
fn the_patient_themself_replaces_their_emergency_contacts() {
    let store = store();
    let inputs = [contact(1), contact(2)];
    let who = actor(Role::Patient);
    let stored = block_on(replace_emergency_contacts(
        &who, OWN, &inputs, &store, &store,
    ))
    .unwrap();
    assert_eq!(stored.len(), 2);
    assert_eq!(store.contacts_of(OWN).len(), 2);
}

#[test]
fn doctors_may_not_replace_emergency_contacts() {
    let store = store();
    let who = actor(Role::Doctor);
    forbidden(block_on(replace_emergency_contacts(
        &who,
        OWN,
        &[contact(1)],
        &store,
        &store,
    )));
    assert!(store.contacts_of(OWN).is_empty());
}

#[test]
fn a_patient_replacing_another_patients_contacts_is_told_there_is_no_such_patient() {
    let store = store();
    let who = actor(Role::Patient);
    let result = block_on(replace_emergency_contacts(
        &who,
        OTHER,
        &[contact(1)],
        &store,
        &store,
    ));
    hidden(result, "patient");
    assert!(store.contacts_of(OTHER).is_empty());
}

#[test]
fn a_priority_used_twice_is_invalid_once_the_actor_may_edit() {
    let store = store();
    let inputs = [contact(1), contact(1)];
    let result = block_on(replace_emergency_contacts(
        &actor(Role::Staff),
        OWN,
        &inputs,
        &store,
        &store,
    ));
    assert!(
        matches!(result, Err(EditPatientError::Invalid(_))),
        "{result:?}"
    );
    // A refused actor is refused, whatever the body.
    let who = actor(Role::Doctor);
    forbidden(block_on(replace_emergency_contacts(
        &who, OWN, &inputs, &store, &store,
    )));
}

// Insurance policies.

#[test]
fn whoever_reads_the_profile_reads_the_policies() {
    let store = store();
    for role in [Role::Admin, Role::Staff, Role::Doctor, Role::Patient] {
        let who = actor(role);
        let page = block_on(list_insurances(
            &who,
            OWN,
            PageRequest::default(),
            &store,
            &store,
            &RecordingReadAudit::default(),
        ));
        assert_eq!(page.unwrap().items.len(), 1, "{role:?}");
        let one = block_on(read_insurance(
            &who,
            1,
            &store,
            &store,
            &RecordingReadAudit::default(),
        ))
        .unwrap();
        assert_eq!(one.insurance_id, 1);
    }
}

#[test]
fn a_policy_of_a_patient_not_the_actors_is_reported_as_no_such_policy() {
    let store = InMemoryPatients::with(&[OWN, OTHER], &[(5, OWN)]).with_insurance(2, OTHER);
    for role in [Role::Doctor, Role::Patient] {
        hidden(
            block_on(read_insurance(
                &actor(role),
                2,
                &store,
                &store,
                &RecordingReadAudit::default(),
            )),
            "insurance",
        );
        let result = block_on(update_insurance(
            &actor(role),
            2,
            deactivation(),
            &store,
            &store,
        ));
        match role {
            Role::Doctor => forbidden(result),
            _ => hidden(result, "insurance"),
        }
    }
    assert!(store.insurance(2).unwrap().is_active);
    let who = actor(Role::Patient);
    let page = block_on(list_insurances(
        &who,
        OTHER,
        PageRequest::default(),
        &store,
        &store,
        &RecordingReadAudit::default(),
    ));
    hidden(page, "patient");
}

#[test]
fn reading_an_unknown_policy_is_not_found() {
    let store = store();
    not_found(
        block_on(read_insurance(
            &actor(Role::Staff),
            MISSING,
            &store,
            &store,
            &RecordingReadAudit::default(),
        )),
        "insurance",
    );
}

#[test]
fn admins_staff_and_the_patient_themself_add_and_deactivate_policies() {
    for role in [Role::Admin, Role::Staff, Role::Patient] {
        let store = store();
        let who = actor(role);
        let added = block_on(add_insurance(&who, policy(OWN), &store, &store)).unwrap();
        assert_eq!(added.policy_number, "NEW-1");
        let changed = block_on(update_insurance(&who, 1, deactivation(), &store, &store));
        assert!(!changed.unwrap().is_active, "{role:?}");
    }
}

#[test]
fn doctors_may_not_add_policies() {
    let store = store();
    forbidden(block_on(add_insurance(
        &actor(Role::Doctor),
        policy(OWN),
        &store,
        &store,
    )));
    assert!(store.insurance(2).is_none());
}

#[test]
fn a_patient_adding_a_policy_for_another_patient_is_told_there_is_no_such_patient() {
    let store = store();
    hidden(
        block_on(add_insurance(
            &actor(Role::Patient),
            policy(OTHER),
            &store,
            &store,
        )),
        "patient",
    );
}

#[test]
fn invalid_policy_terms_are_reported_by_field() {
    let store = store();
    let mut cmd = policy(OWN);
    cmd.terms.holder_relationship = "neighbour";
    invalid(
        block_on(add_insurance(&actor(Role::Staff), cmd, &store, &store)),
        "holder_relationship",
    );
    let ends_early = InsurancePatchInput {
        valid_to: Some(Some(NaiveDate::from_ymd_opt(2020, 1, 1).unwrap())),
        ..InsurancePatchInput::default()
    };
    let result = block_on(update_insurance(
        &actor(Role::Staff),
        1,
        ends_early,
        &store,
        &store,
    ));
    assert!(
        matches!(
            result,
            Err(EditPatientError::Store(StoreError::Domain(
                DomainError::Validation(_)
            )))
        ),
        "{result:?}"
    );
}

// Reads are audited.

fn row(table: &str, id: i64) -> (String, i64, Option<i32>) {
    (table.to_owned(), id, Some(10))
}

#[test]
fn every_read_of_a_patient_is_recorded_before_it_is_shown() {
    let store = store();
    let reads = RecordingReadAudit::default();
    let who = actor(Role::Staff);
    block_on(read_patient(&who, OWN, &store, &store, &reads)).unwrap();
    block_on(read_emergency_contacts(&who, OWN, &store, &store, &reads)).unwrap();
    block_on(read_insurance(&who, 1, &store, &store, &reads)).unwrap();
    let page = PageRequest::default();
    block_on(list_insurances(&who, OWN, page, &store, &store, &reads)).unwrap();
    assert_eq!(
        reads.rows(),
        [
            row("patients", OWN.into()),
            row("patient_emergency_contacts", OWN.into()),
            row("insurances", 1),
            row("insurances", 1),
        ]
    );
}

#[test]
fn a_list_of_patients_records_one_read_per_patient_shown() {
    let store = store();
    let reads = RecordingReadAudit::default();
    let search = SearchPatients::default();
    let page = block_on(list_patients(
        &actor(Role::Admin),
        search,
        PageRequest::default(),
        &store,
        &reads,
    ))
    .unwrap();
    let shown: Vec<_> = page
        .items
        .iter()
        .map(|p| row("patients", p.patient_id.into()))
        .collect();
    assert!(!shown.is_empty());
    assert_eq!(reads.rows(), shown);
}

#[test]
fn a_refused_read_records_nothing_and_an_unrecorded_read_shows_nothing() {
    let store = store();
    let reads = RecordingReadAudit::default();
    let doctor = actor(Role::Doctor);
    assert!(block_on(read_patient(&doctor, OTHER, &store, &store, &reads)).is_err());
    assert!(block_on(read_insurance(&doctor, MISSING, &store, &store, &reads)).is_err());
    assert!(reads.rows().is_empty());
    let down = RecordingReadAudit::unavailable();
    let result = block_on(read_patient(
        &actor(Role::Staff),
        OWN,
        &store,
        &store,
        &down,
    ));
    assert!(matches!(
        result,
        Err(ReadPatientError::Store(StoreError::Unavailable))
    ));
}
