//! Calendar feeds and per-visit `.ics` files over HTTP, every calendar read back with a real
//! iCalendar parser (PyPI's `icalendar`, through `scripts/ics-parse`).

use std::io::Write;
use std::process::{Command, Stdio};

use clinic_domain::identity::Role;
use reqwest::Method;
use serde_json::{Value, json};

use crate::appointments::{at, open_office};
use crate::helpers::{TestApp, TestUser, assert_problem, json_of, spawn_app};

/// `text` parsed by PyPI's `icalendar` (see `scripts/ics-parse`), as JSON: the calendar's
/// `method` and `name`, and its `events`. Panics when the parser refuses it.
async fn parse_ics(text: String) -> Value {
    tokio::task::spawn_blocking(move || {
        let script = concat!(env!("CARGO_MANIFEST_DIR"), "/../../scripts/ics-parse");
        let mut child = Command::new(script)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("run scripts/ics-parse");
        child
            .stdin
            .take()
            .unwrap()
            .write_all(text.as_bytes())
            .unwrap();
        let output = child.wait_with_output().unwrap();
        assert!(
            output.status.success(),
            "the parser refused the calendar: {}\n{text}",
            String::from_utf8_lossy(&output.stderr)
        );
        serde_json::from_slice(&output.stdout).expect("the parser prints JSON")
    })
    .await
    .unwrap()
}

/// Books a 30-minute visit for `patient` with `doctor`, `days` from now at `hour`:00 UTC.
async fn book(
    app: &TestApp,
    patient: &TestUser,
    doctor: &TestUser,
    office: i64,
    (days, hour): (i64, u32),
) -> i64 {
    let body = json!({"doctor_id": doctor.doctor_id, "office_id": office,
        "starts_at": at(days, hour), "duration_minutes": 30, "reason": "chest pain"});
    let booked = json_of(
        app.send_as(patient, Method::POST, "/appointments", &body)
            .await,
        201,
    )
    .await;
    booked["id"].as_i64().unwrap()
}

async fn create_feed(app: &TestApp, doctor: &TestUser, names: bool) -> Value {
    json_of(
        app.send_as(
            doctor,
            Method::POST,
            "/calendar-feeds",
            &json!({"include_patient_names": names}),
        )
        .await,
        201,
    )
    .await
}

/// The feed at `path`, fetched without any credentials but its URL.
async fn fetch_feed(app: &TestApp, path: &str) -> reqwest::Response {
    app.get(path).await
}

async fn feed_text(app: &TestApp, path: &str) -> String {
    let response = fetch_feed(app, path).await;
    assert_eq!(response.status(), 200);
    let content_type = response.headers()["content-type"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(content_type.starts_with("text/calendar"), "{content_type}");
    response.text().await.unwrap()
}

struct Clinic {
    app: TestApp,
    doctor: TestUser,
    alice: TestUser,
    bob: TestUser,
    visits: [i64; 3],
}

/// Dr house at office Main with three visits: Alice's in two days, Bob's in three days, and
/// Alice's in four days, which she cancelled.
async fn clinic() -> Clinic {
    let app = spawn_app().await;
    let doctor = app.user(Role::Doctor, "house").await;
    let alice = app.user(Role::Patient, "alice").await;
    let bob = app.user(Role::Patient, "bob").await;
    let office = open_office(&app, &doctor).await;
    let first = book(&app, &alice, &doctor, office, (2, 10)).await;
    let second = book(&app, &bob, &doctor, office, (3, 11)).await;
    let cancelled = book(&app, &alice, &doctor, office, (4, 9)).await;
    let response = app
        .send_as(
            &alice,
            Method::POST,
            &format!("/appointments/{cancelled}/cancel"),
            &json!({}),
        )
        .await;
    assert_eq!(response.status(), 200);
    Clinic {
        app,
        doctor,
        alice,
        bob,
        visits: [first, second, cancelled],
    }
}

fn uids(feed: &Value) -> Vec<String> {
    feed["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["uid"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn a_doctors_feed_parses_names_no_patient_and_leaves_out_cancelled_visits() {
    let Clinic {
        app,
        doctor,
        visits,
        ..
    } = clinic().await;
    let created = create_feed(&app, &doctor, false).await;
    let path = created["path"].as_str().unwrap().to_owned();
    assert!(path.starts_with("/api/v1/calendar-feeds/") && path.ends_with(".ics"));
    let text = feed_text(&app, &path).await;
    assert!(!text.contains("alice") && !text.contains("bob"), "{text}");
    assert!(
        !text.contains("chest pain"),
        "no reason for the visit: {text}"
    );
    let feed = parse_ics(text).await;
    assert_eq!(feed["method"], "PUBLISH");
    assert_eq!(
        uids(&feed),
        [
            format!("appointment-{}@clinic", visits[0]),
            format!("appointment-{}@clinic", visits[1])
        ]
    );
    for event in feed["events"].as_array().unwrap() {
        assert_eq!(event["summary"], "Appointment");
        assert_eq!(event["location"], "Main, 1 Main St, Town, US");
        assert_eq!(event["status"], "CONFIRMED");
    }
    let first = &feed["events"][0];
    let starts = chrono::DateTime::parse_from_rfc3339(&at(2, 10)).unwrap();
    assert_eq!(
        chrono::DateTime::parse_from_rfc3339(first["dtstart"].as_str().unwrap()).unwrap(),
        starts
    );
    assert_eq!(
        chrono::DateTime::parse_from_rfc3339(first["dtend"].as_str().unwrap()).unwrap(),
        starts + chrono::Duration::minutes(30)
    );
    let used = app
        .scalar("SELECT last_used_at IS NOT NULL FROM calendar_feeds")
        .await;
    assert_eq!(used, Some(json!(true)));
}

#[tokio::test]
async fn a_feed_names_patients_only_when_the_doctor_opted_in_and_keeps_its_uids() {
    let Clinic { app, doctor, .. } = clinic().await;
    let created = create_feed(&app, &doctor, true).await;
    assert_eq!(created["feed"]["include_patient_names"], true);
    let path = created["path"].as_str().unwrap();
    let first = parse_ics(feed_text(&app, path).await).await;
    let summaries: Vec<_> = first["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["summary"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(summaries, ["Pat alice", "Pat bob"]);
    let second = parse_ics(feed_text(&app, path).await).await;
    assert_eq!(
        uids(&first),
        uids(&second),
        "UIDs are stable across fetches"
    );
    let reads = app
        .scalar(&format!(
            "SELECT count(*) FROM audit_log WHERE action = 'read' AND table_name = 'appointments'
               AND changed_by = {}",
            doctor.user_id
        ))
        .await;
    assert_eq!(reads, Some(json!(4)), "names shown are audited as read");
}

#[tokio::test]
async fn a_revoked_or_unknown_feed_answers_404_and_the_token_is_stored_only_hashed() {
    let Clinic { app, doctor, .. } = clinic().await;
    let created = create_feed(&app, &doctor, false).await;
    let token = created["token"].as_str().unwrap().to_owned();
    let path = created["path"].as_str().unwrap().to_owned();
    assert_eq!(token.len(), 64);
    let in_clear = app
        .scalar(&format!(
            "SELECT (SELECT count(*) FROM calendar_feeds t WHERE to_jsonb(t)::text LIKE '%{token}%')
                  + (SELECT count(*) FROM audit_log t WHERE to_jsonb(t)::text LIKE '%{token}%')"
        ))
        .await;
    assert_eq!(in_clear, Some(json!(0)), "the token is nowhere in clear");
    let hashed = app
        .scalar(&format!(
            "SELECT count(*) FROM calendar_feeds
             WHERE token_hash = encode(sha256(convert_to('{token}', 'UTF8')), 'hex')"
        ))
        .await;
    assert_eq!(hashed, Some(json!(1)));
    let listed = json_of(app.get_as(&doctor, "/calendar-feeds").await, 200).await;
    assert_eq!(listed.as_array().unwrap().len(), 1);
    assert!(
        !listed.to_string().contains(&token),
        "listed without tokens"
    );

    let feed_id = created["feed"]["id"].as_i64().unwrap();
    let revoked = app
        .request(Method::DELETE, &format!("/api/v1/calendar-feeds/{feed_id}"))
        .bearer_auth(&doctor.token)
        .send()
        .await
        .unwrap();
    assert_eq!(revoked.status(), 204);
    assert_problem(fetch_feed(&app, &path).await, 404, "not_found").await;
    let unknown = format!("/api/v1/calendar-feeds/{}.ics", "0".repeat(64));
    assert_problem(fetch_feed(&app, &unknown).await, 404, "not_found").await;
    assert_problem(
        fetch_feed(&app, "/api/v1/calendar-feeds/not-a-token.ics").await,
        404,
        "not_found",
    )
    .await;
    let listed = json_of(app.get_as(&doctor, "/calendar-feeds").await, 200).await;
    assert!(listed[0]["revoked_at"].is_string());
    let audited = app
        .scalar(&format!(
            "SELECT string_agg(action, ',' ORDER BY log_id) FROM audit_log
             WHERE table_name = 'calendar_feeds' AND record_id = {feed_id}"
        ))
        .await;
    assert_eq!(audited, Some(json!("insert,update")));
}

#[tokio::test]
async fn only_a_doctor_manages_feeds_and_only_their_own() {
    let Clinic {
        app, doctor, alice, ..
    } = clinic().await;
    let other = app.user(Role::Doctor, "wilson").await;
    let staff = app.user(Role::Staff, "desk").await;
    let admin = app.user(Role::Admin, "root").await;
    let created = create_feed(&app, &doctor, false).await;
    let feed_id = created["feed"]["id"].as_i64().unwrap();
    for user in [&staff, &admin, &alice] {
        let response = app
            .send_as(user, Method::POST, "/calendar-feeds", &json!({}))
            .await;
        assert_problem(response, 403, "forbidden").await;
        assert_problem(app.get_as(user, "/calendar-feeds").await, 403, "forbidden").await;
        let response = app
            .request(Method::DELETE, &format!("/api/v1/calendar-feeds/{feed_id}"))
            .bearer_auth(&user.token)
            .send()
            .await
            .unwrap();
        assert_problem(response, 403, "forbidden").await;
    }
    for id in [feed_id, 9999] {
        let response = app
            .request(Method::DELETE, &format!("/api/v1/calendar-feeds/{id}"))
            .bearer_auth(&other.token)
            .send()
            .await
            .unwrap();
        assert_problem(response, 404, "not_found").await;
    }
    let others = json_of(app.get_as(&other, "/calendar-feeds").await, 200).await;
    assert_eq!(others, json!([]));
    let defaulted = create_feed(&app, &other, false).await;
    assert_eq!(defaulted["feed"]["include_patient_names"], false);
}

#[tokio::test]
async fn a_patient_downloads_their_visit_as_ics_and_nobody_elses() {
    let Clinic {
        app,
        alice,
        bob,
        visits,
        ..
    } = clinic().await;
    let response = app
        .get_as(&alice, &format!("/appointments/{}/ics", visits[0]))
        .await;
    assert_eq!(response.status(), 200);
    assert!(
        response.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/calendar")
    );
    let text = response.text().await.unwrap();
    assert!(!text.contains("chest pain"), "no reason for the visit");
    let calendar = parse_ics(text).await;
    assert_eq!(calendar["method"], "PUBLISH");
    let event = &calendar["events"][0];
    assert_eq!(event["uid"], format!("appointment-{}@clinic", visits[0]));
    assert_eq!(event["summary"], "Appointment with Doc house");
    assert_eq!(event["location"], "Main, 1 Main St, Town, US");

    let cancelled = app
        .get_as(&alice, &format!("/appointments/{}/ics", visits[2]))
        .await;
    let calendar = parse_ics(cancelled.text().await.unwrap()).await;
    assert_eq!(calendar["method"], "CANCEL");
    assert_eq!(calendar["events"][0]["status"], "CANCELLED");

    for path in [
        format!("/appointments/{}/ics", visits[0]),
        "/appointments/99999/ics".to_owned(),
    ] {
        assert_problem(app.get_as(&bob, &path).await, 404, "not_found").await;
    }
    assert_problem(
        app.get(&format!("/api/v1/appointments/{}/ics", visits[0]))
            .await,
        401,
        "missing_token",
    )
    .await;
}
