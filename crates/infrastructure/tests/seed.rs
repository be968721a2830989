//! The demo seed fills an empty database with a consistent clinic, and only an empty one.

use std::collections::HashMap;

use clinic_infrastructure::repositories::bills::derived_status_sql;
use clinic_infrastructure::seed::{SeedError, seed_demo};
use clinic_infrastructure::testing::TestDatabase;
use sea_orm::{ConnectionTrait, DbBackend, Statement};

async fn scalar(db: &impl ConnectionTrait, sql: &str) -> i64 {
    db.query_one_raw(Statement::from_string(DbBackend::Postgres, sql))
        .await
        .unwrap()
        .unwrap()
        .try_get_by_index::<i64>(0)
        .unwrap()
}

#[tokio::test]
async fn the_demo_seed_fills_an_empty_clinic_in_every_status_and_refuses_to_run_twice() {
    let database = TestDatabase::create().await;
    let db = database.connect().await;
    let report = seed_demo(
        &db,
        "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA",
    )
    .await
    .unwrap();
    let counts: HashMap<String, i64> = report.counts.into_iter().collect();
    assert_eq!(counts["offices"], 3);
    assert_eq!(counts["doctors"], 10);
    assert_eq!(counts["patients"], 100);
    // 500 single visits and the visits of one weekly series.
    let in_series = scalar(
        &db,
        "SELECT count(*) FROM appointments WHERE series_id IS NOT NULL",
    )
    .await;
    assert!(in_series > 0, "no visit of a series");
    assert_eq!(counts["appointments"], 500 + in_series);
    assert_eq!(
        scalar(&db, "SELECT count(*) FROM appointment_series").await,
        1
    );
    assert!(
        counts["medical_records"] > 50 && counts["prescriptions"] > 20,
        "{counts:?}"
    );
    assert_eq!(
        scalar(&db, "SELECT count(DISTINCT specialty_id) FROM doctors").await,
        5
    );
    for status in [
        "scheduled",
        "confirmed",
        "completed",
        "cancelled",
        "no_show",
    ] {
        let n = scalar(
            &db,
            &format!("SELECT count(*) FROM appointments WHERE status = '{status}'"),
        )
        .await;
        assert!(n > 0, "no {status} appointment");
    }
    // The time rules of visits hold of the seed: nothing checked in or completed before it
    // starts, checked in only on its day at its office, and no patient above the cap.
    assert_eq!(scalar(&db, "SELECT count(*) FROM appointments WHERE status IN ('checked_in', 'completed', 'no_show') AND appointment_datetime > now()").await, 0);
    assert_eq!(scalar(&db, "SELECT count(*) FROM appointments a JOIN offices o USING (office_id) WHERE a.status = 'checked_in' AND (a.appointment_datetime AT TIME ZONE o.time_zone)::date <> (now() AT TIME ZONE o.time_zone)::date").await, 0);
    assert_eq!(scalar(&db, "SELECT count(*) FROM (SELECT patient_id FROM appointments WHERE status IN ('scheduled', 'confirmed', 'checked_in') AND appointment_datetime > now() GROUP BY patient_id HAVING count(*) >= (SELECT max_future_appointments FROM clinic_settings)) over_cap").await, 0);
    assert!(scalar(&db, "SELECT count(*) FROM appointments WHERE status IN ('scheduled', 'confirmed') AND appointment_datetime > now()").await > 0);
    for status in ["paid", "partially_paid", "unpaid", "void"] {
        let n = scalar(
            &db,
            &format!(
                "SELECT count(*) FROM bills b WHERE {} = '{status}'",
                derived_status_sql("current_date")
            ),
        )
        .await;
        assert!(n > 0, "no {status} bill");
    }
    assert!(scalar(&db, "SELECT count(*) FROM bills WHERE billing_due < current_date AND amount_paid < amount_due AND voided_at IS NULL").await > 0);
    for status in ["pending", "approved", "denied", "cancelled"] {
        let n = scalar(
            &db,
            &format!("SELECT count(*) FROM specialist_approvals WHERE status = '{status}'"),
        )
        .await;
        assert!(n > 0, "no {status} approval");
    }
    // Every patient has exactly one primary doctor, and patients.primary_doctor_id agrees.
    assert_eq!(scalar(&db, "SELECT count(*) FROM patients p JOIN patient_doctors pd ON pd.patient_id = p.patient_id AND pd.is_primary AND pd.doctor_id = p.primary_doctor_id").await, 100);
    // Payments add up to what the bills say was paid.
    assert_eq!(scalar(&db, "SELECT count(*) FROM bills b WHERE amount_paid <> COALESCE((SELECT sum(amount) FROM payments WHERE bill_id = b.bill_id), 0)").await, 0);
    for login in ["admin", "frontdesk", "dr.house", "alice"] {
        assert_eq!(
            scalar(
                &db,
                &format!("SELECT count(*) FROM users WHERE username = '{login}'")
            )
            .await,
            1
        );
    }
    // The outbox shows reminders sent and waiting.
    for status in ["sent", "pending"] {
        assert!(
            scalar(
                &db,
                &format!("SELECT count(*) FROM outbox_messages WHERE status = '{status}'")
            )
            .await
                > 0,
            "no {status} outbox message"
        );
    }
    assert!(matches!(
        seed_demo(&db, "x").await,
        Err(SeedError::NotEmpty(_))
    ));
}

/// The demo tells one story relative to the moment it was seeded, on the offices' clock: no
/// row is stamped with the seeding moment or after it, the past is finished (completed visits
/// have their record and bill; nothing from an earlier day is still checked in), referral
/// reasons fit the specialty, and the README's specialists each have a referral to decide.
#[tokio::test]
async fn the_demo_story_is_consistent_relative_to_today() {
    let database = TestDatabase::create().await;
    let db = database.connect().await;
    let epoch = |sql: &'static str| {
        let db = &db;
        async move {
            db.query_one_raw(Statement::from_string(DbBackend::Postgres, sql))
                .await
                .unwrap()
                .unwrap()
                .try_get_by_index::<f64>(0)
                .unwrap()
        }
    };
    let before = epoch("SELECT extract(epoch FROM clock_timestamp())::float8").await;
    seed_demo(
        &db,
        "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA",
    )
    .await
    .unwrap();
    let after = epoch("SELECT extract(epoch FROM clock_timestamp())::float8").await;
    let window = format!("to_timestamp({before}) AND to_timestamp({after})");
    // Nothing was stamped while the seed ran (the seeding moment), nor later than it.
    for (table, column) in [
        ("appointments", "created_at"),
        ("appointments", "updated_at"),
        ("medical_records", "created_at"),
        ("prescriptions", "date_issued"),
        ("bills", "created_at"),
        ("bills", "updated_at"),
        ("bills", "voided_at"),
        ("payments", "paid_at"),
        ("specialist_approvals", "requested_at"),
        ("specialist_approvals", "decided_at"),
        ("notifications", "created_at"),
        ("notifications", "read_at"),
        ("waitlist_entries", "created_at"),
        ("waitlist_offers", "created_at"),
        ("appointment_series", "created_at"),
    ] {
        let n = scalar(
            &db,
            &format!(
                "SELECT count(*) FROM {table} WHERE {column} BETWEEN {window} OR {column} > to_timestamp({after})"
            ),
        )
        .await;
        assert_eq!(
            n, 0,
            "{table}.{column}: {n} rows at or after the seeding moment"
        );
    }
    // Visits were booked before they happened, and changed after they were booked.
    assert_eq!(scalar(&db, "SELECT count(*) FROM appointments WHERE created_at >= appointment_datetime OR updated_at < created_at").await, 0);
    // No visit from an earlier day is still checked in (or waiting) on the office's clock.
    assert_eq!(scalar(&db, "SELECT count(*) FROM appointments a JOIN offices o USING (office_id) WHERE a.status IN ('checked_in', 'scheduled', 'confirmed') AND (a.appointment_datetime AT TIME ZONE o.time_zone)::date < (now() AT TIME ZONE o.time_zone)::date").await, 0);
    // A visit is checked in only while under way: it started, less than an hour ago.
    assert_eq!(scalar(&db, "SELECT count(*) FROM appointments WHERE status = 'checked_in' AND (appointment_datetime > now() OR appointment_datetime < now() - interval '1 hour')").await, 0);
    // Every completed visit has its record and its bill; nothing else has a record.
    assert_eq!(scalar(&db, "SELECT count(*) FROM appointments a WHERE a.status = 'completed' AND (NOT EXISTS (SELECT 1 FROM medical_records r WHERE r.appointment_id = a.appointment_id) OR NOT EXISTS (SELECT 1 FROM bills b WHERE b.appointment_id = a.appointment_id))").await, 0);
    assert_eq!(scalar(&db, "SELECT count(*) FROM medical_records r JOIN appointments a USING (appointment_id) WHERE a.status <> 'completed'").await, 0);
    assert!(
        scalar(
            &db,
            "SELECT count(*) FROM bills WHERE amount_paid = amount_due"
        )
        .await
            > 0
    );
    // A record and its bill come after the visit began; payments after their bill.
    assert_eq!(scalar(&db, "SELECT count(*) FROM medical_records r JOIN appointments a USING (appointment_id) WHERE r.created_at < a.appointment_datetime").await, 0);
    assert_eq!(scalar(&db, "SELECT count(*) FROM payments p JOIN bills b USING (bill_id) WHERE p.paid_at < b.created_at").await, 0);
    // Referral reasons fit the specialist's specialty, and were decided after they were made.
    assert_eq!(scalar(&db, "SELECT count(*) FROM specialist_approvals a JOIN doctors d ON d.doctor_id = a.specialist_id JOIN specialties s USING (specialty_id) WHERE (s.specialty_name = 'Dermatology' AND a.reason ~* '(chest|heart|breath)') OR (s.specialty_name = 'Cardiology' AND a.reason ~* '(mole|skin|eczema|lesion|rash)')").await, 0);
    assert_eq!(
        scalar(
            &db,
            "SELECT count(*) FROM specialist_approvals WHERE decided_at <= requested_at"
        )
        .await,
        0
    );
    // Referrals and the notifications about them are stamped in office hours, not at the
    // clock time the seed happened to run.
    assert_eq!(scalar(&db, "SELECT count(*) FROM specialist_approvals a JOIN doctors d ON d.doctor_id = a.requesting_doctor_id JOIN doctor_offices USING (doctor_id) JOIN offices o USING (office_id) WHERE (a.requested_at AT TIME ZONE o.time_zone)::time NOT BETWEEN TIME '08:00' AND TIME '18:00'").await, 0);
    // The README's specialists each have a referral awaiting their decision, and were told.
    for specialist in ["dr.yang", "dr.grey"] {
        let pending = scalar(&db, &format!("SELECT count(*) FROM specialist_approvals a JOIN doctors d ON d.doctor_id = a.specialist_id JOIN users u ON u.user_id = d.user_id WHERE u.username = '{specialist}' AND a.status = 'pending'")).await;
        assert!(pending > 0, "{specialist} has no pending referral");
        let told = scalar(&db, &format!("SELECT count(*) FROM notifications n JOIN users u USING (user_id) WHERE u.username = '{specialist}' AND n.related_entity_type = 'specialist_approvals'")).await;
        assert_eq!(told, pending, "{specialist}");
    }
    // Notifications read the way the app writes them: no raw ISO times or bare amounts.
    assert_eq!(scalar(&db, r"SELECT count(*) FROM notifications WHERE message ~ '\d{4}-\d{2}-\d{2}' OR message ~ '(^|\s)\d+\.\d{2}(\s|$)'").await, 0);
}
