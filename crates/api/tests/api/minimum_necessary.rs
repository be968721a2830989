//! Minimum necessary, tried the way an attacker would: booking does not open a chart for good,
//! a doctor books only their own appointments, care-team removal takes effect on the next
//! request, a visit opens the chart for a window after it ends and no longer, a booking
//! conflict names no other patient's appointments, and PostgreSQL stops a statement when the
//! request gives up on it.

use std::time::Duration as StdDuration;

use chrono::Duration;
use clinic_api::startup::ServerOptions;
use clinic_domain::access::TREATMENT_WINDOW_DAYS;
use clinic_domain::identity::Role;
use reqwest::Method;
use sea_orm::{ConnectionTrait, TransactionTrait};
use serde_json::{Value, json};

use crate::appointments::{at, open_office};
use crate::helpers::{
    TestApp, TestUser, assert_problem, json_of, spawn_app, spawn_app_with, test_now,
};

/// A clinic: doctor A on patient P's care team, doctor B (a stranger to P), P, another
/// patient Q, and the front desk; A and B work at one office.
struct Clinic {
    app: TestApp,
    doctor_a: TestUser,
    doctor_b: TestUser,
    patient: TestUser,
    other_patient: TestUser,
    staff: TestUser,
    office: i64,
}

async fn clinic() -> Clinic {
    let app = spawn_app().await;
    let doctor_a = app.user(Role::Doctor, "adams").await;
    let doctor_b = app.user(Role::Doctor, "baker").await;
    let patient = app.user(Role::Patient, "pat").await;
    let other_patient = app.user(Role::Patient, "quinn").await;
    let staff = app.user(Role::Staff, "desk").await;
    let office = open_office(&app, &doctor_a).await;
    open_office(&app, &doctor_b).await;
    app.exec(&format!(
        "INSERT INTO patient_doctors (patient_id, doctor_id) VALUES ({}, {})",
        patient.patient_id.unwrap(),
        doctor_a.doctor_id.unwrap()
    ))
    .await;
    Clinic {
        app,
        doctor_a,
        doctor_b,
        patient,
        other_patient,
        staff,
        office,
    }
}

impl Clinic {
    fn booking(&self, patient: &TestUser, doctor: &TestUser, starts_at: &str) -> Value {
        json!({"patient_id": patient.patient_id, "doctor_id": doctor.doctor_id,
               "office_id": self.office, "starts_at": starts_at, "duration_minutes": 30})
    }

    async fn book(&self, by: &TestUser, body: &Value) -> reqwest::Response {
        self.app
            .send_as(by, Method::POST, "/appointments", body)
            .await
    }

    /// What `doctor` is told when reading P's chart: records and the patient's profile.
    async fn chart_statuses(&self, doctor: &TestUser) -> (u16, u16) {
        let patient_id = self.patient.patient_id.unwrap();
        let records = self
            .app
            .get_as(doctor, &format!("/medical-records?patient_id={patient_id}"))
            .await
            .status()
            .as_u16();
        let profile = self
            .app
            .get_as(doctor, &format!("/patients/{patient_id}"))
            .await
            .status()
            .as_u16();
        (records, profile)
    }

    /// A visit of P with `doctor` in `status`, ending `ended_ago` before the server's clock.
    async fn past_visit(&self, doctor: &TestUser, status: &str, ended_ago: Duration) -> i64 {
        let ends_at = (test_now() - ended_ago).to_rfc3339();
        self.app
            .exec(&format!(
                "INSERT INTO appointments (patient_id, doctor_id, office_id, appointment_datetime,
                     duration_minutes, ends_at, status)
                 VALUES ({}, {}, {}, '{ends_at}'::timestamptz - interval '30 minutes', 30,
                         '{ends_at}', '{status}')",
                self.patient.patient_id.unwrap(),
                doctor.doctor_id.unwrap(),
                self.office
            ))
            .await;
        self.app
            .scalar("SELECT max(appointment_id) FROM appointments")
            .await
            .unwrap()
            .as_i64()
            .unwrap()
    }
}

#[tokio::test]
async fn a_doctor_cannot_book_a_patient_with_another_doctor() {
    let clinic = clinic().await;
    // A treats P (care team) and tries to book P with B: skipping the referral gate and
    // opening P's chart to B. Refused: a doctor books only their own appointments.
    let with_b = clinic.booking(&clinic.patient, &clinic.doctor_b, &at(3, 10));
    assert_problem(
        clinic.book(&clinic.doctor_a, &with_b).await,
        403,
        "forbidden",
    )
    .await;
    // Nothing was booked, so B still does not see P.
    assert_eq!(clinic.chart_statuses(&clinic.doctor_b).await, (404, 404));
    // A books P with themself, and the front desk books P with B: both fine.
    let with_a = clinic.booking(&clinic.patient, &clinic.doctor_a, &at(3, 10));
    json_of(clinic.book(&clinic.doctor_a, &with_a).await, 201).await;
    let with_b = clinic.booking(&clinic.patient, &clinic.doctor_b, &at(4, 10));
    json_of(clinic.book(&clinic.staff, &with_b).await, 201).await;
}

#[tokio::test]
async fn a_doctor_cannot_open_a_strangers_chart_by_booking_them_with_themself() {
    let clinic = clinic().await;
    let body = clinic.booking(&clinic.other_patient, &clinic.doctor_a, &at(3, 10));
    assert_problem(clinic.book(&clinic.doctor_a, &body).await, 404, "not_found").await;
}

#[tokio::test]
async fn a_cancelled_booking_opens_no_chart() {
    let clinic = clinic().await;
    // The front desk books P with B: B prepares the visit and may read the chart.
    let body = clinic.booking(&clinic.patient, &clinic.doctor_b, &at(3, 10));
    let booked = json_of(clinic.book(&clinic.staff, &body).await, 201).await;
    assert_eq!(clinic.chart_statuses(&clinic.doctor_b).await, (200, 200));
    // Cancelled, the booking gives B nothing: P's chart is as hidden as a missing one.
    let cancel = format!("/appointments/{}/cancel", booked["id"]);
    json_of(
        clinic
            .app
            .send_as(&clinic.staff, Method::POST, &cancel, &json!({}))
            .await,
        200,
    )
    .await;
    assert_eq!(clinic.chart_statuses(&clinic.doctor_b).await, (404, 404));
    let missing = clinic
        .app
        .get_as(&clinic.doctor_b, "/medical-records?patient_id=999999")
        .await;
    let hidden = clinic
        .app
        .get_as(
            &clinic.doctor_b,
            &format!(
                "/medical-records?patient_id={}",
                clinic.patient.patient_id.unwrap()
            ),
        )
        .await;
    assert_eq!(
        json_of(hidden, 404).await,
        json_of(missing, 404).await,
        "a hidden chart answers like a missing one"
    );
}

#[tokio::test]
async fn removal_from_the_care_team_takes_effect_on_the_next_request() {
    let clinic = clinic().await;
    assert_eq!(clinic.chart_statuses(&clinic.doctor_a).await, (200, 200));
    let path = format!(
        "/patients/{}/doctors/{}",
        clinic.patient.patient_id.unwrap(),
        clinic.doctor_a.doctor_id.unwrap()
    );
    let removed = clinic
        .app
        .request(Method::DELETE, &format!("/api/v1{path}"))
        .bearer_auth(&clinic.staff.token)
        .send()
        .await
        .unwrap();
    assert!(removed.status().is_success(), "{}", removed.status());
    assert_eq!(clinic.chart_statuses(&clinic.doctor_a).await, (404, 404));
}

#[tokio::test]
async fn a_visit_opens_the_chart_until_the_window_after_it_ends() {
    let clinic = clinic().await;
    let visit = clinic
        .past_visit(&clinic.doctor_b, "completed", Duration::days(1))
        .await;
    assert_eq!(clinic.chart_statuses(&clinic.doctor_b).await, (200, 200));
    // The same visit, had it ended a day beyond the window: the chart is closed to B.
    let beyond = test_now() - Duration::days(TREATMENT_WINDOW_DAYS + 1);
    clinic
        .app
        .exec(&format!(
            "UPDATE appointments SET appointment_datetime = '{0}'::timestamptz - interval '30 minutes',
                 ends_at = '{0}' WHERE appointment_id = {visit}",
            beyond.to_rfc3339()
        ))
        .await;
    assert_eq!(clinic.chart_statuses(&clinic.doctor_b).await, (404, 404));
    // A no-show inside the window counts like a visit; a cancelled one never does.
    clinic
        .past_visit(&clinic.doctor_b, "cancelled", Duration::days(1))
        .await;
    assert_eq!(clinic.chart_statuses(&clinic.doctor_b).await, (404, 404));
    clinic
        .past_visit(&clinic.doctor_b, "no_show", Duration::days(2))
        .await;
    assert_eq!(clinic.chart_statuses(&clinic.doctor_b).await, (200, 200));
}

#[tokio::test]
async fn a_booking_conflict_names_only_appointments_the_caller_may_see() {
    let clinic = clinic().await;
    // Q is with B at 10:00 on day 3, and P with A at the same time.
    let qs = clinic.booking(&clinic.other_patient, &clinic.doctor_b, &at(3, 10));
    let qs = json_of(clinic.book(&clinic.staff, &qs).await, 201).await;
    let ps = clinic.booking(&clinic.patient, &clinic.doctor_a, &at(3, 10));
    let ps = json_of(clinic.book(&clinic.doctor_a, &ps).await, 201).await;
    // P, booking B at that time, is told of their own appointment, not of Q's with B.
    let mine = json!({"doctor_id": clinic.doctor_b.doctor_id, "office_id": clinic.office,
                      "starts_at": at(3, 10), "duration_minutes": 30});
    let problem = assert_problem(
        clinic.book(&clinic.patient, &mine).await,
        409,
        "patient_visit_clash",
    )
    .await;
    assert_eq!(problem["conflicts"], json!([ps["id"]]), "{problem}");
    // The front desk sees the whole schedule.
    let desk = clinic.booking(&clinic.patient, &clinic.doctor_b, &at(3, 10));
    let problem = assert_problem(
        clinic.book(&clinic.staff, &desk).await,
        409,
        "patient_visit_clash",
    )
    .await;
    let mut ids = vec![ps["id"].as_i64().unwrap(), qs["id"].as_i64().unwrap()];
    ids.sort_unstable();
    assert_eq!(problem["conflicts"], json!(ids), "{problem}");
}

#[tokio::test]
async fn the_servers_pool_stops_a_statement_when_the_request_gives_up() {
    let app = spawn_app_with(ServerOptions {
        workers: Some(1),
        web_dir: None,
        request_timeout: StdDuration::from_secs(1),
        ..ServerOptions::default()
    })
    .await;
    let staff = app.user(Role::Staff, "desk").await;
    // Another session holds the bills table, so listing bills waits for it.
    let locker = app.db.begin().await.unwrap();
    locker
        .execute_unprepared("LOCK TABLE bills IN ACCESS EXCLUSIVE MODE")
        .await
        .unwrap();
    let response = app.get_as(&staff, "/bills").await;
    assert_problem(response, 503, "service_unavailable").await;
    // PostgreSQL gave up too: no statement of the server's is left waiting on the lock.
    tokio::time::sleep(StdDuration::from_millis(500)).await;
    let waiting = app
        .scalar(
            "SELECT count(*)::bigint FROM pg_stat_activity
             WHERE application_name = 'clinic' AND wait_event_type = 'Lock'
               AND query ILIKE '%FROM bills%' AND pid <> pg_backend_pid()",
        )
        .await;
    assert_eq!(waiting, Some(json!(0)));
    locker.rollback().await.unwrap();
}
