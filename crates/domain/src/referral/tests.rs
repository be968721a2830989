//! The referral use cases against the in-memory store: every rule and every refusal.

use chrono::{DateTime, TimeZone, Utc};

use super::fake::{InMemoryReferralStore, doctor_user, patient_user};
use super::*;
use crate::access::{Actor, Denied};
use crate::audit::fake::RecordingReadAudit;
use crate::clock::{Clock, FixedClock};
use crate::identity::Role;
use crate::notification::NotificationDraft;
use crate::pagination::PageRequest;
use crate::testing::block_on;

const ALICE: i32 = 7;
const BOB: i32 = 8;
const MISSING_PATIENT: i32 = 99;
/// Alice's family doctor, on her care team.
const GP: i32 = 5;
/// A cardiologist, not on Alice's team.
const CARDIOLOGIST: i32 = 6;
/// A doctor who has an appointment with Alice but is not on her team.
const VISITING: i32 = 4;
/// A doctor with no link to Alice.
const STRANGER: i32 = 9;
const UNKNOWN_DOCTOR: i32 = 999;
const PENDING: i32 = 1;

fn earlier() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 5, 1, 9, 0, 0).unwrap()
}

fn clock() -> FixedClock {
    FixedClock::at(Utc.with_ymd_and_hms(2026, 5, 4, 10, 30, 0).unwrap())
}

fn doctor(doctor_id: i32) -> Actor {
    Actor {
        user_id: doctor_user(doctor_id),
        ..Actor::test(Role::Doctor, Some(doctor_id), None)
    }
}

fn patient(patient_id: i32) -> Actor {
    Actor {
        user_id: patient_user(patient_id),
        ..Actor::test(Role::Patient, None, Some(patient_id))
    }
}

fn staff() -> Actor {
    Actor::test(Role::Staff, None, None)
}

fn admin() -> Actor {
    Actor::test(Role::Admin, None, None)
}

/// Alice with her GP on her team and a visiting doctor who saw her once; Bob with nobody.
fn clinic() -> InMemoryReferralStore {
    InMemoryReferralStore::new(&[GP, CARDIOLOGIST, VISITING, STRANGER], &[ALICE, BOB])
        .with_member(ALICE, GP)
        .with_appointment(ALICE, VISITING)
}

/// The clinic with a pending request of the GP for Alice to see the cardiologist.
fn with_pending() -> InMemoryReferralStore {
    clinic().with_request(
        PENDING,
        (ALICE, GP, CARDIOLOGIST),
        ApprovalStatus::Pending,
        earlier(),
    )
}

fn ask(patient_id: i32, specialist_id: i32, reason: &str) -> RequestSpecialist {
    RequestSpecialist {
        patient_id,
        specialist_id,
        reason: reason.into(),
    }
}

fn request(
    actor: &Actor,
    cmd: RequestSpecialist,
    store: &InMemoryReferralStore,
) -> Result<SpecialistApproval, RequestSpecialistError> {
    block_on(request_specialist(actor, cmd, &clock(), store))
}

fn act(
    actor: &Actor,
    action: ApprovalAction,
    note: Option<&str>,
    store: &InMemoryReferralStore,
) -> Result<SpecialistApproval, DecideApprovalError> {
    let cmd = DecideApproval {
        approval_id: PENDING,
        action,
        note: note.map(Into::into),
    };
    block_on(decide_approval(actor, cmd, &clock(), store))
}

fn messages_to(notifications: &[NotificationDraft], user_id: i32) -> Vec<&str> {
    notifications
        .iter()
        .filter(|n| n.user_id == user_id)
        .map(|n| n.message.as_str())
        .collect()
}

#[test]
fn a_care_team_doctor_asks_for_a_specialist_and_the_specialist_is_told() {
    let store = clinic();
    let approval = request(
        &doctor(GP),
        ask(ALICE, CARDIOLOGIST, " Chest pain "),
        &store,
    )
    .unwrap();
    assert_eq!(approval.status, ApprovalStatus::Pending);
    assert_eq!(approval.requesting_doctor_id, GP);
    assert_eq!(approval.reason, "Chest pain");
    assert_eq!(approval.requested_at, clock().now());
    let state = store.state();
    assert_eq!(
        messages_to(&state.notifications, doctor_user(CARDIOLOGIST)),
        ["Dr. Doctor5 asks you to see Patient7; the request awaits your decision."]
    );
    assert_eq!(
        state.notifications[0].related_entity_type,
        "specialist_approvals"
    );
    assert_eq!(
        state.notifications[0].related_entity_id,
        i64::from(approval.approval_id)
    );
}

#[test]
fn a_doctor_who_only_has_an_appointment_with_the_patient_may_not_refer_them() {
    let store = clinic();
    let result = request(&doctor(VISITING), ask(ALICE, CARDIOLOGIST, "why"), &store);
    assert!(matches!(
        result,
        Err(RequestSpecialistError::Denied(Denied::Forbidden))
    ));
    assert!(store.state().approvals.is_empty());
}

#[test]
fn a_doctor_who_does_not_treat_the_patient_is_told_the_patient_does_not_exist() {
    let store = clinic();
    for patient_id in [ALICE, MISSING_PATIENT] {
        let result = request(
            &doctor(STRANGER),
            ask(patient_id, CARDIOLOGIST, "why"),
            &store,
        );
        assert!(
            matches!(
                result,
                Err(RequestSpecialistError::Denied(Denied::Hidden {
                    entity: "patient"
                }))
            ),
            "{result:?}"
        );
    }
}

#[test]
fn staff_admins_patients_and_doctor_accounts_without_a_profile_may_not_refer() {
    let store = clinic();
    let without_profile = Actor::test(Role::Doctor, None, None);
    for actor in [staff(), admin(), patient(ALICE), without_profile] {
        let result = request(&actor, ask(ALICE, CARDIOLOGIST, "why"), &store);
        assert!(
            matches!(
                result,
                Err(RequestSpecialistError::Denied(Denied::Forbidden))
            ),
            "{actor:?}: {result:?}"
        );
    }
}

#[test]
fn an_unknown_specialist_a_referral_to_oneself_and_a_blank_reason_are_all_reported() {
    let store = clinic();
    let fields = |result: Result<SpecialistApproval, RequestSpecialistError>| match result {
        Err(RequestSpecialistError::Invalid(errors)) => {
            errors.iter().map(|e| e.field.clone()).collect::<Vec<_>>()
        }
        other => panic!("expected invalid input, got {other:?}"),
    };
    let gp = doctor(GP);
    assert_eq!(
        fields(request(&gp, ask(ALICE, UNKNOWN_DOCTOR, "why"), &store)),
        ["specialist_id"]
    );
    assert_eq!(
        fields(request(&gp, ask(ALICE, UNKNOWN_DOCTOR, "  "), &store)),
        ["specialist_id", "reason"]
    );
    assert_eq!(
        fields(request(&gp, ask(ALICE, GP, "why"), &store)),
        ["specialist_id"]
    );
    assert_eq!(
        fields(request(&gp, ask(ALICE, CARDIOLOGIST, "\u{0}"), &store)),
        ["reason"]
    );
    assert!(store.state().approvals.is_empty());
}

#[test]
fn a_second_pending_request_for_the_same_specialist_is_refused_but_one_may_follow_a_decision() {
    let store = with_pending();
    let again = request(&doctor(GP), ask(ALICE, CARDIOLOGIST, "again"), &store);
    assert!(matches!(again, Err(RequestSpecialistError::AlreadyPending)));
    assert_eq!(store.state().approvals.len(), 1);

    act(&doctor(CARDIOLOGIST), ApprovalAction::Deny, None, &store).unwrap();
    let next = request(&doctor(GP), ask(ALICE, CARDIOLOGIST, "again"), &store).unwrap();
    assert_eq!(next.status, ApprovalStatus::Pending);
}

#[test]
fn the_specialist_approves_joins_the_care_team_and_the_requester_and_patient_are_told() {
    let store = with_pending();
    let approved = act(
        &doctor(CARDIOLOGIST),
        ApprovalAction::Approve,
        Some(" Seen the ECG. "),
        &store,
    )
    .unwrap();
    assert_eq!(approved.status, ApprovalStatus::Approved);
    assert_eq!(approved.approved_at, Some(clock().now()));
    assert_eq!(approved.decided_at, approved.approved_at);
    assert_eq!(approved.decided_by, Some(doctor_user(CARDIOLOGIST)));
    assert_eq!(approved.decision_note.as_deref(), Some("Seen the ECG."));
    let state = store.state();
    assert_eq!(state.joined, [(ALICE, CARDIOLOGIST)]);
    assert!(state.patients[&ALICE].team.contains(&CARDIOLOGIST));
    assert_eq!(
        messages_to(&state.notifications, doctor_user(GP)),
        ["Your request for Patient7 to see Dr. Doctor6 was approved."]
    );
    assert_eq!(
        messages_to(&state.notifications, patient_user(ALICE)),
        ["Your referral to Dr. Doctor6 was approved; you may book them now."]
    );
}

#[test]
fn approving_a_specialist_already_on_the_team_adds_nobody() {
    let store = with_pending().with_member(ALICE, CARDIOLOGIST);
    act(&admin(), ApprovalAction::Approve, None, &store).unwrap();
    assert!(store.state().joined.is_empty());
}

#[test]
fn an_admin_may_approve_or_deny_in_the_specialists_place() {
    let store = with_pending();
    let denied = act(&admin(), ApprovalAction::Deny, Some("no"), &store).unwrap();
    assert_eq!(denied.status, ApprovalStatus::Denied);
    assert_eq!(denied.decided_by, Some(admin().user_id));
}

#[test]
fn a_denial_sets_no_approval_time_adds_nobody_and_is_told_to_requester_and_patient() {
    let store = with_pending();
    let denied = act(&doctor(CARDIOLOGIST), ApprovalAction::Deny, None, &store).unwrap();
    assert_eq!(denied.status, ApprovalStatus::Denied);
    assert_eq!(denied.approved_at, None);
    assert_eq!(denied.decided_at, Some(clock().now()));
    assert_eq!(denied.decision_note, None);
    let state = store.state();
    assert!(state.joined.is_empty());
    assert_eq!(
        messages_to(&state.notifications, doctor_user(GP)),
        ["Your request for Patient7 to see Dr. Doctor6 was denied."]
    );
    assert_eq!(
        messages_to(&state.notifications, patient_user(ALICE)),
        ["Your referral to Dr. Doctor6 was denied."]
    );
}

#[test]
fn the_requester_withdraws_and_the_specialist_and_patient_are_told() {
    let store = with_pending();
    let withdrawn = act(&doctor(GP), ApprovalAction::Cancel, None, &store).unwrap();
    assert_eq!(withdrawn.status, ApprovalStatus::Cancelled);
    assert_eq!(withdrawn.decided_by, Some(doctor_user(GP)));
    let state = store.state();
    assert!(state.joined.is_empty());
    assert_eq!(
        messages_to(&state.notifications, doctor_user(CARDIOLOGIST)),
        ["Dr. Doctor5 withdrew the request for you to see Patient7."]
    );
    assert_eq!(
        messages_to(&state.notifications, patient_user(ALICE)),
        ["Dr. Doctor5 withdrew your referral to Dr. Doctor6."]
    );
}

#[test]
fn a_decided_request_stays_decided_and_nothing_is_written() {
    for status in [
        ApprovalStatus::Approved,
        ApprovalStatus::Denied,
        ApprovalStatus::Cancelled,
    ] {
        let store = clinic().with_request(PENDING, (ALICE, GP, CARDIOLOGIST), status, earlier());
        for (actor, action) in [
            (doctor(CARDIOLOGIST), ApprovalAction::Approve),
            (doctor(CARDIOLOGIST), ApprovalAction::Deny),
            (doctor(GP), ApprovalAction::Cancel),
        ] {
            let result = act(&actor, action, None, &store);
            assert!(
                matches!(
                    result,
                    Err(DecideApprovalError::AlreadyDecided(AlreadyDecided { from, to }))
                        if from == status && to == action.target()
                ),
                "{status} {action}: {result:?}"
            );
        }
        let state = store.state();
        assert!(state.notifications.is_empty() && state.joined.is_empty());
        assert_eq!(store.approval(PENDING).status, status);
    }
}

#[test]
fn only_the_specialist_or_an_admin_decides_and_others_who_see_the_request_are_refused() {
    let store = with_pending();
    for actor in [doctor(GP), doctor(VISITING), staff(), patient(ALICE)] {
        for action in [ApprovalAction::Approve, ApprovalAction::Deny] {
            let result = act(&actor, action, None, &store);
            assert!(
                matches!(result, Err(DecideApprovalError::Denied(Denied::Forbidden))),
                "{actor:?} {action}: {result:?}"
            );
        }
    }
    assert_eq!(store.approval(PENDING).status, ApprovalStatus::Pending);
}

#[test]
fn only_the_requester_withdraws() {
    let store = with_pending();
    for actor in [doctor(CARDIOLOGIST), admin(), staff(), patient(ALICE)] {
        let result = act(&actor, ApprovalAction::Cancel, None, &store);
        assert!(
            matches!(result, Err(DecideApprovalError::Denied(Denied::Forbidden))),
            "{actor:?}: {result:?}"
        );
    }
}

#[test]
fn those_who_may_not_see_a_request_are_told_it_does_not_exist() {
    let store = with_pending();
    for actor in [doctor(STRANGER), patient(BOB)] {
        for action in ApprovalAction::ALL {
            let result = act(&actor, *action, None, &store);
            assert!(
                matches!(
                    result,
                    Err(DecideApprovalError::Denied(Denied::Hidden {
                        entity: "specialist_approval"
                    }))
                ),
                "{actor:?} {action}: {result:?}"
            );
        }
    }
    let missing = block_on(decide_approval(
        &admin(),
        DecideApproval {
            approval_id: 42,
            action: ApprovalAction::Approve,
            note: None,
        },
        &clock(),
        &store,
    ));
    assert!(matches!(missing, Err(DecideApprovalError::NotFound)));
}

#[test]
fn an_invalid_note_is_refused_once_the_decider_is_known_to_be_entitled() {
    let store = with_pending();
    let long = "x".repeat(super::model::MAX_NOTE_CHARS + 1);
    let result = act(
        &doctor(CARDIOLOGIST),
        ApprovalAction::Approve,
        Some(&long),
        &store,
    );
    assert!(
        matches!(&result, Err(DecideApprovalError::Invalid(e)) if e.field == "note"),
        "{result:?}"
    );
    let result = act(&doctor(GP), ApprovalAction::Approve, Some(&long), &store);
    assert!(matches!(
        result,
        Err(DecideApprovalError::Denied(Denied::Forbidden))
    ));
    assert_eq!(store.approval(PENDING).status, ApprovalStatus::Pending);
}

#[test]
fn the_parties_and_those_who_may_read_the_patient_see_a_request_and_nobody_else() {
    let store = with_pending();
    for actor in [
        doctor(GP),
        doctor(CARDIOLOGIST),
        doctor(VISITING),
        staff(),
        admin(),
        patient(ALICE),
    ] {
        let approval = block_on(get_approval(
            &actor,
            PENDING,
            &store,
            &RecordingReadAudit::default(),
        ))
        .unwrap();
        assert_eq!(approval.approval_id, PENDING, "{actor:?}");
    }
    for actor in [doctor(STRANGER), patient(BOB)] {
        let result = block_on(get_approval(
            &actor,
            PENDING,
            &store,
            &RecordingReadAudit::default(),
        ));
        assert!(
            matches!(
                result,
                Err(ReadApprovalError::Denied(Denied::Hidden {
                    entity: "specialist_approval"
                }))
            ),
            "{actor:?}: {result:?}"
        );
    }
    let missing = block_on(get_approval(
        &admin(),
        42,
        &store,
        &RecordingReadAudit::default(),
    ));
    assert!(matches!(missing, Err(ReadApprovalError::NotFound)));
}

#[test]
fn each_reader_lists_only_what_their_scope_allows() {
    let store = with_pending().with_request(
        2,
        (BOB, STRANGER, CARDIOLOGIST),
        ApprovalStatus::Denied,
        earlier(),
    );
    let total = |actor: Actor, query: ApprovalQuery| {
        block_on(list_approvals(
            &actor,
            query,
            PageRequest::default(),
            &store,
            &RecordingReadAudit::default(),
        ))
        .unwrap()
        .total
    };
    let all = ApprovalQuery::default();
    assert_eq!(total(staff(), all), 2);
    assert_eq!(total(patient(ALICE), all), 1);
    assert_eq!(total(doctor(GP), all), 1);
    assert_eq!(total(doctor(CARDIOLOGIST), all), 2);
    assert_eq!(total(doctor(VISITING), all), 1);
    let pending = ApprovalQuery {
        status: Some(ApprovalStatus::Pending),
        patient_id: None,
    };
    assert_eq!(total(staff(), pending), 1);
    let bobs = ApprovalQuery {
        status: None,
        patient_id: Some(BOB),
    };
    assert_eq!(total(admin(), bobs), 1);
    assert_eq!(
        store.state().last_filter,
        Some(ApprovalFilter {
            status: None,
            patient_id: Some(BOB),
            visible_to_doctor: None
        })
    );
}

#[test]
fn a_patient_naming_another_patient_is_refused_and_an_account_without_its_profile_sees_nothing() {
    let store = with_pending();
    let alices = ApprovalQuery {
        status: None,
        patient_id: Some(ALICE),
    };
    let result = block_on(list_approvals(
        &patient(BOB),
        alices,
        PageRequest::default(),
        &store,
        &RecordingReadAudit::default(),
    ));
    assert!(matches!(
        result,
        Err(ListApprovalsError::Denied(Denied::Hidden {
            entity: "patient"
        }))
    ));
    let lists = store.state().lists;
    let without_profile = Actor::test(Role::Doctor, None, None);
    let page = block_on(list_approvals(
        &without_profile,
        ApprovalQuery::default(),
        PageRequest::default(),
        &store,
        &RecordingReadAudit::default(),
    ))
    .unwrap();
    assert_eq!((page.total, page.items.len()), (0, 0));
    assert_eq!(store.state().lists, lists, "the store was not asked");
}

#[test]
fn every_approval_shown_is_recorded_as_read() {
    let store = with_pending().with_request(
        2,
        (BOB, STRANGER, CARDIOLOGIST),
        ApprovalStatus::Denied,
        earlier(),
    );
    let reads = RecordingReadAudit::default();
    let reader = staff();
    block_on(get_approval(&reader, PENDING, &store, &reads)).unwrap();
    let page = block_on(list_approvals(
        &reader,
        ApprovalQuery::default(),
        PageRequest::default(),
        &store,
        &reads,
    ))
    .unwrap();
    let mut expected = vec![(
        "specialist_approvals".to_owned(),
        i64::from(PENDING),
        Some(reader.user_id),
    )];
    expected.extend(page.items.iter().map(|a| {
        (
            "specialist_approvals".to_owned(),
            i64::from(a.approval_id),
            Some(reader.user_id),
        )
    }));
    assert_eq!(page.items.len(), 2);
    assert_eq!(reads.rows(), expected);
    assert!(block_on(get_approval(&doctor(STRANGER), PENDING, &store, &reads)).is_err());
    assert_eq!(reads.rows().len(), 3, "a refused read records nothing");
}
