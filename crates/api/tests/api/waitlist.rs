//! The waitlist over HTTP: a cancelled visit's slot is offered to the matching entries (and
//! only to them), two accepts at once give exactly one booking, an expired offer cannot be
//! accepted, and another patient's offer or entry is the same 404 as a missing one.

use chrono::{DateTime, Datelike, Duration};
use clinic_domain::identity::Role;
use reqwest::Method;
use serde_json::{Value, json};

use crate::appointments::{at, open_office};
use crate::helpers::{
    TestApp, TestUser, assert_problem, error_fields, json_of, spawn_app, test_now,
};

/// The clinic of these tests: a doctor working every day at one office, Alice (who books and
/// cancels the visit) and Bob and Carol, who wait.
struct Clinic {
    app: TestApp,
    doctor: TestUser,
    office: i64,
    alice: TestUser,
    bob: TestUser,
    carol: TestUser,
    staff: TestUser,
}

async fn clinic() -> Clinic {
    let app = spawn_app().await;
    let doctor = app.user(Role::Doctor, "house").await;
    let office = open_office(&app, &doctor).await;
    let alice = app.user(Role::Patient, "alice").await;
    let bob = app.user(Role::Patient, "bob").await;
    let carol = app.user(Role::Patient, "carol").await;
    let staff = app.user(Role::Staff, "desk").await;
    Clinic {
        app,
        doctor,
        office,
        alice,
        bob,
        carol,
        staff,
    }
}

impl Clinic {
    async fn join(&self, who: &TestUser, body: Value) -> Value {
        let mut body = body;
        body["doctor_id"] = json!(self.doctor.doctor_id);
        json_of(
            self.app
                .send_as(who, Method::POST, "/waitlist", &body)
                .await,
            201,
        )
        .await
    }

    /// Alice books the visit three days ahead at 10:00 UTC and cancels it; returns its id.
    async fn alice_frees_a_slot(&self) -> i64 {
        let body = json!({"doctor_id": self.doctor.doctor_id, "office_id": self.office, "starts_at": at(3, 10), "duration_minutes": 30});
        let booked = json_of(
            self.app
                .send_as(&self.alice, Method::POST, "/appointments", &body)
                .await,
            201,
        )
        .await;
        let id = booked["id"].as_i64().unwrap();
        json_of(
            self.app
                .send_as(
                    &self.alice,
                    Method::POST,
                    &format!("/appointments/{id}/cancel"),
                    &json!({}),
                )
                .await,
            200,
        )
        .await;
        id
    }

    async fn offers_of(&self, who: &TestUser) -> Vec<Value> {
        let page = json_of(self.app.get_as(who, "/waitlist/offers").await, 200).await;
        page["items"].as_array().unwrap().clone()
    }

    async fn accept(&self, who: &TestUser, offer: &Value) -> reqwest::Response {
        self.app
            .send_as(
                who,
                Method::POST,
                &format!("/waitlist/offers/{}/accept", offer["id"]),
                &json!({}),
            )
            .await
    }
}

/// The ISO weekday of the slot Alice frees, and another one.
fn slot_weekday_and_another() -> (i64, i64) {
    let day = (test_now() + Duration::days(3))
        .weekday()
        .number_from_monday();
    (i64::from(day), i64::from(day % 7 + 1))
}

#[tokio::test]
async fn cancelling_a_visit_offers_its_slot_to_matching_entries_and_not_to_others() {
    let c = clinic().await;
    let (slot_day, other_day) = slot_weekday_and_another();
    let bob = c
        .join(&c.bob, json!({"urgency": "soon", "weekdays": [slot_day], "window_start": "09:00", "window_end": "12:00"}))
        .await;
    assert_eq!(bob["status"], "active");
    assert_eq!(bob["can_withdraw"], true);
    c.join(
        &c.carol,
        json!({"urgency": "urgent", "weekdays": [other_day]}),
    )
    .await;
    let dave = c.app.user(Role::Patient, "dave").await;
    c.join(
        &dave,
        json!({"urgency": "urgent", "window_start": "14:00", "window_end": "17:00"}),
    )
    .await;
    let freed = c.alice_frees_a_slot().await;

    let offers = c.offers_of(&c.bob).await;
    assert_eq!(offers.len(), 1, "{offers:?}");
    let offer = &offers[0];
    assert_eq!(offer["status"], "open");
    assert_eq!(offer["can_answer"], true);
    let moment = |v: &Value| DateTime::parse_from_rfc3339(v.as_str().unwrap()).unwrap();
    assert_eq!(moment(&offer["starts_at"]), moment(&json!(at(3, 10))));
    assert_eq!(offer["duration_minutes"], 30);
    assert_eq!(
        moment(&offer["expires_at"]),
        test_now() + Duration::hours(2)
    );
    assert!(
        c.offers_of(&c.carol).await.is_empty(),
        "not Carol's weekday"
    );
    assert!(c.offers_of(&dave).await.is_empty(), "not Dave's hours");

    let told = json_of(
        c.app.get_as(&c.bob, "/notifications?unread=true").await,
        200,
    )
    .await;
    let notice = told["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["related_entity_type"] == "waitlist_offers")
        .expect("Bob is told of the offer")
        .clone();
    assert_eq!(notice["related_entity_id"], offer["id"]);
    assert!(
        notice["message"]
            .as_str()
            .unwrap()
            .contains("Dr. Doc house"),
        "{notice}"
    );
    let entries = json_of(c.app.get_as(&c.bob, "/waitlist").await, 200).await;
    assert_eq!(entries["items"][0]["status"], "offered");
    let audited = c
        .app
        .scalar(&format!(
            "SELECT count(*) FROM audit_log a JOIN waitlist_offers w
               ON a.table_name = 'waitlist_offers' AND a.record_id = w.offer_id
             WHERE w.source_appointment_id = {freed}"
        ))
        .await;
    assert_eq!(audited, Some(json!(1)));
}

#[tokio::test]
async fn two_concurrent_accepts_give_exactly_one_booking() {
    let c = clinic().await;
    c.join(&c.bob, json!({"urgency": "soon"})).await;
    c.join(&c.carol, json!({"urgency": "routine"})).await;
    c.alice_frees_a_slot().await;
    let bobs = c.offers_of(&c.bob).await.remove(0);
    let carols = c.offers_of(&c.carol).await.remove(0);

    let (first, second) = tokio::join!(c.accept(&c.bob, &bobs), c.accept(&c.carol, &carols));
    let mut answers = Vec::new();
    for response in [first, second] {
        let status = response.status().as_u16();
        let body: Value = response.json().await.unwrap();
        answers.push((status, body));
    }
    answers.sort_by_key(|(status, _)| *status);
    let statuses: Vec<u16> = answers.iter().map(|(s, _)| *s).collect();
    assert_eq!(statuses, vec![201, 409], "{answers:?}");
    assert_eq!(answers[1].1["code"], "waitlist_offer_taken", "{answers:?}");
    let winner = &answers[0].1;
    assert_eq!(winner["status"], "scheduled");
    assert_eq!(
        c.app
            .scalar(&format!(
                "SELECT count(*) FROM appointments
                 WHERE doctor_id = {} AND status = 'scheduled'",
                c.doctor.doctor_id.unwrap()
            ))
            .await,
        Some(json!(1))
    );
    assert_eq!(
        c.app
            .scalar("SELECT count(*) FROM waitlist_offers WHERE status = 'accepted'")
            .await,
        Some(json!(1))
    );
    assert_eq!(
        c.app
            .scalar("SELECT count(*) FROM waitlist_offers WHERE status = 'taken'")
            .await,
        Some(json!(1))
    );
    let booked = c
        .app
        .scalar(&format!(
            "SELECT status FROM waitlist_entries WHERE patient_id = {}",
            winner["patient_id"]
        ))
        .await;
    assert_eq!(booked, Some(json!("booked")));
}

#[tokio::test]
async fn an_expired_offer_cannot_be_accepted_and_a_declined_one_neither() {
    let c = clinic().await;
    c.join(&c.bob, json!({"urgency": "soon"})).await;
    c.join(&c.carol, json!({"urgency": "soon"})).await;
    c.alice_frees_a_slot().await;
    let bobs = c.offers_of(&c.bob).await.remove(0);
    let expired = (test_now() - Duration::minutes(1)).to_rfc3339();
    c.app
        .exec(&format!(
            "UPDATE waitlist_offers SET expires_at = '{expired}' WHERE offer_id = {}",
            bobs["id"]
        ))
        .await;
    assert_problem(c.accept(&c.bob, &bobs).await, 409, "waitlist_offer_expired").await;
    assert!(c.offers_of(&c.bob).await.is_empty(), "no open offer left");
    let entries = json_of(c.app.get_as(&c.bob, "/waitlist").await, 200).await;
    assert_eq!(entries["items"][0]["status"], "active", "Bob waits again");

    let carols = c.offers_of(&c.carol).await.remove(0);
    let declined = json_of(
        c.app
            .send_as(
                &c.carol,
                Method::POST,
                &format!("/waitlist/offers/{}/decline", carols["id"]),
                &json!({}),
            )
            .await,
        200,
    )
    .await;
    assert_eq!(declined["status"], "declined");
    assert_problem(
        c.accept(&c.carol, &carols).await,
        409,
        "waitlist_offer_closed",
    )
    .await;
    assert_eq!(
        c.app
            .scalar("SELECT count(*) FROM appointments WHERE status = 'scheduled'")
            .await,
        Some(json!(0))
    );
}

#[tokio::test]
async fn another_patients_offer_or_entry_is_the_same_404_as_a_missing_one() {
    let c = clinic().await;
    let entry = c.join(&c.bob, json!({"urgency": "soon"})).await;
    c.alice_frees_a_slot().await;
    let bobs = c.offers_of(&c.bob).await.remove(0);
    let foreign = assert_problem(c.accept(&c.carol, &bobs).await, 404, "not_found").await;
    let missing = assert_problem(
        c.accept(&c.carol, &json!({"id": 999_999})).await,
        404,
        "not_found",
    )
    .await;
    assert_eq!(foreign["detail"], missing["detail"]);
    let withdraw = |who: &TestUser, id: &Value| {
        let path = format!("/waitlist/{id}/withdraw");
        let (app, who) = (&c.app, who.clone());
        async move { app.send_as(&who, Method::POST, &path, &json!({})).await }
    };
    let foreign = assert_problem(withdraw(&c.carol, &entry["id"]).await, 404, "not_found").await;
    let missing = assert_problem(withdraw(&c.carol, &json!(999_999)).await, 404, "not_found").await;
    assert_eq!(foreign["detail"], missing["detail"]);
    assert_problem(c.accept(&c.doctor, &bobs).await, 403, "forbidden").await;
    let carols_view = json_of(
        c.app
            .get_as(
                &c.carol,
                &format!("/waitlist/offers?entry_id={}", entry["id"]),
            )
            .await,
        200,
    )
    .await;
    assert_eq!(carols_view["items"], json!([]));
    // Staff accept for Bob.
    json_of(c.accept(&c.staff, &bobs).await, 201).await;
}

#[tokio::test]
async fn joining_checks_its_fields_and_a_patient_waits_once_per_doctor() {
    let c = clinic().await;
    let bad = json!({"doctor_id": c.doctor.doctor_id, "urgency": "soon", "weekdays": [0, 3], "window_start": "9am", "latest_date": "2000-01-01"});
    let problem = assert_problem(
        c.app.send_as(&c.bob, Method::POST, "/waitlist", &bad).await,
        422,
        "validation_failed",
    )
    .await;
    let fields = error_fields(&problem);
    assert!(fields.contains(&"weekdays[0]".to_owned()), "{fields:?}");
    assert!(fields.contains(&"window_start".to_owned()), "{fields:?}");
    // The most negative number a client can send is a field error, not a crash.
    let extreme = json!({"doctor_id": c.doctor.doctor_id, "urgency": "soon", "weekdays": [i64::MIN, i64::MAX]});
    let problem = assert_problem(
        c.app
            .send_as(&c.bob, Method::POST, "/waitlist", &extreme)
            .await,
        422,
        "validation_failed",
    )
    .await;
    let fields = error_fields(&problem);
    assert!(fields.contains(&"weekdays[0]".to_owned()), "{fields:?}");
    assert!(fields.contains(&"weekdays[1]".to_owned()), "{fields:?}");
    c.join(
        &c.bob,
        json!({"urgency": "soon", "latest_date": (test_now() + Duration::days(30)).date_naive()}),
    )
    .await;
    assert_problem(
        c.app
            .send_as(
                &c.bob,
                Method::POST,
                "/waitlist",
                &json!({"doctor_id": c.doctor.doctor_id, "urgency": "urgent"}),
            )
            .await,
        409,
        "waitlist_already_waiting",
    )
    .await;
    let past =
        json!({"doctor_id": c.doctor.doctor_id, "urgency": "soon", "latest_date": "2000-01-01"});
    let problem = assert_problem(
        c.app
            .send_as(&c.carol, Method::POST, "/waitlist", &past)
            .await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(error_fields(&problem), vec!["latest_date"]);
    let for_carol = c
        .join(&c.staff, json!({"patient_id": c.carol.patient_id, "urgency": "urgent", "office_id": c.office, "note": "Prefers mornings"}))
        .await;
    assert_eq!(for_carol["office_id"], c.office);
    assert_problem(
        c.app
            .send_as(
                &c.doctor,
                Method::POST,
                "/waitlist",
                &json!({"patient_id": c.carol.patient_id, "doctor_id": c.doctor.doctor_id, "urgency": "soon"}),
            )
            .await,
        403,
        "forbidden",
    )
    .await;
    let doctors = json_of(c.app.get_as(&c.doctor, "/waitlist").await, 200).await;
    assert_eq!(doctors["total"], 2);
    let staffs = json_of(
        c.app
            .get_as(
                &c.staff,
                &format!("/waitlist?patient_id={}", c.carol.patient_id.unwrap()),
            )
            .await,
        200,
    )
    .await;
    assert_eq!(staffs["total"], 1);
    assert_eq!(staffs["items"][0]["urgency"], "urgent");
    let withdrawn = json_of(
        c.app
            .send_as(
                &c.staff,
                Method::POST,
                &format!("/waitlist/{}/withdraw", for_carol["id"]),
                &json!({}),
            )
            .await,
        200,
    )
    .await;
    assert_eq!(withdrawn["status"], "withdrawn");
    let audits = c
        .app
        .scalar(&format!(
            "SELECT count(*) FROM audit_log WHERE table_name = 'waitlist_entries' AND record_id = {}",
            for_carol["id"]
        ))
        .await;
    assert_eq!(audits, Some(json!(2)));
}
