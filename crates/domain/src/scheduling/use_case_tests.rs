//! The scheduling use cases against the in-memory store: every rule of booking, rescheduling
//! and the status machine, without HTTP or PostgreSQL.

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, TimeZone, Utc, Weekday};
use rust_decimal::Decimal;

use super::fake::{FakeDoctor, InMemoryScheduling, World};
use super::*;
use crate::access::{Actor, Denied};
use crate::audit::fake::RecordingReadAudit;
use crate::clock::FixedClock;
use crate::identity::Role;
use crate::notification::NotificationType;
use crate::pagination::PageRequest;
use crate::store::StoreError;
use crate::testing::block_on;

pub(super) const OFFICE: i32 = 1;
const CLOSED_OFFICE: i32 = 2;
pub(super) const GP: i32 = 5;
pub(super) const CARDIOLOGIST: i32 = 6;
pub(super) const ALICE: i32 = 7;
pub(super) const BOB: i32 = 8;

/// Monday 2030-01-07, 08:00 UTC: an hour before the GP's day starts.
pub(super) fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2030, 1, 7, 8, 0, 0).unwrap()
}

fn clock() -> FixedClock {
    FixedClock::at(now())
}

/// `hour`:`minute` UTC on the Monday.
pub(super) fn at(hour: u32, minute: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2030, 1, 7, hour, minute, 0).unwrap()
}

fn party(user_id: i32, name: &str) -> Party {
    Party {
        user_id,
        name: name.into(),
    }
}

pub(super) fn clinic() -> InMemoryScheduling {
    let mut world = World::default();
    world.patients.insert(ALICE, party(70, "Alice Smith"));
    world.patients.insert(BOB, party(80, "Bob Jones"));
    for (id, user, name, requires_referral, fee) in [
        (GP, 50, "Gregory House", false, "120.00"),
        (CARDIOLOGIST, 60, "Cristina Yang", true, "250.00"),
    ] {
        world.doctors.insert(
            id,
            FakeDoctor {
                party: party(user, name),
                requires_referral,
                fee: fee.parse::<Decimal>().unwrap(),
            },
        );
        world.works_at.insert((id, OFFICE));
        let day = |weekday| {
            WeeklyHours::new(
                weekday,
                NaiveTime::from_hms_opt(9, 0, 0).unwrap(),
                NaiveTime::from_hms_opt(17, 0, 0).unwrap(),
            )
            .unwrap()
        };
        world.hours.insert(
            (id, OFFICE),
            [Weekday::Mon, Weekday::Tue, Weekday::Wed].map(day).to_vec(),
        );
    }
    for (id, name, active) in [
        (OFFICE, "Main Street", true),
        (CLOSED_OFFICE, "Annex", false),
    ] {
        world.offices.insert(
            id,
            OfficeFacts {
                name: name.into(),
                time_zone: "UTC".into(),
                active,
            },
        );
    }
    world.works_at.insert((GP, CLOSED_OFFICE));
    world.care_team.insert((ALICE, GP));
    InMemoryScheduling::new(world)
}

pub(super) fn actor(role: Role) -> Actor {
    match role {
        Role::Admin => Actor {
            user_id: 1,
            role,
            doctor_id: None,
            patient_id: None,
        },
        Role::Staff => Actor {
            user_id: 2,
            role,
            doctor_id: None,
            patient_id: None,
        },
        Role::Doctor => Actor {
            user_id: 50,
            role,
            doctor_id: Some(GP),
            patient_id: None,
        },
        Role::Patient => Actor {
            user_id: 70,
            role,
            doctor_id: None,
            patient_id: Some(ALICE),
        },
    }
}

fn cardiologist() -> Actor {
    Actor {
        user_id: 60,
        role: Role::Doctor,
        doctor_id: Some(CARDIOLOGIST),
        patient_id: None,
    }
}

pub(super) fn booking(patient_id: Option<i32>, starts_at: DateTime<Utc>) -> BookAppointment {
    BookAppointment {
        patient_id,
        doctor_id: GP,
        office_id: OFFICE,
        starts_at,
        duration: Some(AppointmentDuration::new(30).unwrap()),
        visit_type_id: None,
        reason: Some("Check-up".into()),
        overbook_reason: None,
    }
}

pub(super) fn book_as(
    store: &InMemoryScheduling,
    who: &Actor,
    command: BookAppointment,
) -> Result<Appointment, BookAppointmentError> {
    block_on(book(who, command, &clock(), store))
}

/// A committed appointment of `patient_id` with the GP at `starts_at`, in `status`.
pub(super) fn existing(
    store: &InMemoryScheduling,
    patient_id: i32,
    starts_at: DateTime<Utc>,
    status: AppointmentStatus,
) -> i32 {
    let appointment = book_as(
        store,
        &actor(Role::Staff),
        booking(Some(patient_id), starts_at),
    )
    .expect("the arranged booking is valid");
    store.change(|world| {
        world
            .appointments
            .get_mut(&appointment.appointment_id)
            .unwrap()
            .status = status;
        world.notifications.clear();
    });
    appointment.appointment_id
}

fn invalid_fields(result: Result<Appointment, impl Into<RescheduleError>>) -> Vec<String> {
    match result.map_err(Into::into) {
        Err(RescheduleError::Refused(BookingRefusal::Invalid(errors))) => {
            errors.into_vec().into_iter().map(|e| e.field).collect()
        }
        other => panic!("expected invalid fields, got {other:?}"),
    }
}

mod booking_an_appointment {
    use super::*;

    #[test]
    fn a_patient_books_a_free_slot_for_themselves_and_both_parties_are_told() {
        let store = clinic();
        let booked = book_as(&store, &actor(Role::Patient), booking(None, at(9, 0))).unwrap();
        assert_eq!(booked.patient_id, ALICE);
        assert_eq!(booked.status, AppointmentStatus::Scheduled);
        assert_eq!((booked.starts_at, booked.ends_at), (at(9, 0), at(9, 30)));
        assert_eq!(booked.doctor_name, "Gregory House");
        assert!(!booked.is_overbooked);
        let world = store.world();
        assert_eq!(world.appointments[&booked.appointment_id], booked);
        let told: Vec<_> = world
            .notifications
            .iter()
            .map(|n| (n.user_id, n.kind, n.message.as_str()))
            .collect();
        assert_eq!(
            told,
            [
                (
                    70,
                    NotificationType::Appointment,
                    "Your appointment with Dr. Gregory House on Mon, Jan 7, 2030, 9:00 AM UTC at Main Street is booked."
                ),
                (
                    50,
                    NotificationType::Appointment,
                    "The appointment with Alice Smith on Mon, Jan 7, 2030, 9:00 AM UTC at Main Street is booked."
                ),
            ]
        );
    }

    #[test]
    fn staff_book_for_any_patient() {
        let store = clinic();
        let booked = book_as(&store, &actor(Role::Staff), booking(Some(BOB), at(10, 0))).unwrap();
        assert_eq!(booked.patient_id, BOB);
        assert_eq!(booked.created_by, Some(2));
    }

    #[test]
    fn a_doctor_books_for_a_patient_they_treat_and_others_are_hidden() {
        let store = clinic();
        assert!(book_as(&store, &actor(Role::Doctor), booking(Some(ALICE), at(9, 0))).is_ok());
        assert_eq!(
            book_as(&store, &actor(Role::Doctor), booking(Some(BOB), at(10, 0))),
            Err(BookAppointmentError::Denied(Denied::Hidden {
                entity: "patient"
            }))
        );
    }

    #[test]
    fn admins_do_not_book() {
        let store = clinic();
        assert_eq!(
            book_as(&store, &actor(Role::Admin), booking(Some(ALICE), at(9, 0))),
            Err(BookAppointmentError::Denied(Denied::Forbidden))
        );
    }

    #[test]
    fn a_patient_booking_for_another_patient_is_told_it_does_not_exist() {
        let store = clinic();
        for other in [BOB, 999] {
            assert_eq!(
                book_as(
                    &store,
                    &actor(Role::Patient),
                    booking(Some(other), at(9, 0))
                ),
                Err(BookAppointmentError::Denied(Denied::Hidden {
                    entity: "patient"
                }))
            );
        }
    }

    #[test]
    fn a_missing_patient_is_a_wrong_field_for_staff() {
        let store = clinic();
        let result = book_as(&store, &actor(Role::Staff), booking(Some(999), at(9, 0)));
        assert_eq!(invalid_fields(result), ["patient_id"]);
    }

    #[test]
    fn the_patient_is_required_unless_a_patient_books_for_themselves() {
        let store = clinic();
        let result = book_as(&store, &actor(Role::Staff), booking(None, at(9, 0)));
        assert_eq!(invalid_fields(result), ["patient_id"]);
    }

    #[test]
    fn a_missing_doctor_and_office_are_both_reported() {
        let store = clinic();
        let command = BookAppointment {
            doctor_id: 404,
            office_id: 405,
            ..booking(Some(ALICE), at(9, 0))
        };
        let result = book_as(&store, &actor(Role::Staff), command);
        assert_eq!(invalid_fields(result), ["doctor_id", "office_id"]);
    }

    #[test]
    fn a_time_outside_working_hours_or_in_the_past_is_refused() {
        let store = clinic();
        let evening = book_as(&store, &actor(Role::Staff), booking(Some(ALICE), at(17, 0)));
        assert_eq!(invalid_fields(evening), ["starts_at"]);
        let thursday = book_as(
            &store,
            &actor(Role::Staff),
            booking(Some(ALICE), at(10, 0) + Duration::days(3)),
        );
        assert_eq!(invalid_fields(thursday), ["starts_at"]);
        let past = book_as(
            &store,
            &actor(Role::Staff),
            booking(Some(ALICE), now() - Duration::days(7) + Duration::hours(2)),
        );
        assert_eq!(invalid_fields(past), ["starts_at"]);
    }

    #[test]
    fn an_office_the_doctor_has_left_or_a_closed_office_is_refused() {
        let store = clinic();
        store.change(|world| {
            world.works_at.remove(&(GP, OFFICE));
        });
        let left = book_as(&store, &actor(Role::Staff), booking(Some(ALICE), at(9, 0)));
        assert_eq!(invalid_fields(left), ["office_id"]);
        let closed = BookAppointment {
            office_id: CLOSED_OFFICE,
            ..booking(Some(ALICE), at(9, 0))
        };
        assert_eq!(
            invalid_fields(book_as(&store, &actor(Role::Staff), closed)),
            ["office_id"]
        );
    }

    #[test]
    fn an_overlapping_booking_lists_every_conflict_and_writes_nothing() {
        let store = clinic();
        let doctors = existing(&store, BOB, at(9, 0), AppointmentStatus::Confirmed);
        let patients = {
            let command = BookAppointment {
                doctor_id: CARDIOLOGIST,
                ..booking(Some(ALICE), at(9, 15))
            };
            book_as(&store, &actor(Role::Staff), command)
                .unwrap()
                .appointment_id
        };
        store.change(|world| world.notifications.clear());
        let before = store.world().appointments.len();
        let result = book_as(&store, &actor(Role::Staff), booking(Some(ALICE), at(9, 0)));
        assert_eq!(
            result,
            Err(BookAppointmentError::Refused(
                BookingRefusal::PatientClash {
                    conflicts: vec![doctors, patients],
                    message: "This time clashes with the patient's own visit at 9:15 AM UTC".into(),
                }
            ))
        );
        let world = store.world();
        assert_eq!(world.appointments.len(), before);
        assert!(world.notifications.is_empty());
    }

    #[test]
    fn cancelled_and_completed_appointments_free_their_slot() {
        let store = clinic();
        existing(&store, BOB, at(9, 0), AppointmentStatus::Cancelled);
        existing(&store, BOB, at(9, 30), AppointmentStatus::NoShow);
        assert!(book_as(&store, &actor(Role::Staff), booking(Some(ALICE), at(9, 0))).is_ok());
        assert!(book_as(&store, &actor(Role::Staff), booking(Some(ALICE), at(9, 30))).is_ok());
    }

    #[test]
    fn staff_overbook_with_a_reason_and_the_appointment_is_marked() {
        let store = clinic();
        existing(&store, BOB, at(9, 0), AppointmentStatus::Scheduled);
        let command = BookAppointment {
            overbook_reason: Some("urgent: chest pain".into()),
            ..booking(Some(ALICE), at(9, 0))
        };
        let booked = book_as(&store, &actor(Role::Staff), command).unwrap();
        assert!(booked.is_overbooked);
        assert_eq!(
            booked.overbook_reason.as_deref(),
            Some("urgent: chest pain")
        );
    }

    #[test]
    fn a_reason_on_a_free_slot_does_not_mark_it_overbooked() {
        let store = clinic();
        let command = BookAppointment {
            overbook_reason: Some("just in case".into()),
            ..booking(Some(ALICE), at(9, 0))
        };
        let booked = book_as(&store, &actor(Role::Staff), command).unwrap();
        assert!(!booked.is_overbooked);
        assert_eq!(booked.overbook_reason, None);
    }

    #[test]
    fn only_staff_may_overbook() {
        let store = clinic();
        for who in [actor(Role::Doctor), actor(Role::Patient)] {
            let command = BookAppointment {
                overbook_reason: Some("I really want to".into()),
                ..booking(Some(ALICE), at(9, 0))
            };
            assert_eq!(
                invalid_fields(book_as(&store, &who, command)),
                ["overbook_reason"]
            );
        }
    }

    #[test]
    fn a_patient_needs_an_approved_referral_for_a_specialist_and_staff_do_not() {
        let store = clinic();
        let specialist = |patient| BookAppointment {
            doctor_id: CARDIOLOGIST,
            ..booking(patient, at(11, 0))
        };
        assert_eq!(
            book_as(&store, &actor(Role::Patient), specialist(None)),
            Err(BookAppointmentError::Refused(
                BookingRefusal::ReferralRequired
            ))
        );
        store.change(|world| {
            world.approved_referrals.insert((ALICE, CARDIOLOGIST));
        });
        assert!(book_as(&store, &actor(Role::Patient), specialist(None)).is_ok());
        let store = clinic();
        assert!(book_as(&store, &actor(Role::Staff), specialist(Some(ALICE))).is_ok());
    }

    #[test]
    fn a_booking_that_loses_the_race_names_the_winner_and_writes_nothing() {
        let store = clinic();
        let winner = book_as(&store, &actor(Role::Staff), booking(Some(BOB), at(14, 0))).unwrap();
        store.change(|world| {
            world.appointments.clear();
            world.notifications.clear();
        });
        *store.race_winner.lock().unwrap() = Some(winner);
        let result = book_as(&store, &actor(Role::Staff), booking(Some(ALICE), at(14, 0)));
        let world = store.world();
        let winner_id = *world.appointments.keys().next().unwrap();
        assert_eq!(
            result,
            Err(BookAppointmentError::Refused(BookingRefusal::SlotTaken {
                conflicts: vec![winner_id]
            }))
        );
        assert_eq!(world.appointments.len(), 1);
        assert!(world.notifications.is_empty());
    }
}

mod rescheduling {
    use super::*;

    fn moving(id: i32, starts_at: DateTime<Utc>) -> RescheduleAppointment {
        RescheduleAppointment {
            appointment_id: id,
            starts_at: Some(starts_at),
            duration: None,
            office_id: None,
            reason: None,
            overbook_reason: None,
        }
    }

    fn move_as(
        store: &InMemoryScheduling,
        who: &Actor,
        command: RescheduleAppointment,
    ) -> Result<Appointment, RescheduleError> {
        block_on(reschedule(who, command, &clock(), store))
    }

    #[test]
    fn a_scheduled_appointment_moves_keeping_its_length_and_reason_and_both_are_told() {
        let store = clinic();
        // Two days ahead: outside the late-cancellation window, so the patient may move it.
        let later = Duration::days(2);
        let id = existing(
            &store,
            ALICE,
            at(9, 0) + later,
            AppointmentStatus::Scheduled,
        );
        let moved = move_as(&store, &actor(Role::Patient), moving(id, at(11, 0) + later)).unwrap();
        assert_eq!(
            (moved.starts_at, moved.ends_at),
            (at(11, 0) + later, at(11, 30) + later)
        );
        assert_eq!(moved.reason.as_deref(), Some("Check-up"));
        let world = store.world();
        assert_eq!(world.appointments[&id], moved);
        assert_eq!(world.notifications.len(), 2);
        assert!(
            world.notifications[0]
                .message
                .ends_with("11:00 AM UTC at Main Street was moved.")
        );
    }

    #[test]
    fn a_move_changes_the_length_and_clears_the_reason_when_asked() {
        let store = clinic();
        let id = existing(&store, ALICE, at(9, 0), AppointmentStatus::Confirmed);
        let command = RescheduleAppointment {
            duration: Some(AppointmentDuration::new(60).unwrap()),
            reason: Some(None),
            ..moving(id, at(9, 0))
        };
        let moved = move_as(&store, &actor(Role::Staff), command).unwrap();
        assert_eq!((moved.duration_minutes, moved.ends_at), (60, at(10, 0)));
        assert_eq!(moved.reason, None);
    }

    #[test]
    fn an_appointment_does_not_conflict_with_itself() {
        let store = clinic();
        let id = existing(&store, ALICE, at(9, 0), AppointmentStatus::Scheduled);
        assert!(move_as(&store, &actor(Role::Staff), moving(id, at(9, 15))).is_ok());
    }

    #[test]
    fn a_move_into_a_taken_slot_is_refused() {
        let store = clinic();
        let taken = existing(&store, BOB, at(11, 0), AppointmentStatus::Scheduled);
        let id = existing(&store, ALICE, at(9, 0), AppointmentStatus::Scheduled);
        assert_eq!(
            move_as(&store, &actor(Role::Staff), moving(id, at(11, 0))),
            Err(RescheduleError::Refused(BookingRefusal::SlotTaken {
                conflicts: vec![taken]
            }))
        );
        assert_eq!(store.world().appointments[&id].starts_at, at(9, 0));
    }

    #[test]
    fn the_booking_rules_apply_to_the_new_time_and_place() {
        let store = clinic();
        let id = existing(&store, ALICE, at(9, 0), AppointmentStatus::Scheduled);
        let late = move_as(&store, &actor(Role::Staff), moving(id, at(16, 45)));
        assert_eq!(invalid_fields(late), ["starts_at"]);
        let closed = RescheduleAppointment {
            office_id: Some(CLOSED_OFFICE),
            ..moving(id, at(10, 0))
        };
        assert_eq!(
            invalid_fields(move_as(&store, &actor(Role::Staff), closed)),
            ["office_id"]
        );
    }

    #[test]
    fn only_scheduled_and_confirmed_appointments_move() {
        let store = clinic();
        for status in [
            AppointmentStatus::CheckedIn,
            AppointmentStatus::Completed,
            AppointmentStatus::Cancelled,
            AppointmentStatus::NoShow,
        ] {
            let id = existing(&store, ALICE, at(9, 0), AppointmentStatus::Scheduled);
            store.change(|world| world.appointments.get_mut(&id).unwrap().status = status);
            assert_eq!(
                move_as(&store, &actor(Role::Staff), moving(id, at(12, 0))),
                Err(RescheduleError::NotReschedulable { from: status })
            );
            store.change(|world| {
                world.appointments.remove(&id);
            });
        }
    }

    #[test]
    fn another_patients_appointment_is_hidden_and_admins_may_not_move_any() {
        let store = clinic();
        let id = existing(&store, BOB, at(9, 0), AppointmentStatus::Scheduled);
        assert_eq!(
            move_as(&store, &actor(Role::Patient), moving(id, at(10, 0))),
            Err(RescheduleError::Denied(Denied::Hidden {
                entity: "appointment"
            }))
        );
        assert_eq!(
            move_as(&store, &actor(Role::Admin), moving(id, at(10, 0))),
            Err(RescheduleError::Denied(Denied::Forbidden))
        );
    }

    #[test]
    fn a_missing_appointment_is_not_found() {
        let store = clinic();
        assert_eq!(
            move_as(&store, &actor(Role::Staff), moving(404, at(10, 0))),
            Err(RescheduleError::Store(StoreError::not_found("appointment")))
        );
    }
}

mod the_status_machine {
    use super::*;

    fn act(
        store: &InMemoryScheduling,
        who: &Actor,
        id: i32,
        action: AppointmentAction,
        clock: &FixedClock,
    ) -> Result<Appointment, ChangeStatusError> {
        block_on(change_status(
            who,
            ChangeStatus::new(id, action),
            clock,
            store,
        ))
    }

    fn cancel_saying(
        store: &InMemoryScheduling,
        who: &Actor,
        id: i32,
        reason: &str,
        clock: &FixedClock,
    ) -> Result<Appointment, ChangeStatusError> {
        let command = ChangeStatus {
            reason: Some(reason.into()),
            ..ChangeStatus::new(id, AppointmentAction::Cancel)
        };
        block_on(change_status(who, command, clock, store))
    }

    /// The Wednesday after `now`, at `hour`:00 UTC: two days ahead, outside the window.
    fn wednesday(hour: u32) -> DateTime<Utc> {
        at(hour, 0) + Duration::days(2)
    }

    fn after_the_start() -> FixedClock {
        FixedClock::at(at(9, 10))
    }

    #[test]
    fn each_allowed_transition_is_stored_and_every_other_is_refused() {
        for from in AppointmentStatus::ALL {
            for action in AppointmentAction::ALL {
                let store = clinic();
                let id = existing(&store, ALICE, at(9, 0), *from);
                // The doctor cancelling after the start says why.
                let command = ChangeStatus {
                    reason: (*action == AppointmentAction::Cancel).then(|| "doctor ill".into()),
                    ..ChangeStatus::new(id, *action)
                };
                let result = block_on(change_status(
                    &actor(Role::Doctor),
                    command,
                    &after_the_start(),
                    &store,
                ));
                let stored = store.world().appointments[&id].status;
                let time = VisitTime {
                    starts_at: at(9, 0),
                    now: at(9, 10),
                    zone: crate::values::OfficeZone::UTC,
                };
                match transition(*from, *action, &time) {
                    Ok(to) => {
                        assert_eq!(result.map(|a| a.status), Ok(to), "{from} {action}");
                        assert_eq!(stored, to);
                    }
                    Err(refusal) => {
                        assert_eq!(result, Err(ChangeStatusError::Refused(refusal)));
                        assert_eq!(stored, *from, "{from} {action} changed nothing");
                    }
                }
            }
        }
    }

    #[test]
    fn cancelling_tells_both_parties() {
        let store = clinic();
        let id = existing(&store, ALICE, wednesday(9), AppointmentStatus::Scheduled);
        act(
            &store,
            &actor(Role::Patient),
            id,
            AppointmentAction::Cancel,
            &clock(),
        )
        .unwrap();
        let world = store.world();
        assert_eq!(world.appointments[&id].status, AppointmentStatus::Cancelled);
        let users: Vec<_> = world.notifications.iter().map(|n| n.user_id).collect();
        assert_eq!(users, [70, 50]);
        assert!(world.notifications[1].message.ends_with("was cancelled."));
    }

    #[test]
    fn completing_a_visit_issues_its_bill_due_in_thirty_days_and_tells_the_patient() {
        let store = clinic();
        let id = existing(&store, ALICE, at(9, 0), AppointmentStatus::CheckedIn);
        let done = act(
            &store,
            &actor(Role::Doctor),
            id,
            AppointmentAction::Complete,
            &after_the_start(),
        )
        .unwrap();
        assert_eq!(done.status, AppointmentStatus::Completed);
        let world = store.world();
        assert_eq!(
            world.bills,
            [VisitBill {
                patient_id: ALICE,
                appointment_id: id,
                amount_due: "120.00".parse().unwrap(),
                billing_due: NaiveDate::from_ymd_opt(2030, 2, 6).unwrap(),
            }]
        );
        let notice = &world.notifications[0];
        assert_eq!(
            (notice.user_id, notice.kind, notice.message.as_str()),
            (
                70,
                NotificationType::Billing,
                "A bill of $120.00 for your visit with Dr. Gregory House is due on Feb 6, 2030."
            )
        );
    }

    #[test]
    fn a_visit_the_desk_billed_at_checkout_is_completed_without_a_second_bill_or_notice() {
        let store = clinic();
        let id = existing(&store, ALICE, at(9, 0), AppointmentStatus::CheckedIn);
        let desk_bill = VisitBill {
            patient_id: ALICE,
            appointment_id: id,
            amount_due: Decimal::ONE,
            billing_due: NaiveDate::from_ymd_opt(2030, 2, 6).unwrap(),
        };
        store.change(|world| world.bills.push(desk_bill.clone()));
        let done = act(
            &store,
            &actor(Role::Doctor),
            id,
            AppointmentAction::Complete,
            &after_the_start(),
        )
        .unwrap();
        assert_eq!(done.status, AppointmentStatus::Completed);
        let world = store.world();
        assert_eq!(world.bills, [desk_bill]);
        assert!(
            world
                .notifications
                .iter()
                .all(|n| n.kind != NotificationType::Billing)
        );
    }

    #[test]
    fn a_no_show_is_refused_before_the_start_and_accepted_after() {
        let store = clinic();
        let id = existing(&store, ALICE, at(9, 0), AppointmentStatus::Confirmed);
        assert_eq!(
            act(
                &store,
                &actor(Role::Staff),
                id,
                AppointmentAction::NoShow,
                &clock()
            ),
            Err(ChangeStatusError::Refused(StatusRefusal::NotStarted {
                action: AppointmentAction::NoShow
            }))
        );
        let marked = act(
            &store,
            &actor(Role::Staff),
            id,
            AppointmentAction::NoShow,
            &after_the_start(),
        );
        assert_eq!(marked.unwrap().status, AppointmentStatus::NoShow);
    }

    #[test]
    fn only_the_visits_doctor_completes_it() {
        let store = clinic();
        let id = existing(&store, ALICE, at(9, 0), AppointmentStatus::CheckedIn);
        assert_eq!(
            act(
                &store,
                &actor(Role::Staff),
                id,
                AppointmentAction::Complete,
                &after_the_start()
            ),
            Err(ChangeStatusError::Denied(Denied::Forbidden))
        );
        assert_eq!(
            act(
                &store,
                &cardiologist(),
                id,
                AppointmentAction::Complete,
                &after_the_start()
            ),
            Err(ChangeStatusError::Denied(Denied::Hidden {
                entity: "appointment"
            }))
        );
        assert!(store.world().bills.is_empty());
    }

    #[test]
    fn a_patient_confirms_their_own_visit_but_does_not_check_in() {
        let store = clinic();
        let id = existing(&store, ALICE, at(9, 0), AppointmentStatus::Scheduled);
        assert_eq!(
            act(
                &store,
                &actor(Role::Patient),
                id,
                AppointmentAction::CheckIn,
                &clock()
            ),
            Err(ChangeStatusError::Denied(Denied::Forbidden))
        );
        let confirmed = act(
            &store,
            &actor(Role::Patient),
            id,
            AppointmentAction::Confirm,
            &clock(),
        );
        assert_eq!(confirmed.unwrap().status, AppointmentStatus::Confirmed);
    }

    #[test]
    fn another_doctor_of_the_care_team_may_not_change_the_visit() {
        let store = clinic();
        let id = existing(&store, ALICE, at(9, 0), AppointmentStatus::Scheduled);
        store.change(|world| {
            world.care_team.insert((ALICE, CARDIOLOGIST));
        });
        assert_eq!(
            act(
                &store,
                &cardiologist(),
                id,
                AppointmentAction::Confirm,
                &clock()
            ),
            Err(ChangeStatusError::Denied(Denied::Hidden {
                entity: "appointment"
            }))
        );
    }

    #[test]
    fn a_visit_two_days_ahead_is_not_checked_in_completed_or_billed_now() {
        let store = clinic();
        let id = existing(&store, ALICE, wednesday(10), AppointmentStatus::Confirmed);
        assert_eq!(
            act(
                &store,
                &actor(Role::Staff),
                id,
                AppointmentAction::CheckIn,
                &clock()
            ),
            Err(ChangeStatusError::Refused(StatusRefusal::NotVisitDay {
                visit_day: NaiveDate::from_ymd_opt(2030, 1, 9).unwrap()
            }))
        );
        // Even if it were checked in (as old data may be), it is not completed before it starts.
        store.change(|world| {
            world.appointments.get_mut(&id).unwrap().status = AppointmentStatus::CheckedIn;
        });
        assert_eq!(
            act(
                &store,
                &actor(Role::Doctor),
                id,
                AppointmentAction::Complete,
                &clock()
            ),
            Err(ChangeStatusError::Refused(StatusRefusal::NotStarted {
                action: AppointmentAction::Complete
            }))
        );
        let world = store.world();
        assert_eq!(world.appointments[&id].status, AppointmentStatus::CheckedIn);
        assert!(world.bills.is_empty());
        assert!(world.notifications.is_empty());
    }

    #[test]
    fn a_patient_is_checked_in_early_on_the_visits_day_and_completed_after_the_start() {
        let store = clinic();
        let id = existing(&store, ALICE, at(11, 0), AppointmentStatus::Confirmed);
        let checked_in = act(
            &store,
            &actor(Role::Staff),
            id,
            AppointmentAction::CheckIn,
            &clock(),
        );
        assert_eq!(checked_in.unwrap().status, AppointmentStatus::CheckedIn);
        let before_the_start = FixedClock::at(at(10, 59));
        assert!(matches!(
            act(
                &store,
                &actor(Role::Doctor),
                id,
                AppointmentAction::Complete,
                &before_the_start
            ),
            Err(ChangeStatusError::Refused(StatusRefusal::NotStarted { .. }))
        ));
        let done = act(
            &store,
            &actor(Role::Doctor),
            id,
            AppointmentAction::Complete,
            &FixedClock::at(at(11, 20)),
        );
        assert_eq!(done.unwrap().status, AppointmentStatus::Completed);
        assert_eq!(store.world().bills.len(), 1);
    }

    #[test]
    fn the_visits_day_is_the_offices_day_in_chicago_not_utcs() {
        let store = clinic();
        // Monday 7 January 23:30 in Chicago (CST, UTC-6) is 05:30 UTC on Tuesday the 8th.
        let late_evening = at(5, 30) + Duration::days(1);
        let id = existing(&store, ALICE, at(9, 0), AppointmentStatus::Scheduled);
        store.change(|world| {
            world.offices.get_mut(&OFFICE).unwrap().time_zone = "America/Chicago".into();
            let a = world.appointments.get_mut(&id).unwrap();
            a.starts_at = late_evening;
            a.ends_at = late_evening + Duration::minutes(30);
        });
        // 20:00 on Monday in Chicago is 02:00 on Tuesday in UTC: the visit's day at the office.
        let monday_evening = FixedClock::at(at(2, 0) + Duration::days(1));
        let checked_in = act(
            &store,
            &actor(Role::Staff),
            id,
            AppointmentAction::CheckIn,
            &monday_evening,
        );
        assert_eq!(checked_in.unwrap().status, AppointmentStatus::CheckedIn);

        // 00:30 on Tuesday in Chicago is 06:30 UTC on Tuesday; asked at 01:00 UTC on Tuesday
        // (19:00 on Monday in Chicago) it is the same day in UTC but not at the office.
        let store = clinic();
        let id = existing(&store, ALICE, at(9, 0), AppointmentStatus::Scheduled);
        let after_midnight = at(6, 30) + Duration::days(1);
        store.change(|world| {
            world.offices.get_mut(&OFFICE).unwrap().time_zone = "America/Chicago".into();
            let a = world.appointments.get_mut(&id).unwrap();
            a.starts_at = after_midnight;
            a.ends_at = after_midnight + Duration::minutes(30);
        });
        let tuesday_utc_monday_local = FixedClock::at(at(1, 0) + Duration::days(1));
        assert_eq!(
            act(
                &store,
                &actor(Role::Staff),
                id,
                AppointmentAction::CheckIn,
                &tuesday_utc_monday_local
            ),
            Err(ChangeStatusError::Refused(StatusRefusal::NotVisitDay {
                visit_day: NaiveDate::from_ymd_opt(2030, 1, 8).unwrap()
            }))
        );
    }

    #[test]
    fn a_patient_cancels_before_the_window_and_not_inside_it_or_after_the_start() {
        let store = clinic();
        let early = existing(&store, ALICE, wednesday(9), AppointmentStatus::Scheduled);
        let soon = existing(&store, ALICE, at(15, 0), AppointmentStatus::Confirmed);
        let started = existing(&store, ALICE, at(9, 0), AppointmentStatus::Confirmed);
        assert!(
            act(
                &store,
                &actor(Role::Patient),
                early,
                AppointmentAction::Cancel,
                &clock()
            )
            .is_ok()
        );
        store.change(|world| world.notifications.clear());
        for (id, now) in [(soon, clock()), (started, after_the_start())] {
            assert_eq!(
                act(
                    &store,
                    &actor(Role::Patient),
                    id,
                    AppointmentAction::Cancel,
                    &now
                ),
                Err(ChangeStatusError::Refused(
                    StatusRefusal::LateCancellation { window_hours: 24 }
                ))
            );
            assert_eq!(
                cancel_saying(&store, &actor(Role::Patient), id, "overslept", &now),
                Err(ChangeStatusError::Refused(
                    StatusRefusal::LateCancellation { window_hours: 24 }
                )),
                "a reason does not help a patient"
            );
        }
        let world = store.world();
        assert_eq!(
            world.appointments[&soon].status,
            AppointmentStatus::Confirmed
        );
        assert_eq!(
            world.appointments[&started].status,
            AppointmentStatus::Confirmed
        );
        assert!(world.notifications.is_empty());
    }

    #[test]
    fn staff_and_the_doctor_cancel_late_saying_why_and_the_reason_is_kept() {
        let store = clinic();
        let id = existing(&store, ALICE, at(9, 0), AppointmentStatus::Confirmed);
        match act(
            &store,
            &actor(Role::Staff),
            id,
            AppointmentAction::Cancel,
            &after_the_start(),
        ) {
            Err(ChangeStatusError::Invalid(errors)) => assert!(errors.has_field("reason")),
            other => panic!("expected a missing reason, got {other:?}"),
        }
        assert!(matches!(
            cancel_saying(&store, &actor(Role::Staff), id, "   ", &after_the_start()),
            Err(ChangeStatusError::Invalid(_))
        ));
        let cancelled = cancel_saying(
            &store,
            &actor(Role::Staff),
            id,
            "patient called: car broke down",
            &after_the_start(),
        )
        .unwrap();
        assert_eq!(cancelled.status, AppointmentStatus::Cancelled);
        let stored = &store.world().appointments[&id];
        assert_eq!(
            stored.cancellation_reason.as_deref(),
            Some("patient called: car broke down")
        );
        let other = existing(&store, ALICE, at(15, 0), AppointmentStatus::Scheduled);
        assert!(cancel_saying(&store, &actor(Role::Doctor), other, "doctor ill", &clock()).is_ok());
    }

    #[test]
    fn an_early_cancellation_needs_no_reason_and_a_reason_fits_no_other_action() {
        let store = clinic();
        let id = existing(&store, ALICE, wednesday(9), AppointmentStatus::Scheduled);
        let confirm = ChangeStatus {
            reason: Some("because".into()),
            ..ChangeStatus::new(id, AppointmentAction::Confirm)
        };
        assert!(matches!(
            block_on(change_status(
                &actor(Role::Staff),
                confirm,
                &clock(),
                &store
            )),
            Err(ChangeStatusError::Invalid(_))
        ));
        let cancelled = act(
            &store,
            &actor(Role::Staff),
            id,
            AppointmentAction::Cancel,
            &clock(),
        );
        assert_eq!(cancelled.unwrap().cancellation_reason, None);
    }

    #[test]
    fn the_clinics_window_decides_what_is_late() {
        let store = clinic();
        let id = existing(&store, ALICE, at(15, 0), AppointmentStatus::Scheduled);
        store.change(|world| {
            world.settings =
                crate::settings::ClinicSettings::parse(crate::settings::ClinicSettingsInput {
                    late_cancellation_hours: 2,
                    booking_horizon_days: 180,
                    max_future_appointments: 5,
                    reminder_offsets_minutes: None,
                })
                .unwrap();
        });
        // Seven hours ahead is outside a two-hour window.
        let cancelled = act(
            &store,
            &actor(Role::Patient),
            id,
            AppointmentAction::Cancel,
            &clock(),
        );
        assert_eq!(cancelled.unwrap().status, AppointmentStatus::Cancelled);
        let soon = existing(&store, ALICE, at(9, 0), AppointmentStatus::Scheduled);
        assert_eq!(
            act(
                &store,
                &actor(Role::Patient),
                soon,
                AppointmentAction::Cancel,
                &clock()
            ),
            Err(ChangeStatusError::Refused(
                StatusRefusal::LateCancellation { window_hours: 2 }
            ))
        );
    }
}

mod time_rules_of_booking_and_moving {
    use super::*;
    use crate::settings::{ClinicSettings, ClinicSettingsInput};

    fn moving(id: i32, starts_at: DateTime<Utc>) -> RescheduleAppointment {
        RescheduleAppointment {
            appointment_id: id,
            starts_at: Some(starts_at),
            duration: None,
            office_id: None,
            reason: None,
            overbook_reason: None,
        }
    }

    fn move_as(
        store: &InMemoryScheduling,
        who: &Actor,
        command: RescheduleAppointment,
    ) -> Result<Appointment, RescheduleError> {
        block_on(reschedule(who, command, &clock(), store))
    }

    /// Monday `weeks` weeks after the first, at 10:00 UTC.
    fn monday(weeks: i64) -> DateTime<Utc> {
        at(10, 0) + Duration::weeks(weeks)
    }

    #[test]
    fn a_patient_moves_a_visit_only_before_the_late_window_and_staff_also_inside_it() {
        let store = clinic();
        let soon = existing(&store, ALICE, at(15, 0), AppointmentStatus::Scheduled);
        assert_eq!(
            move_as(&store, &actor(Role::Patient), moving(soon, monday(1))),
            Err(RescheduleError::Late(StatusRefusal::LateCancellation {
                window_hours: 24
            }))
        );
        assert_eq!(store.world().appointments[&soon].starts_at, at(15, 0));
        assert!(move_as(&store, &actor(Role::Staff), moving(soon, monday(1))).is_ok());
        assert!(move_as(&store, &actor(Role::Patient), moving(soon, monday(2))).is_ok());
    }

    #[test]
    fn a_patient_books_within_the_horizon_and_staff_beyond_it() {
        let store = clinic();
        // 26 weeks (182 days) ahead is beyond the 180-day horizon; 25 weeks is within.
        let far = book_as(&store, &actor(Role::Patient), booking(None, monday(26)));
        assert_eq!(invalid_fields(far), ["starts_at"]);
        assert!(book_as(&store, &actor(Role::Patient), booking(None, monday(25))).is_ok());
        assert!(
            book_as(
                &store,
                &actor(Role::Staff),
                booking(Some(ALICE), monday(60))
            )
            .is_ok()
        );
        let id = existing(&store, ALICE, monday(3), AppointmentStatus::Scheduled);
        let moved_far = move_as(&store, &actor(Role::Patient), moving(id, monday(27)));
        assert_eq!(invalid_fields(moved_far), ["starts_at"]);
    }

    #[test]
    fn a_patient_holds_at_most_the_clinics_cap_of_future_appointments() {
        let store = clinic();
        // Past, cancelled and no-show visits do not count; neither do other patients'.
        let past = existing(
            &store,
            ALICE,
            monday(1) + Duration::hours(4),
            AppointmentStatus::Completed,
        );
        store.change(|world| {
            let a = world.appointments.get_mut(&past).unwrap();
            a.starts_at -= Duration::weeks(2);
            a.ends_at -= Duration::weeks(2);
        });
        existing(&store, ALICE, monday(1), AppointmentStatus::Cancelled);
        existing(&store, BOB, monday(2), AppointmentStatus::Scheduled);
        for week in 1..=5 {
            book_as(
                &store,
                &actor(Role::Patient),
                booking(None, monday(week) + Duration::hours(2)),
            )
            .expect("within the cap");
        }
        let before = store.world().appointments.len();
        assert_eq!(
            book_as(&store, &actor(Role::Patient), booking(None, monday(6))),
            Err(BookAppointmentError::Refused(
                BookingRefusal::TooManyFutureAppointments { limit: 5 }
            ))
        );
        assert_eq!(store.world().appointments.len(), before);
        // Staff book over the cap; a patient at the cap still moves one.
        let sixth = book_as(&store, &actor(Role::Staff), booking(Some(ALICE), monday(6))).unwrap();
        assert!(
            move_as(
                &store,
                &actor(Role::Patient),
                moving(sixth.appointment_id, monday(7))
            )
            .is_ok()
        );
    }

    #[test]
    fn the_clinics_settings_decide_the_horizon_and_the_cap() {
        let store = clinic();
        store.change(|world| {
            world.settings = ClinicSettings::parse(ClinicSettingsInput {
                late_cancellation_hours: 24,
                booking_horizon_days: 10,
                max_future_appointments: 1,
                reminder_offsets_minutes: None,
            })
            .unwrap();
        });
        let far = book_as(&store, &actor(Role::Patient), booking(None, monday(2)));
        assert_eq!(invalid_fields(far), ["starts_at"]);
        assert!(book_as(&store, &actor(Role::Patient), booking(None, monday(1))).is_ok());
        assert_eq!(
            book_as(
                &store,
                &actor(Role::Patient),
                booking(None, wednesday_of_week(1))
            ),
            Err(BookAppointmentError::Refused(
                BookingRefusal::TooManyFutureAppointments { limit: 1 }
            ))
        );
    }

    fn wednesday_of_week(weeks: i64) -> DateTime<Utc> {
        monday(weeks) + Duration::days(2)
    }
}

// Reading appointments: each one shown is recorded as read.

#[test]
fn viewing_an_appointment_records_the_read_and_a_hidden_one_records_nothing() {
    let store = clinic();
    let id = existing(&store, ALICE, at(10, 0), AppointmentStatus::Scheduled);
    let access = crate::patients::fake::InMemoryPatients::with(&[ALICE, BOB], &[]);
    let reads = RecordingReadAudit::default();
    let staff = actor(Role::Staff);
    let seen = block_on(view(&staff, id, &store, &access, &reads)).unwrap();
    assert_eq!(seen.reason.as_deref(), Some("Check-up"));
    let bob = Actor {
        patient_id: Some(BOB),
        ..actor(Role::Patient)
    };
    let hidden = block_on(view(&bob, id, &store, &access, &reads));
    assert!(matches!(
        hidden,
        Err(StoreError::Domain(crate::DomainError::NotFound {
            entity: "appointment"
        }))
    ));
    assert_eq!(
        reads.rows(),
        [(
            "appointments".to_owned(),
            i64::from(id),
            Some(staff.user_id)
        )]
    );
}

#[test]
fn a_page_of_appointments_records_one_read_per_appointment_within_the_readers_scope() {
    let store = clinic();
    let first = existing(&store, ALICE, at(10, 0), AppointmentStatus::Scheduled);
    let second = existing(&store, BOB, at(11, 0), AppointmentStatus::Scheduled);
    let reads = RecordingReadAudit::default();
    let page = block_on(list(
        &actor(Role::Admin),
        ListAppointments::default(),
        PageRequest::default(),
        &store,
        &reads,
    ))
    .unwrap();
    let mut ids: Vec<_> = reads
        .rows()
        .into_iter()
        .map(|(t, id, by)| {
            assert_eq!((t.as_str(), by), ("appointments", Some(1)));
            id
        })
        .collect();
    ids.sort_unstable();
    assert_eq!(page.items.len(), 2);
    assert_eq!(ids, [i64::from(first), i64::from(second)]);
    let without_profile = Actor {
        patient_id: None,
        ..actor(Role::Patient)
    };
    let nothing = block_on(list(
        &without_profile,
        ListAppointments::default(),
        PageRequest::default(),
        &store,
        &reads,
    ))
    .unwrap();
    assert!(nothing.items.is_empty());
    let bobs = ListAppointments {
        patient_id: Some(BOB),
        ..ListAppointments::default()
    };
    assert!(
        block_on(list(
            &actor(Role::Patient),
            bobs,
            PageRequest::default(),
            &store,
            &reads
        ))
        .is_err()
    );
    assert_eq!(reads.rows().len(), 2, "nothing else was shown");
}
