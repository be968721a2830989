//! The scheduling use cases on the PostgreSQL store: the facts a booking is judged on are
//! locked by the transaction that writes it, and a booking costs a handful of statements.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use chrono::{DateTime, Duration, NaiveTime, TimeZone, Utc};
use clinic_domain::access::Actor;
use clinic_domain::directory::{DoctorRepository, OfficeIds};
use clinic_domain::identity::Role;
use clinic_domain::scheduling::{
    AppointmentAction, AppointmentDuration, BookAppointment, BookAppointmentError, BookingQuery,
    BookingRefusal, ChangeStatus, RescheduleAppointment, SchedulingStore, book, change_status,
    reschedule,
};
use clinic_domain::values::TimeRange;
use clinic_domain::{Clock, FixedClock};
use clinic_infrastructure::db::{self, PoolSettings};
use clinic_infrastructure::repositories::{PgAppointments, PgDoctorRepository};
use clinic_infrastructure::testing::TestDatabase;
use sea_orm::{ConnectionTrait, DatabaseConnection};

const ADMIN: Actor = Actor {
    user_id: 1,
    role: Role::Admin,
    doctor_id: None,
    patient_id: None,
};
const STAFF: Actor = Actor {
    user_id: 4,
    role: Role::Staff,
    doctor_id: None,
    patient_id: None,
};
const DOCTOR: Actor = Actor {
    user_id: 2,
    role: Role::Doctor,
    doctor_id: Some(1),
    patient_id: None,
};

/// An admin, a doctor (id 1) who works every day 08:00-20:00 UTC at offices 1 and 2, a patient
/// (id 1) and a front-desk user.
async fn clinic() -> (TestDatabase, DatabaseConnection) {
    let database = TestDatabase::create().await;
    let db = database.connect().await;
    db.execute_unprepared(
        "INSERT INTO users (user_id, username, email, role) VALUES
            (1, 'admin', 'admin@clinic.test', 'admin'), (2, 'dr.who', 'who@clinic.test', 'doctor'),
            (3, 'alice', 'alice@clinic.test', 'patient'), (4, 'desk', 'desk@clinic.test', 'staff');
         INSERT INTO offices (office_id, name, address_line1, city, country) VALUES
            (1, 'North', '1 North Rd', 'Town', 'US'), (2, 'South', '2 South Rd', 'Town', 'US');
         INSERT INTO doctors (doctor_id, user_id, first_name, last_name, license_number, specialty_id)
            VALUES (1, 2, 'John', 'Smith', 'LIC-1', 1);
         INSERT INTO patients (patient_id, user_id, first_name, last_name) VALUES (1, 3, 'Alice', 'Smith');
         INSERT INTO doctor_offices (doctor_id, office_id) VALUES (1, 1), (1, 2);
         INSERT INTO doctor_working_hours (doctor_id, office_id, weekday, start_time, end_time)
            SELECT 1, 1, d, '08:00', '20:00' FROM generate_series(1, 7) d;",
    )
    .await
    .expect("fixtures");
    (database, db)
}

/// Tomorrow at 10:00 UTC, and a clock at today's 09:00.
fn tomorrow_at_ten() -> (DateTime<Utc>, FixedClock) {
    let today = Utc::now().date_naive();
    let at = |date: chrono::NaiveDate, hour| {
        Utc.from_utc_datetime(&date.and_time(NaiveTime::from_hms_opt(hour, 0, 0).unwrap()))
    };
    let tomorrow = today.succ_opt().unwrap();
    (at(tomorrow, 10), FixedClock::at(at(today, 9)))
}

fn booking(starts_at: DateTime<Utc>) -> BookAppointment {
    BookAppointment {
        patient_id: Some(1),
        doctor_id: 1,
        office_id: 1,
        starts_at,
        duration: Some(AppointmentDuration::new(30).unwrap()),
        visit_type_id: None,
        reason: Some("Check-up".into()),
        overbook_reason: None,
    }
}

#[tokio::test]
async fn a_doctor_who_left_the_office_before_the_booking_cannot_be_booked_there() {
    let (_database, db) = clinic().await;
    let (starts_at, clock) = tomorrow_at_ten();
    let doctors = PgDoctorRepository::new(db.clone());
    db.execute_unprepared("DELETE FROM doctor_working_hours WHERE office_id = 1")
        .await
        .unwrap();
    doctors
        .set_offices(&ADMIN, 1, OfficeIds::parse(&[2]).unwrap())
        .await
        .unwrap();
    let store = PgAppointments::new(db.clone());
    let result = book(&STAFF, booking(starts_at), &clock, &store).await;
    match result {
        Err(BookAppointmentError::Refused(BookingRefusal::Invalid(errors))) => {
            assert!(errors.has_field("office_id"), "{errors}");
        }
        other => panic!("expected office_id to be refused, got {other:?}"),
    }
}

#[tokio::test]
async fn removing_the_doctor_from_the_office_waits_for_a_booking_judged_on_it() {
    let (database, db) = clinic().await;
    let (starts_at, clock) = tomorrow_at_ten();
    let store = PgAppointments::new(db.clone());
    let mut tx = store.begin().await.unwrap();
    let facts = tx
        .booking_facts(&BookingQuery {
            patient_id: 1,
            doctor_id: 1,
            office_id: 1,
            range: TimeRange::starting_at(starts_at, 30).unwrap(),
            moving: None,
            actor_doctor_id: None,
            now: clock.now(),
        })
        .await
        .unwrap();
    assert!(facts.doctor_works_at_office);

    // Between the facts and the write, another session tries to take the doctor out of the
    // office (and their hours there). It must wait for the booking: with a lock timeout it
    // gives up instead of waiting.
    let other = database.connect().await;
    let removal = other
        .execute_unprepared(
            "SET lock_timeout = '300ms';
             DELETE FROM doctor_working_hours WHERE doctor_id = 1 AND office_id = 1;
             DELETE FROM doctor_offices WHERE doctor_id = 1 AND office_id = 1;",
        )
        .await;
    let error = removal.expect_err("the removal must wait for the booking's locks");
    assert!(
        error.to_string().contains("lock timeout"),
        "expected a lock timeout, got {error}"
    );
    drop(tx);

    // Once the booking's transaction has ended, the removal goes through.
    other
        .execute_unprepared(
            "SET lock_timeout = '5s';
             DELETE FROM doctor_working_hours WHERE doctor_id = 1 AND office_id = 1;
             DELETE FROM doctor_offices WHERE doctor_id = 1 AND office_id = 1;",
        )
        .await
        .unwrap();
}

/// A pool on the test's database whose statements are counted (BEGIN and COMMIT are not
/// statements the driver reports; each use case runs in one transaction).
async fn counting_pool(database: &TestDatabase) -> (DatabaseConnection, Arc<AtomicUsize>) {
    let mut db = db::connect(database.url(), &PoolSettings::default())
        .await
        .unwrap();
    let count = Arc::new(AtomicUsize::new(0));
    let seen = Arc::clone(&count);
    db.set_metric_callback(move |_| {
        seen.fetch_add(1, Ordering::SeqCst);
    });
    (db, count)
}

#[tokio::test]
async fn booking_moving_and_completing_each_run_in_a_handful_of_statements() {
    let (database, _db) = clinic().await;
    let (starts_at, clock) = tomorrow_at_ten();
    let (db, count) = counting_pool(&database).await;
    let store = PgAppointments::new(db);

    let booked = book(&STAFF, booking(starts_at), &clock, &store)
        .await
        .unwrap();
    let booking_statements = count.swap(0, Ordering::SeqCst);

    let moved = reschedule(
        &STAFF,
        RescheduleAppointment {
            appointment_id: booked.appointment_id,
            starts_at: Some(starts_at + Duration::hours(1)),
            duration: None,
            office_id: None,
            reason: None,
            overbook_reason: None,
        },
        &clock,
        &store,
    )
    .await
    .unwrap();
    let move_statements = count.swap(0, Ordering::SeqCst);

    let later = FixedClock::at(moved.starts_at + Duration::minutes(5));
    change_status(
        &STAFF,
        ChangeStatus::new(moved.appointment_id, AppointmentAction::CheckIn),
        &later,
        &store,
    )
    .await
    .unwrap();
    count.swap(0, Ordering::SeqCst);
    change_status(
        &DOCTOR,
        ChangeStatus::new(moved.appointment_id, AppointmentAction::Complete),
        &later,
        &store,
    )
    .await
    .unwrap();
    let complete_statements = count.swap(0, Ordering::SeqCst);

    eprintln!(
        "statements: booking {booking_statements}, move {move_statements}, complete {complete_statements}"
    );
    // facts, insert, notifications, outbox (the patient's emails), audit (lock+ids, head,
    // rows); BEGIN and COMMIT make 9.
    assert!(booking_statements <= 7, "booking took {booking_statements}");
    // lock, facts, update, notifications, outbox, audit (3).
    assert!(move_statements <= 8, "a move took {move_statements}");
    // lock, update, whether the desk already billed the visit at checkout, bill, notification,
    // audit (3).
    assert!(
        complete_statements <= 8,
        "completing took {complete_statements}"
    );
}
