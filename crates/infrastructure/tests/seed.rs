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
