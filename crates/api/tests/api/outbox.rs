//! The outbox over HTTP and SMTP: booking, moving and cancelling enqueue the patient's emails
//! in their own transaction; the worker delivers what is due to a real SMTP server on
//! loopback, skips what is no longer due, never sends twice, retries while the server is down;
//! without a server the messages are recorded unsent; staff (only) see the outbox.

use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};
use clinic_api::outbox::OutboxWorker;
use clinic_domain::FixedClock;
use clinic_domain::identity::Role;
use clinic_domain::messaging::{
    Attachment, Channel, MessageSender, NoAttachments, OutgoingMessage, RetryPolicy,
};
use clinic_infrastructure::messaging::SmtpSender;
use clinic_infrastructure::repositories::PgOutbox;
use reqwest::Method;
use serde_json::{Value, json};

use crate::appointments::{at, open_office};
use crate::helpers::{TestApp, TestUser, assert_problem, json_of, spawn_app, test_now};
use crate::smtp_server::{TestSmtp, smtp_down_url};

const FROM: &str = "Clinic <clinic@clinic.test>";

/// A worker on the test's database, telling the time by `now`, sending through `smtp` (none:
/// no `CLINIC_SMTP_URL`).
fn worker(app: &TestApp, smtp: Option<&str>, now: DateTime<Utc>) -> OutboxWorker {
    OutboxWorker {
        store: Arc::new(PgOutbox::new(app.db.clone())),
        email: smtp
            .map(|url| Arc::new(SmtpSender::new(url, FROM).unwrap()) as Arc<dyn MessageSender>),
        attachments: Arc::new(NoAttachments),
        retry: RetryPolicy::DEFAULT,
        clock: Arc::new(FixedClock::at(now)),
    }
}

struct Clinic {
    app: TestApp,
    staff: TestUser,
    patient: TestUser,
    office: i64,
    doctor: TestUser,
}

async fn clinic() -> Clinic {
    let app = spawn_app().await;
    let staff = app.user(Role::Staff, "desk").await;
    let doctor = app.user(Role::Doctor, "house").await;
    let patient = app.user(Role::Patient, "alice").await;
    let office = open_office(&app, &doctor).await;
    Clinic {
        app,
        staff,
        patient,
        office,
        doctor,
    }
}

impl Clinic {
    /// Staff book the patient with the doctor at `starts_at` (RFC 3339); returns the response.
    async fn book(&self, starts_at: &str) -> reqwest::Response {
        let body = json!({"patient_id": self.patient.patient_id, "doctor_id": self.doctor.doctor_id,
            "office_id": self.office, "starts_at": starts_at, "duration_minutes": 30,
            "reason": "persistent cough"});
        self.app
            .send_as(&self.staff, Method::POST, "/appointments", &body)
            .await
    }

    async fn booked(&self, starts_at: &str) -> i64 {
        json_of(self.book(starts_at).await, 201).await["id"]
            .as_i64()
            .unwrap()
    }

    /// The outbox rows of an appointment, oldest first: kind, status, offset, attempts.
    async fn rows(&self, appointment: i64) -> Vec<Value> {
        self.app
            .scalar(&format!(
                "SELECT coalesce(json_agg(json_build_object('kind', kind, 'status', status,
                     'offset', offset_minutes, 'attempts', attempts, 'error', last_error,
                     'sent', sent_at IS NOT NULL) ORDER BY message_id), '[]')
                 FROM outbox_messages WHERE appointment_id = {appointment}"
            ))
            .await
            .unwrap()
            .as_array()
            .unwrap()
            .clone()
    }

    async fn kinds_and_statuses(&self, appointment: i64) -> Vec<(String, String)> {
        self.rows(appointment)
            .await
            .iter()
            .map(|r| {
                (
                    r["kind"].as_str().unwrap().to_owned(),
                    r["status"].as_str().unwrap().to_owned(),
                )
            })
            .collect()
    }
}

fn start(days: i64, hour: u32) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(&at(days, hour))
        .unwrap()
        .with_timezone(&Utc)
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
        .collect()
}

/// A raw message with quoted-printable soft line breaks joined.
fn unfolded(raw: &str) -> String {
    raw.replace("=\r\n", "").replace("=\n", "")
}

#[tokio::test]
async fn booking_moving_and_cancelling_enqueue_their_emails_in_the_same_transaction() {
    let c = clinic().await;
    let id = c.booked(&at(2, 10)).await;
    assert_eq!(
        c.kinds_and_statuses(id).await,
        pairs(&[
            ("booked", "pending"),
            ("reminder", "pending"),
            ("reminder", "pending")
        ])
    );
    // now() is the transaction's start: the same instant on the visit and its messages.
    let same_tx = c
        .app
        .scalar(&format!(
            "SELECT bool_and(m.created_at = a.created_at) FROM outbox_messages m
             JOIN appointments a USING (appointment_id) WHERE appointment_id = {id}"
        ))
        .await;
    assert_eq!(same_tx, Some(json!(true)));

    // A refused booking (the slot is taken) enqueues nothing.
    // (The same patient, doctor and time again is an identical visit.)
    assert_problem(c.book(&at(2, 10)).await, 409, "identical_visit").await;
    let total = c.app.scalar("SELECT count(*) FROM outbox_messages").await;
    assert_eq!(total, Some(json!(3)));

    let moved = c
        .app
        .send_as(
            &c.staff,
            Method::PATCH,
            &format!("/appointments/{id}"),
            &json!({"starts_at": at(3, 14)}),
        )
        .await;
    json_of(moved, 200).await;
    let cancelled = c
        .app
        .send_as(
            &c.staff,
            Method::POST,
            &format!("/appointments/{id}/cancel"),
            &json!({}),
        )
        .await;
    json_of(cancelled, 200).await;
    let kinds: Vec<_> = c
        .kinds_and_statuses(id)
        .await
        .into_iter()
        .map(|(kind, _)| kind)
        .collect();
    assert_eq!(
        kinds,
        [
            "booked",
            "reminder",
            "reminder",
            "moved",
            "reminder",
            "reminder",
            "cancelled"
        ]
    );
    let subjects = c
        .app
        .scalar(&format!(
            "SELECT string_agg(payload::text, ' ') FROM outbox_messages WHERE appointment_id = {id}"
        ))
        .await
        .unwrap();
    assert!(
        !subjects.as_str().unwrap().contains("cough"),
        "no reason for the visit in any message"
    );
}

#[tokio::test]
async fn a_reminder_email_arrives_for_a_visit_due_within_the_offset() {
    let c = clinic().await;
    let smtp = TestSmtp::start();
    let id = c.booked(&at(2, 10)).await;
    let report = worker(&c.app, Some(&smtp.url), test_now())
        .run_once()
        .await
        .unwrap();
    assert_eq!(report.sent, 1, "the confirmation goes at once");
    let day_before = start(2, 10) - Duration::hours(23);
    let report = worker(&c.app, Some(&smtp.url), day_before)
        .run_once()
        .await
        .unwrap();
    assert_eq!(report.sent, 1, "the day-before reminder is due");
    let mail = smtp.messages();
    assert_eq!(mail.len(), 2);
    let reminder = unfolded(&mail[1]);
    assert!(
        reminder.contains("To: \"Pat alice\" <alice@clinic.test>")
            || reminder.contains("To: Pat alice <alice@clinic.test>"),
        "{reminder}"
    );
    assert!(
        reminder.contains("From: Clinic <clinic@clinic.test>"),
        "{reminder}"
    );
    assert!(
        reminder.contains("Subject: Reminder: your appointment on"),
        "{reminder}"
    );
    assert!(
        reminder.contains("Dr. Doc house") && reminder.contains("Main"),
        "{reminder}"
    );
    assert!(!reminder.contains("cough"), "{reminder}");
    let rows = c.rows(id).await;
    assert_eq!(rows[1]["status"], "sent");
    assert_eq!(rows[1]["attempts"], 1);
    assert_eq!(rows[2]["status"], "pending", "the two-hour reminder waits");
}

#[tokio::test]
async fn no_reminder_arrives_for_a_cancelled_visit() {
    let c = clinic().await;
    let smtp = TestSmtp::start();
    let id = c.booked(&at(2, 10)).await;
    json_of(
        c.app
            .send_as(
                &c.staff,
                Method::POST,
                &format!("/appointments/{id}/cancel"),
                &json!({}),
            )
            .await,
        200,
    )
    .await;
    let report = worker(&c.app, Some(&smtp.url), start(2, 10) - Duration::hours(1))
        .run_once()
        .await
        .unwrap();
    assert_eq!((report.sent, report.skipped), (1, 3));
    let mail = smtp.messages();
    assert_eq!(mail.len(), 1, "only the cancellation: {mail:?}");
    assert!(mail[0].contains("was cancelled"));
    assert_eq!(
        c.kinds_and_statuses(id).await,
        pairs(&[
            ("booked", "skipped"),
            ("reminder", "skipped"),
            ("reminder", "skipped"),
            ("cancelled", "sent")
        ])
    );
    assert_eq!(
        c.rows(id).await[1]["error"],
        "the visit is no longer scheduled"
    );
}

#[tokio::test]
async fn no_reminder_arrives_for_the_old_time_of_a_moved_visit() {
    let c = clinic().await;
    let smtp = TestSmtp::start();
    let id = c.booked(&at(2, 10)).await;
    json_of(
        c.app
            .send_as(
                &c.staff,
                Method::PATCH,
                &format!("/appointments/{id}"),
                &json!({"starts_at": at(2, 16)}),
            )
            .await,
        200,
    )
    .await;
    // Two hours before the old start: the old reminders are due, and skipped.
    let report = worker(&c.app, Some(&smtp.url), start(2, 8))
        .run_once()
        .await
        .unwrap();
    assert_eq!(
        report.skipped, 3,
        "the booking notice and both old reminders"
    );
    let statuses: Vec<_> = c.kinds_and_statuses(id).await;
    assert_eq!(
        statuses,
        pairs(&[
            ("booked", "skipped"),
            ("reminder", "skipped"),
            ("reminder", "skipped"),
            ("moved", "sent"),
            ("reminder", "sent"),
            ("reminder", "pending")
        ])
    );
    assert_eq!(smtp.messages().len(), 2);
    assert!(smtp.messages()[1].contains("4:00 PM"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nothing_is_sent_twice_by_racing_workers_a_restart_or_the_command() {
    let c = clinic().await;
    let smtp = TestSmtp::start();
    let mut visits = Vec::new();
    for hour in 9..=13 {
        visits.push(c.booked(&at(2, hour)).await);
    }
    // The command line first: it sends the five confirmations due now.
    let (ok, out, err) = crate::cli::clinic(
        &["outbox", "run"],
        &[
            ("DATABASE_URL", c.app.database.url()),
            ("CLINIC_SMTP_URL", &smtp.url),
            ("CLINIC_MAIL_FROM", FROM),
        ],
    );
    assert!(ok, "{err}");
    assert!(out.contains("5 sent"), "{out}");
    assert_eq!(smtp.messages().len(), 5);
    // Two workers racing over the reminders due half an hour before the first visit (the
    // five day-before ones, the two-hour ones of the 9:00 and 10:00 visits), then a restart.
    let later = start(2, 9) - Duration::minutes(30);
    let racers = [
        worker(&c.app, Some(&smtp.url), later),
        worker(&c.app, Some(&smtp.url), later),
    ]
    .map(|w| tokio::spawn(async move { w.run_once().await }));
    let [a, b] = racers;
    let (a, b) = (a.await.unwrap(), b.await.unwrap());
    let (a, b) = (a.unwrap(), b.unwrap());
    let after_restart = worker(&c.app, Some(&smtp.url), later)
        .run_once()
        .await
        .unwrap();
    assert_eq!(
        after_restart.total(),
        0,
        "a restart finds nothing left to do"
    );
    assert_eq!(
        (a.sent + b.sent, a.skipped + b.skipped),
        (7, 0),
        "{a:?} {b:?}"
    );
    let mail = smtp.messages();
    assert_eq!(mail.len(), 12);
    let sent = c
        .app
        .scalar("SELECT count(*) FROM outbox_messages WHERE status = 'sent' AND attempts = 1")
        .await;
    assert_eq!(
        sent,
        Some(json!(12)),
        "each sent once, at the first attempt"
    );
    for visit in visits {
        assert_eq!(c.rows(visit).await.len(), 3);
    }
}

#[tokio::test]
async fn a_message_is_retried_with_backoff_while_the_server_is_down_then_delivered() {
    let c = clinic().await;
    let id = c.booked(&at(2, 10)).await;
    let down = smtp_down_url();
    let report = worker(&c.app, Some(&down), test_now())
        .run_once()
        .await
        .unwrap();
    assert_eq!(report.retried, 1);
    let row = &c.rows(id).await[0];
    assert_eq!(
        (row["status"].as_str(), row["attempts"].as_i64()),
        (Some("pending"), Some(1))
    );
    assert!(
        row["error"].as_str().is_some_and(|e| !e.is_empty()),
        "{row}"
    );
    let next = c
        .app
        .scalar(&format!(
            "SELECT next_attempt_at FROM outbox_messages WHERE appointment_id = {id} AND kind = 'booked'"
        ))
        .await
        .unwrap();
    let next = DateTime::parse_from_rfc3339(next.as_str().unwrap()).unwrap();
    assert_eq!(next, test_now() + Duration::minutes(1));

    let smtp = TestSmtp::start();
    let too_soon = worker(&c.app, Some(&smtp.url), test_now() + Duration::seconds(30))
        .run_once()
        .await
        .unwrap();
    assert_eq!(too_soon.total(), 0, "not before the backoff");
    let second = worker(&c.app, Some(&down), test_now() + Duration::minutes(1))
        .run_once()
        .await
        .unwrap();
    assert_eq!(second.retried, 1);
    let third = worker(&c.app, Some(&smtp.url), test_now() + Duration::minutes(3))
        .run_once()
        .await
        .unwrap();
    assert_eq!(third.sent, 1, "delivered after two minutes more");
    let row = &c.rows(id).await[0];
    assert_eq!(
        (row["status"].as_str(), row["attempts"].as_i64()),
        (Some("sent"), Some(3))
    );
    assert_eq!(smtp.messages().len(), 1);
}

#[tokio::test]
async fn without_an_smtp_server_messages_are_recorded_unsent_and_staff_see_them() {
    let c = clinic().await;
    let id = c.booked(&at(2, 10)).await;
    let report = worker(&c.app, None, test_now()).run_once().await.unwrap();
    assert_eq!(report.unsent, 1);
    let page = json_of(c.app.get_as(&c.staff, "/outbox?status=unsent").await, 200).await;
    assert_eq!(page["total"], 1);
    let item = &page["items"][0];
    assert_eq!(item["status"], "unsent");
    assert_eq!(item["kind"], "booked");
    assert_eq!(item["channel"], "email");
    assert_eq!(item["appointment_id"], id);
    assert_eq!(item["recipient_user_id"], c.patient.user_id);
    assert_eq!(item["recipient_name"], "Pat alice");
    assert_eq!(item["attempts"], 1);
    assert_eq!(item["last_error"], "no email sender is configured");
    assert!(
        item.get("body").is_none() && !item.to_string().contains("cough"),
        "{item}"
    );
    let all = json_of(c.app.get_as(&c.staff, "/outbox").await, 200).await;
    assert_eq!(all["total"], 3);
    assert_eq!(all["items"][0]["kind"], "reminder", "the latest due first");
    let pending = json_of(
        c.app
            .get_as(
                &c.staff,
                &format!("/outbox?status=pending&appointment_id={id}"),
            )
            .await,
        200,
    )
    .await;
    assert_eq!(pending["total"], 2);
    assert!(pending["items"][0]["next_attempt_at"].is_string());
    let admin = c.app.user(Role::Admin, "root").await;
    json_of(c.app.get_as(&admin, "/outbox").await, 200).await;
    assert_problem(
        c.app.get_as(&c.staff, "/outbox?status=lost").await,
        400,
        "invalid_query",
    )
    .await;
}

#[tokio::test]
async fn patients_and_doctors_may_not_read_the_outbox() {
    let c = clinic().await;
    assert_problem(c.app.get_as(&c.patient, "/outbox").await, 403, "forbidden").await;
    assert_problem(c.app.get_as(&c.doctor, "/outbox").await, 403, "forbidden").await;
    let anonymous = c.app.get("/api/v1/outbox").await;
    assert_eq!(anonymous.status(), 401);
}

#[tokio::test]
async fn the_clinics_reminder_offsets_are_an_admin_setting_the_next_booking_follows() {
    let c = clinic().await;
    let admin = c.app.user(Role::Admin, "root").await;
    let current = json_of(c.app.get_as(&admin, "/clinic/settings").await, 200).await;
    assert_eq!(current["reminder_offsets_minutes"], json!([1440, 120]));
    let mut body = json!({"late_cancellation_hours": 24, "booking_horizon_days": 180, "max_future_appointments": 5});
    let kept = json_of(
        c.app
            .send_as(&admin, Method::PUT, "/clinic/settings", &body)
            .await,
        200,
    )
    .await;
    assert_eq!(
        kept["reminder_offsets_minutes"],
        json!([1440, 120]),
        "left out, they stay"
    );
    body["reminder_offsets_minutes"] = json!([60, 2880]);
    let changed = json_of(
        c.app
            .send_as(&admin, Method::PUT, "/clinic/settings", &body)
            .await,
        200,
    )
    .await;
    assert_eq!(changed["reminder_offsets_minutes"], json!([2880, 60]));
    body["reminder_offsets_minutes"] = json!([5]);
    let refused = assert_problem(
        c.app
            .send_as(&admin, Method::PUT, "/clinic/settings", &body)
            .await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(refused["errors"][0]["field"], "reminder_offsets_minutes");
    let id = c.booked(&at(3, 10)).await;
    let offsets: Vec<_> = c
        .rows(id)
        .await
        .iter()
        .map(|r| r["offset"].clone())
        .collect();
    assert_eq!(offsets, [json!(0), json!(2880), json!(60)]);
}

#[tokio::test]
async fn an_attachment_reaches_the_smtp_server() {
    let smtp = TestSmtp::start();
    let sender = SmtpSender::new(&smtp.url, FROM).unwrap();
    let ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n";
    sender
        .send(&OutgoingMessage {
            channel: Channel::Email,
            to: "alice@clinic.test".into(),
            to_name: "Alice Smith".into(),
            subject: "Your appointment is booked".into(),
            body: "See the attached calendar entry.".into(),
            attachments: vec![Attachment {
                filename: "appointment-7.ics".into(),
                content_type: "text/calendar; charset=utf-8; method=REQUEST".into(),
                body: ics.as_bytes().to_vec(),
            }],
        })
        .await
        .unwrap();
    let mail = smtp.messages();
    assert_eq!(mail.len(), 1);
    let raw = unfolded(&mail[0]);
    assert!(raw.contains("multipart/mixed"), "{raw}");
    assert!(raw.contains("filename=\"appointment-7.ics\""), "{raw}");
    assert!(raw.contains("text/calendar"), "{raw}");
    assert!(
        raw.contains("BEGIN:VCALENDAR") || raw.contains("QkVHSU46VkNBTEVOREFS"),
        "{raw}"
    );
    assert!(raw.contains("See the attached calendar entry."), "{raw}");
}

/// The worker as `clinic serve` builds it: the visit's `.ics` rides on its emails.
fn worker_with_calendar(app: &TestApp, smtp: &str, now: DateTime<Utc>) -> OutboxWorker {
    use clinic_infrastructure::messaging::VisitCalendarAttachments;
    use clinic_infrastructure::repositories::{PgAppointments, PgOfficeRepository};
    let clock: Arc<dyn clinic_domain::Clock> = Arc::new(FixedClock::at(now));
    OutboxWorker {
        attachments: Arc::new(VisitCalendarAttachments::new(
            Arc::new(PgAppointments::with_clock(
                app.db.clone(),
                Arc::clone(&clock),
            )),
            Arc::new(PgOfficeRepository::new(app.db.clone())),
            Arc::clone(&clock),
        )),
        ..worker(app, Some(smtp), now)
    }
}

/// The calendar part of a delivered email, decoded, if it has one.
fn calendar_part(raw: &str) -> Option<String> {
    let start = raw.find("Content-Type: text/calendar")?;
    let part = &raw[start..];
    let part = &part[..part.find("\r\n--").unwrap_or(part.len())];
    let (headers, body) = part.split_once("\r\n\r\n")?;
    if headers.contains("base64") {
        use base64::Engine;
        let joined: String = body.split_whitespace().collect();
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(joined)
            .ok()?;
        Some(String::from_utf8(bytes).ok()?)
    } else {
        Some(body.replace("=\r\n", ""))
    }
}

#[tokio::test]
async fn the_booked_and_cancelled_emails_carry_the_visits_calendar_entry_and_reminders_none() {
    let c = clinic().await;
    let smtp = TestSmtp::start();
    let id = c.booked(&at(2, 10)).await;
    let sent = worker_with_calendar(&c.app, &smtp.url, test_now())
        .run_once()
        .await
        .unwrap();
    assert_eq!(sent.sent, 1);
    let day_before = start(2, 10) - Duration::hours(23);
    worker_with_calendar(&c.app, &smtp.url, day_before)
        .run_once()
        .await
        .unwrap();
    let cancelled = c
        .app
        .send_as(
            &c.staff,
            Method::POST,
            &format!("/appointments/{id}/cancel"),
            &json!({}),
        )
        .await;
    json_of(cancelled, 200).await;
    worker_with_calendar(&c.app, &smtp.url, day_before)
        .run_once()
        .await
        .unwrap();
    let mail = smtp.messages();
    assert_eq!(mail.len(), 3, "booked, the day-before reminder, cancelled");
    let uid = format!("UID:appointment-{id}@clinic");

    let booked = calendar_part(&mail[0]).expect("the booked email has an .ics");
    assert!(booked.contains("METHOD:REQUEST"), "{booked}");
    assert!(booked.contains(&uid), "{booked}");
    assert!(booked.contains("DTSTART:"), "{booked}");
    assert!(
        !booked.contains("cough"),
        "no reason for the visit: {booked}"
    );
    assert!(mail[0].contains("method=REQUEST"), "{}", mail[0]);

    assert!(
        calendar_part(&mail[1]).is_none(),
        "a reminder carries no calendar entry: {}",
        mail[1]
    );

    let cancel = calendar_part(&mail[2]).expect("the cancelled email has an .ics");
    assert!(cancel.contains("METHOD:CANCEL"), "{cancel}");
    assert!(cancel.contains("STATUS:CANCELLED"), "{cancel}");
    assert!(cancel.contains(&uid), "the same UID removes it: {cancel}");
}
