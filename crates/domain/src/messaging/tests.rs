//! The still-due rule, the backoff, and the worker against an in-memory outbox and sender.

use chrono::{DateTime, Duration, TimeZone, Utc};

use super::fake::{InMemoryOutbox, RecordingSender};
use super::*;
use crate::clock::FixedClock;
use crate::scheduling::{Appointment, AppointmentStatus};
use crate::settings::ReminderOffsets;
use crate::testing::block_on;
use crate::values::OfficeZone;

const VISIT: i32 = 3;
const PATIENT_USER: i32 = 70;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2030, 1, 7, 8, 0, 0).unwrap()
}

/// The visit starts two days after `now`, at 10:00.
fn start() -> DateTime<Utc> {
    now() + Duration::days(2) + Duration::hours(2)
}

fn appointment(starts_at: DateTime<Utc>) -> Appointment {
    Appointment {
        series_id: None,
        appointment_id: VISIT,
        patient_id: 7,
        doctor_id: 5,
        office_id: 1,
        starts_at,
        duration_minutes: 30,
        ends_at: starts_at + Duration::minutes(30),
        reason: Some("a private reason".into()),
        status: AppointmentStatus::Scheduled,
        is_overbooked: false,
        overbook_reason: None,
        cancellation_reason: None,
        outside_availability_reason: None,
        created_by: None,
        created_at: now(),
        updated_at: now(),
        patient_name: "Alice Smith".into(),
        doctor_name: "Gregory House".into(),
        office_name: "Main Street".into(),
        office_time_zone: "UTC".into(),
    }
}

fn booked(at: DateTime<Utc>, zone: &str) -> Vec<OutboxDraft> {
    on_booked(
        VisitMessages {
            appointment: &appointment(at),
            patient_user_id: PATIENT_USER,
            zone: OfficeZone::of_office(zone),
            now: now(),
        },
        ReminderOffsets::default(),
    )
}

fn visit(status: AppointmentStatus, starts_at: DateTime<Utc>) -> Option<VisitNow> {
    Some(VisitNow { status, starts_at })
}

mod the_still_due_rule {
    use super::*;
    use AppointmentStatus::{Cancelled, CheckedIn, Confirmed, Scheduled};
    use MessageKind::{Booked, Reminder};

    #[test]
    fn a_reminder_for_a_visit_still_at_its_time_and_ahead_is_due() {
        let due = start() - Duration::hours(2);
        assert_eq!(
            still_due(Reminder, start(), visit(Scheduled, start()), due),
            Ok(())
        );
        assert_eq!(
            still_due(Reminder, start(), visit(Confirmed, start()), due),
            Ok(())
        );
    }

    #[test]
    fn no_reminder_for_a_cancelled_or_ended_visit() {
        for status in [
            Cancelled,
            CheckedIn,
            AppointmentStatus::Completed,
            AppointmentStatus::NoShow,
        ] {
            assert_eq!(
                still_due(Reminder, start(), visit(status, start()), now()),
                Err(NoLongerDue::VisitNotActive),
                "{status:?}"
            );
        }
        assert_eq!(
            still_due(Reminder, start(), None, now()),
            Err(NoLongerDue::VisitGone)
        );
    }

    #[test]
    fn no_reminder_for_a_visit_moved_since_it_was_planned() {
        let moved = start() + Duration::hours(1);
        assert_eq!(
            still_due(Reminder, start(), visit(Scheduled, moved), now()),
            Err(NoLongerDue::VisitMoved)
        );
        assert_eq!(
            still_due(Booked, start(), visit(Scheduled, moved), now()),
            Err(NoLongerDue::VisitMoved),
            "the move's own notice tells the new time"
        );
    }

    #[test]
    fn no_reminder_once_the_visit_has_started() {
        assert_eq!(
            still_due(Reminder, start(), visit(Scheduled, start()), start()),
            Err(NoLongerDue::VisitStarted)
        );
    }

    #[test]
    fn a_cancellation_notice_goes_out_while_the_visit_stays_cancelled() {
        let late = start() + Duration::hours(1);
        assert_eq!(
            still_due(
                MessageKind::Cancelled,
                start(),
                visit(Cancelled, start()),
                late
            ),
            Ok(())
        );
        assert_eq!(
            still_due(
                MessageKind::Cancelled,
                start(),
                visit(Scheduled, start()),
                now()
            ),
            Err(NoLongerDue::VisitNotActive)
        );
    }
}

mod planning {
    use super::*;

    #[test]
    fn times_are_written_in_the_offices_zone_and_the_reason_never() {
        let drafts = booked(start(), "Europe/Berlin");
        assert!(drafts[0].subject.contains("11:00"), "{}", drafts[0].subject);
        assert!(drafts.iter().all(|d| !d.body.contains("private")));
        assert!(drafts[0].body.starts_with("Hello Alice Smith,"));
    }

    #[test]
    fn the_dedupe_key_tells_apart_kinds_offsets_and_planned_starts() {
        let first = booked(start(), "UTC");
        let again = booked(start(), "UTC");
        let keys: Vec<_> = first.iter().map(OutboxDraft::dedupe_key).collect();
        assert_eq!(
            keys,
            again
                .iter()
                .map(OutboxDraft::dedupe_key)
                .collect::<Vec<_>>()
        );
        let unique: std::collections::HashSet<_> = keys.iter().collect();
        assert_eq!(unique.len(), 3);
        let moved = booked(start() + Duration::hours(1), "UTC");
        assert!(moved.iter().all(|d| !keys.contains(&d.dedupe_key())));
    }

    #[test]
    fn no_reminder_is_planned_for_a_moment_already_past() {
        let soon = now() + Duration::minutes(90);
        let kinds: Vec<_> = booked(soon, "UTC").iter().map(|d| d.kind).collect();
        assert_eq!(kinds, [MessageKind::Booked]);
    }
}

mod the_worker {
    use super::*;

    fn outbox_with_booking() -> InMemoryOutbox {
        let outbox = InMemoryOutbox::default();
        outbox.enqueue(&booked(start(), "UTC"));
        outbox.visits.lock().unwrap().insert(
            VISIT,
            VisitNow {
                status: AppointmentStatus::Scheduled,
                starts_at: start(),
            },
        );
        outbox
            .addresses
            .lock()
            .unwrap()
            .insert(PATIENT_USER, "alice@clinic.test".into());
        outbox
    }

    fn run(
        outbox: &InMemoryOutbox,
        email: Option<&RecordingSender>,
        at: DateTime<Utc>,
    ) -> DeliveryReport {
        let delivery = Delivery {
            store: outbox,
            email: email.map(|s| s as &dyn MessageSender),
            sms: None,
            attachments: &NoAttachments,
            retry: RetryPolicy::DEFAULT,
            lease: Delivery::DEFAULT_LEASE,
            batch: 2,
        };
        block_on(deliver_due(&delivery, &FixedClock::at(at))).unwrap()
    }

    fn statuses(outbox: &InMemoryOutbox) -> Vec<OutboxStatus> {
        outbox.rows().iter().map(|r| r.status).collect()
    }

    #[test]
    fn what_is_due_is_sent_once_and_the_rest_waits_for_its_time() {
        let outbox = outbox_with_booking();
        let sender = RecordingSender::default();
        let report = run(&outbox, Some(&sender), now());
        assert_eq!(report.sent, 1, "only the confirmation is due");
        assert_eq!(
            statuses(&outbox),
            [
                OutboxStatus::Sent,
                OutboxStatus::Pending,
                OutboxStatus::Pending
            ]
        );
        let day_before = start() - Duration::hours(23);
        assert_eq!(run(&outbox, Some(&sender), day_before).sent, 1);
        assert_eq!(
            run(&outbox, Some(&sender), day_before).total(),
            0,
            "a second run sends nothing"
        );
        let delivered = sender.delivered.lock().unwrap().clone();
        assert_eq!(delivered.len(), 2);
        assert_eq!(delivered[1].to, "alice@clinic.test");
        assert!(delivered[1].subject.starts_with("Reminder"));
        assert_eq!(outbox.rows()[1].sent_at, Some(day_before));
    }

    #[test]
    fn reminders_of_a_cancelled_visit_are_skipped() {
        let outbox = outbox_with_booking();
        outbox
            .visits
            .lock()
            .unwrap()
            .get_mut(&VISIT)
            .unwrap()
            .status = AppointmentStatus::Cancelled;
        let sender = RecordingSender::default();
        let report = run(&outbox, Some(&sender), start() - Duration::minutes(30));
        assert_eq!(report.skipped, 3);
        assert!(sender.delivered.lock().unwrap().is_empty());
        assert_eq!(
            outbox.rows()[2].last_error.as_deref(),
            Some(NoLongerDue::VisitNotActive.reason())
        );
    }

    #[test]
    fn a_temporary_failure_is_retried_with_a_doubling_wait_then_delivered() {
        let outbox = InMemoryOutbox::default();
        outbox.enqueue(&booked(start(), "UTC")[..1]);
        outbox.visits.lock().unwrap().insert(
            VISIT,
            VisitNow {
                status: AppointmentStatus::Scheduled,
                starts_at: start(),
            },
        );
        outbox
            .addresses
            .lock()
            .unwrap()
            .insert(PATIENT_USER, "a@b.test".into());
        let sender = RecordingSender {
            fail_first: std::sync::Mutex::new(2),
            ..RecordingSender::default()
        };
        assert_eq!(run(&outbox, Some(&sender), now()).retried, 1);
        let first = outbox.rows()[0].clone();
        assert_eq!(first.next_attempt_at, now() + Duration::minutes(1));
        assert_eq!(first.last_error.as_deref(), Some("connection refused"));
        assert_eq!(
            run(&outbox, Some(&sender), now() + Duration::seconds(30)).total(),
            0,
            "not before its time"
        );
        let second_try = now() + Duration::minutes(1);
        assert_eq!(run(&outbox, Some(&sender), second_try).retried, 1);
        assert_eq!(
            outbox.rows()[0].next_attempt_at,
            second_try + Duration::minutes(2)
        );
        assert_eq!(
            run(&outbox, Some(&sender), second_try + Duration::minutes(2)).sent,
            1
        );
        assert_eq!(outbox.rows()[0].attempts, 3);
    }

    #[test]
    fn a_message_is_failed_when_its_attempts_run_out_or_the_server_refuses_it() {
        let outbox = InMemoryOutbox::default();
        outbox.enqueue(&booked(start(), "UTC")[..1]);
        outbox.visits.lock().unwrap().insert(
            VISIT,
            VisitNow {
                status: AppointmentStatus::Scheduled,
                starts_at: start(),
            },
        );
        outbox
            .addresses
            .lock()
            .unwrap()
            .insert(PATIENT_USER, "a@b.test".into());
        let sender = RecordingSender {
            fail_first: std::sync::Mutex::new(100),
            ..RecordingSender::default()
        };
        let mut at = now();
        for _ in 0..RetryPolicy::DEFAULT.max_attempts {
            run(&outbox, Some(&sender), at);
            at += Duration::hours(1);
        }
        let row = outbox.rows()[0].clone();
        assert_eq!(row.status, OutboxStatus::Failed);
        assert_eq!(row.attempts, RetryPolicy::DEFAULT.max_attempts);
        assert!(
            row.last_error
                .unwrap()
                .starts_with("gave up after 6 attempts")
        );

        let refused = outbox_with_booking();
        let refusing = RecordingSender {
            refuse: true,
            ..RecordingSender::default()
        };
        assert_eq!(run(&refused, Some(&refusing), now()).failed, 1);
    }

    #[test]
    fn without_a_sender_due_messages_are_recorded_unsent() {
        let outbox = outbox_with_booking();
        let report = run(&outbox, None, now());
        assert_eq!(report.unsent, 1);
        assert_eq!(outbox.rows()[0].status, OutboxStatus::Unsent);
        assert_eq!(
            outbox.rows()[0].last_error.as_deref(),
            Some("no email sender is configured")
        );
    }

    #[test]
    fn a_claim_whose_lease_ran_out_is_taken_again_and_the_late_worker_records_nothing() {
        let outbox = outbox_with_booking();
        let first = block_on(outbox.claim_due(now(), 10, Duration::minutes(5))).unwrap();
        assert_eq!(first.len(), 1);
        assert!(
            block_on(outbox.claim_due(now(), 10, Duration::minutes(5)))
                .unwrap()
                .is_empty(),
            "held by the first worker"
        );
        let later = now() + Duration::minutes(6);
        let sender = RecordingSender::default();
        assert_eq!(run(&outbox, Some(&sender), later).sent, 1);
        let sent = DeliveryOutcome::Sent { at: later };
        assert!(!block_on(outbox.finish(&first[0], &sent)).unwrap());
    }

    #[test]
    fn the_backoff_doubles_up_to_its_cap() {
        let policy = RetryPolicy::DEFAULT;
        let waits: Vec<_> = (1..=8)
            .map(|n| policy.delay_after(n).num_minutes())
            .collect();
        assert_eq!(waits, [1, 2, 4, 8, 16, 32, 60, 60]);
    }
}

mod the_staff_list {
    use super::*;
    use crate::access::{Actor, Denied};
    use crate::identity::Role;
    use crate::pagination::PageRequest;

    #[test]
    fn staff_and_admins_read_the_outbox_and_nobody_else() {
        let outbox = outbox_rows();
        for role in [Role::Staff, Role::Admin] {
            let page = block_on(list_outbox(
                &Actor::test(role, None, None),
                OutboxFilter {
                    status: Some(OutboxStatus::Pending),
                    appointment_id: None,
                },
                PageRequest::default(),
                &outbox,
            ))
            .unwrap();
            assert_eq!(page.total, 3);
        }
        for (role, doctor, patient) in [
            (Role::Doctor, Some(5), None),
            (Role::Patient, None, Some(7)),
        ] {
            assert_eq!(
                block_on(list_outbox(
                    &Actor::test(role, doctor, patient),
                    OutboxFilter::default(),
                    PageRequest::default(),
                    &outbox
                )),
                Err(ListOutboxError::Denied(Denied::Forbidden))
            );
        }
    }

    fn outbox_rows() -> InMemoryOutbox {
        let outbox = InMemoryOutbox::default();
        outbox.enqueue(&booked(start(), "UTC"));
        outbox
    }
}
