//! The directory adapters against a real PostgreSQL: what the database guarantees when the
//! domain's checks were made on data that changed in the meantime.

use chrono::{NaiveTime, Weekday};
use clinic_domain::access::Actor;
use clinic_domain::directory::{DoctorRepository, OfficeIds, WeeklySchedule};
use clinic_domain::identity::Role;
use clinic_domain::{DomainError, StoreError};
use clinic_infrastructure::db::{self, ConstraintKind, DbFailure};
use clinic_infrastructure::repositories::PgDoctorRepository;
use clinic_infrastructure::testing::TestDatabase;
use sea_orm::{ConnectionTrait, DatabaseConnection};

const ADMIN: Actor = Actor {
    user_id: 1,
    role: Role::Admin,
    doctor_id: None,
    patient_id: None,
};

/// An admin (user 1) and a doctor (id 1) working at offices 1 and 2.
async fn clinic() -> (TestDatabase, DatabaseConnection) {
    let database = TestDatabase::create().await;
    let db = database.connect().await;
    db.execute_unprepared(
        "INSERT INTO users (user_id, username, email, role) VALUES
            (1, 'admin', 'admin@clinic.test', 'admin'), (2, 'dr.who', 'who@clinic.test', 'doctor');
         INSERT INTO offices (office_id, name, address_line1, city, country) VALUES
            (1, 'North', '1 North Rd', 'Town', 'US'), (2, 'South', '2 South Rd', 'Town', 'US');
         INSERT INTO doctors (doctor_id, user_id, first_name, last_name, license_number, specialty_id)
            VALUES (1, 2, 'John', 'Smith', 'LIC-1', 1);
         INSERT INTO doctor_offices (doctor_id, office_id) VALUES (1, 1), (1, 2);",
    )
    .await
    .expect("fixtures");
    (database, db)
}

fn at(hour: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(hour, 0, 0).unwrap()
}

#[tokio::test]
async fn hours_at_an_office_the_doctor_left_meanwhile_are_a_422_not_a_500() {
    let (_database, db) = clinic().await;
    let doctors = PgDoctorRepository::new(db.clone());
    // Checked while the doctor still worked at office 2 ...
    let schedule = WeeklySchedule::parse(&[(2, Weekday::Mon, at(9), at(12))], &[1, 2]).unwrap();
    // ... who leaves it before the hours are written.
    let only_north = OfficeIds::parse(&[1]).unwrap();
    doctors.set_offices(&ADMIN, 1, only_north).await.unwrap();
    let error = doctors
        .set_working_hours(&ADMIN, 1, schedule)
        .await
        .unwrap_err();
    match error {
        StoreError::Domain(DomainError::Validation(errors)) => {
            assert!(errors.has_field("working_hours"), "{errors}");
        }
        other => panic!("expected a validation error, got {other:?}"),
    }
    assert!(doctors.working_hours(1).await.unwrap().is_empty());
}

#[tokio::test]
async fn the_database_refuses_overlapping_weekly_hours_across_offices() {
    let (_database, db) = clinic().await;
    db.execute_unprepared(
        "INSERT INTO doctor_working_hours (doctor_id, office_id, weekday, start_time, end_time)
         VALUES (1, 1, 1, '09:00', '12:00'), (1, 2, 1, '12:00', '13:00')",
    )
    .await
    .expect("touching blocks are fine");
    let err = db
        .execute_unprepared(
            "INSERT INTO doctor_working_hours (doctor_id, office_id, weekday, start_time, end_time)
             VALUES (1, 2, 1, '11:00', '12:30')",
        )
        .await
        .expect_err("an overlap must be rejected");
    assert_eq!(
        db::classify(&err),
        DbFailure::Constraint {
            kind: ConstraintKind::Exclusion,
            name: Some("doctor_working_hours_no_overlap".into())
        }
    );
}

#[tokio::test]
async fn replacing_the_offices_of_a_missing_doctor_is_not_found() {
    let (_database, db) = clinic().await;
    let doctors = PgDoctorRepository::new(db);
    let error = doctors
        .set_offices(&ADMIN, 99, OfficeIds::default())
        .await
        .unwrap_err();
    assert_eq!(error, StoreError::not_found("doctor"));
}
