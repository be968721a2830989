//! Two `clinic serve` processes on one database, raced: every invariant that one instance keeps
//! holds across instances, because each is kept by PostgreSQL (an exclusion constraint and row
//! locks, the throttle's attempt table, the outbox's `SKIP LOCKED` leases, the audit chain's
//! advisory lock), not by memory inside a process.
//!
//! Each test starts instance A and instance B with the same `DATABASE_URL`, JWT secret and
//! audit key on ports of their own, sends the requests of one race split between them
//! (even-numbered ones to A, odd ones to B) at once, then checks the answers and the rows.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::Utc;
use clinic_domain::FixedClock;
use clinic_domain::identity::throttle::ThrottleLimits;
use clinic_domain::identity::{AccessClaims, Role, SessionId, TokenIssuer};
use clinic_infrastructure::audit::{ChainVerdict, verify};
use clinic_infrastructure::security::{JwtSettings, JwtTokenIssuer};
use clinic_infrastructure::testing::test_audit_key;
use futures_util::future::join_all;
use reqwest::Method;
use serde_json::{Value, json};

use crate::appointments::{at, open_office};
use crate::helpers::{PASSWORD, TEST_JWT_SECRET, TestApp, TestUser, json_of, spawn_app};
use crate::serve_process::{ServeCommand, ServeProcess, TempDir};
use crate::smtp_server::TestSmtp;

/// One instance, on `app`'s database, logging into `dir`; delivering email to `smtp` when
/// given.
fn instance(app: &TestApp, dir: &Path, name: &str, smtp: Option<&str>) -> ServeProcess {
    let command = ServeCommand::new(app.database.url(), dir.join(format!("{name}.log")))
        .env("CLINIC_WORKERS", "2")
        .env("CLINIC_DB_MAX_CONNECTIONS", "8")
        // A loaded test machine must not turn a slow hash into a 503.
        .env("CLINIC_PASSWORD_HASH_CONCURRENCY", "16")
        .env("CLINIC_OUTBOX_POLL_SECS", "1")
        .env("CLINIC_MAIL_FROM", "Clinic <clinic@clinic.test>")
        // The outbox says what each run delivered: the log shows which instance sent what.
        .env("RUST_LOG", "warn,clinic_api::outbox=info");
    match smtp {
        Some(url) => command.env("CLINIC_SMTP_URL", url),
        None => command,
    }
    .spawn()
}

/// Two instances on the database of `app` (whose own in-process server, without an outbox
/// worker, and pool arrange and inspect rows). Fields drop in order: the processes stop
/// before the database and their directory go.
struct Pair {
    instances: [ServeProcess; 2],
    client: reqwest::Client,
    app: TestApp,
    _dir: TempDir,
}

impl Pair {
    async fn start() -> Self {
        Self::on(spawn_app().await, None).await
    }

    /// Both instances on `app`'s database, delivering email to `smtp` when given.
    async fn on(app: TestApp, smtp: Option<&str>) -> Self {
        let dir = TempDir::new("clinic-instances");
        let instances = [
            instance(&app, dir.path(), "a", smtp),
            instance(&app, dir.path(), "b", smtp),
        ];
        futures_util::future::join(instances[0].wait_ready(), instances[1].wait_ready()).await;
        Self {
            instances,
            client: reqwest::Client::new(),
            app,
            _dir: dir,
        }
    }

    /// A request to `/api/v1{path}` on instance A for even `n`, B for odd `n`.
    fn to(&self, n: usize, method: Method, path: &str) -> reqwest::RequestBuilder {
        let instance = &self.instances[n % 2];
        self.client
            .request(method, format!("{}/api/v1{path}", instance.address))
    }

    /// A signed-in request with a JSON body, to instance A or B by `n`.
    async fn send(
        &self,
        n: usize,
        user: &TestUser,
        method: Method,
        path: &str,
        body: &Value,
    ) -> reqwest::Response {
        self.to(n, method, path)
            .bearer_auth(&user.token)
            .json(body)
            .send()
            .await
            .expect("request sent")
    }

    /// A fixture user (as [`TestApp::user`]) whose token is signed now: the instances tell the
    /// time by the real clock, not by the test servers' stopped one.
    async fn user(&self, role: Role, name: &str) -> TestUser {
        fresh(&self.app, role, name).await
    }

    async fn count(&self, sql: &str) -> i64 {
        self.app.scalar(sql).await.unwrap().as_i64().unwrap()
    }
}

/// A fixture user of `app` with a token signed at the real now, valid for the instances
/// however long the test process has been running.
async fn fresh(app: &TestApp, role: Role, name: &str) -> TestUser {
    let mut user = app.user(role, name).await;
    let session = app
        .scalar(&format!(
            "SELECT family_id::text FROM refresh_tokens WHERE user_id = {}",
            user.user_id
        ))
        .await
        .unwrap();
    let now = Utc::now();
    user.token = JwtTokenIssuer::new(
        &JwtSettings {
            secret: TEST_JWT_SECRET.as_bytes().to_vec(),
        },
        Arc::new(FixedClock::at(now)),
    )
    .issue_access(&AccessClaims {
        user_id: user.user_id,
        role,
        session: SessionId(session.as_str().unwrap().to_owned()),
        issued_at: now,
        expires_at: now + chrono::Duration::minutes(15),
    })
    .unwrap();
    user
}

/// The status and (for an error) the problem code of an answer, checking errors are
/// problem+json.
async fn outcome(response: reqwest::Response) -> (u16, String) {
    let status = response.status().as_u16();
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let body: Value = response.json().await.unwrap_or(Value::Null);
    if status < 400 {
        return (status, String::new());
    }
    assert_eq!(content_type, "application/problem+json", "{status}: {body}");
    assert_eq!(body["status"], status, "{body}");
    (status, body["code"].as_str().unwrap_or_default().to_owned())
}

fn tally<T: Ord>(items: impl IntoIterator<Item = T>) -> BTreeMap<T, usize> {
    let mut tally = BTreeMap::new();
    for item in items {
        *tally.entry(item).or_default() += 1;
    }
    tally
}

const RACERS: usize = 20;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_slot_booked_through_both_instances_at_once_is_booked_once() {
    let pair = Pair::start().await;
    let app = &pair.app;
    let staff = pair.user(Role::Staff, "desk").await;
    let doctor = pair.user(Role::Doctor, "house").await;
    let office = open_office(app, &doctor).await;
    let mut patients = Vec::new();
    for i in 0..RACERS {
        patients.push(pair.user(Role::Patient, &format!("patient{i}")).await);
    }
    let slot = at(7, 10);
    let bookings = patients.iter().enumerate().map(|(n, p)| {
        let body = json!({"patient_id": p.patient_id, "doctor_id": doctor.doctor_id,
            "office_id": office, "starts_at": slot, "duration_minutes": 30});
        let (pair, staff) = (&pair, &staff);
        async move {
            outcome(
                pair.send(n, staff, Method::POST, "/appointments", &body)
                    .await,
            )
            .await
        }
    });
    let outcomes = tally(join_all(bookings).await);
    println!("bookings of one slot: {outcomes:?}");
    assert_eq!(
        outcomes,
        BTreeMap::from([
            ((201, String::new()), 1),
            ((409, "appointment_conflict".to_owned()), RACERS - 1)
        ])
    );
    let doctor_id = doctor.doctor_id.unwrap();
    let active = pair
        .count(&format!(
            "SELECT count(*) FROM appointments WHERE doctor_id = {doctor_id}
             AND appointment_datetime = '{slot}'
             AND status IN ('scheduled', 'confirmed', 'checked_in')"
        ))
        .await;
    assert_eq!(active, 1, "one visit holds the slot");
    assert_eq!(pair.count("SELECT count(*) FROM appointments").await, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn primary_doctors_set_through_both_instances_at_once_leave_one_primary() {
    let pair = Pair::start().await;
    let staff = pair.user(Role::Staff, "frontdesk").await;
    let patient = pair.user(Role::Patient, "alice").await.patient_id.unwrap();
    let mut doctors = Vec::new();
    for n in 0..RACERS {
        doctors.push(
            pair.user(Role::Doctor, &format!("doctor{n}"))
                .await
                .doctor_id
                .unwrap(),
        );
    }
    let path = format!("/patients/{patient}/primary-doctor");
    let changes = doctors.iter().enumerate().map(|(n, &doctor)| {
        let (pair, staff, path) = (&pair, &staff, &path);
        let body = json!({"doctor_id": doctor});
        async move { outcome(pair.send(n, staff, Method::PUT, path, &body).await).await }
    });
    let outcomes = join_all(changes).await;
    println!(
        "primary doctor changes: {:?}",
        tally(outcomes.iter().cloned())
    );
    assert!(
        outcomes.iter().all(|(s, _)| matches!(s, 200 | 409)),
        "{outcomes:?}"
    );
    let succeeded = outcomes.iter().filter(|(s, _)| *s == 200).count();
    assert!(succeeded >= 1, "{outcomes:?}");
    let primaries = pair
        .count(&format!(
            "SELECT count(*) FROM patient_doctors WHERE patient_id = {patient} AND is_primary"
        ))
        .await;
    assert_eq!(primaries, 1, "{outcomes:?}");
    let named = pair
        .count(&format!(
            "SELECT primary_doctor_id FROM patients WHERE patient_id = {patient}"
        ))
        .await;
    // Both instances answer with the same one team and the same one primary.
    for n in 0..2 {
        let team = pair
            .to(n, Method::GET, &format!("/patients/{patient}/doctors"))
            .bearer_auth(&staff.token)
            .send()
            .await
            .unwrap();
        let team = json_of(team, 200).await;
        let items = team["items"].as_array().unwrap();
        assert_eq!(items.len(), succeeded, "each success added its doctor");
        let primary: Vec<i64> = items
            .iter()
            .filter(|m| m["is_primary"] == true)
            .map(|m| m["doctor_id"].as_i64().unwrap())
            .collect();
        assert_eq!(primary, [named], "instance {n}: {team}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn payments_through_both_instances_at_once_never_overshoot_the_bill() {
    let pair = Pair::start().await;
    let app = &pair.app;
    let staff = pair.user(Role::Staff, "desk").await;
    let doctor = pair.user(Role::Doctor, "house").await;
    let alice = pair.user(Role::Patient, "alice").await;
    let bill = crate::billing::bill(app, &alice, &doctor, "120.00", "2099-01-01").await;
    // Twenty payments of 10.00 to 70.00 (in cents: 1000, 1500, ... ) sum far past 120.00.
    let cents: Vec<i64> = (0..RACERS as i64).map(|n| 1000 + 500 * (n % 13)).collect();
    assert!(cents.iter().sum::<i64>() > 12_000);
    let path = format!("/bills/{bill}/payments");
    let payments = cents.iter().enumerate().map(|(n, &cents)| {
        let (pair, staff, path) = (&pair, &staff, &path);
        let body = json!({"amount": format!("{}.{:02}", cents / 100, cents % 100)});
        async move {
            let answer = outcome(pair.send(n, staff, Method::POST, path, &body).await).await;
            (answer, cents)
        }
    });
    let answers = join_all(payments).await;
    println!("payments (status, code), cents: {answers:?}");
    let accepted: i64 = answers
        .iter()
        .filter(|((s, _), _)| *s == 201)
        .map(|(_, c)| c)
        .sum();
    let refused = tally(
        answers
            .iter()
            .filter(|((s, _), _)| *s != 201)
            .map(|(a, _)| a.clone()),
    );
    assert!(
        refused
            .keys()
            .all(|(s, code)| (*s == 422 && code == "validation_failed") || *s == 409),
        "{refused:?}"
    );
    assert!(accepted > 0 && accepted <= 12_000, "{answers:?}");
    let paid_cents = |sql: String| async move {
        let text = app.scalar(&sql).await.unwrap();
        let text = text.as_str().unwrap().to_owned();
        let (units, cents) = text.split_once('.').unwrap();
        units.parse::<i64>().unwrap() * 100 + cents.parse::<i64>().unwrap()
    };
    let amount_paid = paid_cents(format!(
        "SELECT amount_paid::text FROM bills WHERE bill_id = {bill}"
    ))
    .await;
    let payments = paid_cents(format!(
        "SELECT COALESCE(sum(amount), 0.00)::numeric(12, 2)::text FROM payments WHERE bill_id = {bill}"
    ))
    .await;
    assert_eq!((amount_paid, payments), (accepted, accepted), "{answers:?}");
    // Whatever is left is less than every refused amount: a refusal was for overshooting.
    let left = 12_000 - accepted;
    for ((status, _), cents) in &answers {
        if *status == 422 {
            assert!(*cents > left, "{cents} fit in {left}: {answers:?}");
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn audited_writes_through_both_instances_at_once_form_one_intact_chain() {
    let pair = Pair::start().await;
    let app = &pair.app;
    let staff = pair.user(Role::Staff, "desk").await;
    let doctor = pair.user(Role::Doctor, "house").await;
    let office = open_office(app, &doctor).await;
    let alice = pair.user(Role::Patient, "alice").await;
    let bill = crate::billing::bill(app, &alice, &doctor, "500.00", "2099-01-01").await;
    let mut patients = Vec::new();
    for i in 0..10 {
        patients.push(pair.user(Role::Patient, &format!("patient{i}")).await);
    }
    let before = pair.count("SELECT count(*) FROM audit_log").await;
    // Bookings of distinct slots and payments on one bill, all audited, all at once.
    let bookings = patients.iter().enumerate().map(|(n, p)| {
        let body = json!({"patient_id": p.patient_id, "doctor_id": doctor.doctor_id,
            "office_id": office, "starts_at": at(3, 8 + n as u32), "duration_minutes": 30});
        let (pair, staff) = (&pair, &staff);
        async move {
            outcome(
                pair.send(n, staff, Method::POST, "/appointments", &body)
                    .await,
            )
            .await
        }
    });
    let payments = (0..10).map(|n| {
        let (pair, staff) = (&pair, &staff);
        let path = format!("/bills/{bill}/payments");
        async move {
            let body = json!({"amount": "10.00"});
            outcome(pair.send(n + 1, staff, Method::POST, &path, &body).await).await
        }
    });
    let (booked, paid) = futures_util::future::join(join_all(bookings), join_all(payments)).await;
    assert!(booked.iter().all(|(s, _)| *s == 201), "{booked:?}");
    assert!(paid.iter().all(|(s, _)| *s == 201), "{paid:?}");
    let rows = pair.count("SELECT count(*) FROM audit_log").await;
    assert!(
        rows >= before + 20,
        "every write is audited: {before} then {rows}"
    );

    let verdict = verify(&app.db, &test_audit_key(), None).await.unwrap();
    let ChainVerdict::Intact(verified) = verdict else {
        panic!("the chain is broken: {verdict:?}");
    };
    assert_eq!(verified.rows, u64::try_from(rows).unwrap());
    println!("audit rows: {before} before the race, {rows} after, all verified");
    // One order: each row links to the row before it by id, and time never runs backwards
    // along it (the rows of both instances interleave in one sequence, not two forks).
    let forks = pair
        .count(
            "SELECT count(*) FROM (SELECT prev_hash FROM audit_log GROUP BY prev_hash
             HAVING count(*) > 1) f",
        )
        .await;
    assert_eq!(forks, 0, "no two rows follow the same row");
    let backwards = pair
        .count(
            "SELECT count(*) FROM (SELECT changed_at < lag(changed_at) OVER (ORDER BY log_id) AS b
             FROM audit_log) t WHERE b",
        )
        .await;
    assert_eq!(backwards, 0, "changed_at follows log_id");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn failed_sign_ins_spread_over_both_instances_are_counted_together() {
    let pair = Pair::start().await;
    pair.user(Role::Staff, "shared").await;
    let guesses = (0..RACERS).map(|n| {
        let pair = &pair;
        async move {
            let response = pair
                .to(n, Method::POST, "/auth/login")
                .json(&json!({"login": "shared", "password": "a wrong guess here"}))
                .send()
                .await
                .unwrap();
            let retry_after = response
                .headers()
                .get("retry-after")
                .map(|v| v.to_str().unwrap().to_owned());
            (n % 2, outcome(response).await, retry_after)
        }
    });
    let answers = join_all(guesses).await;
    println!("guesses (instance, (status, code), retry-after): {answers:?}");
    let limit = ThrottleLimits::DEFAULT.login_per_account as usize;
    let statuses = tally(answers.iter().map(|(_, (s, _), _)| *s));
    assert_eq!(
        statuses,
        BTreeMap::from([(401, limit), (429, RACERS - limit)]),
        "only {limit} guesses are evaluated across both: {answers:?}"
    );
    for (_, (status, code), retry_after) in &answers {
        if *status == 429 {
            assert_eq!(code, "too_many_requests");
            assert!(
                retry_after
                    .as_deref()
                    .is_some_and(|s| s.parse::<u64>().unwrap() > 0),
                "{retry_after:?}"
            );
        }
    }
    // Now even the right password is refused by both, each saying when to come back.
    for n in 0..2 {
        let response = pair
            .to(n, Method::POST, "/auth/login")
            .json(&json!({"login": "shared", "password": PASSWORD}))
            .send()
            .await
            .unwrap();
        let retry_after = response.headers().get("retry-after").cloned();
        assert_eq!(
            outcome(response).await,
            (429, "too_many_requests".to_owned()),
            "instance {n}"
        );
        assert!(retry_after.is_some(), "instance {n}");
    }
}

/// Both instances run the outbox worker, polling every second. Thirty confirmations are due
/// before they start (enqueued through the in-process server, which runs no worker), so both
/// workers find the same due rows at once; ten more are enqueued through the instances while
/// they poll. Each patient gets exactly one email, each message is claimed once.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn both_outbox_workers_deliver_each_message_exactly_once() {
    let app = spawn_app().await;
    let smtp = TestSmtp::start();
    let staff = app.user(Role::Staff, "desk").await;
    let doctor = app.user(Role::Doctor, "house").await;
    let office = open_office(&app, &doctor).await;
    let mut patients = Vec::new();
    for i in 0..40 {
        patients.push(app.user(Role::Patient, &format!("pat{i}")).await);
    }
    let booking = |n: usize| {
        json!({"patient_id": patients[n].patient_id, "doctor_id": doctor.doctor_id,
            "office_id": office, "starts_at": at(2 + (n / 10) as i64, 8 + (n % 10) as u32),
            "duration_minutes": 30})
    };
    let early = (0..30).map(|n| {
        let (app, staff, body) = (&app, &staff, booking(n));
        async move {
            app.send_as(staff, Method::POST, "/appointments", &body)
                .await
                .status()
                .as_u16()
        }
    });
    assert!(join_all(early).await.iter().all(|s| *s == 201));
    let pair = Pair::on(app, Some(&smtp.url)).await;
    let staff = pair.user(Role::Staff, "late-desk").await;
    let late = (30..40).map(|n| {
        let (pair, staff, body) = (&pair, &staff, booking(n));
        async move {
            outcome(
                pair.send(n, staff, Method::POST, "/appointments", &body)
                    .await,
            )
            .await
        }
    });
    assert!(join_all(late).await.iter().all(|(s, _)| *s == 201));

    // Wait (bounded) until nothing due is left unsent.
    let started = Instant::now();
    let due = "SELECT count(*) FROM outbox_messages WHERE kind = 'booked' AND status <> 'sent'";
    while pair.count(due).await > 0 {
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "still unsent: {:?}",
            pair.app
                .scalar("SELECT json_agg(json_build_object('status', status, 'error', last_error)) FROM outbox_messages WHERE kind = 'booked' AND status <> 'sent'")
                .await
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let claimed_once = pair
        .count("SELECT count(*) FROM outbox_messages WHERE kind = 'booked' AND status = 'sent' AND attempts = 1")
        .await;
    assert_eq!(
        claimed_once, 40,
        "each message claimed once, at its first attempt"
    );
    assert_eq!(
        pair.count("SELECT count(*) FROM outbox_messages WHERE status = 'sent'")
            .await,
        40,
        "the reminders are not due yet"
    );
    let mail = smtp.messages();
    for instance in &pair.instances {
        let log = instance.output();
        let runs: Vec<&str> = log
            .lines()
            .filter(|l| l.contains("outbox delivered"))
            .collect();
        println!("{} delivered: {runs:?}", instance.address);
    }
    assert_eq!(mail.len(), 40, "one email per message");
    for (n, _) in patients.iter().enumerate() {
        let to = format!("<pat{n}@clinic.test>");
        let received = mail.iter().filter(|m| m.contains(&to)).count();
        assert_eq!(received, 1, "{to} got {received}");
    }
}
