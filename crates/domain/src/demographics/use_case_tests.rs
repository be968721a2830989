//! Demographics access by role, against the in-memory users.

use chrono::{NaiveDate, TimeZone, Utc};

use super::{
    ReadDemographicsError, ReplaceDemographics, ReplaceDemographicsError, read_demographics,
    replace_demographics,
};
use crate::FixedClock;
use crate::access::{Actor, Denied};
use crate::audit::fake::RecordingReadAudit;
use crate::identity::Role;
use crate::identity::fake::InMemoryUsers;
use crate::store::StoreError;
use crate::testing::block_on;

const ADMIN: i32 = 1;
const STAFF: i32 = 2;
const OTHER_STAFF: i32 = 3;
const PATIENT: i32 = 4;
const DOCTOR: i32 = 5;

fn users() -> InMemoryUsers {
    InMemoryUsers::with(&[
        (ADMIN, Role::Admin),
        (STAFF, Role::Staff),
        (OTHER_STAFF, Role::Staff),
        (PATIENT, Role::Patient),
        (DOCTOR, Role::Doctor),
    ])
}

fn actor(user_id: i32, role: Role) -> Actor {
    Actor {
        user_id,
        role,
        doctor_id: None,
        patient_id: None,
    }
}

fn clock() -> FixedClock {
    FixedClock::at(Utc.with_ymd_and_hms(2030, 3, 5, 12, 0, 0).unwrap())
}

fn born(user_id: i32, dob: NaiveDate) -> ReplaceDemographics {
    ReplaceDemographics {
        user_id,
        race: Some(1),
        ethnicity: None,
        gender: Some(2),
        dob: Some(dob),
    }
}

fn in_1990() -> NaiveDate {
    NaiveDate::from_ymd_opt(1990, 6, 1).unwrap()
}

fn reads(who: &Actor, user_id: i32, users: &InMemoryUsers) -> bool {
    match block_on(read_demographics(
        who,
        user_id,
        users,
        &RecordingReadAudit::default(),
    )) {
        Ok(_) => true,
        Err(ReadDemographicsError::Denied(Denied::Hidden { entity: "user" })) => false,
        Err(e) => panic!("{who:?} reading {user_id}: {e:?}"),
    }
}

fn edits(who: &Actor, user_id: i32, users: &InMemoryUsers) -> bool {
    match block_on(replace_demographics(
        who,
        born(user_id, in_1990()),
        &clock(),
        users,
    )) {
        Ok(stored) => {
            assert_eq!(stored.updated_by, Some(who.user_id));
            true
        }
        Err(ReplaceDemographicsError::Denied(Denied::Hidden { entity: "user" })) => false,
        Err(e) => panic!("{who:?} editing {user_id}: {e:?}"),
    }
}

#[test]
fn admins_read_and_edit_everyones_demographics() {
    let users = users();
    let admin = actor(ADMIN, Role::Admin);
    for user_id in [ADMIN, STAFF, PATIENT, DOCTOR] {
        assert!(reads(&admin, user_id, &users));
        assert!(edits(&admin, user_id, &users));
    }
}

#[test]
fn staff_reach_patients_and_themselves_but_not_other_staff_or_doctors() {
    let users = users();
    let staff = actor(STAFF, Role::Staff);
    for (user_id, allowed) in [
        (PATIENT, true),
        (STAFF, true),
        (OTHER_STAFF, false),
        (DOCTOR, false),
        (ADMIN, false),
    ] {
        assert_eq!(reads(&staff, user_id, &users), allowed, "{user_id}");
        assert_eq!(edits(&staff, user_id, &users), allowed, "{user_id}");
    }
}

#[test]
fn doctors_and_patients_reach_only_their_own_demographics() {
    let users = users();
    for who in [actor(DOCTOR, Role::Doctor), actor(PATIENT, Role::Patient)] {
        for user_id in [ADMIN, STAFF, PATIENT, DOCTOR] {
            let own = user_id == who.user_id;
            assert_eq!(reads(&who, user_id, &users), own);
            assert_eq!(edits(&who, user_id, &users), own);
        }
    }
}

#[test]
fn an_unknown_user_is_hidden_from_staff_and_not_found_for_admins() {
    let users = users();
    assert!(!reads(&actor(STAFF, Role::Staff), 99, &users));
    assert!(matches!(
        block_on(read_demographics(
            &actor(ADMIN, Role::Admin),
            99,
            &users,
            &RecordingReadAudit::default()
        )),
        Err(ReadDemographicsError::Store(StoreError::Domain(
            crate::DomainError::NotFound { entity: "user" }
        )))
    ));
}

#[test]
fn a_date_of_birth_in_the_future_is_refused_by_the_clocks_today() {
    let users = users();
    let tomorrow = NaiveDate::from_ymd_opt(2030, 3, 6).unwrap();
    let result = block_on(replace_demographics(
        &actor(PATIENT, Role::Patient),
        born(PATIENT, tomorrow),
        &clock(),
        &users,
    ));
    match result {
        Err(ReplaceDemographicsError::Invalid(e)) => assert_eq!(e.field, "dob"),
        other => panic!("{other:?}"),
    }
    assert!(users.demographics.lock().unwrap().is_empty());
}

#[test]
fn the_stored_demographics_replace_the_old_ones_whole() {
    let users = users();
    let patient = actor(PATIENT, Role::Patient);
    block_on(replace_demographics(
        &patient,
        born(PATIENT, in_1990()),
        &clock(),
        &users,
    ))
    .unwrap();
    let cleared = ReplaceDemographics {
        race: None,
        gender: None,
        dob: None,
        ..born(PATIENT, in_1990())
    };
    block_on(replace_demographics(&patient, cleared, &clock(), &users)).unwrap();
    let stored = block_on(read_demographics(
        &patient,
        PATIENT,
        &users,
        &RecordingReadAudit::default(),
    ))
    .unwrap();
    assert_eq!((stored.race, stored.gender, stored.dob), (None, None, None));
}

#[test]
fn reading_demographics_is_recorded_and_a_refusal_is_not() {
    let users = users();
    let reads = RecordingReadAudit::default();
    block_on(read_demographics(
        &actor(STAFF, Role::Staff),
        PATIENT,
        &users,
        &reads,
    ))
    .unwrap();
    assert!(
        block_on(read_demographics(
            &actor(DOCTOR, Role::Doctor),
            PATIENT,
            &users,
            &reads
        ))
        .is_err()
    );
    assert_eq!(
        reads.rows(),
        [("demographics".to_owned(), i64::from(PATIENT), Some(STAFF))]
    );
}
