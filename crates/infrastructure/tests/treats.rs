//! The SQL fragment that asks "does this doctor treat this patient" agrees with the domain's
//! rule on every combination of care-team membership and appointments.

use clinic_domain::access::{TreatmentFacts, treats};
use clinic_infrastructure::repositories::treats::treats as treats_sql;
use clinic_infrastructure::testing::TestDatabase;
use sea_orm::{ConnectionTrait, DbBackend, Statement};

#[tokio::test]
async fn the_sql_twin_agrees_with_the_domain_rule() {
    let database = TestDatabase::create().await;
    let db = database.connect().await;
    // Doctor 1 and patients 1-4: patient 1 with nothing, 2 on the care team, 3 with an
    // appointment, 4 both. Doctor 2 has an appointment with everyone (it must not count for 1).
    db.execute_unprepared(
        "INSERT INTO users (user_id, username, email, role)
            SELECT u, 'user' || u, 'user' || u || '@clinic.test',
                   CASE WHEN u <= 2 THEN 'doctor' ELSE 'patient' END
            FROM generate_series(1, 6) u;
         INSERT INTO offices (office_id, name, address_line1, city, country)
            VALUES (1, 'North', '1 North Rd', 'Town', 'US');
         INSERT INTO doctors (doctor_id, user_id, first_name, last_name, license_number, specialty_id)
            VALUES (1, 1, 'John', 'Smith', 'LIC-1', 1), (2, 2, 'Jane', 'Doe', 'LIC-2', 1);
         INSERT INTO patients (patient_id, user_id, first_name, last_name)
            SELECT p, p + 2, 'Patient', 'No' || p FROM generate_series(1, 4) p;
         INSERT INTO doctor_offices (doctor_id, office_id) VALUES (1, 1), (2, 1);
         INSERT INTO patient_doctors (patient_id, doctor_id, is_primary) VALUES (2, 1, false), (4, 1, false);
         INSERT INTO appointments (patient_id, doctor_id, office_id, appointment_datetime,
                duration_minutes, ends_at, status)
            SELECT p, d, 1, now() + (p * 10 + d) * interval '1 hour', 30,
                   now() + (p * 10 + d) * interval '1 hour' + interval '30 minutes', 'scheduled'
            FROM (VALUES (3, 1), (4, 1), (1, 2), (2, 2), (3, 2), (4, 2)) AS v(p, d);",
    )
    .await
    .expect("fixtures");
    let expected = [
        (1, false, false),
        (2, true, false),
        (3, false, true),
        (4, true, true),
    ];
    for (patient, in_care_team, has_appointment) in expected {
        let sql = format!("SELECT {} AS treats", treats_sql(&patient.to_string(), "1"));
        let row = db
            .query_one_raw(Statement::from_string(DbBackend::Postgres, sql))
            .await
            .unwrap()
            .unwrap();
        let in_sql: bool = row.try_get("", "treats").unwrap();
        let in_rust = treats(TreatmentFacts {
            in_care_team,
            has_appointment,
        });
        assert_eq!(in_sql, in_rust, "patient {patient}");
    }
}
