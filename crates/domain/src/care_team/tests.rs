//! The care-team use cases against the in-memory store: every rule and every refusal.

use chrono::{TimeZone, Utc};

use super::fake::{InMemoryCareTeamStore, long_ago};
use super::*;
use crate::access::{Actor, Denied};
use crate::audit::fake::RecordingReadAudit;
use crate::clock::{Clock, FixedClock};
use crate::identity::Role;
use crate::pagination::PageRequest;
use crate::testing::block_on;

const ALICE: i32 = 7;
const BOB: i32 = 8;
const MISSING: i32 = 99;
const HOUSE: i32 = 1;
const WILSON: i32 = 2;
const CUDDY: i32 = 3;
const UNKNOWN_DOCTOR: i32 = 999;

fn clock() -> FixedClock {
    FixedClock::at(Utc.with_ymd_and_hms(2026, 5, 4, 10, 30, 0).unwrap())
}

fn staff() -> Actor {
    Actor::test(Role::Staff, None, None)
}

fn admin() -> Actor {
    Actor::test(Role::Admin, None, None)
}

fn doctor(doctor_id: i32) -> Actor {
    Actor::test(Role::Doctor, Some(doctor_id), None)
}

fn patient(patient_id: i32) -> Actor {
    Actor::test(Role::Patient, None, Some(patient_id))
}

/// House, Wilson and Cuddy practise; Alice and Bob are patients with empty teams.
fn clinic() -> InMemoryCareTeamStore {
    InMemoryCareTeamStore::new(&[HOUSE, WILSON, CUDDY], &[ALICE, BOB])
}

fn add(patient_id: i32, doctor_id: i32, primary: bool) -> AddCareTeamMember {
    AddCareTeamMember {
        patient_id,
        doctor_id,
        primary,
    }
}

fn remove(patient_id: i32, doctor_id: i32) -> RemoveCareTeamMember {
    RemoveCareTeamMember {
        patient_id,
        doctor_id,
    }
}

fn primary(patient_id: i32, doctor_id: i32) -> ChangePrimaryDoctor {
    ChangePrimaryDoctor {
        patient_id,
        doctor_id,
    }
}

/// Roles that never manage a care team, even the doctor on it and the patient themself.
fn outsiders() -> [Actor; 3] {
    [doctor(HOUSE), doctor(CUDDY), patient(ALICE)]
}

#[test]
fn staff_add_a_doctor_as_an_ordinary_member_at_the_time_of_the_clock() {
    let store = clinic();
    let entry = block_on(add_member(
        &staff(),
        add(ALICE, HOUSE, false),
        &clock(),
        &store,
    ))
    .unwrap();
    assert_eq!(entry.doctor_id, HOUSE);
    assert!(!entry.is_primary);
    assert_eq!(entry.added_at, clock().now());
    assert_eq!(store.team(ALICE), (vec![(HOUSE, false)], None));
}

#[test]
fn a_doctor_added_as_primary_demotes_the_current_primary_and_is_named_on_the_patient() {
    let store = clinic().with_member(ALICE, HOUSE, true);
    let entry = block_on(add_member(
        &admin(),
        add(ALICE, WILSON, true),
        &clock(),
        &store,
    ))
    .unwrap();
    assert!(entry.is_primary);
    assert_eq!(
        store.team(ALICE),
        (vec![(HOUSE, false), (WILSON, true)], Some(WILSON))
    );
}

#[test]
fn a_doctor_already_on_the_team_is_not_added_twice_and_nothing_is_written() {
    let store = clinic().with_member(ALICE, HOUSE, false);
    for as_primary in [false, true] {
        let result = block_on(add_member(
            &staff(),
            add(ALICE, HOUSE, as_primary),
            &clock(),
            &store,
        ));
        assert!(
            matches!(
                result,
                Err(AddMemberError::AlreadyMember(AlreadyMember {
                    doctor_id: HOUSE
                }))
            ),
            "{result:?}"
        );
    }
    assert!(store.state().writes.is_empty());
}

#[test]
fn only_a_doctor_that_exists_joins_a_team() {
    let store = clinic();
    let result = block_on(add_member(
        &staff(),
        add(ALICE, UNKNOWN_DOCTOR, false),
        &clock(),
        &store,
    ));
    assert!(matches!(
        result,
        Err(AddMemberError::UnknownDoctor {
            doctor_id: UNKNOWN_DOCTOR
        })
    ));
}

#[test]
fn a_doctor_cannot_join_the_team_of_a_patient_that_does_not_exist() {
    let result = block_on(add_member(
        &staff(),
        add(MISSING, HOUSE, false),
        &clock(),
        &clinic(),
    ));
    assert!(matches!(result, Err(AddMemberError::PatientNotFound)));
}

#[test]
fn doctors_and_patients_may_not_add_to_a_care_team() {
    let store = clinic().with_member(ALICE, HOUSE, false);
    for actor in outsiders() {
        let result = block_on(add_member(
            &actor,
            add(ALICE, WILSON, false),
            &clock(),
            &store,
        ));
        assert!(
            matches!(result, Err(AddMemberError::Denied(Denied::Forbidden))),
            "{actor:?}: {result:?}"
        );
    }
    assert!(store.state().writes.is_empty());
}

#[test]
fn removing_a_member_takes_them_off_the_team() {
    let store = clinic()
        .with_member(ALICE, HOUSE, true)
        .with_member(ALICE, WILSON, false);
    block_on(remove_member(
        &staff(),
        remove(ALICE, WILSON),
        &clock(),
        &store,
    ))
    .unwrap();
    assert_eq!(store.team(ALICE), (vec![(HOUSE, true)], Some(HOUSE)));
}

#[test]
fn removing_the_primary_doctor_clears_the_patients_primary_doctor() {
    let store = clinic()
        .with_member(ALICE, HOUSE, true)
        .with_member(ALICE, WILSON, false);
    block_on(remove_member(
        &admin(),
        remove(ALICE, HOUSE),
        &clock(),
        &store,
    ))
    .unwrap();
    assert_eq!(store.team(ALICE), (vec![(WILSON, false)], None));
    assert_eq!(
        store.state().writes,
        [TeamChange::Left(RemovedMember {
            doctor_id: HOUSE,
            was_primary: true
        })]
    );
}

#[test]
fn removing_a_doctor_who_is_not_on_the_team_is_refused() {
    let store = clinic().with_member(ALICE, HOUSE, true);
    for doctor_id in [WILSON, UNKNOWN_DOCTOR] {
        let result = block_on(remove_member(
            &staff(),
            remove(ALICE, doctor_id),
            &clock(),
            &store,
        ));
        assert!(
            matches!(result, Err(RemoveMemberError::NotAMember(NotAMember { doctor_id: d })) if d == doctor_id),
            "{result:?}"
        );
    }
    let result = block_on(remove_member(
        &staff(),
        remove(MISSING, HOUSE),
        &clock(),
        &store,
    ));
    assert!(matches!(result, Err(RemoveMemberError::PatientNotFound)));
}

#[test]
fn doctors_and_patients_may_not_remove_from_a_care_team() {
    let store = clinic().with_member(ALICE, HOUSE, true);
    for actor in outsiders() {
        let result = block_on(remove_member(
            &actor,
            remove(ALICE, HOUSE),
            &clock(),
            &store,
        ));
        assert!(
            matches!(result, Err(RemoveMemberError::Denied(Denied::Forbidden))),
            "{actor:?}: {result:?}"
        );
    }
    assert_eq!(store.team(ALICE), (vec![(HOUSE, true)], Some(HOUSE)));
}

#[test]
fn making_a_member_primary_demotes_the_previous_primary() {
    let store = clinic()
        .with_member(ALICE, HOUSE, true)
        .with_member(ALICE, WILSON, false);
    let entry = block_on(change_primary(
        &staff(),
        primary(ALICE, WILSON),
        &clock(),
        &store,
    ))
    .unwrap();
    assert!(entry.is_primary);
    // A promoted member keeps the time they joined.
    assert_eq!(entry.added_at, long_ago());
    assert_eq!(
        store.team(ALICE),
        (vec![(HOUSE, false), (WILSON, true)], Some(WILSON))
    );
}

#[test]
fn a_doctor_not_on_the_team_made_primary_joins_it() {
    let store = clinic();
    let entry = block_on(change_primary(
        &admin(),
        primary(ALICE, CUDDY),
        &clock(),
        &store,
    ))
    .unwrap();
    assert_eq!(entry.added_at, clock().now());
    assert_eq!(store.team(ALICE), (vec![(CUDDY, true)], Some(CUDDY)));
}

#[test]
fn naming_the_primary_doctor_again_writes_nothing() {
    let store = clinic().with_member(ALICE, HOUSE, true);
    let entry = block_on(change_primary(
        &staff(),
        primary(ALICE, HOUSE),
        &clock(),
        &store,
    ))
    .unwrap();
    assert!(entry.is_primary);
    assert!(store.state().writes.is_empty());
}

#[test]
fn only_a_doctor_that_exists_becomes_primary() {
    let store = clinic();
    let result = block_on(change_primary(
        &staff(),
        primary(ALICE, UNKNOWN_DOCTOR),
        &clock(),
        &store,
    ));
    assert!(matches!(
        result,
        Err(ChangePrimaryError::UnknownDoctor {
            doctor_id: UNKNOWN_DOCTOR
        })
    ));
    let result = block_on(change_primary(
        &staff(),
        primary(MISSING, HOUSE),
        &clock(),
        &store,
    ));
    assert!(matches!(result, Err(ChangePrimaryError::PatientNotFound)));
}

#[test]
fn doctors_and_patients_may_not_choose_the_primary_doctor() {
    let store = clinic().with_member(ALICE, HOUSE, false);
    for actor in outsiders() {
        let result = block_on(change_primary(
            &actor,
            primary(ALICE, HOUSE),
            &clock(),
            &store,
        ));
        assert!(
            matches!(result, Err(ChangePrimaryError::Denied(Denied::Forbidden))),
            "{actor:?}: {result:?}"
        );
    }
    assert!(store.state().writes.is_empty());
}

#[test]
fn a_team_whose_patient_names_another_primary_doctor_is_reported_not_changed() {
    let store = clinic()
        .with_member(ALICE, HOUSE, true)
        .with_recorded_primary(ALICE, Some(WILSON));
    let result = block_on(change_primary(
        &staff(),
        primary(ALICE, CUDDY),
        &clock(),
        &store,
    ));
    assert!(matches!(
        result,
        Err(ChangePrimaryError::Inconsistent(
            InconsistentTeam::PrimaryMismatch { .. }
        ))
    ));
    let result = block_on(add_member(
        &staff(),
        add(ALICE, CUDDY, false),
        &clock(),
        &store,
    ));
    assert!(matches!(result, Err(AddMemberError::Inconsistent(_))));
    let result = block_on(remove_member(
        &staff(),
        remove(ALICE, HOUSE),
        &clock(),
        &store,
    ));
    assert!(matches!(result, Err(RemoveMemberError::Inconsistent(_))));
    assert!(store.state().writes.is_empty());
}

#[test]
fn whoever_may_read_the_patient_reads_the_team_primary_first() {
    let store = clinic()
        .with_member(ALICE, HOUSE, false)
        .with_member(ALICE, WILSON, true)
        .with_appointment(ALICE, CUDDY);
    for actor in [
        staff(),
        admin(),
        doctor(HOUSE),
        doctor(CUDDY),
        patient(ALICE),
    ] {
        let page = block_on(read_team(
            &actor,
            ALICE,
            PageRequest::default(),
            &store,
            &RecordingReadAudit::default(),
        ))
        .unwrap();
        let ids: Vec<_> = page.items.iter().map(|e| e.doctor_id).collect();
        assert_eq!(ids, [WILSON, HOUSE], "{actor:?}");
    }
}

#[test]
fn the_team_is_hidden_from_doctors_who_do_not_treat_the_patient_and_from_other_patients() {
    let store = clinic().with_member(ALICE, HOUSE, true);
    for actor in [doctor(CUDDY), patient(BOB)] {
        let result = block_on(read_team(
            &actor,
            ALICE,
            PageRequest::default(),
            &store,
            &RecordingReadAudit::default(),
        ));
        assert!(
            matches!(
                result,
                Err(ReadCareTeamError::Denied(Denied::Hidden {
                    entity: "patient"
                }))
            ),
            "{actor:?}: {result:?}"
        );
    }
    let result = block_on(read_team(
        &staff(),
        MISSING,
        PageRequest::default(),
        &store,
        &RecordingReadAudit::default(),
    ));
    assert!(matches!(result, Err(ReadCareTeamError::PatientNotFound)));
}

#[test]
fn reading_a_team_is_recorded_once_per_patient_and_a_refusal_is_not() {
    let store = clinic()
        .with_member(ALICE, HOUSE, true)
        .with_member(ALICE, WILSON, false);
    let reads = RecordingReadAudit::default();
    let reader = staff();
    block_on(read_team(
        &reader,
        ALICE,
        PageRequest::default(),
        &store,
        &reads,
    ))
    .unwrap();
    assert!(
        block_on(read_team(
            &doctor(CUDDY),
            ALICE,
            PageRequest::default(),
            &store,
            &reads
        ))
        .is_err()
    );
    assert_eq!(
        reads.rows(),
        [(
            "patient_doctors".to_owned(),
            i64::from(ALICE),
            Some(reader.user_id)
        )]
    );
}
