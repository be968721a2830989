//! Booking choices against the in-memory store: a visit type's length and specialty, the
//! patient's own visits, identical visits and the referral gate's wording.

use super::use_case_tests::{
    ALICE, BOB, CARDIOLOGIST, GP, actor, at, book_as, booking, clinic, existing,
};
use super::visit_types::{NewVisitType, VisitTypeFacts, booking_length, check_offered_by};
use super::*;
use crate::identity::Role;

const CONSULTATION: i32 = 31;
const ECHO: i32 = 32;
const RETIRED: i32 = 33;
const CARDIOLOGY: i32 = 4;

fn visit_type(id: i32, name: &str, minutes: u32, specialty: Option<i32>) -> VisitTypeFacts {
    VisitTypeFacts {
        visit_type_id: id,
        name: name.into(),
        colour: "#2563eb".into(),
        duration: AppointmentDuration::new(minutes).unwrap(),
        specialty_id: specialty,
        specialty_name: specialty.map(|_| "Cardiology".into()),
        active: id != RETIRED,
    }
}

fn with_visit_types() -> fake::InMemoryScheduling {
    let store = clinic();
    store.change(|world| {
        for t in [
            visit_type(CONSULTATION, "Consultation 45", 45, None),
            visit_type(ECHO, "Echocardiogram", 60, Some(CARDIOLOGY)),
            visit_type(RETIRED, "Old check", 20, None),
        ] {
            world.visit_types.insert(t.visit_type_id, t);
        }
        world.doctor_specialties.insert(CARDIOLOGIST, CARDIOLOGY);
        world.doctor_specialties.insert(GP, 1);
    });
    store
}

fn typed(visit_type_id: i32, doctor_id: i32) -> BookAppointment {
    BookAppointment {
        visit_type_id: Some(visit_type_id),
        duration: None,
        doctor_id,
        ..booking(Some(ALICE), at(10, 0))
    }
}

fn invalid(result: Result<Appointment, BookAppointmentError>) -> Vec<(String, String)> {
    match result {
        Err(BookAppointmentError::Refused(BookingRefusal::Invalid(errors))) => errors
            .into_vec()
            .into_iter()
            .map(|e| (e.field, e.message))
            .collect(),
        other => panic!("expected invalid fields, got {other:?}"),
    }
}

#[test]
fn a_visit_types_length_is_the_visits_length_and_its_label_is_shown() {
    let store = with_visit_types();
    let booked = book_as(&store, &actor(Role::Staff), typed(CONSULTATION, GP)).unwrap();
    assert_eq!(booked.duration_minutes, 45);
    assert_eq!(booked.ends_at, at(10, 45));
    let label = booked.visit_type.unwrap();
    assert_eq!(
        (label.visit_type_id, label.name.as_str()),
        (CONSULTATION, "Consultation 45")
    );
}

#[test]
fn a_plain_length_still_books_without_a_visit_type() {
    let store = with_visit_types();
    let booked = book_as(&store, &actor(Role::Staff), booking(Some(ALICE), at(10, 0))).unwrap();
    assert_eq!((booked.duration_minutes, booked.visit_type), (30, None));
}

#[test]
fn a_length_sent_with_a_visit_type_must_be_the_types_own() {
    let store = with_visit_types();
    let mut both = typed(CONSULTATION, GP);
    both.duration = Some(AppointmentDuration::new(30).unwrap());
    assert_eq!(
        invalid(book_as(&store, &actor(Role::Staff), both)),
        [(
            "duration_minutes".to_owned(),
            "must be left out or equal the visit type's length (45 minutes)".to_owned()
        )]
    );
    let mut same = typed(CONSULTATION, GP);
    same.duration = Some(AppointmentDuration::new(45).unwrap());
    assert!(book_as(&store, &actor(Role::Staff), same).is_ok());
}

#[test]
fn a_missing_or_retired_visit_type_is_a_field_error() {
    let store = with_visit_types();
    assert_eq!(
        invalid(book_as(&store, &actor(Role::Staff), typed(99, GP)))[0].0,
        "visit_type_id"
    );
    assert_eq!(
        invalid(book_as(&store, &actor(Role::Staff), typed(RETIRED, GP))),
        [(
            "visit_type_id".to_owned(),
            "Old check is no longer offered".to_owned()
        )]
    );
    let neither = BookAppointment {
        duration: None,
        ..booking(Some(ALICE), at(10, 0))
    };
    assert_eq!(
        invalid(book_as(&store, &actor(Role::Staff), neither))[0].0,
        "duration_minutes"
    );
}

#[test]
fn a_visit_type_of_a_specialty_is_booked_with_its_doctors_only() {
    let store = with_visit_types();
    assert_eq!(
        invalid(book_as(&store, &actor(Role::Staff), typed(ECHO, GP))),
        [(
            "visit_type_id".to_owned(),
            "Echocardiogram is booked with a doctor of Cardiology only".to_owned()
        )]
    );
    let booked = book_as(&store, &actor(Role::Staff), typed(ECHO, CARDIOLOGIST)).unwrap();
    assert_eq!(booked.duration_minutes, 60);
}

#[test]
fn an_identical_visit_is_refused_even_with_an_overbooking_reason() {
    let store = with_visit_types();
    let first = existing(&store, ALICE, at(9, 0), AppointmentStatus::Scheduled);
    let mut again = booking(Some(ALICE), at(9, 0));
    again.overbook_reason = Some("the desk insists".into());
    assert_eq!(
        book_as(&store, &actor(Role::Staff), again),
        Err(BookAppointmentError::Refused(
            BookingRefusal::IdenticalVisit {
                appointment_id: first
            }
        ))
    );
    // Another patient at the same time is an overbooking the desk may make.
    let mut other = booking(Some(BOB), at(9, 0));
    other.overbook_reason = Some("urgent".into());
    assert!(
        book_as(&store, &actor(Role::Staff), other)
            .unwrap()
            .is_overbooked
    );
}

#[test]
fn a_cancelled_identical_visit_does_not_count() {
    let store = with_visit_types();
    existing(&store, ALICE, at(9, 0), AppointmentStatus::Cancelled);
    assert!(book_as(&store, &actor(Role::Staff), booking(Some(ALICE), at(9, 0))).is_ok());
}

#[test]
fn a_clash_with_the_patients_own_visit_is_told_in_the_patients_words() {
    let store = with_visit_types();
    let own = book_as(
        &store,
        &actor(Role::Staff),
        BookAppointment {
            doctor_id: CARDIOLOGIST,
            ..booking(Some(ALICE), at(9, 0))
        },
    )
    .unwrap()
    .appointment_id;
    let by_patient = book_as(&store, &actor(Role::Patient), booking(None, at(9, 15)));
    assert_eq!(
        by_patient,
        Err(BookAppointmentError::Refused(
            BookingRefusal::PatientClash {
                conflicts: vec![own],
                message: "This time clashes with your own visit at 9:00 AM UTC".into(),
            }
        ))
    );
    let by_desk = book_as(&store, &actor(Role::Staff), booking(Some(ALICE), at(9, 15)));
    assert!(matches!(
        by_desk,
        Err(BookAppointmentError::Refused(BookingRefusal::PatientClash { message, .. }))
            if message == "This time clashes with the patient's own visit at 9:00 AM UTC"
    ));
}

#[test]
fn a_doctors_own_conflict_stays_a_taken_slot() {
    let store = with_visit_types();
    let bobs = existing(&store, BOB, at(9, 0), AppointmentStatus::Scheduled);
    assert_eq!(
        book_as(&store, &actor(Role::Staff), booking(Some(ALICE), at(9, 0))),
        Err(BookAppointmentError::Refused(BookingRefusal::SlotTaken {
            conflicts: vec![bobs]
        }))
    );
}

#[test]
fn the_referral_refusal_says_what_is_needed() {
    assert_eq!(
        BookingRefusal::ReferralRequired.to_string(),
        "this specialist needs an approved referral before you can book; ask your primary \
         doctor for one"
    );
}

#[test]
fn visit_type_fields_are_checked_all_at_once() {
    let errors = NewVisitType::parse(" ", 3, None, "blue").unwrap_err();
    let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(fields, ["name", "duration_minutes", "colour"]);
    let ok = NewVisitType::parse(" Follow-up 15 ", 15, Some(2), "#A1B2C3").unwrap();
    assert_eq!(
        (ok.name.as_str(), ok.colour.as_str()),
        ("Follow-up 15", "#a1b2c3")
    );
}

#[test]
fn the_length_rule_prefers_the_visit_type() {
    let t = visit_type(CONSULTATION, "Consultation 45", 45, None);
    let thirty = AppointmentDuration::new(30).unwrap();
    assert_eq!(booking_length(None, None, Some(thirty)), Ok(thirty));
    assert_eq!(
        booking_length(Some(CONSULTATION), Some(&t), None),
        Ok(t.duration)
    );
    assert!(booking_length(Some(CONSULTATION), Some(&t), Some(thirty)).is_err());
    assert!(
        check_offered_by(&t, None).is_ok(),
        "a type of no specialty fits anyone"
    );
}
