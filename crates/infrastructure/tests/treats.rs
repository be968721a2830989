//! The SQL fragment that asks "does this doctor treat this patient" agrees with the domain's
//! rule on care-team membership and on appointments of every status ending on either side of
//! the treatment window's edge, judged at one instant bound as a parameter.

use chrono::{DateTime, Duration, TimeZone, Utc};
use clinic_domain::access::{AppointmentTrace, TreatmentFacts, treatment_window, treats};
use clinic_domain::scheduling::AppointmentStatus;
use clinic_infrastructure::repositories::treats::treats as treats_sql;
use clinic_infrastructure::testing::TestDatabase;
use sea_orm::{ConnectionTrait, DbBackend, Statement};

/// One patient's situation with doctor 1: on the care team or not, and at most one appointment.
struct Case {
    in_care_team: bool,
    appointment: Option<AppointmentTrace>,
}

fn cases(now: DateTime<Utc>) -> Vec<Case> {
    let window = treatment_window();
    let ends = [
        now + Duration::days(400),
        now + Duration::minutes(10),
        now - Duration::days(1),
        now - window + Duration::seconds(1),
        now - window,
        now - window - Duration::seconds(1),
        now - Duration::days(365),
    ];
    let mut cases = vec![
        Case {
            in_care_team: false,
            appointment: None,
        },
        Case {
            in_care_team: true,
            appointment: None,
        },
        Case {
            in_care_team: true,
            appointment: Some(AppointmentTrace {
                status: AppointmentStatus::Cancelled,
                ends_at: now - Duration::days(365),
            }),
        },
    ];
    for status in AppointmentStatus::ALL {
        for ends_at in ends {
            cases.push(Case {
                in_care_team: false,
                appointment: Some(AppointmentTrace {
                    status: *status,
                    ends_at,
                }),
            });
        }
    }
    cases
}

#[tokio::test]
async fn the_sql_twin_agrees_with_the_domain_rule_at_the_edges_of_the_window() {
    let database = TestDatabase::create().await;
    let db = database.connect().await;
    // Not the database's clock: the instant is a parameter, as the adapters bind the app's.
    let now = Utc.with_ymd_and_hms(2031, 3, 30, 1, 30, 0).unwrap();
    let cases = cases(now);
    let patients = cases.len();
    db.execute_unprepared(&format!(
        "INSERT INTO users (user_id, username, email, role)
            SELECT u, 'user' || u, 'user' || u || '@clinic.test',
                   CASE WHEN u <= 2 THEN 'doctor' ELSE 'patient' END
            FROM generate_series(1, {users}) u;
         INSERT INTO offices (office_id, name, address_line1, city, country)
            VALUES (1, 'North', '1 North Rd', 'Town', 'US');
         INSERT INTO doctors (doctor_id, user_id, first_name, last_name, license_number, specialty_id)
            VALUES (1, 1, 'John', 'Smith', 'LIC-1', 1), (2, 2, 'Jane', 'Doe', 'LIC-2', 1);
         INSERT INTO patients (patient_id, user_id, first_name, last_name)
            SELECT p, p + 2, 'Patient', 'No' || p FROM generate_series(1, {patients}) p;
         INSERT INTO doctor_offices (doctor_id, office_id) VALUES (1, 1), (2, 1);",
        users = patients + 2,
    ))
    .await
    .expect("fixtures");
    for (i, case) in cases.iter().enumerate() {
        let patient = i32::try_from(i + 1).unwrap();
        if case.in_care_team {
            db.execute_unprepared(&format!(
                "INSERT INTO patient_doctors (patient_id, doctor_id, is_primary)
                 VALUES ({patient}, 1, false)"
            ))
            .await
            .expect("care team");
        }
        // Doctor 2 sees every patient next week: it must never count for doctor 1.
        let mut appointments = vec![(2, AppointmentStatus::Scheduled, now + Duration::days(7))];
        if let Some(a) = case.appointment {
            appointments.push((1, a.status, a.ends_at));
        }
        for (doctor, status, ends_at) in appointments {
            db.execute_raw(Statement::from_sql_and_values(
                DbBackend::Postgres,
                "INSERT INTO appointments (patient_id, doctor_id, office_id, appointment_datetime,
                        duration_minutes, ends_at, status, is_overbooked, overbook_reason)
                 VALUES ($1, $2, 1, $3::timestamptz - interval '30 minutes', 30, $3, $4,
                         true, 'fixture')",
                [
                    patient.into(),
                    doctor.into(),
                    ends_at.into(),
                    status.as_str().into(),
                ],
            ))
            .await
            .expect("appointment");
        }
    }
    for (i, case) in cases.iter().enumerate() {
        let patient = i + 1;
        let sql = format!(
            "SELECT {} AS treats",
            treats_sql(&patient.to_string(), "1", "$1")
        );
        let row = db
            .query_one_raw(Statement::from_sql_and_values(
                DbBackend::Postgres,
                sql,
                [now.into()],
            ))
            .await
            .unwrap()
            .unwrap();
        let in_sql: bool = row.try_get("", "treats").unwrap();
        let appointments: Vec<AppointmentTrace> = case.appointment.into_iter().collect();
        let in_rust = treats(
            TreatmentFacts {
                in_care_team: case.in_care_team,
                appointments: &appointments,
            },
            now,
        );
        assert_eq!(
            in_sql, in_rust,
            "patient {patient}: care team {}, {:?}",
            case.in_care_team, case.appointment
        );
    }
}
