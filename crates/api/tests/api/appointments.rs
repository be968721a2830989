//! Scheduling over HTTP: booking rules, conflicts, overbooking, the referral gate, the status
//! machine (completing issues the bill), rescheduling, availability, and a race for one slot.

use chrono::{DateTime, Duration, NaiveTime, Utc};
use clinic_domain::identity::Role;
use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::{TestApp, TestUser, assert_problem, json_of, spawn_app, test_now};

/// An office in UTC where `doctor` works every day from 08:00 to 18:00.
pub async fn open_office(app: &TestApp, doctor: &TestUser) -> i64 {
    app.exec("INSERT INTO offices (name, address_line1, city, country) VALUES ('Main', '1 Main St', 'Town', 'US') ON CONFLICT DO NOTHING").await;
    let office = app
        .scalar("SELECT office_id FROM offices WHERE name = 'Main'")
        .await
        .unwrap()
        .as_i64()
        .unwrap();
    let doctor_id = doctor.doctor_id.unwrap();
    app.exec(&format!(
        "INSERT INTO doctor_offices (doctor_id, office_id) VALUES ({doctor_id}, {office});
         INSERT INTO doctor_working_hours (doctor_id, office_id, weekday, start_time, end_time)
            SELECT {doctor_id}, {office}, d, '08:00', '18:00' FROM generate_series(1, 7) d;"
    ))
    .await;
    office
}

/// `hour`:00 UTC, `days` days from now, as RFC 3339.
pub fn at(days: i64, hour: u32) -> String {
    let date = (test_now() + Duration::days(days)).date_naive();
    date.and_time(NaiveTime::from_hms_opt(hour, 0, 0).unwrap())
        .and_utc()
        .to_rfc3339()
}

/// The day of a booked visit arrives: it now starts at the server's "now" (`test_now`), which
/// the booking rules would refuse (a start in the past), so the row is moved directly.
pub async fn starts_now(app: &TestApp, appointment_id: i64) {
    starts_at(app, appointment_id, test_now()).await;
}

/// Moves a booked visit's start to `moment` directly, past the booking rules.
pub async fn starts_at(app: &TestApp, appointment_id: i64, moment: DateTime<Utc>) {
    let moment = moment.to_rfc3339();
    app.exec(&format!(
        "UPDATE appointments SET appointment_datetime = '{moment}',
             ends_at = '{moment}'::timestamptz + duration_minutes * interval '1 minute'
         WHERE appointment_id = {appointment_id}"
    ))
    .await;
}

fn booking(patient: Option<i32>, doctor: &TestUser, office: i64, starts_at: &str) -> Value {
    let mut body = json!({"doctor_id": doctor.doctor_id, "office_id": office, "starts_at": starts_at, "duration_minutes": 30});
    if let Some(patient) = patient {
        body["patient_id"] = json!(patient);
    }
    body
}

#[tokio::test]
async fn a_patient_books_a_slot_and_both_parties_are_notified() {
    let app = spawn_app().await;
    let doctor = app.user(Role::Doctor, "house").await;
    let patient = app.user(Role::Patient, "alice").await;
    let office = open_office(&app, &doctor).await;
    let body = json!({"doctor_id": doctor.doctor_id, "office_id": office, "starts_at": at(7, 10), "duration_minutes": 30, "reason": "cough"});
    let booked = json_of(
        app.send_as(&patient, Method::POST, "/appointments", &body)
            .await,
        201,
    )
    .await;
    assert_eq!(booked["status"], "scheduled");
    assert_eq!(booked["patient_id"], patient.patient_id.unwrap());
    assert_eq!(booked["duration_minutes"], 30);
    let unread = json_of(
        app.get_as(&patient, "/notifications/unread-count").await,
        200,
    )
    .await;
    assert_eq!(unread["unread"], 1);
    let doctors = json_of(app.get_as(&doctor, "/notifications?unread=true").await, 200).await;
    assert_eq!(doctors["items"][0]["related_entity_type"], "appointments");
    assert_eq!(doctors["items"][0]["related_entity_id"], booked["id"]);
    let audited = app
        .scalar(&format!(
            "SELECT count(*) FROM audit_log WHERE table_name = 'appointments' AND record_id = {}",
            booked["id"]
        ))
        .await;
    assert_eq!(audited, Some(json!(1)));
}

#[tokio::test]
async fn bookings_in_the_past_outside_hours_or_at_a_foreign_office_are_refused() {
    let app = spawn_app().await;
    let doctor = app.user(Role::Doctor, "house").await;
    let patient = app.user(Role::Patient, "alice").await;
    let office = open_office(&app, &doctor).await;
    let field = |problem: Value| problem["errors"][0]["field"].as_str().unwrap().to_owned();
    let past = booking(None, &doctor, office, &at(-1, 10));
    let p = assert_problem(
        app.send_as(&patient, Method::POST, "/appointments", &past)
            .await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(field(p), "starts_at");
    let night = booking(None, &doctor, office, &at(7, 20));
    let p = assert_problem(
        app.send_as(&patient, Method::POST, "/appointments", &night)
            .await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(field(p), "starts_at");
    app.exec("INSERT INTO offices (name, address_line1, city, country) VALUES ('Other', '2 Side St', 'Town', 'US')").await;
    let other = app
        .scalar("SELECT office_id FROM offices WHERE name = 'Other'")
        .await
        .unwrap()
        .as_i64()
        .unwrap();
    let foreign = booking(None, &doctor, other, &at(7, 10));
    let p = assert_problem(
        app.send_as(&patient, Method::POST, "/appointments", &foreign)
            .await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(field(p), "office_id");
    let mut short = booking(None, &doctor, office, &at(7, 10));
    short["duration_minutes"] = json!(3);
    assert_problem(
        app.send_as(&patient, Method::POST, "/appointments", &short)
            .await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(
        app.scalar("SELECT count(*) FROM appointments").await,
        Some(json!(0))
    );
}

#[tokio::test]
async fn a_conflict_lists_every_overlapping_appointment() {
    let app = spawn_app().await;
    let staff = app.user(Role::Staff, "desk").await;
    let doctor = app.user(Role::Doctor, "house").await;
    let other_doctor = app.user(Role::Doctor, "grey").await;
    let alice = app.user(Role::Patient, "alice").await;
    let bob = app.user(Role::Patient, "bob").await;
    let office = open_office(&app, &doctor).await;
    let doctor_id = other_doctor.doctor_id.unwrap();
    app.exec(&format!("INSERT INTO doctor_offices VALUES ({doctor_id}, {office}); INSERT INTO doctor_working_hours (doctor_id, office_id, weekday, start_time, end_time) SELECT {doctor_id}, {office}, d, '08:00', '18:00' FROM generate_series(1, 7) d;")).await;
    // Bob is with House at 10:00; Alice is with Grey at 10:15.
    let first = json_of(
        app.send_as(
            &staff,
            Method::POST,
            "/appointments",
            &booking(bob.patient_id, &doctor, office, &at(7, 10)),
        )
        .await,
        201,
    )
    .await;
    let mut with_grey = booking(alice.patient_id, &other_doctor, office, &at(7, 10));
    with_grey["starts_at"] = json!(at(7, 10).replace(":00:00", ":15:00"));
    let second = json_of(
        app.send_as(&staff, Method::POST, "/appointments", &with_grey)
            .await,
        201,
    )
    .await;
    // Alice with House at 10:00 collides with both; her own visit with Grey makes it a clash
    // with her own visit, and every overlapping visit is still listed.
    let clash = booking(alice.patient_id, &doctor, office, &at(7, 10));
    let problem = assert_problem(
        app.send_as(&staff, Method::POST, "/appointments", &clash)
            .await,
        409,
        "patient_visit_clash",
    )
    .await;
    assert_eq!(problem["conflicts"], json!([first["id"], second["id"]]));
}

#[tokio::test]
async fn staff_may_overbook_on_purpose_but_patients_may_not() {
    let app = spawn_app().await;
    let staff = app.user(Role::Staff, "desk").await;
    let doctor = app.user(Role::Doctor, "house").await;
    let alice = app.user(Role::Patient, "alice").await;
    let bob = app.user(Role::Patient, "bob").await;
    let office = open_office(&app, &doctor).await;
    json_of(
        app.send_as(
            &alice,
            Method::POST,
            "/appointments",
            &booking(None, &doctor, office, &at(7, 10)),
        )
        .await,
        201,
    )
    .await;
    let mut over = booking(None, &doctor, office, &at(7, 10));
    over["overbook_reason"] = json!("urgent");
    assert_problem(
        app.send_as(&bob, Method::POST, "/appointments", &over)
            .await,
        422,
        "validation_failed",
    )
    .await;
    over["patient_id"] = json!(bob.patient_id);
    let booked = json_of(
        app.send_as(&staff, Method::POST, "/appointments", &over)
            .await,
        201,
    )
    .await;
    assert_eq!(booked["is_overbooked"], true);
    assert_eq!(booked["overbook_reason"], "urgent");
    let audit = app
        .scalar(&format!(
            "SELECT changed_by FROM audit_log WHERE table_name = 'appointments' AND record_id = {}",
            booked["id"]
        ))
        .await;
    assert_eq!(audit, Some(json!(staff.user_id)));
    let why = app.scalar(&format!("SELECT new_values->>'overbook_reason' FROM audit_log WHERE table_name = 'appointments' AND record_id = {}", booked["id"])).await;
    assert_eq!(why, Some(json!("urgent")));
}

#[tokio::test]
async fn a_specialist_needing_a_referral_is_bookable_by_a_patient_only_with_one() {
    let app = spawn_app().await;
    let cardiologist = app.user(Role::Doctor, "cardio").await;
    let gp = app.user(Role::Doctor, "gpdoc").await;
    let alice = app.user(Role::Patient, "alice").await;
    let staff = app.user(Role::Staff, "desk").await;
    app.exec(&format!("UPDATE doctors SET specialty_id = (SELECT specialty_id FROM specialties WHERE specialty_name = 'Cardiology') WHERE doctor_id = {}", cardiologist.doctor_id.unwrap())).await;
    let office = open_office(&app, &cardiologist).await;
    let body = booking(None, &cardiologist, office, &at(7, 10));
    assert_problem(
        app.send_as(&alice, Method::POST, "/appointments", &body)
            .await,
        409,
        "referral_required",
    )
    .await;
    app.exec(&format!(
        "INSERT INTO specialist_approvals (patient_id, requesting_doctor_id, specialist_id, reason, status, approved_at, decided_at)
         VALUES ({}, {}, {}, 'chest pain', 'approved', now(), now())",
        alice.patient_id.unwrap(), gp.doctor_id.unwrap(), cardiologist.doctor_id.unwrap()
    ))
    .await;
    json_of(
        app.send_as(&alice, Method::POST, "/appointments", &body)
            .await,
        201,
    )
    .await;
    // Staff book specialists directly.
    let bob = app.user(Role::Patient, "bob").await;
    json_of(
        app.send_as(
            &staff,
            Method::POST,
            "/appointments",
            &booking(bob.patient_id, &cardiologist, office, &at(8, 10)),
        )
        .await,
        201,
    )
    .await;
}

#[tokio::test]
async fn a_visit_moves_through_its_statuses_and_completing_it_issues_the_bill() {
    let app = spawn_app().await;
    let staff = app.user(Role::Staff, "desk").await;
    let doctor = app.user(Role::Doctor, "house").await;
    let alice = app.user(Role::Patient, "alice").await;
    let office = open_office(&app, &doctor).await;
    let booked = json_of(
        app.send_as(
            &alice,
            Method::POST,
            "/appointments",
            &booking(None, &doctor, office, &at(7, 10)),
        )
        .await,
        201,
    )
    .await;
    let id = booked["id"].as_i64().unwrap();
    let step = |who: &TestUser, action: &str| {
        let (app, who, path) = (&app, who.clone(), format!("/appointments/{id}/{action}"));
        async move { app.send_as(&who, Method::POST, &path, &json!({})).await }
    };
    assert_problem(step(&alice, "check-in").await, 403, "forbidden").await;
    assert_problem(step(&alice, "no-show").await, 403, "forbidden").await;
    assert_problem(
        step(&staff, "no-show").await,
        409,
        "appointment_not_started",
    )
    .await;
    assert_eq!(
        json_of(step(&alice, "confirm").await, 200).await["status"],
        "confirmed"
    );
    // A week ahead it is not the visit's day yet.
    assert_problem(step(&staff, "check-in").await, 409, "not_visit_day").await;
    starts_now(&app, id).await;
    assert_eq!(
        json_of(step(&staff, "check-in").await, 200).await["status"],
        "checked_in"
    );
    assert_problem(step(&staff, "complete").await, 403, "forbidden").await;
    assert_problem(step(&alice, "cancel").await, 409, "invalid_transition").await;
    assert_eq!(
        json_of(step(&doctor, "complete").await, 200).await["status"],
        "completed"
    );
    assert_problem(step(&doctor, "complete").await, 409, "invalid_transition").await;

    // The bill: the specialty's fee (Family Medicine, 120.00), due 30 days after completion.
    let bill = app.scalar(&format!("SELECT row_to_json(b) FROM (SELECT bill_id, amount_due::text, billing_due::text FROM bills WHERE appointment_id = {id}) b")).await.unwrap();
    assert_eq!(bill["amount_due"], "120.00");
    let shown = json_of(
        app.get_as(&alice, &format!("/bills/{}", bill["bill_id"]))
            .await,
        200,
    )
    .await;
    assert_eq!(shown["status"], "unpaid");
    let due = (test_now() + Duration::days(30)).date_naive().to_string();
    assert_eq!(bill["billing_due"], due);
    let notes = json_of(app.get_as(&alice, "/notifications").await, 200).await;
    assert!(
        notes["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|n| n["kind"] == "billing"),
        "{notes}"
    );
}

#[tokio::test]
async fn rescheduling_rechecks_the_rules_and_only_while_scheduled_or_confirmed() {
    let app = spawn_app().await;
    let doctor = app.user(Role::Doctor, "house").await;
    let alice = app.user(Role::Patient, "alice").await;
    let bob = app.user(Role::Patient, "bob").await;
    let office = open_office(&app, &doctor).await;
    let mine = json_of(
        app.send_as(
            &alice,
            Method::POST,
            "/appointments",
            &booking(None, &doctor, office, &at(7, 10)),
        )
        .await,
        201,
    )
    .await;
    json_of(
        app.send_as(
            &bob,
            Method::POST,
            "/appointments",
            &booking(None, &doctor, office, &at(7, 11)),
        )
        .await,
        201,
    )
    .await;
    let path = format!("/appointments/{}", mine["id"]);
    let moved = json_of(
        app.send_as(
            &alice,
            Method::PATCH,
            &path,
            &json!({"starts_at": at(7, 14)}),
        )
        .await,
        200,
    )
    .await;
    assert_eq!(moved["starts_at"].as_str().unwrap()[11..16], *"14:00");
    let onto_bob = app
        .send_as(
            &alice,
            Method::PATCH,
            &path,
            &json!({"starts_at": at(7, 11)}),
        )
        .await;
    assert_problem(onto_bob, 409, "appointment_conflict").await;
    assert_problem(
        app.send_as(&bob, Method::PATCH, &path, &json!({"starts_at": at(7, 15)}))
            .await,
        404,
        "not_found",
    )
    .await;
    json_of(
        app.send_as(&alice, Method::POST, &format!("{path}/cancel"), &json!({}))
            .await,
        200,
    )
    .await;
    assert_problem(
        app.send_as(
            &alice,
            Method::PATCH,
            &path,
            &json!({"starts_at": at(7, 16)}),
        )
        .await,
        409,
        "invalid_transition",
    )
    .await;
}

#[tokio::test]
async fn availability_is_working_hours_minus_active_appointments() {
    let app = spawn_app().await;
    let doctor = app.user(Role::Doctor, "house").await;
    let alice = app.user(Role::Patient, "alice").await;
    let office = open_office(&app, &doctor).await;
    json_of(
        app.send_as(
            &alice,
            Method::POST,
            "/appointments",
            &booking(None, &doctor, office, &at(7, 10)),
        )
        .await,
        201,
    )
    .await;
    let day = (test_now() + Duration::days(7)).date_naive();
    let path = format!(
        "/doctors/{}/availability?office_id={office}&from={day}&to={day}&slot_minutes=60",
        doctor.doctor_id.unwrap()
    );
    let free = json_of(app.get_as(&alice, &path).await, 200).await;
    let starts: Vec<String> = free["slots"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["starts_at"].as_str().unwrap()[11..16].to_owned())
        .collect();
    assert_eq!(
        starts,
        [
            "08:00", "09:00", "11:00", "12:00", "13:00", "14:00", "15:00", "16:00", "17:00"
        ]
    );
    let far = day + Duration::days(40);
    let too_long = format!(
        "/doctors/{}/availability?office_id={office}&from={day}&to={far}",
        doctor.doctor_id.unwrap()
    );
    assert_problem(
        app.get_as(&alice, &too_long).await,
        422,
        "validation_failed",
    )
    .await;
}

#[tokio::test]
async fn patients_see_only_their_own_appointments() {
    let app = spawn_app().await;
    let doctor = app.user(Role::Doctor, "house").await;
    let alice = app.user(Role::Patient, "alice").await;
    let bob = app.user(Role::Patient, "bob").await;
    let office = open_office(&app, &doctor).await;
    let mine = json_of(
        app.send_as(
            &alice,
            Method::POST,
            "/appointments",
            &booking(None, &doctor, office, &at(7, 10)),
        )
        .await,
        201,
    )
    .await;
    assert_problem(
        app.get_as(&bob, &format!("/appointments/{}", mine["id"]))
            .await,
        404,
        "not_found",
    )
    .await;
    assert_eq!(
        json_of(app.get_as(&bob, "/appointments").await, 200).await["total"],
        0
    );
    assert_eq!(
        json_of(app.get_as(&alice, "/appointments").await, 200).await["total"],
        1
    );
    assert_eq!(
        json_of(app.get_as(&doctor, "/appointments").await, 200).await["total"],
        1
    );
    let other_doctor = app.user(Role::Doctor, "grey").await;
    assert_eq!(
        json_of(app.get_as(&other_doctor, "/appointments").await, 200).await["total"],
        0
    );
}

#[tokio::test]
async fn fifty_concurrent_bookings_of_one_slot_give_one_201_and_forty_nine_409s() {
    let app = spawn_app().await;
    let staff = app.user(Role::Staff, "desk").await;
    let doctor = app.user(Role::Doctor, "house").await;
    let office = open_office(&app, &doctor).await;
    let mut patients = Vec::new();
    for i in 0..50 {
        patients.push(app.user(Role::Patient, &format!("patient{i}")).await);
    }
    let slot = at(7, 10);
    let requests = patients.iter().map(|p| {
        let body = booking(p.patient_id, &doctor, office, &slot);
        let (app, staff) = (&app, &staff);
        async move {
            app.send_as(staff, Method::POST, "/appointments", &body)
                .await
                .status()
                .as_u16()
        }
    });
    let statuses = futures_util::future::join_all(requests).await;
    let created = statuses.iter().filter(|s| **s == 201).count();
    let conflicts = statuses.iter().filter(|s| **s == 409).count();
    assert_eq!((created, conflicts), (1, 49), "{statuses:?}");
    assert_eq!(
        app.scalar("SELECT count(*) FROM appointments").await,
        Some(json!(1))
    );
}
