//! Booking as a front desk and a patient expect it, over HTTP: visit types set the length,
//! "first available" and "by specialty" searches, the patient's own visits never offered over,
//! a specialist needing a referral named before picking, and the refusals in plain words.

use chrono::{DateTime, Duration, NaiveTime, Utc};
use clinic_domain::identity::Role;
use reqwest::Method;
use serde_json::{Value, json};

use crate::appointments::{at, open_office};
use crate::helpers::{TestApp, TestUser, assert_problem, json_of, spawn_app, test_now};

struct Desk {
    app: TestApp,
    admin: TestUser,
    staff: TestUser,
    gp: TestUser,
    cardiologist: TestUser,
    alice: TestUser,
    office: i64,
}

async fn desk() -> Desk {
    let app = spawn_app().await;
    let admin = app.user(Role::Admin, "admin").await;
    let staff = app.user(Role::Staff, "desk").await;
    let gp = app.user(Role::Doctor, "gpdoc").await;
    let cardiologist = app.user(Role::Doctor, "cardio").await;
    let alice = app.user(Role::Patient, "alice").await;
    app.exec(&format!(
        "UPDATE doctors SET specialty_id = (SELECT specialty_id FROM specialties WHERE specialty_name = 'Cardiology')
         WHERE doctor_id = {};
         UPDATE doctors SET specialty_id = (SELECT specialty_id FROM specialties WHERE specialty_name = 'Family Medicine')
         WHERE doctor_id = {};",
        cardiologist.doctor_id.unwrap(),
        gp.doctor_id.unwrap(),
    ))
    .await;
    let office = open_office(&app, &gp).await;
    open_office(&app, &cardiologist).await;
    Desk {
        app,
        admin,
        staff,
        gp,
        cardiologist,
        alice,
        office,
    }
}

/// The start times a `/slots` answer offers, parsed (the wire carries microseconds).
fn offered_starts(found: &Value) -> Vec<DateTime<Utc>> {
    found["slots"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["starts_at"].as_str().unwrap().parse().unwrap())
        .collect()
}

fn day(days: i64) -> String {
    (test_now() + Duration::days(days)).date_naive().to_string()
}

impl Desk {
    async fn visit_type(&self, name: &str, minutes: u32, specialty: Option<&str>) -> i64 {
        let specialty_id = match specialty {
            Some(name) => {
                self.app
                    .scalar(&format!(
                        "SELECT specialty_id FROM specialties WHERE specialty_name = '{name}'"
                    ))
                    .await
            }
            None => None,
        };
        let body = json!({"name": name, "duration_minutes": minutes, "specialty_id": specialty_id,
            "colour": "#2563EB"});
        let created = json_of(
            self.app
                .send_as(&self.admin, Method::POST, "/visit-types", &body)
                .await,
            201,
        )
        .await;
        assert_eq!(created["colour"], "#2563eb");
        created["id"].as_i64().unwrap()
    }

    async fn book(&self, who: &TestUser, body: Value) -> reqwest::Response {
        self.app
            .send_as(who, Method::POST, "/appointments", &body)
            .await
    }

    async fn slots(&self, who: &TestUser, query: &str) -> Value {
        json_of(self.app.get_as(who, &format!("/slots?{query}")).await, 200).await
    }
}

#[tokio::test]
async fn a_visit_types_length_is_the_booked_length_and_the_visit_carries_its_label() {
    let d = desk().await;
    let physical = d.visit_type("Annual physical 45", 45, None).await;
    let body = json!({"patient_id": d.alice.patient_id, "doctor_id": d.gp.doctor_id,
        "office_id": d.office, "starts_at": at(2, 9), "visit_type_id": physical});
    let booked = json_of(d.book(&d.staff, body).await, 201).await;
    assert_eq!(booked["duration_minutes"], 45);
    assert_eq!(booked["visit_type"]["name"], "Annual physical 45");
    assert_eq!(booked["visit_type"]["colour"], "#2563eb");
    let mismatch = json!({"patient_id": d.alice.patient_id, "doctor_id": d.gp.doctor_id,
        "office_id": d.office, "starts_at": at(3, 9), "visit_type_id": physical,
        "duration_minutes": 30});
    let problem = assert_problem(d.book(&d.staff, mismatch).await, 422, "validation_failed").await;
    assert_eq!(problem["errors"][0]["field"], "duration_minutes");
    let old_client = json!({"patient_id": d.alice.patient_id, "doctor_id": d.gp.doctor_id,
        "office_id": d.office, "starts_at": at(3, 9), "duration_minutes": 20});
    let plain = json_of(d.book(&d.staff, old_client).await, 201).await;
    assert_eq!(
        (
            plain["duration_minutes"].as_i64(),
            plain["visit_type"].is_null()
        ),
        (Some(20), true)
    );
}

#[tokio::test]
async fn a_cardiology_visit_type_is_booked_with_a_cardiologist_only() {
    let d = desk().await;
    let echo = d.visit_type("Echo 60", 60, Some("Cardiology")).await;
    let with_gp = json!({"patient_id": d.alice.patient_id, "doctor_id": d.gp.doctor_id,
        "office_id": d.office, "starts_at": at(2, 9), "visit_type_id": echo});
    let problem = assert_problem(d.book(&d.staff, with_gp).await, 422, "validation_failed").await;
    assert_eq!(problem["errors"][0]["field"], "visit_type_id");
    let slots = d
        .slots(
            &d.staff,
            &format!("visit_type_id={echo}&from={}&to={}", day(2), day(2)),
        )
        .await;
    assert_eq!(slots["duration_minutes"], 60);
    let doctors: Vec<&Value> = slots["slots"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| &s["doctor_id"])
        .collect();
    assert!(!doctors.is_empty());
    assert!(
        doctors
            .iter()
            .all(|id| **id == json!(d.cardiologist.doctor_id))
    );
}

#[tokio::test]
async fn first_available_lists_every_doctor_by_start_and_a_specialty_narrows_it() {
    let d = desk().await;
    let all = d
        .slots(&d.staff, &format!("from={}&to={}&limit=4", day(2), day(2)))
        .await;
    let slots = all["slots"].as_array().unwrap();
    assert_eq!(slots.len(), 4);
    assert_eq!(
        slots[0]["starts_at"], slots[1]["starts_at"],
        "both doctors are free at 8:00"
    );
    let starts: Vec<&str> = slots
        .iter()
        .map(|s| s["starts_at"].as_str().unwrap())
        .collect();
    assert!(starts.windows(2).all(|w| w[0] <= w[1]));
    let cardiology = d
        .app
        .scalar("SELECT specialty_id FROM specialties WHERE specialty_name = 'Cardiology'")
        .await
        .unwrap();
    let narrowed = d
        .slots(
            &d.staff,
            &format!("specialty_id={cardiology}&from={}&to={}", day(2), day(2)),
        )
        .await;
    assert!(
        narrowed["slots"]
            .as_array()
            .unwrap()
            .iter()
            .all(|s| s["doctor_id"] == json!(d.cardiologist.doctor_id))
    );
}

#[tokio::test]
async fn slots_clashing_with_the_patients_own_visit_are_not_offered_and_booking_one_says_why() {
    let d = desk().await;
    let nine = (test_now() + Duration::days(2))
        .date_naive()
        .and_time(NaiveTime::from_hms_opt(9, 0, 0).unwrap())
        .and_utc();
    let body = json!({"patient_id": d.alice.patient_id, "doctor_id": d.cardiologist.doctor_id,
        "office_id": d.office, "starts_at": nine.to_rfc3339(), "duration_minutes": 30});
    json_of(d.book(&d.staff, body).await, 201).await;
    let query = format!(
        "doctor_id={}&from={}&to={}",
        d.gp.doctor_id.unwrap(),
        day(2),
        day(2)
    );
    let for_alice = offered_starts(&d.slots(&d.alice, &query).await);
    assert!(
        !for_alice.is_empty() && !for_alice.contains(&nine),
        "{for_alice:?}"
    );
    let anyone = offered_starts(&d.slots(&d.staff, &query).await);
    assert!(anyone.contains(&nine), "{anyone:?}");
    let clash = json!({"doctor_id": d.gp.doctor_id, "office_id": d.office,
        "starts_at": nine.to_rfc3339(), "duration_minutes": 30});
    let problem = assert_problem(d.book(&d.alice, clash).await, 409, "patient_visit_clash").await;
    assert!(
        problem["detail"]
            .as_str()
            .unwrap()
            .contains("clashes with your own visit at 9:00 AM"),
        "{problem}"
    );
}

#[tokio::test]
async fn a_specialist_needing_a_referral_is_named_without_slots_and_booking_says_so() {
    let d = desk().await;
    let found = d
        .slots(&d.alice, &format!("from={}&to={}", day(2), day(2)))
        .await;
    assert!(
        found["slots"]
            .as_array()
            .unwrap()
            .iter()
            .all(|s| s["doctor_id"] == json!(d.gp.doctor_id))
    );
    let needed = &found["referrals_needed"][0];
    assert_eq!(needed["doctor_id"], json!(d.cardiologist.doctor_id));
    assert_eq!(
        (
            needed["slots_withheld"].as_bool(),
            needed["latest_request"].is_null()
        ),
        (Some(true), true)
    );
    let body = json!({"doctor_id": d.cardiologist.doctor_id, "office_id": d.office,
        "starts_at": at(2, 10), "duration_minutes": 30});
    let problem = assert_problem(d.book(&d.alice, body).await, 409, "referral_required").await;
    assert!(
        problem["detail"]
            .as_str()
            .unwrap()
            .contains("needs an approved referral")
    );
}

#[tokio::test]
async fn an_identical_visit_is_refused_even_as_an_overbooking() {
    let d = desk().await;
    let body = json!({"patient_id": d.alice.patient_id, "doctor_id": d.gp.doctor_id,
        "office_id": d.office, "starts_at": at(2, 11), "duration_minutes": 30});
    json_of(d.book(&d.staff, body.clone()).await, 201).await;
    let mut again = body;
    again["overbook_reason"] = json!("double-clicked");
    assert_problem(d.book(&d.staff, again).await, 409, "identical_visit").await;
    let count = d
        .app
        .scalar("SELECT count(*) FROM appointments")
        .await
        .unwrap();
    assert_eq!(count, json!(1));
}

#[tokio::test]
async fn only_admins_manage_visit_types_and_everyone_reads_the_active_ones() {
    let d = desk().await;
    let id = d.visit_type("Follow-up 15", 15, None).await;
    let body = json!({"name": "Quick", "duration_minutes": 10, "colour": "#000000"});
    assert_problem(
        d.app
            .send_as(&d.staff, Method::POST, "/visit-types", &body)
            .await,
        403,
        "forbidden",
    )
    .await;
    let retired = d
        .app
        .send_as(
            &d.admin,
            Method::PATCH,
            &format!("/visit-types/{id}"),
            &json!({"is_active": false}),
        )
        .await;
    assert_eq!(json_of(retired, 200).await["is_active"], false);
    let listed = json_of(d.app.get_as(&d.alice, "/visit-types").await, 200).await;
    assert_eq!(listed, json!([]));
    assert_problem(
        d.app
            .get_as(&d.alice, "/visit-types?include_inactive=true")
            .await,
        403,
        "forbidden",
    )
    .await;
    let all = json_of(
        d.app
            .get_as(&d.admin, "/visit-types?include_inactive=true")
            .await,
        200,
    )
    .await;
    assert_eq!(all.as_array().unwrap().len(), 1);
    let duplicate = json!({"name": "FOLLOW-UP 15", "duration_minutes": 15, "colour": "#000000"});
    assert_problem(
        d.app
            .send_as(&d.admin, Method::POST, "/visit-types", &duplicate)
            .await,
        409,
        "visit_type_exists",
    )
    .await;
    let bad = json!({"name": "", "duration_minutes": 1, "colour": "red"});
    let problem = assert_problem(
        d.app
            .send_as(&d.admin, Method::POST, "/visit-types", &bad)
            .await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(problem["errors"].as_array().unwrap().len(), 3);
}
