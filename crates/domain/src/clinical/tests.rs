//! The clinical use cases against the in-memory store: every rule and every error.

use serde_json::json;

use super::fake::{Appointment, Clinic, InMemoryClinicalStore};
use super::*;
use crate::access::{Actor, Denied};
use crate::identity::Role;
use crate::notification::NotificationType;
use crate::pagination::PageRequest;
use crate::scheduling::AppointmentStatus;
use crate::store::StoreError;
use crate::testing::block_on;

const PATIENT: i32 = 7;
const OTHER_PATIENT: i32 = 8;
const DOCTOR: i32 = 5;
const COLLEAGUE: i32 = 6;
const STRANGER: i32 = 9;
const VISIT: i32 = 1;

fn actor(user_id: i32, role: Role, doctor_id: Option<i32>, patient_id: Option<i32>) -> Actor {
    Actor {
        user_id,
        role,
        doctor_id,
        patient_id,
    }
}

fn doctor() -> Actor {
    actor(50, Role::Doctor, Some(DOCTOR), None)
}

/// On the patient's care team, but not the visit's doctor.
fn colleague() -> Actor {
    actor(60, Role::Doctor, Some(COLLEAGUE), None)
}

/// Treats neither patient.
fn stranger() -> Actor {
    actor(90, Role::Doctor, Some(STRANGER), None)
}

fn patient() -> Actor {
    actor(1007, Role::Patient, None, Some(PATIENT))
}

fn other_patient() -> Actor {
    actor(1008, Role::Patient, None, Some(OTHER_PATIENT))
}

fn staff() -> Actor {
    actor(2, Role::Staff, None, None)
}

fn admin() -> Actor {
    actor(3, Role::Admin, None, None)
}

/// The patient's visit with the doctor, in `status`; the colleague is on the care team.
fn clinic(status: AppointmentStatus) -> InMemoryClinicalStore {
    InMemoryClinicalStore::new(Clinic {
        patients: [PATIENT, OTHER_PATIENT].into(),
        appointments: vec![Appointment {
            id: VISIT,
            patient_id: PATIENT,
            doctor_id: DOCTOR,
            status,
        }],
        care_team: [(PATIENT, COLLEAGUE)].into(),
        ..Clinic::default()
    })
}

fn flu() -> WriteRecord {
    WriteRecord {
        appointment_id: VISIT,
        diagnosis: Some("Influenza".into()),
        notes: None,
        test_results: Some(json!([{"name": "Temperature", "value": 38.9, "flag": "high"}])),
        vitals: None,
        prescriptions: Vec::new(),
    }
}

/// A clinic whose checked-in visit has the doctor's record (id 1).
fn recorded() -> InMemoryClinicalStore {
    let store = clinic(AppointmentStatus::CheckedIn);
    block_on(write_record(&doctor(), flu(), &store)).unwrap();
    store
}

fn better() -> AmendRecord {
    AmendRecord {
        record_id: 1,
        diagnosis: None,
        notes: Some(Some("Better".into())),
        test_results: None,
        reason: None,
        note: None,
        reason_required: false,
    }
}

fn ibuprofen() -> IssuePrescription {
    IssuePrescription {
        record_id: 1,
        prescription: PrescriptionInput {
            medication_name: "Ibuprofen".into(),
            dose: "200 mg".into(),
            route: "oral".into(),
            frequency: "twice a day".into(),
            quantity: 20,
            refills: 0,
            instructions: None,
            pharmacy_details: Some(json!({"name": "Corner Pharmacy"})),
            duration_days: None,
            allergy_override_reason: None,
        },
    }
}

fn page() -> PageRequest {
    PageRequest::parse(None, None).unwrap()
}

fn assert_not_found<T: std::fmt::Debug>(result: Result<T, StoreError>, entity: &str) {
    match result {
        Err(StoreError::Domain(crate::DomainError::NotFound { entity: e })) => {
            assert_eq!(e, entity);
        }
        other => panic!("expected {entity} not found, got {other:?}"),
    }
}

// --- writing a record ---

#[test]
fn the_visits_doctor_writes_a_record_of_a_visit_in_progress_and_the_patient_is_told() {
    for status in [AppointmentStatus::CheckedIn, AppointmentStatus::Completed] {
        let store = clinic(status);
        let (record, _) = block_on(write_record(&doctor(), flu(), &store)).unwrap();
        assert_eq!(record.patient_id, PATIENT);
        assert_eq!(record.doctor_id, DOCTOR);
        assert_eq!(record.diagnosis.as_deref(), Some("Influenza"));
        let stored = store.clinic();
        assert_eq!(stored.records.len(), 1);
        assert_eq!(stored.writes, [("medical_records", 1, 50)]);
        let [notice] = stored.notifications.as_slice() else {
            panic!("{:?}", stored.notifications)
        };
        assert_eq!(notice.user_id, 1000 + PATIENT);
        assert_eq!(notice.kind, NotificationType::Record);
        assert_eq!(notice.related_entity_id, 1);
        assert_eq!(
            notice.message,
            "Dr. Doctor 5 wrote a medical record of your visit on Tue, Mar 5, 2030, 10:00 AM UTC."
        );
    }
}

#[test]
fn a_visit_that_has_not_taken_place_gets_no_record() {
    use AppointmentStatus as S;
    for status in [S::Scheduled, S::Confirmed, S::Cancelled, S::NoShow] {
        let store = clinic(status);
        match block_on(write_record(&doctor(), flu(), &store)) {
            Err(WriteRecordError::VisitNotInProgress(e)) => assert_eq!(e.status, status),
            other => panic!("{status}: {other:?}"),
        }
        assert!(store.clinic().records.is_empty());
        assert!(store.clinic().notifications.is_empty());
    }
}

#[test]
fn another_doctor_of_the_care_team_may_not_write_the_record() {
    let store = clinic(AppointmentStatus::CheckedIn);
    let result = block_on(write_record(&colleague(), flu(), &store));
    assert!(matches!(
        result,
        Err(WriteRecordError::Denied(Denied::Forbidden))
    ));
}

#[test]
fn a_doctor_who_does_not_treat_the_patient_is_told_the_appointment_does_not_exist() {
    let store = clinic(AppointmentStatus::CheckedIn);
    let result = block_on(write_record(&stranger(), flu(), &store));
    assert!(matches!(
        result,
        Err(WriteRecordError::Denied(Denied::Hidden {
            entity: "appointment"
        }))
    ));
}

#[test]
fn staff_admins_and_patients_never_write_records() {
    for who in [staff(), admin(), patient()] {
        let store = clinic(AppointmentStatus::CheckedIn);
        let result = block_on(write_record(&who, flu(), &store));
        assert!(
            matches!(result, Err(WriteRecordError::Denied(Denied::Forbidden))),
            "{who:?}: {result:?}"
        );
    }
}

#[test]
fn a_record_of_an_unknown_appointment_is_not_found() {
    let store = clinic(AppointmentStatus::CheckedIn);
    let cmd = WriteRecord {
        appointment_id: 99,
        ..flu()
    };
    match block_on(write_record(&doctor(), cmd, &store)) {
        Err(WriteRecordError::Store(e)) => assert_not_found::<()>(Err(e), "appointment"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn invalid_test_results_are_refused_by_path_and_nothing_is_written() {
    let store = clinic(AppointmentStatus::CheckedIn);
    let cmd = WriteRecord {
        test_results: Some(json!([{"name": "K", "value": 4.1}, {"value": "x", "flag": "purple"}])),
        ..flu()
    };
    match block_on(write_record(&doctor(), cmd, &store)) {
        Err(WriteRecordError::Invalid(errors)) => {
            assert!(errors.has_field("test_results[1].name"), "{errors}");
            assert!(errors.has_field("test_results[1].flag"), "{errors}");
        }
        other => panic!("{other:?}"),
    }
    assert!(store.clinic().records.is_empty());
}

#[test]
fn invalid_fields_are_reported_only_to_the_visits_doctor() {
    let store = clinic(AppointmentStatus::Scheduled);
    let empty = WriteRecord {
        diagnosis: Some("  ".into()),
        test_results: None,
        ..flu()
    };
    let result = block_on(write_record(&colleague(), empty.clone(), &store));
    assert!(matches!(result, Err(WriteRecordError::Denied(_))));
    // Fields are judged before the visit's status.
    let result = block_on(write_record(&doctor(), empty, &store));
    assert!(matches!(result, Err(WriteRecordError::Invalid(_))));
}

// --- amending ---

#[test]
fn the_records_doctor_amends_it_and_the_patient_is_told() {
    let store = recorded();
    let amended = block_on(amend_record(&doctor(), better(), &store)).unwrap();
    assert_eq!(amended.notes.as_deref(), Some("Better"));
    assert_eq!(amended.diagnosis.as_deref(), Some("Influenza"));
    let stored = store.clinic();
    assert_eq!(stored.records[0].notes.as_deref(), Some("Better"));
    assert_eq!(stored.writes.len(), 3);
    assert_eq!(
        stored.notifications[1].message,
        "Dr. Doctor 5 updated the medical record of your visit on Tue, Mar 5, 2030, 10:00 AM UTC."
    );
}

#[test]
fn another_doctor_may_not_amend_the_record() {
    let store = recorded();
    let result = block_on(amend_record(&colleague(), better(), &store));
    assert!(matches!(
        result,
        Err(AmendRecordError::Denied(Denied::Forbidden))
    ));
    let result = block_on(amend_record(&stranger(), better(), &store));
    assert!(matches!(
        result,
        Err(AmendRecordError::Denied(Denied::Hidden {
            entity: "medical_record"
        }))
    ));
    for who in [staff(), admin(), patient()] {
        let result = block_on(amend_record(&who, better(), &store));
        assert!(matches!(
            result,
            Err(AmendRecordError::Denied(Denied::Forbidden))
        ));
    }
    assert_eq!(store.clinic().records[0].notes, None);
}

#[test]
fn an_amendment_that_changes_nothing_or_is_invalid_is_refused() {
    let store = recorded();
    let nothing = AmendRecord {
        notes: None,
        ..better()
    };
    assert!(matches!(
        block_on(amend_record(&doctor(), nothing, &store)),
        Err(AmendRecordError::Invalid(_))
    ));
    let bad = AmendRecord {
        test_results: Some(json!("not a list")),
        ..better()
    };
    assert!(matches!(
        block_on(amend_record(&doctor(), bad, &store)),
        Err(AmendRecordError::Invalid(_))
    ));
}

#[test]
fn amending_an_unknown_record_is_not_found() {
    let store = recorded();
    let cmd = AmendRecord {
        record_id: 99,
        ..better()
    };
    match block_on(amend_record(&doctor(), cmd, &store)) {
        Err(AmendRecordError::Store(e)) => assert_not_found::<()>(Err(e), "medical_record"),
        other => panic!("{other:?}"),
    }
}

// --- prescriptions ---

#[test]
fn the_records_doctor_issues_a_prescription_and_the_patient_is_told_without_the_medication() {
    let store = recorded();
    let issued = block_on(issue_prescription(&doctor(), ibuprofen(), &store)).unwrap();
    assert_eq!(issued.patient_id, PATIENT);
    assert_eq!(issued.medication_name, "Ibuprofen");
    let stored = store.clinic();
    let notice = stored.notifications.last().unwrap();
    assert_eq!(notice.kind, NotificationType::Prescription);
    assert_eq!(notice.related_entity_type, "prescriptions");
    assert_eq!(
        notice.message,
        "Dr. Doctor 5 issued a prescription for you; see your prescriptions."
    );
    assert!(!notice.message.contains("Ibuprofen"));
}

#[test]
fn nobody_prescribes_on_someone_elses_record() {
    let store = recorded();
    let result = block_on(issue_prescription(&colleague(), ibuprofen(), &store));
    assert!(matches!(
        result,
        Err(IssuePrescriptionError::Denied(Denied::Forbidden))
    ));
    let result = block_on(issue_prescription(&stranger(), ibuprofen(), &store));
    assert!(matches!(
        result,
        Err(IssuePrescriptionError::Denied(Denied::Hidden {
            entity: "medical_record"
        }))
    ));
    for who in [staff(), admin(), patient()] {
        let result = block_on(issue_prescription(&who, ibuprofen(), &store));
        assert!(matches!(
            result,
            Err(IssuePrescriptionError::Denied(Denied::Forbidden))
        ));
    }
    assert!(store.clinic().prescriptions.is_empty());
}

#[test]
fn an_invalid_medication_is_refused_field_by_field() {
    let store = recorded();
    let mut cmd = ibuprofen();
    cmd.prescription.quantity = 0;
    cmd.prescription.pharmacy_details = Some(json!({"name": "Corner", "phone": "call me"}));
    match block_on(issue_prescription(&doctor(), cmd, &store)) {
        Err(IssuePrescriptionError::Invalid(errors)) => {
            let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
            assert_eq!(fields, ["quantity", "pharmacy_details.phone"]);
        }
        other => panic!("{other:?}"),
    }
    assert!(store.clinic().prescriptions.is_empty());
}

#[test]
fn a_prescription_on_an_unknown_record_is_not_found() {
    let store = recorded();
    let cmd = IssuePrescription {
        record_id: 99,
        ..ibuprofen()
    };
    match block_on(issue_prescription(&doctor(), cmd, &store)) {
        Err(IssuePrescriptionError::Store(e)) => {
            assert_not_found::<()>(Err(e), "medical_record");
        }
        other => panic!("{other:?}"),
    }
}

// --- reading ---

#[test]
fn a_patient_reads_their_own_record_and_another_patient_is_told_it_does_not_exist() {
    let store = recorded();
    let record = block_on(read_record(&patient(), 1, &store)).unwrap();
    assert_eq!(record.record_id, 1);
    assert!(matches!(
        block_on(read_record(&other_patient(), 1, &store)),
        Err(ReadClinicalError::Denied(Denied::Hidden {
            entity: "medical_record"
        }))
    ));
    assert_eq!(store.clinic().reads, [("medical_records", 1, 1007)]);
}

#[test]
fn a_doctor_who_treats_the_patient_reads_the_record_and_one_who_does_not_is_told_nothing() {
    let store = recorded();
    block_on(read_record(&colleague(), 1, &store)).unwrap();
    assert!(matches!(
        block_on(read_record(&stranger(), 1, &store)),
        Err(ReadClinicalError::Denied(Denied::Hidden { .. }))
    ));
}

#[test]
fn staff_and_admins_never_read_clinical_content() {
    let store = recorded();
    block_on(issue_prescription(&doctor(), ibuprofen(), &store)).unwrap();
    for who in [staff(), admin()] {
        assert!(matches!(
            block_on(read_record(&who, 1, &store)),
            Err(ReadClinicalError::Denied(Denied::Forbidden))
        ));
        // Refused before the lookup: an unknown record is refused the same way.
        assert!(matches!(
            block_on(read_record(&who, 99, &store)),
            Err(ReadClinicalError::Denied(Denied::Forbidden))
        ));
        assert!(matches!(
            block_on(read_prescription(&who, 1, &store)),
            Err(ReadClinicalError::Denied(Denied::Forbidden))
        ));
        for query in [
            ListRecords::default(),
            ListRecords {
                patient_id: Some(PATIENT),
                appointment_id: None,
            },
        ] {
            assert!(matches!(
                block_on(list_records(&who, query, page(), &store)),
                Err(ListClinicalError::Denied(Denied::Forbidden))
            ));
        }
        let query = ListPrescriptions {
            patient_id: None,
            record_id: Some(99),
        };
        assert!(matches!(
            block_on(list_prescriptions(&who, query, page(), &store)),
            Err(ListClinicalError::Denied(Denied::Forbidden))
        ));
    }
    assert!(store.clinic().reads.is_empty());
}

#[test]
fn an_unknown_record_or_prescription_is_not_found() {
    let store = recorded();
    match block_on(read_record(&patient(), 99, &store)) {
        Err(ReadClinicalError::Store(e)) => assert_not_found::<()>(Err(e), "medical_record"),
        other => panic!("{other:?}"),
    }
    match block_on(read_prescription(&patient(), 99, &store)) {
        Err(ReadClinicalError::Store(e)) => assert_not_found::<()>(Err(e), "prescription"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn prescriptions_are_read_like_the_record_they_are_on() {
    let store = recorded();
    block_on(issue_prescription(&doctor(), ibuprofen(), &store)).unwrap();
    block_on(read_prescription(&patient(), 1, &store)).unwrap();
    block_on(read_prescription(&colleague(), 1, &store)).unwrap();
    for who in [other_patient(), stranger()] {
        assert!(matches!(
            block_on(read_prescription(&who, 1, &store)),
            Err(ReadClinicalError::Denied(Denied::Hidden {
                entity: "prescription"
            }))
        ));
    }
    assert_eq!(store.clinic().reads.len(), 2);
}

#[test]
fn a_patient_lists_their_own_records_and_another_patients_are_hidden() {
    let store = recorded();
    let own = block_on(list_records(
        &patient(),
        ListRecords::default(),
        page(),
        &store,
    ))
    .unwrap();
    assert_eq!(own.total, 1);
    let named = ListRecords {
        patient_id: Some(PATIENT),
        appointment_id: Some(VISIT),
    };
    assert_eq!(
        block_on(list_records(&patient(), named, page(), &store))
            .unwrap()
            .total,
        1
    );
    assert!(matches!(
        block_on(list_records(&other_patient(), named, page(), &store)),
        Err(ListClinicalError::Denied(Denied::Hidden {
            entity: "patient"
        }))
    ));
    let theirs = block_on(list_records(
        &other_patient(),
        ListRecords::default(),
        page(),
        &store,
    ))
    .unwrap();
    assert_eq!(theirs.total, 0);
    // The visit filter narrows the caller's own records; it never widens them.
    let of_visit = ListRecords {
        patient_id: None,
        appointment_id: Some(VISIT),
    };
    assert_eq!(
        block_on(list_records(&other_patient(), of_visit, page(), &store))
            .unwrap()
            .total,
        0
    );
}

#[test]
fn a_doctor_lists_the_chart_of_a_patient_they_treat_and_must_name_one() {
    let store = recorded();
    let named = ListRecords {
        patient_id: Some(PATIENT),
        appointment_id: None,
    };
    let chart = block_on(list_records(&colleague(), named, page(), &store)).unwrap();
    assert_eq!(
        chart.total, 1,
        "the whole chart, not only the colleague's rows"
    );
    assert_eq!(store.clinic().reads, [("medical_records", 1, 60)]);
    assert!(matches!(
        block_on(list_records(&stranger(), named, page(), &store)),
        Err(ListClinicalError::Denied(Denied::Hidden {
            entity: "patient"
        }))
    ));
    let unknown = ListRecords {
        patient_id: Some(404),
        appointment_id: None,
    };
    assert!(matches!(
        block_on(list_records(&doctor(), unknown, page(), &store)),
        Err(ListClinicalError::Denied(Denied::Hidden {
            entity: "patient"
        }))
    ));
    assert!(matches!(
        block_on(list_records(
            &doctor(),
            ListRecords::default(),
            page(),
            &store
        )),
        Err(ListClinicalError::PatientRequired)
    ));
}

#[test]
fn an_account_without_its_profile_lists_nothing() {
    let store = recorded();
    let lost = actor(77, Role::Patient, None, None);
    let page = block_on(list_records(&lost, ListRecords::default(), page(), &store)).unwrap();
    assert_eq!(page.total, 0);
}

#[test]
fn the_prescription_list_names_its_patient_by_record_and_hides_other_charts() {
    let store = recorded();
    block_on(issue_prescription(&doctor(), ibuprofen(), &store)).unwrap();
    let of_record = ListPrescriptions {
        patient_id: None,
        record_id: Some(1),
    };
    let listed = block_on(list_prescriptions(&doctor(), of_record, page(), &store)).unwrap();
    assert_eq!(listed.items[0].medication_name, "Ibuprofen");
    let mine = block_on(list_prescriptions(
        &patient(),
        ListPrescriptions::default(),
        page(),
        &store,
    ))
    .unwrap();
    assert_eq!(mine.total, 1);
    // Asked by record, another's record is hidden as a record: the answer a missing one gets.
    for who in [other_patient(), stranger()] {
        assert!(matches!(
            block_on(list_prescriptions(&who, of_record, page(), &store)),
            Err(ListClinicalError::Denied(Denied::Hidden {
                entity: "medical_record"
            }))
        ));
    }
    assert!(matches!(
        block_on(list_prescriptions(
            &doctor(),
            ListPrescriptions::default(),
            page(),
            &store
        )),
        Err(ListClinicalError::PatientRequired)
    ));
    let unknown = ListPrescriptions {
        patient_id: None,
        record_id: Some(99),
    };
    match block_on(list_prescriptions(&doctor(), unknown, page(), &store)) {
        Err(ListClinicalError::Store(e)) => assert_not_found::<()>(Err(e), "medical_record"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_visit_moved_on_before_the_write_is_judged_by_its_status_at_the_write() {
    let store = clinic(AppointmentStatus::CheckedIn);
    store.change(|c| c.appointments[0].status = AppointmentStatus::Cancelled);
    assert!(matches!(
        block_on(write_record(&doctor(), flu(), &store)),
        Err(WriteRecordError::VisitNotInProgress(_))
    ));
}

// --- a record with its prescriptions, all or nothing ---

fn with_prescriptions(prescriptions: Vec<PrescriptionInput>) -> WriteRecord {
    WriteRecord {
        prescriptions,
        ..flu()
    }
}

fn rx(name: &str) -> PrescriptionInput {
    PrescriptionInput {
        medication_name: name.into(),
        ..ibuprofen().prescription
    }
}

fn allergic_to(substance: &str, active: bool) -> Allergy {
    Allergy {
        allergy_id: 1,
        patient_id: PATIENT,
        substance: substance.into(),
        reaction: Some("Hives".into()),
        severity: AllergySeverity::Severe,
        active,
        noted_by: 50,
        noted_by_name: "Greg House".into(),
        noted_at: chrono::DateTime::UNIX_EPOCH,
    }
}

#[test]
fn a_record_and_its_prescriptions_are_written_together_and_each_is_notified() {
    let store = clinic(AppointmentStatus::CheckedIn);
    let cmd = with_prescriptions(vec![rx("Ibuprofen"), rx("Paracetamol")]);
    let (record, issued) = block_on(write_record(&doctor(), cmd, &store)).unwrap();
    assert_eq!(issued.len(), 2);
    assert!(issued.iter().all(|p| p.record_id == record.record_id));
    let stored = store.clinic();
    assert_eq!(stored.prescriptions.len(), 2);
    assert_eq!(stored.notifications.len(), 3);
}

#[test]
fn one_bad_prescription_leaves_no_record_and_every_error_names_its_prescription() {
    let store = clinic(AppointmentStatus::CheckedIn);
    let bad = PrescriptionInput {
        dose: " ".into(),
        quantity: 0,
        ..rx("Ibuprofen")
    };
    let cmd = WriteRecord {
        diagnosis: Some("x".repeat(3000)),
        ..with_prescriptions(vec![rx("Ibuprofen"), bad])
    };
    match block_on(write_record(&doctor(), cmd, &store)) {
        Err(WriteRecordError::Invalid(errors)) => {
            for field in [
                "diagnosis",
                "prescriptions[1].dose",
                "prescriptions[1].quantity",
            ] {
                assert!(errors.has_field(field), "{field}: {errors}");
            }
            assert!(!errors.has_field("prescriptions[0].dose"));
        }
        other => panic!("{other:?}"),
    }
    let stored = store.clinic();
    assert!(stored.records.is_empty() && stored.prescriptions.is_empty());
    assert!(stored.notifications.is_empty());
}

#[test]
fn a_prescription_matching_an_active_allergy_needs_an_override_reason() {
    let store = clinic(AppointmentStatus::CheckedIn);
    store.change(|c| c.allergies.push(allergic_to("Ibuprofen", true)));
    match block_on(write_record(
        &doctor(),
        with_prescriptions(vec![rx("IBUPROFEN")]),
        &store,
    )) {
        Err(WriteRecordError::Invalid(errors)) => {
            assert!(errors.has_field("prescriptions[0].allergy_override_reason"));
            // No clinical text in the error: the substance is not named.
            assert!(!errors.to_string().to_lowercase().contains("ibuprofen"));
        }
        other => panic!("{other:?}"),
    }
    assert!(store.clinic().records.is_empty());
    let overridden = PrescriptionInput {
        allergy_override_reason: Some("Tolerated it last year under watch".into()),
        ..rx("Ibuprofen")
    };
    let (_, issued) = block_on(write_record(
        &doctor(),
        with_prescriptions(vec![overridden]),
        &store,
    ))
    .unwrap();
    assert_eq!(
        issued[0].allergy_override_reason.as_deref(),
        Some("Tolerated it last year under watch")
    );
}

#[test]
fn an_inactive_allergy_does_not_stop_a_prescription() {
    let store = recorded();
    store.change(|c| c.allergies.push(allergic_to("Ibuprofen", false)));
    assert!(block_on(issue_prescription(&doctor(), ibuprofen(), &store)).is_ok());
}

#[test]
fn issuing_on_a_record_checks_allergies_too() {
    let store = recorded();
    store.change(|c| c.allergies.push(allergic_to("ibuprofen", true)));
    match block_on(issue_prescription(&doctor(), ibuprofen(), &store)) {
        Err(IssuePrescriptionError::Invalid(errors)) => {
            assert!(errors.has_field("allergy_override_reason"));
        }
        other => panic!("{other:?}"),
    }
    assert!(store.clinic().prescriptions.is_empty());
}

// --- addenda ---

#[test]
fn each_amendment_appends_the_next_version_with_its_reason_and_changes() {
    let store = recorded();
    let first = AmendRecord {
        reason: Some("Lab result".into()),
        reason_required: true,
        ..better()
    };
    let record = block_on(amend_record(&doctor(), first, &store)).unwrap();
    assert_eq!(record.version, 2);
    let second = AmendRecord {
        diagnosis: Some(Some("COVID-19".into())),
        notes: None,
        reason: Some("PCR".into()),
        note: Some("Told the patient by phone".into()),
        reason_required: true,
        ..better()
    };
    let record = block_on(amend_record(&doctor(), second, &store)).unwrap();
    assert_eq!(record.version, 3);
    let versions: Vec<_> = record.addenda.iter().map(|a| a.version).collect();
    assert_eq!(versions, [2, 3]);
    let change = &record.addenda[1].changes[0];
    assert_eq!(change.field, "diagnosis");
    assert_eq!(change.before, json!("Influenza"));
    assert_eq!(change.after, json!("COVID-19"));
    assert_eq!(record.addenda[0].reason.as_deref(), Some("Lab result"));
    assert!(store.clinic().writes.contains(&("record_addenda", 2, 50)));
}

#[test]
fn an_addendum_without_a_required_reason_is_refused_and_nothing_changes() {
    let store = recorded();
    let cmd = AmendRecord {
        reason_required: true,
        ..better()
    };
    match block_on(amend_record(&doctor(), cmd, &store)) {
        Err(AmendRecordError::Invalid(errors)) => assert!(errors.has_field("reason")),
        other => panic!("{other:?}"),
    }
    assert_eq!(store.clinic().records[0].version, 1);
}

// --- the chart's lists ---

fn penicillin() -> NoteAllergy {
    NoteAllergy {
        patient_id: PATIENT,
        substance: "Penicillin".into(),
        reaction: Some("Anaphylaxis".into()),
        severity: "severe".into(),
    }
}

#[test]
fn any_doctor_who_treats_the_patient_notes_an_allergy_and_others_are_told_nothing() {
    let store = clinic(AppointmentStatus::CheckedIn);
    let allergy = block_on(note_allergy(&colleague(), penicillin(), &store)).unwrap();
    assert!(allergy.active);
    assert_eq!(store.clinic().writes, [("allergies", 1, 60)]);
    assert!(matches!(
        block_on(note_allergy(&stranger(), penicillin(), &store)),
        Err(ChartError::Denied(Denied::Hidden { entity: "patient" }))
    ));
    for who in [patient(), staff(), admin()] {
        assert!(matches!(
            block_on(note_allergy(&who, penicillin(), &store)),
            Err(ChartError::Denied(Denied::Forbidden))
        ));
    }
}

#[test]
fn an_allergy_is_marked_inactive_by_a_treating_doctor() {
    let store = clinic(AppointmentStatus::CheckedIn);
    block_on(note_allergy(&doctor(), penicillin(), &store)).unwrap();
    let off = ChangeAllergy {
        allergy_id: 1,
        active: Some(false),
        severity: None,
        reaction: None,
    };
    assert!(matches!(
        block_on(change_allergy(&stranger(), off.clone(), &store)),
        Err(ChartError::Denied(Denied::Hidden { entity: "allergy" }))
    ));
    let changed = block_on(change_allergy(&doctor(), off, &store)).unwrap();
    assert!(!changed.active);
}

#[test]
fn the_chart_summary_shows_active_medications_only_and_audits_what_it_shows() {
    let store = clinic(AppointmentStatus::CheckedIn);
    block_on(note_allergy(&doctor(), penicillin(), &store)).unwrap();
    let cmd = WriteRecord {
        vitals: Some(json!({"pulse_bpm": 120, "spo2_percent": 97})),
        prescriptions: vec![
            rx("Ibuprofen"),
            PrescriptionInput {
                duration_days: Some(3),
                ..rx("Amoxicillin")
            },
        ],
        ..flu()
    };
    block_on(write_record(&doctor(), cmd, &store)).unwrap();
    let problem = NoteProblem {
        patient_id: PATIENT,
        condition: "Asthma".into(),
        status: None,
        onset_date: None,
    };
    let clock = crate::clock::FixedClock::at(
        chrono::TimeZone::with_ymd_and_hms(&chrono::Utc, 2030, 3, 20, 9, 0, 0).unwrap(),
    );
    block_on(note_problem(&doctor(), problem, &clock, &store)).unwrap();
    let summary = block_on(read_chart_summary(&patient(), PATIENT, &clock, &store)).unwrap();
    let names: Vec<_> = summary
        .active_medications
        .iter()
        .map(|p| p.medication_name.as_str())
        .collect();
    assert_eq!(names, ["Ibuprofen"], "the 3-day course has run out");
    assert_eq!(summary.allergies.len(), 1);
    assert_eq!(summary.problems.len(), 1);
    let vitals = summary.latest_vitals.unwrap();
    assert_eq!(vitals.vitals.readings()[0].flag, Some(ResultFlag::High));
    let reads = store.clinic().reads;
    assert!(reads.contains(&("allergies", 1, 1007)));
    assert!(reads.contains(&("problems", 1, 1007)));
    assert!(reads.contains(&("prescriptions", 1, 1007)));
    assert!(!reads.contains(&("prescriptions", 2, 1007)));
    assert!(reads.contains(&("medical_records", 1, 1007)));
    assert!(matches!(
        block_on(read_chart_summary(
            &other_patient(),
            PATIENT,
            &clock,
            &store
        )),
        Err(ChartError::Denied(Denied::Hidden { entity: "patient" }))
    ));
    assert!(matches!(
        block_on(read_chart_summary(&staff(), PATIENT, &clock, &store)),
        Err(ChartError::Denied(Denied::Forbidden))
    ));
}

#[test]
fn a_problem_is_resolved_by_a_treating_doctor() {
    let store = clinic(AppointmentStatus::CheckedIn);
    let clock = crate::clock::FixedClock::at(
        chrono::TimeZone::with_ymd_and_hms(&chrono::Utc, 2030, 3, 20, 9, 0, 0).unwrap(),
    );
    let problem = NoteProblem {
        patient_id: PATIENT,
        condition: "Asthma".into(),
        status: None,
        onset_date: None,
    };
    block_on(note_problem(&doctor(), problem, &clock, &store)).unwrap();
    let resolve = ChangeProblem {
        problem_id: 1,
        status: Some("resolved".into()),
        onset_date: None,
    };
    let p = block_on(change_problem(&colleague(), resolve, &clock, &store)).unwrap();
    assert_eq!(p.status, ProblemStatus::Resolved);
}
