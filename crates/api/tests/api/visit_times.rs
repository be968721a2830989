//! The time rules of visits, attacked from outside as issue 11 describes: a visit two days
//! ahead is not checked in, completed, billed or recorded; a patient does not cancel after the
//! start (or inside the clinic's late-cancellation window) to dodge a no-show, while the front
//! desk still can, saying why; no-shows wait for the start; patients book within the clinic's
//! horizon and cap; the admin's settings take effect at once; "the visit's day" is the
//! office's calendar day.

use chrono::Duration;
use clinic_domain::identity::Role;
use reqwest::Method;
use serde_json::{Value, json};

use crate::appointments::{at, open_office, starts_at, starts_now};
use crate::helpers::{TestApp, TestUser, assert_problem, json_of, spawn_app, test_now};

/// A front desk, a doctor with an open office, a patient and an admin.
struct Clinic {
    app: TestApp,
    staff: TestUser,
    doctor: TestUser,
    alice: TestUser,
    admin: TestUser,
    office: i64,
}

async fn clinic() -> Clinic {
    let app = spawn_app().await;
    let staff = app.user(Role::Staff, "desk").await;
    let doctor = app.user(Role::Doctor, "house").await;
    let alice = app.user(Role::Patient, "alice").await;
    let admin = app.user(Role::Admin, "root").await;
    let office = open_office(&app, &doctor).await;
    Clinic {
        app,
        staff,
        doctor,
        alice,
        admin,
        office,
    }
}

impl Clinic {
    fn booking(&self, patient: Option<i32>, starts_at: &str) -> Value {
        let mut body = json!({"doctor_id": self.doctor.doctor_id, "office_id": self.office,
            "starts_at": starts_at, "duration_minutes": 30});
        if let Some(patient) = patient {
            body["patient_id"] = json!(patient);
        }
        body
    }

    async fn book(
        &self,
        who: &TestUser,
        patient: Option<i32>,
        starts_at: &str,
    ) -> reqwest::Response {
        self.app
            .send_as(
                who,
                Method::POST,
                "/appointments",
                &self.booking(patient, starts_at),
            )
            .await
    }

    /// A visit of Alice booked by the front desk; returns its id.
    async fn visit(&self, starts_at: &str) -> i64 {
        json_of(
            self.book(&self.staff, self.alice.patient_id, starts_at)
                .await,
            201,
        )
        .await["id"]
            .as_i64()
            .unwrap()
    }

    async fn act(&self, who: &TestUser, id: i64, action: &str, body: Value) -> reqwest::Response {
        self.app
            .send_as(
                who,
                Method::POST,
                &format!("/appointments/{id}/{action}"),
                &body,
            )
            .await
    }

    async fn count(&self, sql: &str) -> i64 {
        self.app.scalar(sql).await.unwrap().as_i64().unwrap()
    }

    async fn status(&self, id: i64) -> String {
        let shown = json_of(
            self.app
                .get_as(&self.staff, &format!("/appointments/{id}"))
                .await,
            200,
        )
        .await;
        shown["status"].as_str().unwrap().to_owned()
    }
}

#[tokio::test]
async fn a_visit_two_days_ahead_is_not_checked_in_completed_billed_or_recorded_now() {
    let c = clinic().await;
    let id = c.visit(&at(2, 10)).await;
    assert_problem(
        c.act(&c.staff, id, "check-in", json!({})).await,
        409,
        "not_visit_day",
    )
    .await;
    assert_problem(
        c.act(&c.doctor, id, "check-in", json!({})).await,
        409,
        "not_visit_day",
    )
    .await;
    assert_problem(
        c.act(&c.doctor, id, "complete", json!({})).await,
        409,
        "invalid_transition",
    )
    .await;
    let record = json!({"appointment_id": id, "diagnosis": "Influenza"});
    assert_problem(
        c.app
            .send_as(&c.doctor, Method::POST, "/medical-records", &record)
            .await,
        409,
        "visit_not_in_progress",
    )
    .await;
    // A visit checked in ahead of time by older code still is not completed before its start.
    c.app
        .exec(&format!(
            "UPDATE appointments SET status = 'checked_in' WHERE appointment_id = {id}"
        ))
        .await;
    let refused = assert_problem(
        c.act(&c.doctor, id, "complete", json!({})).await,
        409,
        "appointment_not_started",
    )
    .await;
    assert!(
        refused["detail"].as_str().unwrap().contains("start time"),
        "{refused}"
    );
    let bills = json_of(c.app.get_as(&c.alice, "/bills").await, 200).await;
    assert_eq!(bills["items"], json!([]), "{bills}");
    assert_eq!(c.count("SELECT count(*) FROM bills").await, 0);
    assert_eq!(c.count("SELECT count(*) FROM medical_records").await, 0);
}

#[tokio::test]
async fn on_the_visits_day_it_is_checked_in_early_and_completed_from_its_start() {
    let c = clinic().await;
    let id = c.visit(&at(2, 10)).await;
    // Starting in ten minutes (a second, just before midnight), today: the patient is early.
    let soon = test_now() + Duration::minutes(10);
    let soon = if soon.date_naive() == test_now().date_naive() {
        soon
    } else {
        test_now() + Duration::seconds(1)
    };
    starts_at(&c.app, id, soon).await;
    json_of(c.act(&c.staff, id, "check-in", json!({})).await, 200).await;
    assert_problem(
        c.act(&c.doctor, id, "complete", json!({})).await,
        409,
        "appointment_not_started",
    )
    .await;
    assert_eq!(c.count("SELECT count(*) FROM bills").await, 0);
    // From its start it is completed and billed.
    starts_now(&c.app, id).await;
    json_of(c.act(&c.doctor, id, "complete", json!({})).await, 200).await;
    assert_eq!(c.count("SELECT count(*) FROM bills").await, 1);
}

#[tokio::test]
async fn a_no_show_waits_for_the_start() {
    let c = clinic().await;
    let id = c.visit(&at(2, 10)).await;
    starts_at(&c.app, id, test_now() + Duration::minutes(1)).await;
    assert_problem(
        c.act(&c.staff, id, "no-show", json!({})).await,
        409,
        "appointment_not_started",
    )
    .await;
    starts_now(&c.app, id).await;
    assert_eq!(
        json_of(c.act(&c.staff, id, "no-show", json!({})).await, 200).await["status"],
        "no_show"
    );
}

#[tokio::test]
async fn a_patient_does_not_cancel_after_the_start_and_the_front_desk_does_saying_why() {
    let c = clinic().await;
    let id = c.visit(&at(2, 10)).await;
    starts_at(&c.app, id, test_now() - Duration::minutes(15)).await;
    let refused = assert_problem(
        c.act(&c.alice, id, "cancel", json!({})).await,
        409,
        "late_cancellation",
    )
    .await;
    assert!(
        refused["detail"].as_str().unwrap().contains("front desk"),
        "{refused}"
    );
    assert_problem(
        c.act(&c.alice, id, "cancel", json!({"reason": "overslept"}))
            .await,
        409,
        "late_cancellation",
    )
    .await;
    // Nor does she move it away.
    assert_problem(
        c.app
            .send_as(
                &c.alice,
                Method::PATCH,
                &format!("/appointments/{id}"),
                &json!({"starts_at": at(9, 10)}),
            )
            .await,
        409,
        "late_cancellation",
    )
    .await;
    assert_eq!(c.status(id).await, "scheduled");
    // Staff cancel late only saying why; the reason is kept and audited.
    let missing = assert_problem(
        c.act(&c.staff, id, "cancel", json!({})).await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(missing["errors"][0]["field"], "reason", "{missing}");
    let empty_body = c
        .app
        .request(Method::POST, &format!("/api/v1/appointments/{id}/cancel"))
        .bearer_auth(&c.staff.token)
        .send()
        .await
        .unwrap();
    assert_problem(empty_body, 422, "validation_failed").await;
    let cancelled = json_of(
        c.act(
            &c.staff,
            id,
            "cancel",
            json!({"reason": "Patient called: car broke down"}),
        )
        .await,
        200,
    )
    .await;
    assert_eq!(cancelled["status"], "cancelled");
    assert_eq!(
        cancelled["cancellation_reason"],
        "Patient called: car broke down"
    );
    let audited = c
        .app
        .scalar(&format!(
            "SELECT new_values->>'cancellation_reason' FROM audit_log
             WHERE table_name = 'appointments' AND record_id = {id} ORDER BY log_id DESC LIMIT 1"
        ))
        .await;
    assert_eq!(audited, Some(json!("Patient called: car broke down")));
}

#[tokio::test]
async fn a_patient_cancels_before_the_window_and_the_admin_decides_the_window() {
    let c = clinic().await;
    let early = c.visit(&at(3, 10)).await;
    json_of(c.act(&c.alice, early, "cancel", json!({})).await, 200).await;
    let soon = c.visit(&at(4, 10)).await;
    starts_at(&c.app, soon, test_now() + Duration::hours(3)).await;
    assert_problem(
        c.act(&c.alice, soon, "cancel", json!({})).await,
        409,
        "late_cancellation",
    )
    .await;

    // Only the admin reads and changes the settings; bounds are checked and listed.
    for who in [&c.staff, &c.doctor, &c.alice] {
        assert_problem(
            c.app.get_as(who, "/clinic/settings").await,
            403,
            "forbidden",
        )
        .await;
        assert_problem(
            c.app.send_as(who, Method::PUT, "/clinic/settings", &json!({"late_cancellation_hours": 2, "booking_horizon_days": 180, "max_future_appointments": 5})).await,
            403,
            "forbidden",
        )
        .await;
    }
    let defaults = json_of(c.app.get_as(&c.admin, "/clinic/settings").await, 200).await;
    assert_eq!(
        defaults,
        json!({"late_cancellation_hours": 24, "booking_horizon_days": 180, "max_future_appointments": 5, "reminder_offsets_minutes": [1440, 120]})
    );
    let invalid = assert_problem(
        c.app.send_as(&c.admin, Method::PUT, "/clinic/settings", &json!({"late_cancellation_hours": -1, "booking_horizon_days": 0, "max_future_appointments": 1000})).await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(invalid["errors"].as_array().unwrap().len(), 3, "{invalid}");
    let changed = json_of(
        c.app.send_as(&c.admin, Method::PUT, "/clinic/settings", &json!({"late_cancellation_hours": 2, "booking_horizon_days": 180, "max_future_appointments": 5})).await,
        200,
    )
    .await;
    assert_eq!(changed["late_cancellation_hours"], 2);
    assert_eq!(
        c.count("SELECT count(*) FROM audit_log WHERE table_name = 'clinic_settings'")
            .await,
        1
    );
    // Three hours ahead is now outside the two-hour window.
    assert_eq!(
        json_of(c.act(&c.alice, soon, "cancel", json!({})).await, 200).await["status"],
        "cancelled"
    );
}

#[tokio::test]
async fn a_patient_books_within_the_horizon_and_the_front_desk_beyond_it() {
    let c = clinic().await;
    let far = assert_problem(
        c.book(&c.alice, None, &at(181, 10)).await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(far["errors"][0]["field"], "starts_at", "{far}");
    assert!(
        far["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("180 days"),
        "{far}"
    );
    json_of(c.book(&c.alice, None, &at(179, 10)).await, 201).await;
    json_of(
        c.book(&c.staff, c.alice.patient_id, &at(300, 10)).await,
        201,
    )
    .await;
}

#[tokio::test]
async fn a_sixth_future_booking_is_refused_to_the_patient_and_not_to_the_front_desk() {
    let c = clinic().await;
    // A past visit and a cancelled one do not count.
    let cancelled = c.visit(&at(20, 10)).await;
    json_of(c.act(&c.staff, cancelled, "cancel", json!({})).await, 200).await;
    let past = c.visit(&at(21, 10)).await;
    starts_at(&c.app, past, test_now() - Duration::days(3)).await;
    c.app
        .exec(&format!(
            "UPDATE appointments SET status = 'completed' WHERE appointment_id = {past}"
        ))
        .await;
    for day in 1..=5 {
        json_of(c.book(&c.alice, None, &at(day, 10)).await, 201).await;
    }
    let sixth = assert_problem(
        c.book(&c.alice, None, &at(6, 10)).await,
        409,
        "future_appointment_limit",
    )
    .await;
    assert!(sixth["detail"].as_str().unwrap().contains('5'), "{sixth}");
    assert_eq!(
        c.count(&format!(
            "SELECT count(*) FROM appointments WHERE patient_id = {}",
            c.alice.patient_id.unwrap()
        ))
        .await,
        7
    );
    json_of(c.book(&c.staff, c.alice.patient_id, &at(6, 10)).await, 201).await;
}

#[tokio::test]
async fn the_visits_day_is_the_offices_calendar_day_in_chicago() {
    let c = clinic().await;
    // Today in Chicago, by the server's clock; visits at 23:30 today and 00:30 tomorrow there,
    // both on tomorrow's date in UTC. Whatever the hour of the test, one of the two would be
    // judged wrongly by UTC's calendar: at 23:30 it is still today in Chicago.
    let now = test_now().to_rfc3339();
    let local_day = format!("(timestamptz '{now}' AT TIME ZONE 'America/Chicago')::date");
    let mut ids = Vec::new();
    for (days, time) in [(0, "23:30"), (1, "00:30")] {
        let id = c.visit(&at(2 + days, 10)).await;
        let moment = c
            .app
            .scalar(&format!("SELECT to_char((({local_day} + {days}) + time '{time}') AT TIME ZONE 'America/Chicago' AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"))
            .await
            .unwrap();
        starts_at(&c.app, id, moment.as_str().unwrap().parse().unwrap()).await;
        ids.push(id);
    }
    // The visits were booked in the office's UTC hours; now the office is in Chicago.
    c.app
        .exec(&format!(
            "UPDATE offices SET time_zone = 'America/Chicago' WHERE office_id = {}",
            c.office
        ))
        .await;
    assert_eq!(
        c.count(&format!("SELECT count(*) FROM appointments WHERE (appointment_datetime AT TIME ZONE 'UTC')::date = {local_day} + 1")).await,
        2,
        "both visits fall on the next UTC day"
    );
    assert_eq!(
        json_of(c.act(&c.staff, ids[0], "check-in", json!({})).await, 200).await["status"],
        "checked_in"
    );
    assert_problem(
        c.act(&c.staff, ids[1], "check-in", json!({})).await,
        409,
        "not_visit_day",
    )
    .await;
}
