//! The schema's rules, proven by trying to break each one against a real PostgreSQL.

use clinic_infrastructure::db::{self, ConstraintKind, DatabaseConnection, DbFailure};
use clinic_infrastructure::testing::TestDatabase;
use sea_orm::{ConnectionTrait, TransactionTrait};

/// Runs SQL that must succeed.
async fn exec(db: &impl ConnectionTrait, sql: &str) {
    db.execute_unprepared(sql)
        .await
        .unwrap_or_else(|e| panic!("{sql}\nfailed: {e}"));
}

/// Runs SQL that must be rejected by the named constraint.
async fn rejected_by(db: &impl ConnectionTrait, sql: &str, kind: ConstraintKind, name: &str) {
    let err = db
        .execute_unprepared(sql)
        .await
        .expect_err("the statement must be rejected");
    assert_eq!(
        db::classify(&err),
        DbFailure::Constraint {
            kind,
            name: Some(name.to_owned())
        },
        "{sql}\nwas rejected for another reason: {err}"
    );
}

async fn scalar_i64(db: &impl ConnectionTrait, sql: &str) -> i64 {
    let row = db
        .query_one_raw(sea_orm::Statement::from_string(
            sea_orm::DbBackend::Postgres,
            sql,
        ))
        .await
        .unwrap()
        .expect("a row");
    row.try_get_by_index::<i64>(0).unwrap()
}

/// A minimal clinic: two doctors (ids 1, 2) at office 1, two patients (ids 1, 2).
async fn small_clinic() -> (TestDatabase, DatabaseConnection) {
    let database = TestDatabase::create().await;
    let db = database.connect().await;
    exec(
        &db,
        "INSERT INTO users (user_id, username, email, role) VALUES
            (1, 'dr.house', 'house@clinic.test', 'doctor'),
            (2, 'dr.grey', 'grey@clinic.test', 'doctor'),
            (3, 'alice', 'alice@example.test', 'patient'),
            (4, 'bob', 'bob@example.test', 'patient');
         INSERT INTO offices (office_id, name, address_line1, city, country)
            VALUES (1, 'Main Street', '1 Main St', 'Springfield', 'US');
         INSERT INTO doctors (doctor_id, user_id, first_name, last_name, license_number, specialty_id)
            VALUES (1, 1, 'Greg', 'House', 'LIC-1', 1), (2, 2, 'Meredith', 'Grey', 'LIC-2', 4);
         INSERT INTO doctor_offices (doctor_id, office_id) VALUES (1, 1), (2, 1);
         INSERT INTO patients (patient_id, user_id, first_name, last_name)
            VALUES (1, 3, 'Alice', 'Smith'), (2, 4, 'Bob', 'Jones');
         -- Explicit ids do not advance identity sequences; move them past the fixtures.
         SELECT setval(pg_get_serial_sequence(t, c), 1000)
           FROM (VALUES ('users', 'user_id'), ('offices', 'office_id'), ('doctors', 'doctor_id'),
                        ('patients', 'patient_id'), ('appointments', 'appointment_id'),
                        ('bills', 'bill_id')) AS s(t, c);",
    )
    .await;
    (database, db)
}

fn appointment(
    id: i32,
    patient: i32,
    doctor: i32,
    start: &str,
    minutes: i32,
    status: &str,
) -> String {
    format!(
        "INSERT INTO appointments (appointment_id, patient_id, doctor_id, office_id,
            appointment_datetime, duration_minutes, ends_at, status)
         VALUES ({id}, {patient}, {doctor}, 1, TIMESTAMPTZ '{start}', {minutes},
            TIMESTAMPTZ '{start}' + make_interval(mins => {minutes}), '{status}')"
    )
}

#[tokio::test]
async fn code_tables_and_specialties_are_filled_by_the_migration() {
    let database = TestDatabase::create().await;
    let db = database.connect().await;
    assert_eq!(scalar_i64(&db, "SELECT count(*) FROM race_codes").await, 7);
    assert_eq!(
        scalar_i64(&db, "SELECT count(*) FROM ethnicity_codes").await,
        3
    );
    assert_eq!(
        scalar_i64(&db, "SELECT count(*) FROM gender_codes").await,
        4
    );
    assert!(scalar_i64(&db, "SELECT count(*) FROM specialties").await >= 5);
    assert_eq!(
        scalar_i64(
            &db,
            "SELECT count(*) FROM specialties WHERE NOT requires_referral"
        )
        .await,
        3,
        "primary care needs no referral"
    );
}

#[tokio::test]
async fn usernames_and_emails_are_unique_regardless_of_case() {
    let (_database, db) = small_clinic().await;
    rejected_by(
        &db,
        "INSERT INTO users (username, email, role) VALUES ('ALICE', 'other@x.test', 'patient')",
        ConstraintKind::Unique,
        "users_username_lower_key",
    )
    .await;
    rejected_by(
        &db,
        "INSERT INTO users (username, email, role) VALUES ('carol', 'Alice@Example.TEST', 'patient')",
        ConstraintKind::Unique,
        "users_email_lower_key",
    )
    .await;
}

#[tokio::test]
async fn a_patient_cannot_have_two_primary_doctors() {
    let (_database, db) = small_clinic().await;
    let txn = db.begin().await.unwrap();
    exec(
        &txn,
        "INSERT INTO patient_doctors (patient_id, doctor_id, is_primary) VALUES (1, 1, true)",
    )
    .await;
    exec(
        &txn,
        "UPDATE patients SET primary_doctor_id = 1 WHERE patient_id = 1",
    )
    .await;
    txn.commit().await.unwrap();
    rejected_by(
        &db,
        "INSERT INTO patient_doctors (patient_id, doctor_id, is_primary) VALUES (1, 2, true)",
        ConstraintKind::Unique,
        "patient_doctors_one_primary",
    )
    .await;
    // A second, non-primary member is fine.
    exec(
        &db,
        "INSERT INTO patient_doctors (patient_id, doctor_id) VALUES (1, 2)",
    )
    .await;
}

#[tokio::test]
async fn primary_doctor_id_must_name_the_care_team_row_marked_primary() {
    let (_database, db) = small_clinic().await;
    exec(
        &db,
        "INSERT INTO patient_doctors (patient_id, doctor_id) VALUES (1, 1)",
    )
    .await;
    // Pointing at a doctor who is a member but not marked primary fails at commit.
    let txn = db.begin().await.unwrap();
    exec(
        &txn,
        "UPDATE patients SET primary_doctor_id = 1 WHERE patient_id = 1",
    )
    .await;
    let err = txn.commit().await.expect_err("inconsistent primary doctor");
    assert_eq!(
        db::classify(&err),
        DbFailure::Constraint {
            kind: ConstraintKind::Check,
            name: Some("patients_primary_doctor_consistent".into())
        },
        "{err}"
    );
    // Marking the row primary without updating the patient fails too.
    let txn = db.begin().await.unwrap();
    exec(
        &txn,
        "UPDATE patient_doctors SET is_primary = true WHERE patient_id = 1",
    )
    .await;
    assert!(txn.commit().await.is_err());
    // Both together commit.
    let txn = db.begin().await.unwrap();
    exec(
        &txn,
        "UPDATE patient_doctors SET is_primary = true WHERE patient_id = 1",
    )
    .await;
    exec(
        &txn,
        "UPDATE patients SET primary_doctor_id = 1 WHERE patient_id = 1",
    )
    .await;
    txn.commit().await.unwrap();
}

#[tokio::test]
async fn a_doctor_cannot_have_two_overlapping_active_appointments() {
    let (_database, db) = small_clinic().await;
    exec(
        &db,
        &appointment(1, 1, 1, "2030-01-07 09:00Z", 30, "scheduled"),
    )
    .await;
    rejected_by(
        &db,
        &appointment(2, 2, 1, "2030-01-07 09:15Z", 30, "confirmed"),
        ConstraintKind::Exclusion,
        "appointments_doctor_no_overlap",
    )
    .await;
    // Back to back is not an overlap: ranges are half-open.
    exec(
        &db,
        &appointment(3, 2, 1, "2030-01-07 09:30Z", 30, "scheduled"),
    )
    .await;
}

#[tokio::test]
async fn a_patient_cannot_be_in_two_places_at_once() {
    let (_database, db) = small_clinic().await;
    exec(
        &db,
        &appointment(1, 1, 1, "2030-01-07 09:00Z", 60, "checked_in"),
    )
    .await;
    rejected_by(
        &db,
        &appointment(2, 1, 2, "2030-01-07 09:30Z", 30, "scheduled"),
        ConstraintKind::Exclusion,
        "appointments_patient_no_overlap",
    )
    .await;
}

#[tokio::test]
async fn cancelled_and_overbooked_appointments_may_overlap() {
    let (_database, db) = small_clinic().await;
    exec(
        &db,
        &appointment(1, 1, 1, "2030-01-07 09:00Z", 30, "cancelled"),
    )
    .await;
    exec(
        &db,
        &appointment(2, 2, 1, "2030-01-07 09:00Z", 30, "scheduled"),
    )
    .await;
    exec(
        &db,
        "INSERT INTO appointments (appointment_id, patient_id, doctor_id, office_id,
            appointment_datetime, duration_minutes, ends_at, is_overbooked, overbook_reason)
         VALUES (3, 1, 1, 1, '2030-01-07 09:00Z', 30, '2030-01-07 09:30Z', true, 'urgent')",
    )
    .await;
    // Reactivating the cancelled one would double-book the doctor.
    rejected_by(
        &db,
        "UPDATE appointments SET status = 'scheduled' WHERE appointment_id = 1",
        ConstraintKind::Exclusion,
        "appointments_doctor_no_overlap",
    )
    .await;
}

#[tokio::test]
async fn appointment_durations_and_end_times_are_consistent() {
    let (_database, db) = small_clinic().await;
    rejected_by(
        &db,
        &appointment(1, 1, 1, "2030-01-07 09:00Z", 0, "scheduled"),
        ConstraintKind::Check,
        "appointments_duration_check",
    )
    .await;
    rejected_by(
        &db,
        "INSERT INTO appointments (patient_id, doctor_id, office_id, appointment_datetime,
            duration_minutes, ends_at) VALUES (1, 1, 1, '2030-01-07 09:00Z', 30, '2030-01-07 11:00Z')",
        ConstraintKind::Check,
        "appointments_ends_at_check",
    )
    .await;
}

async fn completed_visit_with_bill(db: &DatabaseConnection) {
    exec(
        db,
        &appointment(1, 1, 1, "2025-01-07 09:00Z", 30, "completed"),
    )
    .await;
    exec(
        db,
        "INSERT INTO bills (bill_id, patient_id, appointment_id, amount_due, billing_due)
         VALUES (1, 1, 1, 120.00, '2025-02-06')",
    )
    .await;
}

#[tokio::test]
async fn a_bill_can_never_be_paid_above_its_amount() {
    let (_database, db) = small_clinic().await;
    completed_visit_with_bill(&db).await;
    exec(
        &db,
        "UPDATE bills SET amount_paid = 120.00 WHERE bill_id = 1",
    )
    .await;
    rejected_by(
        &db,
        "UPDATE bills SET amount_paid = 120.01 WHERE bill_id = 1",
        ConstraintKind::Check,
        "bills_not_overpaid",
    )
    .await;
    rejected_by(
        &db,
        "UPDATE bills SET amount_due = -1, amount_paid = 0 WHERE bill_id = 1",
        ConstraintKind::Check,
        "bills_amount_due_check",
    )
    .await;
}

#[tokio::test]
async fn an_appointment_has_at_most_one_bill() {
    let (_database, db) = small_clinic().await;
    completed_visit_with_bill(&db).await;
    rejected_by(
        &db,
        "INSERT INTO bills (patient_id, appointment_id, amount_due, billing_due)
         VALUES (1, 1, 50.00, '2025-02-06')",
        ConstraintKind::Unique,
        "bills_appointment_id_key",
    )
    .await;
}

#[tokio::test]
async fn a_bill_belongs_to_the_patient_of_its_appointment() {
    let (_database, db) = small_clinic().await;
    exec(
        &db,
        &appointment(1, 1, 1, "2025-01-07 09:00Z", 30, "completed"),
    )
    .await;
    let err = db
        .execute_unprepared(
            "INSERT INTO bills (patient_id, appointment_id, amount_due, billing_due)
             VALUES (2, 1, 50.00, '2025-02-06')",
        )
        .await
        .expect_err("another patient's appointment");
    assert!(matches!(
        db::classify(&err),
        DbFailure::Constraint {
            kind: ConstraintKind::ForeignKey,
            ..
        }
    ));
}

#[tokio::test]
async fn a_medical_record_matches_its_appointments_patient_and_doctor() {
    let (_database, db) = small_clinic().await;
    exec(
        &db,
        &appointment(1, 1, 1, "2025-01-07 09:00Z", 30, "checked_in"),
    )
    .await;
    exec(
        &db,
        "INSERT INTO medical_records (patient_id, doctor_id, appointment_id) VALUES (1, 1, 1)",
    )
    .await;
    rejected_by(
        &db,
        "INSERT INTO medical_records (patient_id, doctor_id, appointment_id) VALUES (1, 2, 1)",
        ConstraintKind::ForeignKey,
        "medical_records_appointment_fkey",
    )
    .await;
    rejected_by(
        &db,
        "INSERT INTO medical_records (patient_id, doctor_id, appointment_id, test_results)
         VALUES (1, 1, 1, '{\"not\": \"a list\"}')",
        ConstraintKind::Check,
        "medical_records_test_results_check",
    )
    .await;
}

#[tokio::test]
async fn approvals_keep_their_dates_and_one_pending_request_per_specialist() {
    let (_database, db) = small_clinic().await;
    exec(
        &db,
        "INSERT INTO specialist_approvals (patient_id, requesting_doctor_id, specialist_id, reason)
         VALUES (1, 1, 2, 'chest pain')",
    )
    .await;
    rejected_by(
        &db,
        "INSERT INTO specialist_approvals (patient_id, requesting_doctor_id, specialist_id, reason)
         VALUES (1, 1, 2, 'again')",
        ConstraintKind::Unique,
        "specialist_approvals_one_pending",
    )
    .await;
    rejected_by(
        &db,
        "UPDATE specialist_approvals SET status = 'approved', decided_at = now(),
            approved_at = requested_at - interval '1 day'",
        ConstraintKind::Check,
        "specialist_approvals_approved_at_check",
    )
    .await;
    rejected_by(
        &db,
        "INSERT INTO specialist_approvals (patient_id, requesting_doctor_id, specialist_id, reason)
         VALUES (2, 1, 1, 'self')",
        ConstraintKind::Check,
        "specialist_approvals_distinct_doctors_check",
    )
    .await;
}

#[tokio::test]
async fn years_of_experience_must_be_sane() {
    let (_database, db) = small_clinic().await;
    rejected_by(
        &db,
        "UPDATE doctors SET years_of_experience = 200 WHERE doctor_id = 1",
        ConstraintKind::Check,
        "doctors_years_of_experience_check",
    )
    .await;
}

#[tokio::test]
async fn the_audit_log_is_append_only() {
    let (_database, db) = small_clinic().await;
    exec(
        &db,
        "INSERT INTO audit_log (table_name, record_id, action, changed_by, new_values, prev_hash, row_hash)
         VALUES ('users', 3, 'insert', 1, '{}', 'genesis', 'h1')",
    )
    .await;
    for sql in [
        "UPDATE audit_log SET action = 'delete'",
        "DELETE FROM audit_log",
        "TRUNCATE audit_log",
    ] {
        let err = db.execute_unprepared(sql).await.expect_err(sql);
        assert!(err.to_string().contains("append-only"), "{sql}: {err}");
    }
    assert_eq!(
        scalar_i64(
            &db,
            "SELECT count(*) FROM audit_log WHERE action = 'insert'"
        )
        .await,
        1
    );
}
