//! What the everyday reads cost in round trips to PostgreSQL, counted on the server's pool
//! (the benchmark prints the time; a test asserts only the count). Each list below names the
//! statements one request sends, so a change that adds one has to say so here.

use clinic_domain::identity::Role;
use reqwest::Method;
use serde_json::json;

use crate::clinical::clinic;
use crate::helpers::{TestApp, TestUser, json_of, spawn_app, test_now};

/// `from=…&to=…` of the week around the fixture's visit (it starts now).
fn this_week() -> String {
    let day = |offset| (test_now() + chrono::Duration::days(offset)).date_naive();
    format!("from={}T00:00:00Z&to={}T00:00:00Z", day(-1), day(6))
}

/// The statements `who` reading `path` sends, leaving out the read-audit writer's: it appends
/// the audit rows of reads on its own task, one batch per group commit shared by many
/// requests, so its statements belong to none of them.
async fn statements_of_read(app: &TestApp, who: &TestUser, path: &str) -> Vec<String> {
    let (response, sent) = app.statements.during(app.get_as(who, path)).await;
    json_of(response, 200).await;
    sent.into_iter()
        .filter(|sql| !sql.contains("audit_log"))
        .collect()
}

/// The first words of each statement, to read in a failure message.
fn heads(sent: &[String]) -> Vec<String> {
    sent.iter()
        .map(|sql| sql.split_whitespace().take(8).collect::<Vec<_>>().join(" "))
        .collect()
}

#[tokio::test]
async fn a_doctors_week_is_the_signed_in_actor_and_the_page_and_nothing_else() {
    let c = clinic().await;
    let path = format!(
        "/appointments?doctor_id={}&{}&per_page=100",
        c.doctor.doctor_id.unwrap(),
        this_week()
    );
    let sent = statements_of_read(&c.app, &c.doctor, &path).await;
    assert_eq!(sent.len(), 2, "{:#?}", heads(&sent));
    assert!(sent[1].contains("FROM appointments"), "{:#?}", heads(&sent));
}

#[tokio::test]
async fn a_page_that_ends_the_list_is_not_counted_but_a_full_one_is() {
    let c = clinic().await;
    let doctor = c.doctor.doctor_id.unwrap();
    let week = |per_page: u32| {
        format!(
            "/appointments?doctor_id={doctor}&{}&per_page={per_page}",
            this_week()
        )
    };
    // One visit this week: a page of 100 holds it and ends the list; a page of 1 is full.
    let ends = statements_of_read(&c.app, &c.doctor, &week(100)).await;
    let full = statements_of_read(&c.app, &c.doctor, &week(1)).await;
    assert!(
        !ends.iter().any(|s| s.contains("count(*)")),
        "{:#?}",
        heads(&ends)
    );
    assert_eq!(full.len(), ends.len() + 1, "{:#?}", heads(&full));
    assert!(
        full.last().unwrap().contains("count(*)"),
        "{:#?}",
        heads(&full)
    );
    let page = json_of(c.app.get_as(&c.doctor, &week(1)).await, 200).await;
    assert_eq!(
        page["total"],
        json!(1),
        "the count still answers a full page's total"
    );
}

#[tokio::test]
async fn the_unread_count_is_the_signed_in_actor_and_the_count() {
    let app = spawn_app().await;
    let patient = app.user(Role::Patient, "alice").await;
    let sent = statements_of_read(&app, &patient, "/notifications/unread-count").await;
    assert_eq!(sent.len(), 2, "{:#?}", heads(&sent));
}

#[tokio::test]
async fn a_doctor_reading_a_patients_records_sends_the_actor_the_access_fact_the_page_and_its_addenda()
 {
    let c = clinic().await;
    c.check_in().await;
    let body = json!({"diagnosis": "Influenza", "notes": "Rest."});
    json_of(c.write(&c.doctor, body).await, 201).await;
    let path = format!(
        "/medical-records?patient_id={}",
        c.patient.patient_id.unwrap()
    );
    let sent = statements_of_read(&c.app, &c.doctor, &path).await;
    assert_eq!(sent.len(), 4, "{:#?}", heads(&sent));
}

/// A booking is the actor; the rules' facts in one statement (the office, the doctor's place
/// and hours there, their time off and exceptions, the office's closures and the overlapping
/// visits, what the rules depend on locked); the insert; its outbox messages and its
/// notifications (one multi-row insert each); and the audit chain's three steps (lock and ids,
/// head, rows), which must follow one another for the chain to have one order.
#[tokio::test]
async fn a_booking_and_its_cancellation_send_what_their_rules_need() {
    let app = spawn_app().await;
    let doctor = app.user(Role::Doctor, "house").await;
    let patient = app.user(Role::Patient, "alice").await;
    let office = crate::appointments::open_office(&app, &doctor).await;
    let body = json!({"doctor_id": doctor.doctor_id, "office_id": office,
        "starts_at": crate::appointments::at(2, 10), "duration_minutes": 30});
    let (response, booking) = app
        .statements
        .during(app.send_as(&patient, Method::POST, "/appointments", &body))
        .await;
    let booked = json_of(response, 201).await;
    assert_eq!(booking.len(), 8, "{:#?}", heads(&booking));
    assert_eq!(
        booking.iter().filter(|s| s.contains("audit_log")).count(),
        3,
        "{:#?}",
        heads(&booking)
    );

    // The cancellation reads the visit, updates it, offers the freed time to the waitlist and
    // then notifies and audits as the booking does.
    let path = format!("/appointments/{}/cancel", booked["id"]);
    let (response, cancelling) = app
        .statements
        .during(app.send_as(&patient, Method::POST, &path, &json!({})))
        .await;
    json_of(response, 200).await;
    assert_eq!(cancelling.len(), 9, "{:#?}", heads(&cancelling));
}
